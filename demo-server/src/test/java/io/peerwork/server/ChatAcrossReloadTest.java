package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room can be unloaded and loaded again while WebSockets to it stay open (here: a room idle time
 * shorter than the registry's sweep, so nobody keeps it warm between requests). The new room numbers
 * its chat from 1 again in a new {@code chatEpoch}; the open sockets must still get those lines, and
 * a client that resumes with the epoch and number it learned from them gets exactly what it missed.
 */
class ChatAcrossReloadTest {

  private static boolean isChat(JsonNode f, String text) {
    return f.path("type").asText().equals("chat") && f.path("text").asText().equals(text);
  }

  /** The highest session sequence number of any snapshot, view or event frame seen. */
  private static long lastSeq(Client c) {
    long seq = -1;
    for (JsonNode f : c.seen) {
      String type = f.path("type").asText();
      if (type.equals("snapshot") || type.equals("view") || type.equals("event")) {
        seq = Math.max(seq, f.path("seq").asLong());
      }
    }
    return seq;
  }

  /** Waits until no room is in memory, and a moment more for the last one to finish undeploying. */
  private static void awaitNoRoom(TestServer t) throws InterruptedException {
    MeterRegistry metrics = t.server.injector().getInstance(MeterRegistry.class);
    long deadline = System.currentTimeMillis() + 10_000;
    while (metrics.get("peerwork.rooms").gauge().value() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(metrics.get("peerwork.rooms").gauge().value()).isZero();
    Thread.sleep(200);
  }

  @Test
  void aSocketOpenAcrossAReloadGetsTheNewRoomsChat() throws Exception {
    // Shorter than the registry's sweep (at least 1 s), which is what lets a room go with sockets open.
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(true).withRoomIdle(Duration.ofMillis(800))
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    try (TestServer t = new TestServer(config, List.of())) {
      // Start from an unloaded room, so no request below meets the seeded room just as it goes.
      awaitNoRoom(t);
      Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
      JsonNode erichJoin = t.joinDemo(Role.EXPERT, "Erich");
      Client erich = t.connect(erichJoin);
      JsonNode snap = erich.await(f -> f.path("type").asText().equals("snapshot"));
      String firstEpoch = snap.path("chatEpoch").asText();
      host.ok("Chat", "text", "one");
      host.ok("Chat", "text", "two");
      host.ok("Chat", "text", "three");
      assertThat(erich.await(f -> isChat(f, "three")).path("chatSeq").asLong()).isEqualTo(3);
      host.await(f -> isChat(f, "three"));

      // Both sockets stay open and quiet: the room is unloaded under them.
      awaitNoRoom(t);
      assertThat(host.closed).isFalse();
      assertThat(erich.closed).isFalse();

      // The next chat line loads the room again: a new epoch, numbered from 1.
      JsonNode ack = host.ok("Chat", "text", "after the reload");
      assertThat(ack.path("chatSeq").asLong()).isEqualTo(1);
      JsonNode line = erich.await(f -> isChat(f, "after the reload"));
      assertThat(line.path("chatSeq").asLong()).isEqualTo(1);
      assertThat(line.path("chatEpoch").asText()).isNotEqualTo(firstEpoch).isNotEmpty();
      host.await(f -> isChat(f, "after the reload"));
      host.ok("Chat", "text", "and one more");
      assertThat(erich.await(f -> isChat(f, "and one more")).path("chatSeq").asLong()).isEqualTo(2);

      // Resuming with the epoch and number learned from those lines: exactly the line missed.
      long since = lastSeq(erich);
      erich.close();
      host.ok("Chat", "text", "while you were away");
      Client again = t.connect(t.demo().sessionId(), erichJoin.path("token").asText(),
          "since=" + since + "&chatEpoch=" + line.path("chatEpoch").asText() + "&chatSince=2", null);
      again.await(f -> isChat(f, "while you were away"));
      again.drain(300);
      assertThat(again.seen.stream().map(f -> f.path("type").asText())).doesNotContain("snapshot");
      assertThat(again.seen.stream().filter(f -> f.path("type").asText().equals("chat"))
          .map(f -> f.path("text").asText())).containsExactly("while you were away");
    }
  }
}
