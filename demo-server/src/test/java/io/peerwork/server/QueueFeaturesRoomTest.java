package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The expert's queue beyond the basics, over real WebSockets: what each audience sees of groups,
 * holds, answers, queue state, announcements and peer helps, and who may do what.
 */
class QueueFeaturesRoomTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  TestServer t;
  Client host;
  Client expert;
  Client anna;
  Client bernd;
  String annaId;
  String berndId;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(List.of(binder -> binder.bind(Clock.class).toInstance(new TestClock(now))));
    host = t.connect(t.joinDemo(Role.HOST, "Hanna Host"));
    expert = t.connect(t.joinDemo(Role.EXPERT, "Erich Expert"));
    JsonNode annaJoin = t.joinDemo(Role.PARTICIPANT, "Anna");
    JsonNode berndJoin = t.joinDemo(Role.PARTICIPANT, "Bernd");
    annaId = annaJoin.path("participantId").asText();
    berndId = berndJoin.path("participantId").asText();
    anna = t.connect(annaJoin);
    bernd = t.connect(berndJoin);
    host.view(v -> v.path("members").size() == 4 && v.path("status").asText().equals("OPEN"));
    host.ok("StartSession");
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private static JsonNode waiting(JsonNode view) {
    return view.path("queue").path("waiting");
  }

  private static String code(Client c, String type, Object... fields) throws InterruptedException {
    JsonNode a = c.answer(c.send(type, fields));
    assertThat(a.path("type").asText()).as(a.toString()).isEqualTo("rejected");
    return a.path("code").asText();
  }

  @Test
  void meTooNotesAndAnswersAfterHelpStayWithTheStaff() throws Exception {
    anna.ok("RaiseHand", "topicId", "images", "note", "Canva template?");
    String r1 = bernd.view(v -> waiting(v).size() == 1).path("queue").path("waiting").get(0).path("id").asText();
    bernd.ok("JoinRequest", "request", r1, "note", "Mine is for Instagram");

    JsonNode joined = anna.await(f -> f.path("event").path("type").asText().equals("RequestJoined"));
    assertThat(joined.path("event").has("note")).isFalse();
    JsonNode group = anna.view(v -> waiting(v).path(0).path("group").size() == 1).path("queue").path("waiting")
        .get(0).path("group").get(0);
    assertThat(group.path("participant").asText()).isEqualTo(berndId);
    assertThat(group.has("note")).isFalse();
    assertThat(expert.view(v -> waiting(v).size() == 1 && waiting(v).path(0).path("group").size() == 1)
        .path("queue").path("waiting").get(0).path("group").get(0).path("note").asText())
        .isEqualTo("Mine is for Instagram");
    assertThat(code(bernd, "RaiseHand", "topicId", "scheduling", "note", "")).isEqualTo("ALREADY_IN_QUEUE");

    expert.ok("ClaimNext");
    expert.ok("FinishHelp", "request", r1, "outcome", "PARTLY_SOLVED");
    JsonNode annaDone = anna.view(v -> v.path("queue").path("finished").size() == 1);
    assertThat(annaDone.path("members").findValues("helpsReceived").stream().mapToInt(JsonNode::asInt).sum())
        .isEqualTo(2); // Anna and Bernd each helped once
    anna.ok("RateHelp", "request", r1, "answer", "NOT_YET");
    JsonNode rated = bernd.await(f -> f.path("event").path("type").asText().equals("HelpRated"));
    assertThat(rated.path("event").has("answer")).isFalse();
    JsonNode finished = bernd.view(v -> v.path("queue").path("finished").path(0).path("ratedBy").size() == 1)
        .path("queue").path("finished").get(0);
    assertThat(finished.path("ratedBy").get(0).asText()).isEqualTo(annaId);
    assertThat(finished.has("ratings")).isFalse();
    assertThat(expert.view(v -> v.path("queue").path("finished").path(0).path("ratings").has(annaId))
        .path("queue").path("finished").get(0).path("ratings").path(annaId).asText()).isEqualTo("NOT_YET");
    assertThat(code(host, "RateHelp", "request", r1, "answer", "SOLVED")).isEqualTo("ROLE_NOT_ALLOWED");
  }

  @Test
  void aHeldHelpComesBackFirstWhenTheParticipantIsReadyOrWhenItsTimeIsUp() throws Exception {
    anna.ok("RaiseHand", "topicId", "images", "note", "");
    expert.ok("ClaimNext");
    String r1 = expert.view(v -> v.path("queue").path("inProgress").size() == 1).path("queue").path("inProgress")
        .get(0).path("id").asText();
    expert.ok("HoldHelp", "request", r1, "minutes", 0);
    JsonNode held = anna.view(v -> v.path("queue").path("onHold").size() == 1).path("queue").path("onHold").get(0);
    assertThat(held.path("participant").asText()).isEqualTo(annaId);
    assertThat(held.path("holds").asInt()).isEqualTo(1);
    bernd.ok("RaiseHand", "topicId", "scheduling", "note", "");
    anna.ok("ReadyAgain");
    JsonNode back = anna.view(v -> waiting(v).size() == 2).path("queue").path("waiting");
    assertThat(back.get(0).path("id").asText()).isEqualTo(r1);
    assertThat(back.get(0).has("returnedAt")).isTrue();

    expert.ok("ClaimRequest", "request", r1);
    expert.ok("HoldHelp", "request", r1, "minutes", 5);
    anna.view(v -> v.path("queue").path("onHold").size() == 1);
    now.set(now.get().plus(Duration.ofMinutes(5)).plusSeconds(1));
    JsonNode ended = anna.await(f -> f.path("event").path("type").asText().equals("HoldEnded")
        && !f.path("event").has("by"));
    assertThat(ended.path("event").path("request").asText()).isEqualTo(r1);
    assertThat(anna.view(v -> waiting(v).size() == 2 && waiting(v).get(0).path("id").asText().equals(r1))
        .path("queue").path("onHold")).isEmpty();
    assertThat(code(anna, "HoldHelp", "request", r1, "minutes", 5)).isEqualTo("ROLE_NOT_ALLOWED");
  }

  @Test
  void aPausedQueueWithAnAnnouncementAndAPeerWhoHelpsMeanwhile() throws Exception {
    expert.ok("SetQueueState", "status", "PAUSED", "reason", "Back in 10 minutes");
    JsonNode paused = bernd.view(v -> v.path("queue").path("status").asText().equals("PAUSED")).path("queue");
    assertThat(paused.path("reason").asText()).isEqualTo("Back in 10 minutes");
    host.ok("PostAnnouncement", "text", "Templates are in the chat", "audience", "EVERYONE");
    assertThat(anna.view(v -> v.has("announcement")).path("announcement").path("text").asText())
        .isEqualTo("Templates are in the chat");
    assertThat(code(anna, "PostAnnouncement", "text", "Hi all", "audience", "EVERYONE")).isEqualTo("ROLE_NOT_ALLOWED");

    assertThat(code(bernd, "OfferPeerHelp", "topics", List.of("images"))).isEqualTo("PEER_TOPIC_NOT_EARNED");
    bernd.ok("DeclareGoal", "text", "Ein Post", "taskId", "write-post"); // its topic: images
    String goal = bernd.view(v -> v.path("goals").size() == 1).path("goals").get(0).path("id").asText();
    bernd.ok("MarkGoal", "goal", goal, "status", "DONE");
    bernd.ok("OfferPeerHelp", "topics", List.of("images"));
    anna.ok("RaiseHand", "topicId", "images", "note", "");
    JsonNode mine = anna.view(v -> waiting(v).size() == 1 && waiting(v).get(0).has("peer")).path("queue")
        .path("waiting").get(0);
    assertThat(mine.path("peer").asText()).isEqualTo(berndId);
    assertThat(mine.has("waitLowMinutes")).isFalse(); // paused: no estimate
    assertThat(code(expert, "ClaimNext")).isEqualTo("QUEUE_PAUSED");
    assertThat(code(anna, "AcceptPeerHelp", "peer", annaId)).isEqualTo("NO_PEER_SUGGESTED");
    anna.ok("AcceptPeerHelp", "peer", berndId);
    JsonNode helping = expert.view(v -> v.path("queue").path("inProgress").size() == 1).path("queue")
        .path("inProgress").get(0);
    assertThat(helping.path("byPeer").asBoolean()).isTrue();
    assertThat(helping.path("expert").asText()).isEqualTo(berndId);
    bernd.ok("FinishHelp", "request", helping.path("id").asText(), "outcome", "SOLVED");
    assertThat(host.view(v -> v.path("progress").path("peerHelps").asInt() == 1).path("members").findValues("peerHelpsGiven"))
        .extracting(JsonNode::asInt).containsExactly(1);

    host.ok("RemoveAnnouncement");
    anna.view(v -> !v.has("announcement"));
    expert.ok("SetQueueState", "status", "CLOSED", "reason", "");
    assertThat(code(anna, "RaiseHand", "topicId", "images", "note", "")).isEqualTo("QUEUE_CLOSED");
  }
}
