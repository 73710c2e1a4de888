package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.peerwork.core.EventJournal;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.jdbc.JdbcEventJournal;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A command sent again with the same id is applied once and answered as the first time: after a
 * database failure whose outcome the server could not know ({@code OUTCOME_UNKNOWN}, though the
 * commit went through), after one that stored nothing ({@code STORAGE_UNAVAILABLE}, which must be
 * true), and after a restart. Real H2 journal; the failures are injected at the journal port, around
 * the real append.
 */
class IdempotentCommandsTest {

  private static JsonNode send(Client c, String id, String text) throws InterruptedException {
    c.sendRaw("{\"type\":\"DeclareGoal\",\"id\":\"" + id + "\",\"text\":\"" + text + "\"}");
    return c.answer(id);
  }

  private static long goals(ServerConfig config, String sessionId) throws Exception {
    try (JdbcEventJournal j = JdbcEventJournal.builder(config.journalUrl()).open()) {
      return j.readAll(SessionId.of(sessionId)).stream().filter(r -> r.event() instanceof SessionEvent.GoalDeclared)
          .count();
    }
  }

  @Test
  void aRetriedCommandIsAppliedOnceAcrossFailuresAndRestarts() throws Exception {
    // The injected failures are expected: their warnings are captured and asserted, not printed.
    LogCapture roomLog = LogCapture.of(io.peerwork.server.internal.RoomVerticle.class);
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(true)
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    FaultyJournal[] journal = new FaultyJournal[1];
    var faulty = new AbstractModule() {
      @Provides
      @Singleton
      EventJournal journal() {
        journal[0] = new FaultyJournal(JdbcEventJournal.builder(config.journalUrl()).open());
        return journal[0];
      }
    };
    JsonNode annaJoin;
    String session;
    long firstSeq;
    try (TestServer t = new TestServer(config, List.of(faulty))) {
      session = t.demo().sessionId();
      annaJoin = t.joinDemo(Role.PARTICIPANT, "Anna");
      Client anna = t.connect(annaJoin);
      anna.await(f -> f.path("type").asText().equals("snapshot"));

      // The commit goes through, its answer is lost: the server cannot know, and says so.
      journal[0].fail(FaultyJournal.Fault.AFTER_COMMIT, Integer.MAX_VALUE);
      JsonNode unknown = send(anna, "d1", "Newsletter");
      assertThat(unknown.path("type").asText()).isEqualTo("error");
      assertThat(unknown.path("code").asText()).isEqualTo("OUTCOME_UNKNOWN");
      journal[0].fail(FaultyJournal.Fault.NONE, 0);
      JsonNode retry = send(anna, "d1", "Newsletter");
      assertThat(retry.path("type").asText()).isEqualTo("ack");
      firstSeq = retry.path("seq").asLong();
      // The room learnt of the stored goal only when it read the journal again: it still tells everyone.
      long seq = firstSeq;
      assertThat(anna.await(f -> f.path("type").asText().equals("event") && f.path("seq").asLong() == seq)
          .path("event").path("text").asText()).isEqualTo("Newsletter");
      assertThat(send(anna, "d1", "Newsletter").path("seq").asLong()).as("asked a third time").isEqualTo(firstSeq);
      assertThat(goals(config, session)).isEqualTo(1);

      // Nothing is written: the answer says so, and it is true.
      journal[0].fail(FaultyJournal.Fault.BEFORE_COMMIT, Integer.MAX_VALUE);
      JsonNode down = send(anna, "d2", "Invoices");
      assertThat(down.path("code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
      // An error of the server, not a rejection of the command (protocol.md): the page may send it again.
      assertThat(down.path("type").asText()).isEqualTo("error");
      assertThat(goals(config, session)).isEqualTo(1);
      journal[0].fail(FaultyJournal.Fault.NONE, 0);
      assertThat(send(anna, "d2", "Invoices").path("type").asText()).isEqualTo("ack");
      assertThat(goals(config, session)).isEqualTo(2);

      // Ids are each person's own: Bruno's "d1" is his command, not Anna's.
      Client bruno = t.connect(t.joinDemo(Role.PARTICIPANT, "Bruno"));
      bruno.await(f -> f.path("type").asText().equals("snapshot"));
      assertThat(send(bruno, "d1", "Website").path("seq").asLong()).isGreaterThan(firstSeq);
      assertThat(goals(config, session)).isEqualTo(3);
    } finally {
      roomLog.close();
    }
    assertThat(roomLog.records()).anySatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.WARNING);
      assertThat(r.getMessage()).contains("connection lost during commit (test)");
    });

    // After a restart the journal still knows the id: the same answer, nothing applied again.
    try (TestServer t = new TestServer(config, List.of())) {
      Client anna = t.connect(session, annaJoin.path("token").asText(), null, null);
      anna.await(f -> f.path("type").asText().equals("snapshot"));
      JsonNode again = send(anna, "d1", "Newsletter");
      assertThat(again.path("type").asText()).isEqualTo("ack");
      assertThat(again.path("seq").asLong()).isEqualTo(firstSeq);
      assertThat(goals(config, session)).isEqualTo(3);
    }
  }
}
