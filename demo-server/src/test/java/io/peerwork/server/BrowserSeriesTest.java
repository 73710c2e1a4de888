package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.server.TestServer.Client;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A series in the browser (phone-sized, in German and in English): the host's page shows registrations and the
 * waitlist; a participant registers, lands on the waitlist, moves up when someone cancels, chooses a
 * routine, and at the session finds it offered as a one-tap goal.
 */
class BrowserSeriesTest extends SeriesBrowserTest {
  static final String DATE = "2030-01-01";

  BrowserSeriesTest() {
    super("series", Instant.parse("2029-12-10T10:00:00Z"), false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void hostSeesRegistrationsAndWaitlistParticipantSeesRoutinesAndOffers(String language) throws Exception {
    boolean de = language.equals("de");
    String task = de ? "Beiträge des Monats planen" : "Plan the month's posts";
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","capacity":1,"experts":["Erika"],
         "place":{"address":"Gumpendorfer Straße 12, 1060 Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    TestServer.Response bernd = mail.register(t, sid, DATE, "Bernd", "bernd@example.org", "de");
    assertThat(bernd.body().path("status").asText()).isEqualTo("SEATED");

    driver = Browsers.start(language);
    Browsers.phone(driver);

    // Anna registers on the page: the only seat is taken, so she waits.
    driver.get(t.base() + "/series.html?series=" + sid);
    waitText(By.cssSelector("[data-test=series-title]"), "Küche am Dienstag");
    new Select(find("reg-date")).selectByValue(DATE);
    find("reg-name").sendKeys("Anna <i>A.</i>");
    find("reg-email").sendKeys("anna@example.org");
    Browsers.shot(driver, "series-" + language + "-1-register");
    click("reg-submit");
    // Nothing is registered until she opens the link mailed to her address.
    waitText(By.cssSelector("[data-test=notice]"), de ? "E-Mail an anna@example.org" : "e-mail to anna@example.org");
    assertThat(driver.findElement(By.id("mine")).isDisplayed()).isFalse();
    Browsers.shot(driver, "series-" + language + "-1b-check-mail");
    driver.get(t.base() + mail.confirmationLink("anna@example.org"));
    waitText(By.cssSelector("[data-test=confirm-what]"), "Anna <i>A.</i> (anna@example.org)");
    Browsers.shot(driver, "series-" + language + "-1c-confirm");
    click("confirm-submit");
    waitText(By.cssSelector("[data-test=notice]"), de ? "Anmeldung ist bestätigt" : "registration is confirmed");
    waitText(By.cssSelector("[data-test=my-date-status]"), de ? "Warteliste Nr. 1" : "Waitlist no. 1");
    assertThat(driver.getCurrentUrl()).contains("&t=").doesNotContain("confirm=");
    String calendar = driver.findElement(By.cssSelector("[data-test=my-calendar]")).getAttribute("href");
    assertThat(t.getText(calendar.substring(t.base().length())).body()).contains("BEGIN:VCALENDAR");

    // She chooses a routine from the catalogue.
    new Select(find("routine-task")).selectByValue("plan-posts");
    click("routine-add");
    waitText(By.cssSelector("[data-test=routine]"), task);
    // No "done in 0 of the last 0": before a first date has passed there is nothing to count.
    assertThat(driver.findElements(By.cssSelector("[data-test=done-in]"))).isEmpty();
    // Two calendar links, each saying which dates it holds.
    assertThat(find("series-calendar").getText()).isEqualTo(de ? "Alle Termine der Reihe im Kalender abonnieren"
        : "Subscribe to all dates of the series");
    assertThat(find("my-calendar").getText()).isEqualTo(de ? "Meine Termine im Kalender abonnieren" : "Subscribe to my dates");
    Browsers.shot(driver, "series-" + language + "-2-my-routines");

    // The host sees Bernd seated and Anna waiting, her name as text.
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.WINDOW);
    Browsers.phone(driver);
    String hostWindow = driver.getWindowHandle();
    driver.get(t.base() + "/host.html?series=" + sid + "&key=" + hostKey);
    waitText(By.cssSelector("[data-test=dates]"), "1/1 +1");
    driver.findElement(By.cssSelector("[data-date='" + DATE + "'] [data-test=date-details]")).click();
    waitText(By.cssSelector("[data-test=d-seated]"), "Bernd");
    waitText(By.cssSelector("[data-test=d-waitlist]"), "Anna <i>A.</i>");
    assertThat(driver.findElements(By.cssSelector("[data-test=d-waitlist] i"))).isEmpty();
    Browsers.shot(driver, "series-" + language + "-3-host-waitlist");

    // Bernd cancels: Anna moves up, and the host's list shows it.
    String berndToken = bernd.body().path("token").asText();
    assertThat(t.post("/api/series/" + sid + "/me/registrations/" + DATE + "/cancel", "{}", berndToken).status())
        .isEqualTo(200);
    driver.navigate().refresh();
    wait(d -> d.findElements(By.cssSelector("[data-date='" + DATE + "'] [data-test=date-details]")).size() == 1);
    driver.findElement(By.cssSelector("[data-date='" + DATE + "'] [data-test=date-details]")).click();
    waitText(By.cssSelector("[data-test=d-seated]"), "Anna <i>A.</i>");
    click("check-in");
    waitText(By.cssSelector("[data-test=d-checkin]"), de ? "da" : "here");
    Browsers.shot(driver, "series-" + language + "-4-host-checked-in");

    // The day comes: the host opens the room, Anna goes to the session and finds her routine offered.
    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    TestServer.Response session = t.post("/api/series/" + sid + "/dates/" + DATE + "/session", "{}", hostKey);
    String sessionId = session.body().path("sessionId").asText();
    Client host = t.connect(t.join(sessionId, session.body().path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    host.ok("StartSession");
    host.ok("AdvancePhase");

    driver.switchTo().window(driver.getWindowHandles().stream().filter(h -> !h.equals(hostWindow)).findFirst()
        .orElseThrow());
    driver.navigate().refresh();
    waitText(By.cssSelector("[data-test=my-date-status]"), de ? "Platz sicher" : "Seat confirmed");
    click("to-session");
    wait(d -> d.getCurrentUrl().contains("room.html"));
    waitText(By.cssSelector("[data-test=offers]"), task);
    Browsers.shot(driver, "series-" + language + "-5-room-offers");
    driver.findElement(By.cssSelector("[data-test=offer]")).click();
    waitText(By.cssSelector("[data-test=my-goals]"), task);
    wait(d -> !d.findElement(By.cssSelector("[data-test=offers]")).isDisplayed()
        || d.findElements(By.cssSelector("[data-test=offer]")).isEmpty());
    JsonNode view = host.view(v -> v.path("goals").size() == 1);
    assertThat(view.path("goals").get(0).path("taskId").asText()).isEqualTo("plan-posts");
    Browsers.shot(driver, "series-" + language + "-6-room-goal-taken");
    host.close();
  }

  private WebElement find(String test) {
    return Browsers.find(driver, test);
  }

  private void click(String test) {
    Browsers.click(driver, test);
  }

  private void waitText(By by, String text) {
    Browsers.waitText(driver, by, text, "series-failure");
  }

  private <V> V wait(java.util.function.Function<? super WebDriver, V> until) {
    return Browsers.await(driver, until);
  }
}
