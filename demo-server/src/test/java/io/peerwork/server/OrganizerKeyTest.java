package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With an organizer key configured, only those who know it create sessions. */
class OrganizerKeyTest {

  @Test
  void creatingASessionNeedsTheKey() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(false).withOrganizerKey("open sesame")
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    try (TestServer t = new TestServer(config, List.of())) {
      String body = "{\"formatId\":\"test-kitchen\"}";
      TestServer.Response without = t.post("/api/sessions", body);
      assertThat(without.status()).isEqualTo(401);
      assertThat(without.body().path("error").path("code").asText()).isEqualTo("INVALID_TOKEN");
      HttpResponse<String> with = t.http.send(HttpRequest.newBuilder(URI.create(t.base() + "/api/sessions"))
          .header("Authorization", "Bearer open sesame").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(with.statusCode()).isEqualTo(201);
    }
  }
}
