package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database's fence with a membership that lies: two servers on one PostgreSQL that are not a
 * cluster, so each thinks it is the only node and owns every room (what a paused or cut-off node
 * thinks). Both load the same room; each load takes the room's epoch, and the other copy's next
 * append is refused, stores nothing, and makes it load the room again. Nothing is written twice or
 * lost: every acknowledged command is in the journal once, the versions have no holes, and both
 * members end with the same events.
 */
class FenceTest {
  private final List<TestServer> nodes = new ArrayList<>();

  static {
    TestPostgres.quietLibraries();
  }

  @AfterEach
  void stop() throws Exception {
    for (TestServer n : nodes) {
      n.close();
    }
  }

  private TestServer start(String db, boolean seed) throws Exception {
    TestServer t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(seed)
        .withDataDirectory(Files.createTempDirectory("peerwork-fence")).withDatabase(db)
        .withSecret("fence-test-secret-0123456789"), List.of());
    nodes.add(t);
    return t;
  }

  @Test
  void twoNodesThatBothThinkTheyOwnARoomNeverBothWrite() throws Exception {
    try (LogCapture log = LogCapture.of(io.peerwork.server.internal.RoomVerticle.class)) {
      takeTurns();
      assertThat(log.records()).extracting(java.util.logging.LogRecord::getMessage)
          .anyMatch(m -> m.contains("is owned by another node now; unloading it here"));
    }
  }

  /**
   * A node whose copy of a room another node took (it was paused, or cut off) must not answer a
   * connection from memory with an old snapshot: it looks at the owner table first, gives the
   * room up, and the connection gets the room as the journal has it.
   */
  @Test
  void aStaleCopyOfARoomServesNoOldSnapshot() throws Exception {
    try (LogCapture log = LogCapture.of(io.peerwork.server.internal.RoomVerticle.class)) {
      String db = TestPostgres.newSchemaUrl("fencestale");
      TestServer a = start(db, true);
      TestServer b = start(db, false);
      var demo = a.demo();
      JsonNode annaJoin = a.joinDemo(Role.PARTICIPANT, "Anna");
      Client anna = a.connect(annaJoin);
      anna.await(f -> f.path("type").asText().equals("snapshot"));
      // Bert on the other node: it takes the room and writes; node a's copy knows nothing of it.
      JsonNode bertJoin = b.join(demo.sessionId(), demo.invites().get(Role.PARTICIPANT), "Bert");
      Client bert = b.connect(bertJoin);
      bert.await(f -> f.path("type").asText().equals("snapshot"));
      JsonNode ack = bert.ok("DeclareGoal", "text", "Bert schreibt auf Knoten b");
      long current = ack.path("seq").asLong();

      // Anna opens a second tab on node a (she is present: her copy need not write to answer).
      // Within a moment of its last look the copy may still answer; then it looks, and gives up.
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
        Client tab = a.connect(annaJoin);
        try {
          JsonNode snap = tab.await(f -> f.path("type").asText().equals("snapshot"));
          return snap.path("seq").asLong() >= current
              && snap.path("view").toString().contains("Bert schreibt auf Knoten b");
        } finally {
          tab.close();
        }
      });
      assertThat(log.records()).extracting(java.util.logging.LogRecord::getMessage)
          .anyMatch(m -> m.contains("is owned by another node now; unloading it here"));
    }
  }

  private void takeTurns() throws Exception {
    String db = TestPostgres.newSchemaUrl("fence");
    TestServer a = start(db, true);
    TestServer b = start(db, false);
    var demo = a.demo();
    JsonNode annaJoin = a.joinDemo(Role.PARTICIPANT, "Anna");
    Client anna = a.connect(annaJoin);
    anna.await(f -> f.path("type").asText().equals("snapshot"));
    JsonNode bertJoin = b.join(demo.sessionId(), demo.invites().get(Role.PARTICIPANT), "Bert");
    Client bert = b.connect(bertJoin);
    bert.await(f -> f.path("type").asText().equals("snapshot"));

    // They take turns: each command lands on the other node's copy of the room first, which was fenced.
    var acked = new ArrayList<String>();
    for (int i = 0; i < 7; i++) {
      Client c = i % 2 == 0 ? anna : bert;
      String id = c.send("DeclareGoal", "text", "Ziel " + i);
      JsonNode answer = c.answer(id);
      assertThat(answer.path("type").asText()).as("answer to %s: %s", id, answer).isEqualTo("ack");
      acked.add((c == anna ? annaJoin : bertJoin).path("participantId").asText() + "/" + id);
    }

    try (var c = DriverManager.getConnection(db); var s = c.createStatement()) {
      var rows = s.executeQuery("SELECT version, command_id FROM peerwork_event WHERE session_id = '"
          + demo.sessionId() + "' ORDER BY version");
      long expected = 1;
      var commands = new ArrayList<String>();
      while (rows.next()) {
        assertThat(rows.getLong(1)).as("versions without holes or repeats").isEqualTo(expected++);
        if (rows.getString(2) != null) {
          commands.add(rows.getString(2));
        }
      }
      for (String id : acked) {
        assertThat(commands).as("acknowledged command %s stored once", id).containsOnlyOnce(id);
      }
    }
    // Each member has every goal up to their own last one: their node's copy read what the other wrote.
    anna.view(v -> v.toString().contains("Ziel 5") && v.toString().contains("Ziel 6"));
    bert.view(v -> v.toString().contains("Ziel 5") && v.toString().contains("Ziel 4"));
    ClusterTest.assertGapFree(anna);
    ClusterTest.assertGapFree(bert);
    assertThat(a.getText("/metrics").body() + b.getText("/metrics").body())
        .containsPattern("peerwork_cluster_fence_failures_total\\S* [1-9]");
  }
}
