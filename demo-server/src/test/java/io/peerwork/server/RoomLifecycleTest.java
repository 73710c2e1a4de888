package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.peerwork.core.EventJournal;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequence numbers are journal versions: they survive a room being evicted from memory and the
 * server being restarted on the same journal and secret.
 */
class RoomLifecycleTest {

  private static JsonNode lastEvent(Client c) {
    JsonNode last = null;
    for (JsonNode f : c.seen) {
      if (f.path("type").asText().equals("event")) {
        last = f;
      }
    }
    return last;
  }

  @Test
  void anIdleRoomIsEvictedAndComesBackWhereItWas() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(true).withRoomIdle(Duration.ofMillis(500))
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    try (TestServer t = new TestServer(config, List.of())) {
      JsonNode hostJoin = t.joinDemo(Role.HOST, "Hanna");
      Client host = t.connect(hostJoin);
      host.ok("StartSession");
      host.ok("Chat", "text", "before the break");
      host.drain(300);
      long seq = lastEvent(host).path("seq").asLong();
      host.close();

      MeterRegistry metrics = t.server.injector().getInstance(MeterRegistry.class);
      long deadline = System.currentTimeMillis() + 10_000;
      while (metrics.get("peerwork.rooms").gauge().value() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(metrics.get("peerwork.rooms").gauge().value()).isZero();

      Client again = t.connect(t.demo().sessionId(), hostJoin.path("token").asText(), "since=" + seq, null);
      JsonNode view = again.view(v -> v.path("seq").asLong() == seq);
      assertThat(view.path("status").asText()).isEqualTo("RUNNING");
      again.drain(300);
      assertThat(again.eventSeqs()).isEmpty();
      again.ok("AdvancePhase");
      assertThat(again.await(f -> f.path("type").asText().equals("event")).path("seq").asLong()).isEqualTo(seq + 1);
    }
  }

  @Test
  void aClientResumesAcrossAServerRestart() throws Exception {
    EventJournal journal = new InMemoryEventJournal(); // stands in for the JDBC journal
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(true).withSecret("a-secret-for-both-runs!")
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    com.google.inject.Module sameJournal = binder -> binder.bind(EventJournal.class).toInstance(journal);

    JsonNode annaJoin;
    long seenByAnna;
    String sid;
    try (TestServer first = new TestServer(config, List.of(sameJournal))) {
      sid = first.demo().sessionId();
      Client host = first.connect(first.joinDemo(Role.HOST, "Hanna"));
      annaJoin = first.joinDemo(Role.PARTICIPANT, "Anna");
      Client anna = first.connect(annaJoin);
      host.ok("StartSession");
      anna.ok("DeclareGoal", "text", "Impressum prüfen");
      anna.drain(300);
      seenByAnna = lastEvent(anna).path("seq").asLong();
      anna.close();
      host.ok("AdvancePhase");
      host.ok("ExtendPhase", "minutes", 2);
      host.drain(200);
    }
    long version = journal.version(io.peerwork.core.SessionId.of(sid));
    assertThat(version).isGreaterThan(seenByAnna);

    try (TestServer second = new TestServer(config, List.of(sameJournal))) {
      Client anna = second.connect(sid, annaJoin.path("token").asText(), "since=" + seenByAnna, null);
      anna.view(v -> v.path("seq").asLong() == version);
      anna.drain(300);
      assertThat(anna.seen.stream().map(f -> f.path("type").asText())).doesNotContain("snapshot");
      var expected = new java.util.ArrayList<Long>();
      for (long s = seenByAnna + 1; s <= version; s++) {
        expected.add(s);
      }
      assertThat(anna.eventSeqs()).containsExactlyElementsOf(expected);
    }
  }
}
