package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.server.TestServer.Client;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * Resources per task in the browser (phone-sized, in German and in English): the expert of a series
 * adds a link with a checklist to a task in the room; a participant declares that task as a goal and
 * finds the link under it, and again under her raised hand on one of the task's topics.
 */
class BrowserResourcesTest extends SeriesBrowserTest {
  static final String DATE = "2030-03-05";

  BrowserResourcesTest() {
    super("resources", Instant.parse("2030-02-10T10:00:00Z"), false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void theExpertAddsALinkAndTheParticipantSeesItWithHerGoalAndHerHand(String language) throws Exception {
    boolean de = language.equals("de");
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","capacity":5,"place":{"address":"Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    String anna = mail.register(t, sid, DATE, "Anna", "anna@example.org", language).body().path("token").asText();

    now.set(Instant.parse("2030-03-05T08:00:05Z"));
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + DATE + "/session", "{}", hostKey).body();
    String sessionId = session.path("sessionId").asText();
    Client host = t.connect(t.join(sessionId, session.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    String expertToken = t.join(sessionId, session.path("invites").path("expert").asText(), "Erika")
        .path("token").asText();

    // The expert adds a link with a short checklist to "plan the month's posts", and saves.
    driver = Browsers.start(language);
    Browsers.phone(driver);
    driver.get(t.base() + "/room.html?session=" + sessionId + "#t=" + expertToken);
    waitText(By.cssSelector("[data-test=resources-editor] h2"), de ? "Material pro Aufgabe" : "Resources per task");
    new Select(find("res-task")).selectByValue("plan-posts");
    waitText(By.cssSelector("[data-test=res-list]"), de ? "Noch kein Material" : "No resources for this task yet");
    find("res-title").sendKeys("Redaktionsplan-Vorlage");
    find("res-link").sendKeys("https://example.org/vorlage");
    find("res-checklist").sendKeys("Vorlage kopieren\nThemen eintragen");
    click("res-add");
    waitText(By.cssSelector("[data-test=res-list]"), "Redaktionsplan-Vorlage");
    Browsers.shot(driver, "resources-" + language + "-1-expert-adds");
    click("res-save");
    JsonNode saved = host.await(f -> f.path("type").asText().equals("resources") && f.path("tasks").has("plan-posts"));
    assertThat(saved.path("tasks").path("plan-posts").get(0).path("link").asText()).isEqualTo("https://example.org/vorlage");
    Browsers.await(driver, d -> find("res-save").getAttribute("disabled") != null); // nothing unsaved any more
    Browsers.shot(driver, "resources-" + language + "-2-expert-saved");

    // Anna joins in another tab and takes the task as a goal: the link shows under her goals.
    JsonNode joined = t.post("/api/series/" + sid + "/me/dates/" + DATE + "/join", "{}", anna).body();
    driver.switchTo().newWindow(WindowType.TAB);
    Browsers.phone(driver);
    driver.get(t.base() + "/room.html?session=" + sessionId + "#t=" + joined.path("token").asText());
    Browsers.await(driver, d -> d.findElements(By.cssSelector("[data-test=goal-task] option[value=plan-posts]")).size() == 1);
    assertThat(find("goal-resources").isDisplayed()).isFalse(); // nothing declared, nothing shown
    new Select(find("goal-task")).selectByValue("plan-posts");
    click("goal-add");
    waitText(By.cssSelector("[data-test=my-goals]"), de ? "Beiträge des Monats planen" : "Plan the month's posts");
    waitText(By.cssSelector("[data-test=goal-resources]"), "Redaktionsplan-Vorlage");
    WebElement link = driver.findElement(By.cssSelector("[data-test=goal-resources] [data-test=resource-link]"));
    assertThat(link.getAttribute("href")).isEqualTo("https://example.org/vorlage");
    assertThat(link.getAttribute("target")).isEqualTo("_blank");
    assertThat(link.getAttribute("rel")).contains("noopener");
    assertThat(find("goal-resources").getText())
        .contains(de ? "Material zu „Beiträge des Monats planen“" : "Help with \"Plan the month's posts\"")
        .contains("Vorlage kopieren", "Themen eintragen");
    Browsers.shot(driver, "resources-" + language + "-3-participant-goal");

    // She raises a hand on scheduling, one of the task's topics: the same help shows while she waits.
    new Select(find("help-topic")).selectByValue("scheduling");
    click("help-raise");
    waitText(By.cssSelector("[data-test=help-resources]"), "Redaktionsplan-Vorlage");
    assertThat(find("help-resources").getText()).contains(de ? "Bis jemand kommt" : "Until someone comes");
    Browsers.shot(driver, "resources-" + language + "-4-participant-hand");
    host.close();
  }

  private WebElement find(String test) {
    return Browsers.find(driver, test);
  }

  private void click(String test) {
    Browsers.click(driver, test);
  }

  private void waitText(By by, String text) {
    Browsers.waitText(driver, by, text, "resources-failure");
  }
}
