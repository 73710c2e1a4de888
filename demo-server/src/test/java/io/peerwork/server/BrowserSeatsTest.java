package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A host removes someone from the page: the seats panel lists them, the remove button asks for a
 * reason, their socket closes with 4403. A removed person's page says so in their language, with the
 * reason, and does not reconnect.
 */
class BrowserSeatsTest {
  private ChromeDriver driver;
  private TestServer t;

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
  void aHostRemovesABotAndARemovedPersonIsToldWhy() throws Exception {
    Browsers.assumeInstalled();
    t = new TestServer();
    var demo = t.demo();
    driver = Browsers.start("en");
    Browsers.phone(driver);

    // The host's page: the bot is listed with its state, and removed with a reason.
    JsonNode botJoin = t.joinDemo(Role.PARTICIPANT, "Spam Bot");
    Client bot = t.connect(botJoin);
    bot.await(f -> f.path("type").asText().equals("snapshot"));
    driver.get(t.base() + "/?session=" + demo.sessionId() + "&code=" + demo.invites().get(Role.HOST));
    driver.findElement(By.cssSelector("[data-test=name]")).sendKeys("Hanna");
    driver.findElement(By.cssSelector("[data-test=join]")).click();
    Browsers.waitText(driver, By.cssSelector("[data-test=seat-list]"), "Spam Bot", "seats-list");
    Browsers.waitText(driver, By.cssSelector("[data-test=seat-list]"), "connected", "seats-connected");
    Browsers.waitText(driver, By.cssSelector("[data-test=code-participant]"), demo.invites().get(Role.PARTICIPANT),
        "seats-code");
    Browsers.click(driver, "remove");
    var prompt = Browsers.await(driver, d -> d.switchTo().alert());
    prompt.sendKeys("Werbung");
    prompt.accept();
    await().atMost(Duration.ofSeconds(10)).until(() -> bot.closed);
    assertThat(bot.closeStatusCode()).isEqualTo((short) 4403);
    Browsers.waitText(driver, By.cssSelector("[data-test=seat-list]"), "removed", "seats-removed");
    Browsers.shot(driver, "seats-host");

    // A removed person's page (German): why, and no reconnecting.
    JsonNode annaJoin = t.joinDemo(Role.PARTICIPANT, "Anna");
    driver.quit();
    driver = Browsers.start("de");
    Browsers.phone(driver);
    driver.get(t.base() + "/?session=" + demo.sessionId() + "&code=" + demo.invites().get(Role.PARTICIPANT));
    driver.findElement(By.cssSelector("[data-test=name]")).sendKeys("Anna");
    driver.findElement(By.cssSelector("[data-test=join]")).click();
    Browsers.waitText(driver, By.cssSelector("[data-test=connection]"), "Verbunden", "seats-anna");
    String annaId = String.valueOf(driver.executeScript(
        "return JSON.parse(sessionStorage.getItem('peerwork.join.' + arguments[0])).participantId", demo.sessionId()));
    Client host = t.connect(t.joinDemo(Role.HOST, "Hugo"));
    host.ok("RemoveMember", "participant", annaId, "reason", "Bitte nicht stören");
    Browsers.waitText(driver, By.cssSelector("[data-test=connection]"), "Du wurdest aus dieser Session entfernt.",
        "seats-removed-de");
    Browsers.waitText(driver, By.cssSelector("[data-test=connection]"), "Grund: Bitte nicht stören", "seats-reason");
    assertThat(host.await(f -> f.path("type").asText().equals("event")
        && f.path("event").path("type").asText().equals("MemberRemoved")).path("event").path("participant").asText())
        .isEqualTo(annaId);
    // The page gives up: it stays on its message instead of reconnecting.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> driver
        .findElement(By.cssSelector("[data-test=connection]")).getText().contains("Du wurdest aus dieser Session entfernt."));
    assertThat(annaJoin.path("seated").asBoolean()).isTrue();
    Browsers.shot(driver, "seats-removed-de");
  }
}
