package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room with an open WebSocket is never unloaded, however short the idle time: its chat numbers go
 * on in one epoch (before, with a room idle time shorter than the registry's sweep, two chat lines
 * each got {@code chatSeq} 1 in two new epochs). Once its last socket closes, it unloads when idle,
 * and a client that resumes afterwards gets exactly what it missed.
 */
class OpenRoomTest {

  private static boolean isChat(JsonNode f, String text) {
    return f.path("type").asText().equals("chat") && f.path("text").asText().equals(text);
  }

  private static double rooms(TestServer t) {
    return t.server.injector().getInstance(MeterRegistry.class).get("peerwork.rooms").gauge().value();
  }

  @Test
  void aRoomWithAnOpenSocketStaysLoadedAndItsChatGoesOn() throws Exception {
    // Shorter than the registry's sweep (at least 1 s): every room without a socket goes at each sweep.
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(true).withRoomIdle(Duration.ofMillis(800))
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    try (TestServer t = new TestServer(config, List.of())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> rooms(t) == 0); // the seeded rooms went idle
      Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
      JsonNode erichJoin = t.joinDemo(Role.EXPERT, "Erich");
      Client erich = t.connect(erichJoin);
      String epoch = erich.await(f -> f.path("type").asText().equals("snapshot")).path("chatEpoch").asText();
      host.ok("Chat", "text", "one");
      assertThat(erich.await(f -> isChat(f, "one")).path("chatSeq").asLong()).isEqualTo(1);

      // Another room, loaded without a socket, goes at the next sweep; the one with sockets stays.
      t.get("/api/sessions/" + t.server.demoSessions().stream()
          .filter(d -> !d.sessionId().equals(t.demo().sessionId())).findFirst().orElseThrow().sessionId());
      await().atMost(Duration.ofSeconds(20)).until(() -> rooms(t) == 2);
      await().atMost(Duration.ofSeconds(20)).until(() -> rooms(t) == 1);

      JsonNode ack = host.ok("Chat", "text", "two");
      assertThat(ack.path("chatSeq").asLong()).isEqualTo(2);
      JsonNode line = erich.await(f -> isChat(f, "two"));
      assertThat(line.path("chatSeq").asLong()).isEqualTo(2);
      assertThat(line.path("chatEpoch").asText()).isEqualTo(epoch);

      // With every socket closed, the room unloads when idle; resuming then gets exactly what was missed.
      long since = erich.seen.stream().filter(f -> f.has("seq")).mapToLong(f -> f.path("seq").asLong()).max()
          .orElse(-1);
      erich.close();
      host.ok("Chat", "text", "while you were away");
      host.close();
      await().atMost(Duration.ofSeconds(20)).until(() -> rooms(t) == 0);
      Client again = t.connect(t.demo().sessionId(), erichJoin.path("token").asText(),
          "since=" + since + "&chatEpoch=" + epoch + "&chatSince=2", null);
      JsonNode view = again.await(f -> f.path("type").asText().equals("view"));
      assertThat(view.path("seq").asLong()).isGreaterThanOrEqualTo(since);
      assertThat(again.seen.stream().map(f -> f.path("type").asText())).doesNotContain("snapshot");
    }
  }
}
