package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM on a real Hazelcast cluster and PostgreSQL: a room lives on one node, and
 * members connected to either node see the same events; when the owner stops, the other node takes
 * the room and its members go on without missing an event.
 */
class ClusterTest {
  private final List<TestServer> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (TestServer n : nodes) {
      try {
        n.close();
      } catch (Exception e) {
        // stopped by the test already
      }
    }
  }

  static {
    TestPostgres.quietLibraries();
  }

  static ServerConfig node(String name, String db, List<String> members, int port, boolean seed) throws Exception {
    return ServerConfig.defaults().withPort(0).withSeedDemo(seed)
        .withDataDirectory(Files.createTempDirectory("peerwork-cluster"))
        .withDatabase(db).withSecret("cluster-test-secret-0123456789")
        .withCluster(new ClusterSettings(members, "127.0.0.1", port, 0, Duration.ofSeconds(3), name, 1));
  }

  @Test
  void membersOnTwoNodesShareOneRoomAndItMovesWhenItsNodeStops() throws Exception {
    String db = TestPostgres.newSchemaUrl("cluster");
    int pa = TestPostgres.freePort();
    int pb = TestPostgres.freePort();
    List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    TestServer a = new TestServer(node("node-a", db, members, pa, true), List.of());
    nodes.add(a);
    TestServer b = new TestServer(node("node-b", db, members, pb, false), List.of());
    nodes.add(b);
    await().atMost(Duration.ofSeconds(30)).until(() -> a.server.clusterNodes().size() == 2
        && b.server.clusterNodes().size() == 2);

    var demo = a.demo();
    // Joined through either node: the room admits both, once.
    JsonNode annaJoin = a.joinDemo(Role.PARTICIPANT, "Anna");
    JsonNode bertJoin = b.join(demo.sessionId(), demo.invites().get(Role.PARTICIPANT), "Bert");
    JsonNode hostJoin = b.join(demo.sessionId(), demo.invites().get(Role.HOST), "Hanna");
    Client anna = a.connect(annaJoin);
    Client bert = b.connect(bertJoin);
    Client host = b.connect(hostJoin);
    for (Client c : List.of(anna, bert, host)) {
      c.await(f -> f.path("type").asText().equals("snapshot"));
    }
    host.view(v -> v.path("status").asText().equals("OPEN"));
    anna.ok("DeclareGoal", "text", "Newsletter schreiben");
    bert.ok("DeclareGoal", "text", "Rechnungen");
    // Everyone, on either node, has every event up to the same last one, in order, and sees both goals.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      for (Client c : List.of(anna, bert, host)) {
        c.drain(50);
      }
      long last = lastSeq(anna);
      return last > 0 && lastSeq(bert) == last && lastSeq(host) == last;
    });
    for (Client c : List.of(anna, bert, host)) {
      assertGapFree(c);
      assertThat(c.viewNow().toString()).contains("Newsletter schreiben", "Rechnungen");
    }

    // The owner of the room stops (drains): the other node owns it now; nobody on it misses an event.
    String owner = a.server.ownerOf(demo.sessionId());
    TestServer leaving = owner.equals("node-a") ? a : b;
    TestServer staying = leaving == a ? b : a;
    Client stayer = leaving == a ? bert : anna;
    leaving.close();
    nodes.remove(leaving);
    await().atMost(Duration.ofSeconds(20)).until(() -> staying.server.clusterNodes().size() == 1);
    assertThat(staying.server.ownerOf(demo.sessionId())).isEqualTo(staying == a ? "node-a" : "node-b");
    stayer.ok("DeclareGoal", "text", "Nach dem Umzug");
    stayer.view(v -> v.toString().contains("Nach dem Umzug"));
    assertGapFree(stayer);
  }

  @Test
  void aSecondNodeOfTheSameNameIsRefused() throws Exception {
    String db = TestPostgres.newSchemaUrl("cluster");
    int pa = TestPostgres.freePort();
    int pb = TestPostgres.freePort();
    List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    nodes.add(new TestServer(node("node-x", db, members, pa, false), List.of()));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestServer(node("node-x", db, members, pb, false), List.of()))
        .hasMessageContaining("another node of this cluster is named node-x");
  }

  /** The last session seq a client has: of its snapshot or its last event. */
  static long lastSeq(Client c) {
    long last = -1;
    for (JsonNode f : c.seen) {
      String type = f.path("type").asText();
      if (type.equals("snapshot") || type.equals("event")) {
        last = Math.max(last, f.path("seq").asLong());
      }
    }
    return last;
  }

  /** After its snapshot, a client's events come one by one, in order, none missing, none twice. */
  static void assertGapFree(Client c) {
    long expected = -1;
    for (JsonNode f : c.seen) {
      String type = f.path("type").asText();
      if (type.equals("snapshot")) {
        expected = f.path("seq").asLong() + 1;
      } else if (type.equals("event")) {
        assertThat(f.path("seq").asLong()).as("events in order without gaps or repeats").isEqualTo(expected);
        expected++;
      }
    }
  }
}
