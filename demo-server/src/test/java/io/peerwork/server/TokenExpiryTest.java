package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An open socket does not outlive its token: when the token expires, the server says so and closes
 * the socket with 4401 (before, a socket stayed open and its commands were acknowledged long after).
 * Another person's socket with a fresh token stays open.
 */
class TokenExpiryTest {

  @Test
  void aSocketIsClosedWhenItsTokenExpires() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(true).withTokenTtl(Duration.ofSeconds(4))
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    try (TestServer t = new TestServer(config, List.of())) {
      Client anna = t.connect(t.joinDemo(Role.PARTICIPANT, "Anna"));
      anna.await(f -> f.path("type").asText().equals("snapshot"));
      anna.ok("Chat", "text", "noch gültig"); // works while the token is valid

      await().atMost(Duration.ofSeconds(15)).until(() -> anna.closed);
      assertThat(anna.closeStatusCode()).isEqualTo((short) 4401);
      JsonNode error = anna.await(f -> f.path("type").asText().equals("error"));
      assertThat(error.path("code").asText()).isEqualTo("TOKEN_EXPIRED");

      // A fresh token opens a fresh socket: expiry closes sockets, it does not close the room.
      Client bruno = t.connect(t.joinDemo(Role.PARTICIPANT, "Bruno"));
      bruno.await(f -> f.path("type").asText().equals("snapshot"));
      assertThat(bruno.ok("Chat", "text", "hallo").path("type").asText()).isEqualTo("ack");
    }
  }
}
