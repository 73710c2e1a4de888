package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.EventJournal;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.jdbc.JdbcEventJournal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page sends a command again, with the same id, when the server could not know whether it was
 * stored ({@code OUTCOME_UNKNOWN}): the goal is there once, in the journal and on the page, and
 * nobody was told something went wrong. Real browser, real H2 journal; the database failure is
 * injected at the journal port after the real commit.
 */
class BrowserRetryTest {
  private org.openqa.selenium.chrome.ChromeDriver driver;
  private TestServer t;
  private LogCapture roomLog;

  @AfterEach
  void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (t != null) {
      t.close();
    }
    if (roomLog != null) {
      roomLog.close();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGoalWhoseCommitAnswerWasLostIsSentAgainAndStoredOnce() throws Exception {
    Browsers.assumeInstalled();
    roomLog = LogCapture.of(io.peerwork.server.internal.RoomVerticle.class);
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(true)
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    FaultyJournal journal = new FaultyJournal(JdbcEventJournal.builder(config.journalUrl()).open());
    t = new TestServer(config, List.of(binder -> binder.bind(EventJournal.class).toInstance(journal)));
    var demo = t.demo();

    driver = Browsers.start("de");
    Browsers.phone(driver);
    driver.get(t.base() + "/?session=" + demo.sessionId() + "&code=" + demo.invites().get(Role.PARTICIPANT));
    driver.findElement(By.cssSelector("[data-test=name]")).sendKeys("Anna");
    driver.findElement(By.cssSelector("[data-test=join]")).click();
    wait(d -> d.findElement(By.cssSelector("[data-test=connection]")).getText().contains("Verbunden"));

    journal.fail(FaultyJournal.Fault.AFTER_COMMIT, 1);
    driver.findElement(By.cssSelector("[data-test=goal-text]")).sendKeys("Newsletter schreiben");
    driver.findElement(By.cssSelector("[data-test=goal-add]")).click();
    wait(d -> d.findElement(By.cssSelector("[data-test=my-goals]")).getText().contains("Newsletter schreiben"));

    // The retry was answered with the first outcome: one goal, and no error for Anna.
    List<Object> goals = (List<Object>) driver
        .executeScript("return window.peerworkView.goals.map(g => g.text);");
    assertThat(goals).containsExactly((Object) "Newsletter schreiben");
    assertThat(driver.findElement(By.cssSelector("[data-test=toast]")).isDisplayed()).isFalse();
    long stored = journal.read(SessionId.of(demo.sessionId()), 0).stream()
        .filter(r -> r.event() instanceof SessionEvent.GoalDeclared).count();
    assertThat(stored).isEqualTo(1);
    assertThat(roomLog.records()).anySatisfy(r -> assertThat(r.getMessage()).contains("connection lost during commit"));
  }

  private void wait(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition::apply);
  }
}
