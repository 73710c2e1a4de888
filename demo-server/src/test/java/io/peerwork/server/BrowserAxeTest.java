package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 15, problem 5 (and 8): axe-core finds no violation of any impact on any page, in German and
 * English, on a phone and on a desktop: the join page, the room as participant (two goals, a raised
 * hand, a chat line), as expert (a queue) and as host (controls, overview, seats), the host's series
 * form and date list, and the series page before and after registering. Before this change axe
 * found {@code scrollable-region-focusable} on the agenda and the chat among others.
 */
class BrowserAxeTest extends SeriesBrowserTest {
  static final String DATE = "2030-01-01";
  static final String SERIES = """
      {"formatId":"test-kitchen","title":"Küche am Dienstag","capacity":4,
       "place":{"address":"Gumpendorfer Straße 12, 1060 Wien"},
       "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""";
  final Map<String, String> windows = new LinkedHashMap<>();
  final Map<String, List<String>> violations = new LinkedHashMap<>();
  String lang;
  String layout;

  BrowserAxeTest() {
    super("axe", Instant.parse("2029-12-10T10:00:00Z"), false, TestServer.manyJoinsFromOneAddress());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"de, phone", "en, desktop", "en, phone", "de, desktop"})
  void noPageHasAnyAxeViolation(String language, String size) throws Exception {
    lang = language;
    layout = size;
    boolean de = language.equals("de");
    driver = Browsers.start(language);
    windows.put("main", driver.getWindowHandle());
    resize();

    // The host's pages: the series form, then a series' dates.
    driver.get(t.base() + "/host.html");
    Browsers.await(driver, d -> d.findElements(By.cssSelector("[data-test=preview-date]")).size() == 6);
    axe("host-form");
    TestServer.Response series = t.post("/api/series", SERIES);
    String seriesId = series.body().path("seriesId").asText();
    driver.get(t.base() + "/host.html?series=" + seriesId + "&key=" + series.body().path("hostKey").asText());
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-date='" + DATE + "']")).isEmpty());
    axe("host-dates");

    // The series page, before and after registering.
    driver.get(t.base() + "/series.html?series=" + seriesId);
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=reg-date] option")).isEmpty());
    axe("series");
    String token = mail.register(t, seriesId, DATE, "Anna", "anna@example.org", language).body().path("token").asText();
    driver.get(t.base() + "/series.html?series=" + seriesId + "&t=" + token);
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=my-date]")).isEmpty());
    axe("series-registered");

    // A session: the join page, then the room as host, expert and participant.
    TestServer.Response created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"title\":\"" + (de ? "Küche im März" : "Kitchen in March")
            + "\",\"zone\":\"Europe/Vienna\",\"capacity\":10}");
    assertThat(created.status()).isEqualTo(201);
    String sid = created.body().path("sessionId").asText();
    JsonNode inv = created.body().path("invites");
    driver.get(t.base() + "/?session=" + sid + "&code=" + inv.path("participant").asText());
    Browsers.await(driver, d -> d.findElement(By.id("info-title")).isDisplayed());
    axe("join");

    join("host", sid, inv.path("host").asText(), "Hanna", true);
    Browsers.await(driver, d -> !find("status").getText().isEmpty());
    if (find("host-open").isDisplayed()) {
      Browsers.click(driver, "host-open");
    }
    waitText("status", de ? "Lobby offen" : "Lobby open");
    join("expert", sid, inv.path("expert").asText(), "Erich", false);
    join("anna", sid, inv.path("participant").asText(), "Anna", false);
    on("host");
    Browsers.click(driver, "host-start");
    waitText("status", de ? "Läuft" : "Running");
    Browsers.click(driver, "host-advance");
    // The goal round has begun (the room answered the host) before Anna writes a goal.
    Browsers.waitText(driver, By.cssSelector("[data-test=roomhead]"), de ? "Zielrunde" : "Goal round",
        "axe-" + lang + "-" + layout + "-failure");
    on("anna");
    Browsers.waitText(driver, By.cssSelector("[data-test=roomhead]"), de ? "Zielrunde" : "Goal round",
        "axe-" + lang + "-" + layout + "-failure");
    for (String goal : List.of("Newsletter", "Impressum")) {
      find("goal-text").sendKeys(goal);
      Browsers.click(driver, "goal-add");
      waitText("my-goals", goal);
    }
    new Select(find("help-topic")).selectByValue("scheduling");
    Browsers.click(driver, "help-raise");
    waitText("my-place", de ? "Nr. 1" : "number 1");
    if ("false".equals(find("chat-toggle").getAttribute("aria-expanded"))) {
      Browsers.click(driver, "chat-toggle"); // the chat panel is closed on a phone
    }
    find("chat-text").sendKeys("Hallo zusammen");
    Browsers.click(driver, "chat-send");
    waitText("chat-log", "Hallo zusammen");
    axe("room-participant");
    on("expert");
    waitText("queue", "Anna");
    axe("room-expert");
    on("host");
    waitText("host-waiting", "Anna");
    axe("room-host");

    assertThat(violations).as("axe violations per page (" + lang + ", " + layout + ")")
        .allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
  }

  /** Runs axe-core on the current page and keeps what it finds under {@code page}. */
  private void axe(String page) {
    List<Rule> found = new AxeBuilder().analyze(driver).getViolations();
    violations.put(page, found.stream().map(r -> r.getImpact() + " " + r.getId() + ": " + r.getNodes().stream()
        .map(n -> n.getTarget() + " " + n.getHtml()).collect(Collectors.joining(" | "))).toList());
    if (!found.isEmpty()) {
      Browsers.shot(driver, "axe-" + lang + "-" + layout + "-" + page);
    }
  }

  private void join(String who, String sid, String code, String name, boolean first) {
    if (!first) {
      driver.switchTo().newWindow(WindowType.WINDOW);
      resize();
    }
    windows.put(who, driver.getWindowHandle());
    driver.get(t.base() + "/?session=" + sid + "&code=" + code);
    Browsers.await(driver, d -> d.findElement(By.id("info-title")).isDisplayed());
    find("name").clear();
    find("name").sendKeys(name);
    Browsers.click(driver, "join");
    Browsers.await(driver, d -> d.getCurrentUrl().contains("room.html"));
    waitText("connection", lang.equals("de") ? "Verbunden" : "Connected");
  }

  private void resize() {
    if (layout.equals("phone")) {
      Browsers.phone(driver);
    } else {
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", 1366, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }
  }

  private void on(String who) {
    driver.switchTo().window(windows.get(who));
  }

  private org.openqa.selenium.WebElement find(String test) {
    return Browsers.find(driver, test);
  }

  private void waitText(String test, String text) {
    Browsers.waitText(driver, By.cssSelector("[data-test=" + test + "]"), text, "axe-" + lang + "-" + layout + "-failure");
  }
}
