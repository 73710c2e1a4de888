package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.server.internal.OperatorEndpoints;
import io.peerwork.server.internal.OperatorEndpoints.Access;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} is not public: on the management port if there is one, else behind the metrics
 * key if one is set, else for loopback clients only. Health has {@code /health/live} and {@code
 * /health/ready}, on both ports.
 */
class MetricsAccessTest {

  @Test
  void theRuleForThePublicPort() {
    var none = ServerConfig.Management.defaults();
    assertThat(OperatorEndpoints.metricsAccess(none, "127.0.0.1", null)).isEqualTo(Access.ALLOW);
    assertThat(OperatorEndpoints.metricsAccess(none, "0:0:0:0:0:0:0:1", null)).isEqualTo(Access.ALLOW);
    assertThat(OperatorEndpoints.metricsAccess(none, "203.0.113.7", null)).isEqualTo(Access.LOOPBACK_ONLY);
    assertThat(OperatorEndpoints.metricsAccess(none, "2001:db8::1", null)).isEqualTo(Access.LOOPBACK_ONLY);
    assertThat(OperatorEndpoints.metricsAccess(none, "localhost", null)).as("names are not looked up")
        .isEqualTo(Access.LOOPBACK_ONLY);
    assertThat(OperatorEndpoints.metricsAccess(none, null, null)).isEqualTo(Access.LOOPBACK_ONLY);

    var keyed = new ServerConfig.Management(-1, "127.0.0.1", "scrape-key");
    assertThat(OperatorEndpoints.metricsAccess(keyed, "203.0.113.7", "Bearer scrape-key")).isEqualTo(Access.ALLOW);
    assertThat(OperatorEndpoints.metricsAccess(keyed, "203.0.113.7", "Bearer wrong")).isEqualTo(Access.KEY_REQUIRED);
    assertThat(OperatorEndpoints.metricsAccess(keyed, "127.0.0.1", null)).as("the key, once set, is for everyone")
        .isEqualTo(Access.KEY_REQUIRED);

    var port = new ServerConfig.Management(9090, "127.0.0.1", "scrape-key");
    assertThat(OperatorEndpoints.metricsAccess(port, "127.0.0.1", "Bearer scrape-key")).isEqualTo(Access.ELSEWHERE);
  }

  @Test
  void withAManagementPortMetricsAndHealthAreThereAndMetricsNotOnThePublicPort() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-test"))
        .withManagement(new ServerConfig.Management(0, "127.0.0.1", ""));
    try (TestServer t = new TestServer(config, List.of())) {
      assertThat(t.getText("/metrics").statusCode()).isEqualTo(404);
      String management = "http://127.0.0.1:" + t.server.managementPort();
      HttpResponse<String> metrics = t.http.send(HttpRequest.newBuilder(URI.create(management + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("peerwork_rooms_loaded");
      for (String path : List.of("/health/live", "/health/ready")) {
        HttpResponse<String> h = t.http.send(HttpRequest.newBuilder(URI.create(management + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(h.statusCode()).as(path).isEqualTo(200);
        assertThat(TestServer.JSON.readTree(h.body()).path("status").asText()).isEqualTo("UP");
        assertThat(t.get(path).status()).as("public " + path).isEqualTo(200);
      }
      // /health stays, as it was, for monitors set up before: the same as /health/ready.
      assertThat(t.get("/health").body().path("status").asText()).isEqualTo("UP");
    }
  }

  @Test
  void withAKeyMetricsOnThePublicPortNeedIt() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-test"))
        .withManagement(new ServerConfig.Management(-1, "127.0.0.1", "scrape-key"));
    try (TestServer t = new TestServer(config, List.of())) {
      assertThat(t.getText("/metrics").statusCode()).isEqualTo(401);
      HttpResponse<String> ok = t.http.send(HttpRequest.newBuilder(URI.create(t.base() + "/metrics"))
          .header("Authorization", "Bearer scrape-key").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("peerwork_limit_refusals_total").doesNotContain("scrape-key");
    }
  }
}
