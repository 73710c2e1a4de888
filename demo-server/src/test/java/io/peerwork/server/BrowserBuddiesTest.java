package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.server.internal.SeriesApi;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * Buddies in the browser, in German and English, on a 360 px phone and on a desktop: Anna sees Ben
 * looking (first name only), pairs with him and says she is stuck; Ben taps "done" in his mid-month
 * mail; each sees the other's check-in on their series page.
 */
class BrowserBuddiesTest extends SeriesBrowserTest {
  static final String DATE = "2030-01-01";

  BrowserBuddiesTest() {
    super("buddies", Instant.parse("2029-12-10T10:00:00Z"), false);
  }

  @ParameterizedTest
  @CsvSource({"de, phone", "en, desktop", "en, phone", "de, desktop"})
  void pairAndSeeEachOthersCheckIn(String language, String device) throws Exception {
    boolean de = language.equals("de");
    String shot = "buddies-" + language + "-" + device;
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","capacity":4,"experts":["Erika"],
         "place":{"address":"Gumpendorfer Straße 12, 1060 Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    String sid = created.body().path("seriesId").asText();
    String anna = mail.register(t, sid, DATE, "Anna Berger", "anna@example.org", language).body().path("token").asText();
    String ben = mail.register(t, sid, DATE, "Ben Miller", "ben@example.net", language).body().path("token").asText();
    assertThat(t.post("/api/series/" + sid + "/me/buddy/" + DATE + "/look", "{}", ben).status()).isEqualTo(200);

    driver = Browsers.start(language);
    size(device);
    driver.get(t.base() + "/series.html?series=" + sid + "&t=" + anna);
    waitText("buddy-other", "Ben");
    assertThat(find("buddy").getText()).doesNotContain("@").doesNotContain("Miller");
    assertThat(find("buddy").getText()).contains(de ? "Buddy für den Monat" : "Buddy for the month");
    fitsTheWidth();
    Browsers.shot(driver, shot + "-1-others");

    Browsers.click(driver, "buddy-pair");
    waitText("buddy-name", de ? "Dein Buddy: Ben" : "Your buddy: Ben");
    waitText("buddy-their-check", de ? "Ben hat sich noch nicht gemeldet." : "Ben has not checked in yet.");
    Browsers.click(driver, By.cssSelector("[data-test=buddy-mood][data-how=STUCK]"));
    waitText("notice", de ? "Dein Buddy sieht jetzt" : "Your buddy now sees");
    waitText("buddy-my-check", de ? "Du hast gesagt: Hänge fest" : "You said: Stuck");
    fitsTheWidth();
    Browsers.shot(driver, shot + "-2-paired");

    // Mid-month: Ben's mail has one link per answer; he taps "done" on his phone (another window).
    now.set(Instant.parse("2030-01-19T00:00:00Z"));
    assertThat(t.server.injector().getInstance(SeriesApi.class).buddyMails().sweep().toCompletionStage()
        .toCompletableFuture().get(20, TimeUnit.SECONDS)).isEqualTo(2);
    var mid = mail.to("ben@example.net").get(mail.to("ben@example.net").size() - 1);
    Matcher done = Pattern.compile("(/series\\.html\\?series=\\S+&how=DONE)").matcher(mid.body());
    assertThat(done.find()).as(mid.body()).isTrue();
    String annaWindow = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.WINDOW);
    size(device);
    driver.get(t.base() + done.group(1));
    waitText("notice", de ? "Dein Buddy sieht jetzt" : "Your buddy now sees");
    waitText("buddy-their-check", de ? "Anna sagt: Hänge fest" : "Anna says: Stuck");
    waitText("buddy-my-check", de ? "Du hast gesagt: Erledigt" : "You said: Done");
    assertThat(driver.getCurrentUrl()).doesNotContain("how=");
    fitsTheWidth();
    Browsers.shot(driver, shot + "-3-ben-tapped");

    driver.switchTo().window(annaWindow);
    driver.navigate().refresh();
    waitText("buddy-their-check", de ? "Ben sagt: Erledigt" : "Ben says: Done");
    Browsers.shot(driver, shot + "-4-anna-sees");
  }

  private void size(String device) {
    boolean phone = device.equals("phone");
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", phone ? 360 : 1366,
        "height", phone ? 780 : 900, "deviceScaleFactor", 1, "mobile", phone));
  }

  private void fitsTheWidth() {
    Object fits = driver.executeScript(
        "return document.documentElement.scrollWidth <= window.innerWidth"
            + " && [...document.querySelectorAll('#buddy button')].every(b => b.getBoundingClientRect().right <= window.innerWidth);");
    assertThat(fits).as("nothing wider than the screen").isEqualTo(true);
  }

  private org.openqa.selenium.WebElement find(String test) {
    return Browsers.find(driver, test);
  }

  private void waitText(String test, String text) {
    Browsers.waitText(driver, By.cssSelector("[data-test=" + test + "]"), text, "buddies-failure");
  }
}
