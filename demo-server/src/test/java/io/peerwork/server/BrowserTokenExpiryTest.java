package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Role;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * When the server closes the page's socket because its invitation token expired, the page says so in
 * the person's language and offers to join again, instead of reconnecting with a token that cannot work.
 */
class BrowserTokenExpiryTest {
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
  void thePageSaysTheInvitationExpiredAndOffersToJoinAgain() throws Exception {
    Browsers.assumeInstalled();
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(true).withTokenTtl(Duration.ofSeconds(5))
        .withDataDirectory(Files.createTempDirectory("peerwork-test")), List.of());
    var demo = t.demo();
    driver = Browsers.start("de");
    Browsers.phone(driver);
    driver.get(t.base() + "/?session=" + demo.sessionId() + "&code=" + demo.invites().get(Role.PARTICIPANT));
    driver.findElement(By.cssSelector("[data-test=name]")).sendKeys("Anna");
    driver.findElement(By.cssSelector("[data-test=join]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(d -> d.findElement(By.cssSelector("[data-test=connection]")).getText().contains("Verbunden"));

    new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(d -> d.findElement(By.cssSelector("[data-test=connection]")).getText()
            .contains("Deine Einladung ist abgelaufen."));
    var link = driver.findElement(By.cssSelector("[data-test=connection] a"));
    assertThat(link.getText()).isNotBlank();
    assertThat(link.getAttribute("href")).contains("session=" + demo.sessionId());
  }
}
