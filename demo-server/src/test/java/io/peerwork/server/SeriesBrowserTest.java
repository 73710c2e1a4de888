package io.peerwork.server;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the browser tests of series pages share: before each test a demo server with a test clock
 * ({@link #now}) and a mailbox in place of e-mail ({@link #mail}); the browser ({@link #driver}) that
 * a test starts; after each test both stopped. Skipped where no Chromium is installed.
 */
abstract class SeriesBrowserTest {
  final AtomicReference<Instant> now;
  final Mailbox mail = new Mailbox();
  TestServer t;
  ChromeDriver driver;
  private final String name;
  private final boolean inMemory;
  private final List<com.google.inject.Module> more;

  /**
   * @param name names the test's data folder
   * @param start where the test clock starts
   * @param inMemory whether the journals are in memory (else H2 in the data folder)
   * @param more further Guice overrides of the server
   */
  SeriesBrowserTest(String name, Instant start, boolean inMemory, com.google.inject.Module... more) {
    this.name = name;
    this.now = new AtomicReference<>(start);
    this.inMemory = inMemory;
    this.more = List.of(more);
  }

  @BeforeEach
  void startServer() throws Exception {
    Browsers.assumeInstalled();
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(false)
        .withDataDirectory(Files.createTempDirectory("peerwork-browser-" + name));
    var overrides = new ArrayList<com.google.inject.Module>(more);
    overrides.add(binder -> {
      binder.bind(Clock.class).toInstance(new TestClock(now));
      binder.bind(io.peerwork.core.series.Outbox.class).toInstance(mail);
    });
    t = new TestServer(inMemory ? config.withDatabase(ServerConfig.IN_MEMORY) : config, overrides);
  }

  @AfterEach
  void stopServer() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (t != null) {
      t.close();
    }
  }
}
