package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.server.TestServer.Client;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * "Meine Daten" in the room, in German, for a person who joined a single session by its invite
 * link: the download holds her name and goal, another name is refused with the reason, and her
 * own name (after the confirm step) erases her; the others' room no longer shows her.
 */
class BrowserSessionDataTest {
  TestServer t;
  ChromeDriver driver;

  @BeforeEach
  void start() throws Exception {
    Browsers.assumeInstalled();
    t = new TestServer(List.of(TestServer.manyJoinsFromOneAddress()));
  }

  @AfterEach
  void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (t != null) {
      t.close();
    }
  }

  @Test
  void aGuestDownloadsAndErasesHerDataInTheRoom() throws Exception {
    JsonNode created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"title\":\"Werkstatt\",\"zone\":\"Europe/Vienna\",\"capacity\":10}").body();
    String sid = created.path("sessionId").asText();
    JsonNode inv = created.path("invites");
    Client host = t.connect(t.join(sid, inv.path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    Client ben = t.connect(t.join(sid, inv.path("participant").asText(), "Ben"));
    ben.await(f -> f.path("type").asText().equals("snapshot"));

    driver = Browsers.start("de");
    driver.get(t.base() + "/?session=" + sid + "&code=" + inv.path("participant").asText());
    Browsers.await(driver, d -> d.findElement(By.id("info-title")).isDisplayed());
    Browsers.find(driver, "name").clear();
    Browsers.find(driver, "name").sendKeys("Paula Quaste");
    Browsers.click(driver, "join");
    Browsers.await(driver, d -> d.getCurrentUrl().contains("room.html"));
    Browsers.waitText(driver, By.cssSelector("[data-test=connection]"), "Verbunden", "session-data-connect");
    host.ok("StartSession");
    host.ok("AdvancePhase");
    ben.view(v -> v.toString().contains("Paula Quaste"));

    // The card, and its download: everything about her.
    Browsers.click(driver, By.cssSelector("[data-test=my-data] summary"));
    assertThat(driver.findElement(By.cssSelector("[data-test=my-data] summary")).getText()).isEqualTo("Meine Daten");
    URI uri = URI.create(Browsers.find(driver, "session-data-download").getAttribute("href"));
    JsonNode data = TestServer.JSON.readTree(t.getText(uri.getRawPath() + "?" + uri.getRawQuery()).body());
    assertThat(data.path("displayName").asText()).isEqualTo("Paula Quaste");
    assertThat(data.path("events").toString()).contains("Paula Quaste").doesNotContain("\"Ben\"");

    // Another name is refused, in German; nothing changes.
    Browsers.find(driver, "session-erase-name").sendKeys("Ben");
    Browsers.click(driver, "session-erase");
    driver.switchTo().alert().accept();
    Browsers.waitText(driver, By.cssSelector("[data-test=session-data-status]"), "Namen",
        "session-data-refused");
    assertThat(ben.viewNow().toString()).contains("Paula Quaste");

    Browsers.find(driver, "session-erase-name").clear();
    Browsers.find(driver, "session-erase-name").sendKeys("paula quaste");
    Browsers.click(driver, "session-erase");
    driver.switchTo().alert().accept();
    Browsers.waitText(driver, By.cssSelector("[data-test=session-data-status]"),
        "Alles über dich in dieser Session ist gelöscht", "session-data-erased");
    Browsers.shot(driver, "session-data-de-erased");
    ben.view(v -> !v.toString().contains("Paula Quaste"));
    host.close();
    ben.close();
  }
}
