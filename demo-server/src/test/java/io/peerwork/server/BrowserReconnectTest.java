package io.peerwork.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.EventJournal;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.Role;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page says when its connection drops, reconnects by itself, and picks up what it missed: here
 * the server goes away and a new one comes up on the same port, journal and secret.
 */
class BrowserReconnectTest {
  final EventJournal journal = new InMemoryEventJournal();
  ServerConfig config;
  TestServer t;
  ChromeDriver driver;

  @BeforeEach
  void start() throws Exception {
    Browsers.assumeInstalled();
    config = ServerConfig.defaults().withPort(0).withSeedDemo(true).withSecret("the same secret after restart")
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    t = new TestServer(config, List.of(binder -> binder.bind(EventJournal.class).toInstance(journal)));
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
  void thePageReconnectsAndCatchesUp() throws Exception {
    var demo = t.demo();
    JsonNode hostJoin = t.joinDemo(Role.HOST, "Hanna");
    TestServer.Client host = t.connect(hostJoin);
    host.ok("StartSession");

    driver = Browsers.start("en");
    Browsers.phone(driver);
    driver.get(t.base() + "/?session=" + demo.sessionId() + "&code=" + demo.invites().get(Role.PARTICIPANT));
    driver.findElement(By.cssSelector("[data-test=name]")).sendKeys("Anna");
    driver.findElement(By.cssSelector("[data-test=join]")).click();
    waitText("[data-test=connection]", "Connected");
    waitText("[data-test=timeline] li.current", "Arrival");

    int port = t.server.port();
    t.close();
    t = null;
    waitText("[data-test=connection]", "reconnecting");
    Browsers.shot(driver, "en-anna-reconnecting");

    // While the page is away, the session moves on (in the journal the new server will read).
    t = new TestServer(config.withPort(port), List.of(binder -> binder.bind(EventJournal.class).toInstance(journal)));
    TestServer.Client host2 = t.connect(t.demo().sessionId(), hostJoin.path("token").asText(), null, null);
    host2.ok("AdvancePhase");

    waitText("[data-test=connection]", "Connected");
    waitText("[data-test=timeline] li.current", "Goal round");
    driver.findElement(By.cssSelector("[data-test=goal-text]")).sendKeys("Back online");
    driver.findElement(By.cssSelector("[data-test=goal-add]")).click();
    waitText("[data-test=my-goals]", "Back online");
  }

  private void waitText(String css, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .withMessage(() -> "no '" + text + "' in " + css + "; page: " + driver.findElement(By.tagName("body")).getText())
        .until(d -> {
          for (WebElement e : d.findElements(By.cssSelector(css))) {
            if (e.getText().contains(text)) {
              return true;
            }
          }
          return false;
        });
  }
}
