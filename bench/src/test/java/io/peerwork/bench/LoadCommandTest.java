package io.peerwork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load generator's command line: the forms docs/benchmarks.md uses, refused options, --help, the environment. */
class LoadCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private LoadCommand.Invocation run(Map<String, String> env, String... args) {
    return LoadCommand.invocation(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theDocumentedFormsKeepWorking() {
    LoadOptions o = run(Map.of(), "--url", "http://127.0.0.1:8090", "--label", "bare", "--server-pid", "16251",
        "--rooms", "100", "--participants-per-room=20", "--duration", "7", "--warmup", "2s", "--prewarm", "10",
        "--stop-p99", "150", "--local-addresses", "4", "--repeat", "2", "--rate", "0.5,0.6", "--compression",
        "--heap=false").options().orElseThrow();
    assertThat(o.url()).isEqualTo(URI.create("http://127.0.0.1:8090"));
    assertThat(o.rooms()).isEqualTo(100);
    assertThat(o.participantsPerRoom()).isEqualTo(20);
    assertThat(o.rates()).containsExactly(0.5, 0.6);
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(7));
    assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.prewarm()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.localAddresses()).hasSize(4);
    assertThat(o.compression()).isTrue();
    assertThat(o.heap()).isFalse();
    assertThat(o.serverPid()).isEqualTo(16251);

    LoadOptions d = run(Map.of()).options().orElseThrow();
    LoadOptions defaults = LoadOptions.defaults("http://127.0.0.1:8080");
    assertThat(d.url()).isEqualTo(defaults.url());
    assertThat(d.rates()).isEqualTo(defaults.rates());
    assertThat(d.warmup()).isEqualTo(Duration.ofMillis(2500));
    LoadOptions cluster = run(Map.of(), "--urls=http://a:1, http://b:2").options().orElseThrow();
    assertThat(cluster.url()).isEqualTo(URI.create("http://a:1"));
    assertThat(cluster.urls()).hasSize(2);
  }

  @Test
  void anUnknownOptionIsRefusedWithTheClosestOne() {
    LoadCommand.Invocation i = run(Map.of(), "--room", "3");
    assertThat(i.status()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("load generator: unknown option --room; did you mean --rooms?")
        .hasLineCount(1);
  }

  @Test
  void helpListsTheOptions() {
    assertThat(run(Map.of(), "--help").status()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--url <url>", "--rooms <n>", "--participants-per-room",
        "--rate, --rates", "--local-addresses", "--organizer-key", "PEERWORK_SOME_NAME");
  }

  @Test
  void theEnvironmentSetsOptions() {
    LoadOptions o = run(Map.of("PEERWORK_ORGANIZER_KEY", "k", "PEERWORK_ROOMS", "7"), "--rooms=8").options().orElseThrow();
    assertThat(o.organizerKey()).isEqualTo("k");
    assertThat(o.rooms()).isEqualTo(8);
    assertThat(run(Map.of(), "--duration=soon").status()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--duration=soon");
    assertThat(List.of(run(Map.of(), "--rooms=0").status())).containsExactly(2);
  }
}
