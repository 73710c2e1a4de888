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
  /** Held (JUL keeps loggers weakly): the demo server without an organizer key warns at start, on purpose here. */
  private static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger(PeerworkServer.class.getName());

  static {
    SERVER_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  @Test
  void theGeneratorDrivesTheDemoServerWithoutLosingEvents() throws Exception {
    PeerworkServer server = demoServer();
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

  /**
   * Member groups (as the cluster bench's {@code members} layout uses them): each command counts once
   * in each group, when the group's last member has it, so a group's latencies are never above the
   * room's (command → last member of all); and the gap between the two groups' last members is
   * given per command.
   */
  @Test
  void memberGroupsCountEachCommandOnceWhenTheirLastMemberHasIt() throws Exception {
    PeerworkServer server = demoServer();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.port());
      var report = new java.io.ByteArrayOutputStream();
      var generator = new LoadGenerator(options(url.toString(), "smoke-groups"), new LoadGenerator.Targets() {
        @Override
        public URI member(int room, String sessionId, int member) {
          return url;
        }

        @Override
        public String memberGroup(int room, String sessionId, int member) {
          return member % 2 == 0 ? "even" : "odd";
        }
      }, new java.io.PrintStream(report, true, java.nio.charset.StandardCharsets.UTF_8));
      LoadResult r = generator.run().get(0);
      assertClean(r);
      var groups = generator.groupLatencies().get(0);
      assertThat(groups).containsOnlyKeys("even", "odd");
      for (var h : groups.values()) {
        assertThat(h.getTotalCount()).isEqualTo(r.samples());
        assertThat(h.getMaxValue() / 1000.0).isLessThanOrEqualTo(r.max() + 0.001);
      }
      // Per command, when the last odd member had it minus when the last even one did: one gap per command.
      long[] gaps = generator.groupGaps().get(0);
      assertThat(gaps).hasSize((int) r.samples()).isSorted();
      assertThat(Math.max(-gaps[0], gaps[gaps.length - 1]) / 1000.0).isLessThanOrEqualTo(r.max() + 0.001);
    } finally {
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static LoadResult run(String url, String label) throws Exception {
    var report = new java.io.ByteArrayOutputStream();
    var o = options(url, label);
    List<LoadResult> results = new LoadGenerator(o, LoadGenerator.Targets.spread(o.urls()),
        new java.io.PrintStream(report, true, java.nio.charset.StandardCharsets.UTF_8)).run();
    assertThat(results).hasSize(1);
    // The report the bench prints: one summary of the run, with what was lost.
    assertThat(report.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(label + ": 15 connections in 3 rooms set up").contains("lost 0  duplicated 0");
    return results.get(0);
  }

  /** The demo server on an in-memory journal, with no seeded session. */
  private static PeerworkServer demoServer() throws Exception {
    ServerConfig.Limits d = ServerConfig.Limits.defaults();
    // One address opens every socket and creates every room: the caps per client address are lifted, as in BenchServer.
    return PeerworkServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withSeedDemo(false)
            .withDataDirectory(Files.createTempDirectory("peerwork-bench-smoke"))
            .withLimits(new ServerConfig.Limits(1_000_000, d.maxSeriesOwners(), 1_000_000,
                d.maxSocketsPerPerson(), 1_000_000, 1_000_000, d.httpIdleTimeout(), d.requestTimeout())))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static LoadOptions options(String url, String label) {
    return new LoadOptions(URI.create(url), 3, 5, List.of(4.0), Duration.ofSeconds(3),
        Duration.ofSeconds(1), label, List.of("127.0.0.1", "127.0.0.2"), 2, 8, Duration.ofSeconds(10), false, -1,
        false, null, Duration.ZERO, Double.MAX_VALUE, "", 1);
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
