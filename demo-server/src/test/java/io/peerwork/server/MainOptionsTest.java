package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo server's command line as an operator meets it: refused options, --help, the environment, the start text. */
class MainOptionsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Main.Invocation run(Map<String, String> env, String... args) {
    return Main.invocation(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anUnknownOptionIsRefusedInOneLineWithTheClosestKnownOne() {
    Main.Invocation i = run(Map.of(), "--port=0", "--organiser-key=abc");
    assertThat(i.status()).isEqualTo(2);
    assertThat(i.config()).isEmpty();
    assertThat(err()).isEqualTo("unknown option --organiser-key; did you mean --organizer-key? (--help lists the options)"
        + System.lineSeparator());
    assertThat(out()).isEmpty();
  }

  @Test
  void aBadValueIsRefusedNamingTheOption() {
    assertThat(run(Map.of(), "--max-rooms=many").status()).isEqualTo(2);
    assertThat(err()).startsWith("--max-rooms=many is not a valid value").doesNotContain("\tat ");
    assertThat(err().strip().lines()).hasSize(1);
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    Main.Invocation i = run(Map.of("PEERWORK_SECRET", "do-not-print-me"), "--help");
    assertThat(i.status()).isZero();
    assertThat(i.config()).isEmpty();
    assertThat(out()).contains("java -jar peerwork-demo-server.jar", "PEERWORK_NAME=value",
        "--port=8080", "HTTP port, 0 for any free one (default: 8080)", "--db-url", "--seed-demo",
        "Limits (each refused", "--max-rooms", "--joins-per-client-per-minute", "Keys:", "--previous-secret-until",
        "Operations:", "--management-port", "/health/ready", "Cluster (", "--cluster-members", "--node-name",
        "Mail (", "--smtp-url", "--mail-from", "PEERWORK_SOME_NAME")
        .doesNotContain("do-not-print-me");
    assertThat(err()).isEmpty();
  }

  @Test
  void theEnvironmentSetsOptionsAndTheCommandLineWins() {
    ServerConfig c = run(Map.of("PEERWORK_DB_URL", "memory", "PEERWORK_PORT", "9001", "PEERWORK_SEED_DEMO", "false"),
        "--port=9002").config().orElseThrow();
    assertThat(c.dbUrl()).isEqualTo("memory");
    assertThat(c.port()).isEqualTo(9002);
    assertThat(c.seedDemo()).isFalse();
    assertThat(run(Map.of("PEERWORK_MAX_ROOMS", "many")).status()).isEqualTo(2);
    assertThat(err()).contains("--max-rooms=many");
  }

  @Test
  void theOptionsKeepTheirDefaultsAndForms() {
    ServerConfig c = run(Map.of()).config().orElseThrow();
    assertThat(c).isEqualTo(ServerConfig.defaults());
    ServerConfig set = run(Map.of(), "--seed-demo", "--port", "0", "--profile=PRODUCTION", "--port=7").config().orElseThrow();
    assertThat(set.seedDemo()).isTrue();
    assertThat(set.port()).isEqualTo(7);
    assertThat(set.profile()).isEqualTo(ServerConfig.Profile.PRODUCTION);
    assertThat(run(Map.of(), "--profile=production").config().orElseThrow().seedDemo()).isFalse();
  }

  @Test
  void theStartTextClaimsNoDemoSessionsWhenSeedingIsOff() {
    ServerConfig off = ServerConfig.defaults().withSeedDemo(false);
    List<String> lines = Main.demoLines(off, List.of("a", "b", "c"), List.of());
    assertThat(lines).containsExactly("Topic formats: a, b, c.", "No demo sessions were created (--seed-demo=false).");
    assertThat(Main.demoLines(ServerConfig.defaults(), List.of(), List.of()))
        .containsExactly("No topic formats installed, so no demo session was created.");
    assertThat(Main.demoLines(off, List.of(), List.of())).containsExactly("No topic formats installed.");
  }
}
