package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.server.TestServer.Client;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The wall of a series in the browser, in German and English, on a 360 px phone and on a desktop:
 * after her session Anna finds the goal she got done suggested, shares it with one tap, cheers
 * Ben's tip once, shares a tip of her own for a task; the host makes Ben's tip a resource of its
 * task. Nothing runs off the side of the phone.
 */
class BrowserWallTest extends SeriesBrowserTest {
  static final String DATE = "2030-01-01";

  BrowserWallTest() {
    super("wall", Instant.parse("2029-12-10T10:00:00Z"), true);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"de, phone", "en, phone", "de, desktop", "en, desktop"})
  void aMemberSharesAWinSuggestedFromHerGoalsCheersATipAndTheHostPromotesIt(String language, String size)
      throws Exception {
    boolean de = language.equals("de");
    String shot = "wall-" + language + "-" + size;
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","capacity":3,"place":{"address":"Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    String anna = mail.register(t, sid, DATE, "Anna", "anna@example.org", language).body().path("token").asText();
    String ben = mail.register(t, sid, DATE, "Ben", "ben@example.net", "de").body().path("token").asText();
    annasSession(sid, hostKey, anna);
    TestServer.Response tip = t.post("/api/series/" + sid + "/me/wall",
        "{\"kind\":\"TIP\",\"text\":\"Canva-Vorlagen sparen Zeit\",\"taskId\":\"plan-posts\"}", ben);
    assertThat(tip.status()).as(String.valueOf(tip.body())).isEqualTo(201);

    driver = Browsers.start(language);
    size(size);
    driver.get(t.base() + "/series.html?series=" + sid + "&t=" + anna);
    waitText(By.cssSelector("[data-test=wall] h2"), de ? "Pinnwand" : "Wall");
    waitText(By.cssSelector("[data-test=wall-post]"), "Canva-Vorlagen sparen Zeit");
    // Her goal done at the date is suggested, not posted.
    waitText(By.cssSelector("[data-test=wall-suggestions]"), de ? "Erledigt am 1. Januar" : "Done on January 1");
    assertThat(driver.findElements(By.cssSelector("[data-test=wall-post]"))).hasSize(1);
    Browsers.shot(driver, shot + "-1-suggested");

    // One tap fills the form; she shares it.
    click(By.cssSelector("[data-test=wall-suggestion]"));
    assertThat(find("wall-text").getAttribute("value")).isEqualTo("Drei Posts geplant");
    assertThat(new Select(find("wall-task")).getFirstSelectedOption().getAttribute("value")).isEqualTo("plan-posts");
    click(By.cssSelector("[data-test=wall-submit]"));
    waitText(By.cssSelector("[data-test=notice]"), de ? "Geteilt." : "Shared.");
    waitText(By.cssSelector("[data-test=wall-post]:first-child [data-test=wall-post-text]"), "Drei Posts geplant");
    assertThat(driver.findElements(By.cssSelector("[data-test=wall-suggestion]"))).as("shared, suggested no more")
        .isEmpty();
    // Her own post has no cheer button, but a remove button.
    assertThat(driver.findElements(By.cssSelector("[data-id=p2] [data-test=wall-cheer]"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("[data-id=p2] [data-test=wall-remove]"))).hasSize(1);

    // She cheers Ben's tip: once.
    click(By.cssSelector("[data-id=p1] [data-test=wall-cheer]"));
    waitText(By.cssSelector("[data-id=p1] [data-test=wall-cheers]"), de ? "1 × angefeuert" : "cheered 1 ×");
    WebElement cheer = driver.findElement(By.cssSelector("[data-id=p1] [data-test=wall-cheer]"));
    assertThat(cheer.isEnabled()).isFalse();
    assertThat(cheer.getText()).contains(de ? "Angefeuert" : "Cheered");

    // A tip needs a task: choosing "tip" leaves no "(no task)" to choose.
    new Select(find("wall-kind")).selectByValue("TIP");
    assertThat(new Select(find("wall-task")).getOptions()).extracting(o -> o.getAttribute("value"))
        .doesNotContain("").contains("plan-posts");
    find("wall-text").sendKeys("Erst <b>Bilder</b>, dann Text");
    click(By.cssSelector("[data-test=wall-submit]"));
    waitText(By.cssSelector("[data-test=wall-post]:first-child [data-test=wall-post-text]"), "Erst <b>Bilder</b>, dann Text");
    assertThat(driver.findElements(By.cssSelector("[data-test=wall-posts] b"))).as("text, never HTML").isEmpty();
    assertNothingOverflows();
    assertNoAxeViolation(shot + "-2");
    Browsers.shot(driver, shot + "-2-shared-and-cheered");
    assertThat(t.get("/api/series/" + sid + "/me/wall", ben).body().path("posts").get(2).path("cheers").asInt())
        .isEqualTo(1);

    // The host makes Ben's tip a resource of its task.
    driver.get(t.base() + "/host.html?series=" + sid + "&key=" + hostKey);
    waitText(By.cssSelector("[data-test=host-wall]"), "Canva-Vorlagen sparen Zeit");
    assertNoAxeViolation(shot + "-host");
    WebElement link = driver.findElement(By.cssSelector("[data-id=p1] [data-test=promote-link]"));
    link.sendKeys("https://www.canva.com/");
    click(By.cssSelector("[data-id=p1] [data-test=promote]"));
    waitText(By.cssSelector("[data-id=p1]"), de ? "Jetzt Material der Aufgabe" : "Now a resource of the task");
    assertThat(driver.findElements(By.cssSelector("[data-id=p1] [data-test=promote]"))).isEmpty();
    assertNothingOverflows();
    Browsers.shot(driver, shot + "-3-host-promoted");
    assertThat(t.get("/api/series/" + sid + "/resources", hostKey).body().path("tasks").path("plan-posts").toString())
        .contains("https://www.canva.com/", de ? "Tipp: Beiträge des Monats planen" : "Tip: Plan the month's posts")
        .as("the resource names the task, not the tip's author (it outlives the post)").doesNotContain("Ben");
  }

  /** Anna's session on the date: she marks "Drei Posts geplant" (task plan-posts) done; the host ends it. */
  private void annasSession(String sid, String hostKey, String anna) throws Exception {
    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + DATE + "/session", "{}", hostKey).body();
    Client host = t.connect(t.join(session.path("sessionId").asText(),
        session.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    Client p = t.connect(t.post("/api/series/" + sid + "/me/dates/" + DATE + "/join", "{}", anna).body());
    p.await(f -> f.path("type").asText().equals("offers"));
    host.ok("StartSession");
    host.ok("AdvancePhase");
    p.ok("DeclareGoal", "text", "Drei Posts geplant", "taskId", "plan-posts");
    host.ok("AdvancePhase");
    JsonNode view = p.view(v -> v.path("goals").size() == 1);
    p.ok("MarkGoal", "goal", view.path("goals").get(0).path("id").asText(), "status", "DONE");
    host.ok("EndSession");
    host.view(v -> v.path("status").asText().equals("ENDED"));
    host.close();
    p.close();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
        t.get("/api/series/" + sid + "/me/wall", anna).body().path("suggestions").size() == 1);
  }

  private void size(String size) {
    if (size.equals("phone")) {
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
    } else {
      driver.manage().window().setSize(new Dimension(1280, 900));
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }
  }

  private void assertNoAxeViolation(String page) {
    List<com.deque.html.axecore.results.Rule> found = new com.deque.html.axecore.selenium.AxeBuilder().analyze(driver)
        .getViolations();
    if (!found.isEmpty()) {
      Browsers.shot(driver, "axe-" + page);
    }
    assertThat(found.stream().map(r -> r.getImpact() + " " + r.getId() + ": " + r.getNodes().stream()
        .map(n -> n.getTarget() + " " + n.getHtml()).toList()).toList()).as("axe on " + page).isEmpty();
  }

  private void assertNothingOverflows() {
    Object overflow = driver.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue()).as("page wider than the screen").isLessThanOrEqualTo(0);
  }

  private WebElement find(String test) {
    return Browsers.find(driver, test);
  }

  private void click(By by) {
    Browsers.click(driver, by);
  }

  private void waitText(By by, String text) {
    Browsers.waitText(driver, by, text, "wall-failed");
  }
}
