package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A server open to the public is started on purpose: the production profile refuses to start
 * without its protections, the demo says loudly that anyone may create sessions, and a mistyped
 * option is an error instead of a setting silently ignored.
 */
class PublicProfileTest {

  @Test
  void aMistypedOptionIsRefusedNotIgnored() {
    assertThatThrownBy(() -> ServerConfig.from(new String[] {"--organiser-key=abc"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --organiser-key");
    assertThatThrownBy(() -> ServerConfig.from(new String[] {"--max-rooms=many"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--max-rooms=many");
    assertThat(ServerConfig.from(new String[] {"--max-rooms=5"}, Map.of()).limits().maxRooms()).isEqualTo(5);
  }

  @Test
  void theProductionProfileRefusesToStartWithoutAnOrganizerKey() throws Exception {
    ServerConfig config = ServerConfig.from(new String[] {"--profile=production", "--port=0", "--secret=0123456789abcdef0123",
        "--data-dir=" + Files.createTempDirectory("peerwork-test")}, Map.of());
    assertThat(config.seedDemo()).as("production seeds no demo sessions unless told to").isFalse();
    assertThatThrownBy(() -> PeerworkServer.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause()
        .hasMessageContaining("production profile").hasMessageContaining("--organizer-key")
        .hasMessageContaining("--metrics-key");
  }

  @Test
  void theProductionProfileStartsWithItsProtections() throws Exception {
    Path dir = Files.createTempDirectory("peerwork-test");
    ServerConfig config = ServerConfig.from(new String[] {"--profile=production", "--port=0", "--host=127.0.0.1",
        "--secret=0123456789abcdef0123", "--organizer-key=a-long-organizer-key", "--metrics-key=a-metrics-key",
        "--data-dir=" + dir}, Map.of());
    try (TestServer t = new TestServer(config, List.of())) {
      assertThat(t.server.demoSessions()).isEmpty();
      assertThat(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}").status()).isEqualTo(401);
    }
  }

  @SuppressWarnings("try") // the resource is held for its effect while the block runs
  @Test
  void theDemoWarnsThatAnyoneMayCreateSessions() throws Exception {
    Logger logger = Logger.getLogger(PeerworkServer.class.getName());
    Level before = logger.getLevel();
    logger.setLevel(Level.INFO);
    try (LogCapture log = LogCapture.of(PeerworkServer.class);
        TestServer t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false)
            .withDataDirectory(Files.createTempDirectory("peerwork-test")), List.of())) {
      assertThat(log.records()).anySatisfy(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getMessage()).contains("anyone").contains("--organizer-key");
      });
    } finally {
      logger.setLevel(before);
    }
  }
}
