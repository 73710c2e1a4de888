package io.peerwork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.server.PeerworkServer;
import io.peerwork.server.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A smoke run, not a benchmark: the load generator drives the demo server (in-memory journal) and
 * the bare server for a few seconds each and must see every event exactly once, in order. No
 * figure is asserted but that some events arrived.
 */
class LoadGeneratorSmokeTest {

  @Test
  void theGeneratorDrivesTheDemoServerWithoutLosingEvents() throws Exception {
    ServerConfig.Limits d = ServerConfig.Limits.defaults();
    // One address opens every socket and creates every room: the caps per client address are lifted, as in BenchServer.
    PeerworkServer server = PeerworkServer.start(ServerConfig.defaults().withPort(0).withSeedDemo(false)
            .withDataDirectory(Files.createTempDirectory("peerwork-bench-smoke"))
            .withLimits(new ServerConfig.Limits(1_000_000, d.maxSeriesOwners(), 1_000_000,
                d.maxSocketsPerPerson(), 1_000_000, 1_000_000, d.httpIdleTimeout(), d.requestTimeout())))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    try {
      assertClean(run("http://127.0.0.1:" + server.port(), "smoke-peerwork"));
    } finally {
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theGeneratorDrivesTheBareServerWithoutLosingEvents() throws Exception {
    BareServer bare = BareServer.start("127.0.0.1", 0, 2).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    try {
      assertClean(run("http://127.0.0.1:" + bare.port(), "smoke-bare"));
    } finally {
      bare.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static LoadResult run(String url, String label) throws Exception {
    LoadOptions o = new LoadOptions(URI.create(url), 3, 5, List.of(4.0), Duration.ofSeconds(3),
        Duration.ofSeconds(1), label, List.of("127.0.0.1", "127.0.0.2"), 2, 8, Duration.ofSeconds(10), false, -1,
        false, null, Duration.ZERO, Double.MAX_VALUE, "", 1);
    List<LoadResult> results = new LoadGenerator(o).run();
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static void assertClean(LoadResult r) {
    assertThat(r.connections()).isEqualTo(15);
    assertThat(r.lost()).as("lost").isZero();
    assertThat(r.duplicated()).as("duplicated").isZero();
    assertThat(r.outOfOrder()).as("out of order").isZero();
    assertThat(r.disconnects()).as("disconnects").isZero();
    assertThat(r.rejected()).as("rejected").isEmpty();
    assertThat(r.deliveriesPerSecond()).isPositive();
    assertThat(r.samples()).isPositive();
    assertThat(r.clean()).isTrue();
  }
}
