package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.server.internal.JoinLimits;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --joins-per-client-at-once} and {@code --joins-per-client-per-minute} set the joins one
 * client network may make to one session ({@code JOIN_RATE_LIMITED} beyond), without a code change:
 * a load generator on one address raises them, a public server may lower them.
 */
class JoinLimitOptionsTest {

  @Test
  void theDefaultsAreTheJoinLimitsDefaults() {
    ServerConfig.Limits l = ServerConfig.from(new String[0], Map.of()).limits();
    assertThat(JoinLimits.of(l.joinsPerClientAtOnce(), l.joinsPerClientPerMinute())).isEqualTo(JoinLimits.DEFAULTS);
    ServerConfig.Limits set = ServerConfig.from(new String[] {"--joins-per-client-at-once=3"},
        Map.of("PEERWORK_JOINS_PER_CLIENT_PER_MINUTE", "120")).limits();
    assertThat(JoinLimits.of(set.joinsPerClientAtOnce(), set.joinsPerClientPerMinute()))
        .isEqualTo(new JoinLimits(3, Duration.ofMillis(500), 3, 20));
    // One a microsecond or so: no limit a load generator would notice, and still a valid bucket.
    assertThat(JoinLimits.of(1_000_000, 1_000_000_000).perClientRefill()).isEqualTo(Duration.ofNanos(60));
  }

  @Test
  void valuesBelowOneAreRefused() {
    assertThatThrownBy(() -> ServerConfig.from(new String[] {"--joins-per-client-per-minute=0"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> ServerConfig.from(new String[] {"--joins-per-client-at-once=many"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--joins-per-client-at-once=many");
  }

  @Test
  void theServerAdmitsAsManyJoinsAtOnceAsConfigured() throws Exception {
    try (TestServer two = server("--joins-per-client-at-once=2")) {
      assertThat(joins(two, 4)).containsExactly(200, 200, 429, 429);
    }
    try (TestServer many = server("--joins-per-client-at-once=30", "--joins-per-client-per-minute=1000000")) {
      assertThat(joins(many, 25)).containsOnly(200);
    }
  }

  private static TestServer server(String... args) throws Exception {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--port=0", "--db-url=memory", "--seed-demo=false",
        "--data-dir=" + Files.createTempDirectory("peerwork-test")));
    return new TestServer(ServerConfig.from(all.toArray(String[]::new), Map.of()), List.of());
  }

  /** The statuses of {@code n} joins to a new session (of 40 seats) from this one address. */
  private static List<Integer> joins(TestServer t, int n) throws Exception {
    ObjectNode create = TestServer.JSON.createObjectNode();
    create.put("formatId", "test-kitchen");
    create.put("capacity", 40);
    TestServer.Response s = t.post("/api/sessions", create.toString());
    assertThat(s.status()).isEqualTo(201);
    JsonNode session = s.body();
    var statuses = new ArrayList<Integer>();
    for (int i = 0; i < n; i++) {
      ObjectNode b = TestServer.JSON.createObjectNode();
      b.put("displayName", "P" + i);
      b.put("code", session.path("invites").path("participant").asText());
      statuses.add(t.post("/api/sessions/" + session.path("sessionId").asText() + "/join", b.toString()).status());
    }
    return statuses;
  }
}
