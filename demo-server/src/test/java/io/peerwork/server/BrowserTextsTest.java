package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.server.TestServer.Client;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The texts and forms of issue 15, in German and in English: the host's series form (inputs of a
 * normal height, a labelled weekday, a preview of the dates it makes), the host's date list (past
 * dates marked, an empty waitlist says so, a rejection in the page's language), and a series room
 * before its lobby opens (when it starts, who opens it, offers not yet tappable; no help topic
 * preselected; the phase clock as a phrase). Screenshots go to target/screenshots.
 */
class BrowserTextsTest extends SeriesBrowserTest {
  static final String DATE = "2030-01-01";
  static final String SERIES = """
      {"formatId":"test-kitchen","title":"Küche am Dienstag","capacity":2,
       "place":{"address":"Gumpendorfer Straße 12, 1060 Wien"},
       "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""";

  BrowserTextsTest() {
    super("texts", Instant.parse("2029-12-10T10:00:00Z"), false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void theSeriesFormHasNormalInputsALabelledWeekdayAndAPreviewOfItsDates(String language) {
    boolean de = language.equals("de");
    driver = Browsers.start(language);
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
    driver.get(t.base() + "/host.html");
    wait(d -> d.findElements(By.cssSelector("[data-test=preview-date]")).size() == 6);
    for (String box : List.of("c-start", "c-hours", "c-capacity", "c-title", "c-day")) {
      assertThat(find(box).getSize().getHeight()).as(box + "'s height").isLessThanOrEqualTo(50);
    }
    // The weekday has a label in the page's language, not an English aria-label.
    assertThat(find("c-day").getAttribute("aria-label")).isNull();
    assertThat(driver.findElement(By.cssSelector("label[for=c-day]")).getAttribute("textContent"))
        .isEqualTo(de ? "Wochentag" : "Weekday");
    // Every date of the preview is a first Tuesday at 09:00–13:00; a past one says so.
    for (WebElement d : driver.findElements(By.cssSelector("[data-test=preview-date]"))) {
      assertThat(d.getText()).contains("09:00–13:00");
      java.time.LocalDate day = java.time.LocalDate.parse(d.getAttribute("data-date"));
      assertThat(day.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.TUESDAY);
      assertThat(day.getDayOfMonth()).isLessThanOrEqualTo(7);
      assertThat(d.getText().contains(de ? "(vorbei)" : "(past)")).isEqualTo(d.getAttribute("data-past").equals("true"));
    }
    Browsers.shot(driver, "texts-" + language + "-series-form-desktop");
    // The preview follows the form: the last Friday, from 18:30.
    new Select(find("c-ordinal")).selectByValue("-1");
    new Select(find("c-day")).selectByValue("FRIDAY");
    setValue("c-start", "18:30");
    wait(d -> d.findElements(By.cssSelector("[data-test=preview-date]")).stream().allMatch(e -> {
      java.time.LocalDate day = java.time.LocalDate.parse(e.getAttribute("data-date"));
      return day.getDayOfWeek() == java.time.DayOfWeek.FRIDAY && day.plusWeeks(1).getMonth() != day.getMonth()
          && e.getText().contains("18:30–22:30");
    }));
    Browsers.phone(driver);
    for (String box : List.of("c-start", "c-hours", "c-capacity")) {
      assertThat(find(box).getSize().getHeight()).as(box + "'s height on a phone").isLessThanOrEqualTo(50);
    }
    Browsers.shot(driver, "texts-" + language + "-series-form-phone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void theHostsDatesMarkThePastSayNobodyWaitsAndRejectInThePagesLanguage(String language) throws Exception {
    boolean de = language.equals("de");
    TestServer.Response created = t.post("/api/series", SERIES);
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    driver = Browsers.start(language);
    Browsers.phone(driver);
    driver.get(t.base() + "/host.html?series=" + sid + "&key=" + hostKey);
    // December's first Tuesday (the 4th) is over on the 10th; January's is not.
    waitText(By.cssSelector("[data-date='2029-12-04']"), de ? "(vorbei)" : "(past)");
    assertThat(find("dates").findElement(By.cssSelector("[data-date='" + DATE + "']")).getText())
        .doesNotContain(de ? "vorbei" : "past");
    driver.findElement(By.cssSelector("[data-date='" + DATE + "'] [data-test=date-details]")).click();
    waitText(By.cssSelector("[data-test=d-waitlist]"), de ? "Niemand wartet." : "Nobody is waiting.");
    WebElement empty = find("d-waitlist").findElement(By.tagName("li"));
    assertThat(empty.getCssValue("list-style-type")).isEqualTo("none"); // not "1. Nobody."
    // Moving January's date onto February's day: refused, in the page's language.
    setValue("d-newstart", "2030-02-05T09:00");
    Browsers.click(driver, "d-move-submit");
    waitText(By.cssSelector("[data-test=error]"), de ? "An diesem Tag gibt es schon einen Termin."
        : "There is a date on that day already.");
    Browsers.shot(driver, "texts-" + language + "-host-dates-phone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void beforeTheLobbyOpensTheRoomSaysWhenItStartsAndWhoOpensIt(String language) throws Exception {
    boolean de = language.equals("de");
    TestServer.Response created = t.post("/api/series", SERIES);
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    String token = mail.register(t, sid, DATE, "Anna", "anna@example.org", language).body().path("token").asText();
    assertThat(t.post("/api/series/" + sid + "/me/routines", "{\"taskId\":\"plan-posts\"}", token).status())
        .isEqualTo(200);
    JsonNode join = t.post("/api/series/" + sid + "/me/dates/" + DATE + "/join", "{}", token).body();
    String sessionId = join.path("sessionId").asText();

    driver = Browsers.start(language);
    driver.get(t.base() + "/index.html");
    driver.executeScript("localStorage.setItem(arguments[0], arguments[1])", "peerwork.join." + sessionId,
        join.toString());
    driver.get(t.base() + "/room.html?session=" + sessionId);
    waitText(By.cssSelector("[data-test=before-lobby]"), de ? "Beginnt" : "Starts");
    String before = find("before-lobby").getText();
    assertThat(before).contains("09:00", de ? "Die Gastgeber:in öffnet die Lobby" : "The host opens the lobby");
    waitText(By.cssSelector("[data-test=offers]"), de ? "Beiträge des Monats planen" : "Plan the month's posts");
    assertThat(find("offer").isEnabled()).as("an offer before the lobby opens").isFalse();
    assertThat(driver.findElement(By.id("offers-intro")).getText())
        .contains(de ? "sobald die Lobby offen ist" : "once the lobby is open");
    assertThat(find("goal-add").isEnabled()).isFalse();
    // No help topic is chosen for the person.
    Select topic = new Select(find("help-topic"));
    assertThat(topic.getFirstSelectedOption().getAttribute("value")).isEmpty();
    assertThat(topic.getFirstSelectedOption().getText()).isEqualTo(de ? "– Thema wählen –" : "– choose a topic –");
    Browsers.phone(driver);
    Browsers.shot(driver, "texts-" + language + "-room-before-lobby-phone");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    Browsers.shot(driver, "texts-" + language + "-room-before-lobby-desktop");

    // The host opens the lobby and starts: the offer can be taken, the clock says the phase as a phrase.
    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    TestServer.Response session = t.post("/api/series/" + sid + "/dates/" + DATE + "/session", "{}", hostKey);
    Client host = t.connect(t.join(sessionId, session.body().path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    wait(d -> !d.findElement(By.cssSelector("[data-test=before-lobby]")).isDisplayed());
    wait(d -> d.findElement(By.cssSelector("[data-test=offer]")).isEnabled());
    host.ok("StartSession");
    JsonNode running = host.view(v -> v.path("status").asText().equals("RUNNING"));
    String kind = running.path("current").path("kind").asText();
    String phase = (String) driver.executeScript(
        "return import('./i18n.js').then(m => m.t('phase' + arguments[0]))", kind);
    wait(d -> d.findElement(By.cssSelector("[data-test=countdown]")).getText()
        .matches(java.util.regex.Pattern.quote(phase) + (de ? " – noch \\d\\d:\\d\\d" : " – \\d\\d:\\d\\d left")));
    // Raising a hand without a topic asks for one instead of sending the first topic.
    Browsers.click(driver, "help-raise");
    waitText(By.cssSelector("[data-test=toast]"), de ? "Bitte wähle zuerst ein Thema." : "Please choose a topic first.");
    assertThat(host.viewNow().path("queue").path("waiting")).isEmpty();
    Browsers.shot(driver, "texts-" + language + "-room-running-desktop");
    host.close();
  }

  private WebElement find(String test) {
    return Browsers.find(driver, test);
  }

  /** Sets an input's value as a person would, firing its input event. */
  private void setValue(String test, String value) {
    driver.executeScript("const e = arguments[0]; e.value = arguments[1]; e.dispatchEvent(new Event('input', { bubbles: true }));",
        find(test), value);
  }

  private void waitText(By by, String text) {
    Browsers.waitText(driver, by, text, "texts-failure");
  }

  private <V> V wait(java.util.function.Function<? super WebDriver, V> until) {
    return Browsers.await(driver, until);
  }
}
