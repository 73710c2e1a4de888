package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.server.internal.JoinLimits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy on this machine ({@code --trusted-proxies=127.0.0.1}), each client that
 * the proxy names in {@code X-Forwarded-For} has a budget of its own, and counts as itself for
 * {@code /metrics}; without trusted proxies the header means nothing.
 */
class TrustedProxiesTest {
  /** Two joins per client and session, then one an hour: the test sees the limit at once. */
  private static final JoinLimits TWO_JOINS = new JoinLimits(2, Duration.ofHours(1), 3, 20);

  private static TestServer server(String... args) throws Exception {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--port=0", "--db-url=memory", "--seed-demo=false",
        "--data-dir=" + Files.createTempDirectory("peerwork-test")));
    ServerConfig config = ServerConfig.from(all.toArray(String[]::new), Map.of());
    return new TestServer(config, List.of(binder -> binder.bind(JoinLimits.class).toInstance(TWO_JOINS)));
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnJoinBudget() throws Exception {
    try (TestServer t = server("--trusted-proxies=127.0.0.1")) {
      JsonNode s = session(t);
      assertThat(joins(t, s, "198.51.100.1", 3)).containsExactly(200, 200, 429);
      assertThat(joins(t, s, "198.51.100.2", 3)).as("another client behind the same proxy")
          .containsExactly(200, 200, 429);
      // A client's own X-Forwarded-For is left of what the proxy appends: it changes nothing.
      assertThat(joins(t, s, "203.0.113.9, 198.51.100.1", 1)).containsExactly(429);
      assertThat(joins(t, s, null, 3)).as("the proxy's own requests").containsExactly(200, 200, 429);
    }
  }

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() throws Exception {
    try (TestServer t = server()) {
      JsonNode s = session(t);
      assertThat(joins(t, s, "198.51.100.1", 3)).containsExactly(200, 200, 429);
      assertThat(joins(t, s, "198.51.100.2", 1)).as("the same peer, whatever it claims").containsExactly(429);
      // And /metrics, open to loopback, stays open to it whatever the header says.
      assertThat(metrics(t, "198.51.100.1")).isEqualTo(200);
    }
  }

  @Test
  void metricsForAClientForwardedFromOutsideAreRefused() throws Exception {
    // No metrics key, no management port: /metrics answers loopback clients only.
    try (TestServer t = server("--trusted-proxies=127.0.0.1")) {
      assertThat(metrics(t, null)).as("the proxy's machine itself").isEqualTo(200);
      assertThat(metrics(t, "198.51.100.1")).isEqualTo(403);
      assertThat(metrics(t, "127.0.0.1, 198.51.100.1")).as("a forged loopback entry").isEqualTo(403);
    }
  }

  @Test
  void socketsPerAddressCountTheForwardedClient() throws Exception {
    try (TestServer t = server("--trusted-proxies=127.0.0.1", "--max-sockets-per-address=1")) {
      JsonNode s = session(t);
      JsonNode anna = joinAs(t, s, "198.51.100.1", "Anna");
      JsonNode ben = joinAs(t, s, "198.51.100.2", "Ben");
      TestServer.Client annaSocket = connect(t, anna, "198.51.100.1");
      TestServer.Client benSocket = connect(t, ben, "198.51.100.2");
      annaSocket.view(v -> true);
      benSocket.view(v -> true);
      TestServer.Client again = connect(t, anna, "198.51.100.1");
      await().atMost(Duration.ofSeconds(10)).until(() -> again.closed);
      assertThat(again.closeStatusCode()).isEqualTo((short) 4429);
      assertThat(annaSocket.closed).isFalse();
      assertThat(benSocket.closed).isFalse();
    }
  }

  private static JsonNode session(TestServer t) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("formatId", "test-kitchen");
    b.put("capacity", 40);
    TestServer.Response r = t.post("/api/sessions", b.toString());
    assertThat(r.status()).isEqualTo(201);
    return r.body();
  }

  /** The statuses of {@code n} joins with this {@code X-Forwarded-For} (none if null). */
  private static List<Integer> joins(TestServer t, JsonNode s, String forwardedFor, int n) throws Exception {
    var statuses = new ArrayList<Integer>();
    for (int i = 0; i < n; i++) {
      statuses.add(join(t, s, forwardedFor, "P" + i).statusCode());
    }
    return statuses;
  }

  private static JsonNode joinAs(TestServer t, JsonNode s, String forwardedFor, String name) throws Exception {
    HttpResponse<String> r = join(t, s, forwardedFor, name);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestServer.JSON.readTree(r.body());
  }

  private static HttpResponse<String> join(TestServer t, JsonNode s, String forwardedFor, String name)
      throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("displayName", name);
    b.put("code", s.path("invites").path("participant").asText());
    var request = HttpRequest.newBuilder(URI.create(t.base() + "/api/sessions/" + s.path("sessionId").asText()
            + "/join"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(b.toString()));
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return t.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int metrics(TestServer t, String forwardedFor) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(t.base() + "/metrics")).GET();
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return t.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A room socket through the proxy: the handshake carries {@code X-Forwarded-For}. */
  private static TestServer.Client connect(TestServer t, JsonNode joined, String forwardedFor) throws Exception {
    return t.connectWith(joined.path("sessionId").asText(), joined.path("token").asText(), null,
        java.util.Map.of("X-Forwarded-For", forwardedFor));
  }
}
