package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.server.TestServer.Client;
import io.peerwork.server.internal.JoinLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seats belong to people, not sockets, over the real HTTP API and WebSockets: a participant link's
 * join takes a seat at once, a seat whose holder is away is free again after the no-show minutes,
 * hosts remove people and replace links, and links admit a bounded number of people.
 */
class SeatsTest {
  static final Instant T0 = Instant.parse("2030-01-07T08:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  TestServer t;

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  private void start(JoinLimits limits) throws Exception {
    t = new TestServer(List.of(binder -> {
      binder.bind(Clock.class).toInstance(new TestClock(now));
      if (limits != null) {
        binder.bind(JoinLimits.class).toInstance(limits);
      }
    }));
  }

  /** A session of {@code capacity} seats, open now (or planned for {@code start}): its creation answer. */
  private JsonNode session(int capacity, String start) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("formatId", "test-kitchen");
    b.put("capacity", capacity);
    if (start != null) {
      b.put("start", start);
    }
    TestServer.Response r = t.post("/api/sessions", b.toString());
    assertThat(r.status()).isEqualTo(201);
    return r.body();
  }

  private static String code(JsonNode created, String role) {
    return created.path("invites").path(role).asText();
  }

  private TestServer.Response joinRaw(String sid, String code, String name) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("displayName", name);
    b.put("code", code);
    return t.post("/api/sessions/" + sid + "/join", b.toString());
  }

  private static boolean isSeats(JsonNode f) {
    return f.path("type").asText().equals("seats");
  }

  private static JsonNode member(JsonNode seats, String id) {
    for (JsonNode m : seats.path("members")) {
      if (m.path("id").asText().equals(id)) {
        return m;
      }
    }
    return TestServer.JSON.missingNode();
  }

  @Test
  void botsThatTakeSeatsAndDropTheirSocketsAreFreedAfterTheNoShowMinutesAndARealPersonGetsIn() throws Exception {
    start(null);
    JsonNode s = session(3, null);
    String sid = s.path("sessionId").asText();
    JsonNode hostJoin = t.join(sid, code(s, "host"), "Hanna");
    Client host = t.connect(hostJoin);

    // Three bots take the three seats: one never connects, two connect and drop their sockets.
    JsonNode ghost = t.join(sid, code(s, "participant"), "Bot 1");
    assertThat(ghost.path("seated").asBoolean()).isTrue();
    for (int i = 2; i <= 3; i++) {
      Client bot = t.connect(t.join(sid, code(s, "participant"), "Bot " + i));
      bot.await(f -> f.path("type").asText().equals("snapshot"));
      bot.close();
    }
    host.view(v -> v.path("participantsPresent").asInt() == 3);
    TestServer.Response full = joinRaw(sid, code(s, "participant"), "Rita");
    assertThat(full.status()).isEqualTo(409);
    assertThat(full.body().path("error").path("code").asText()).isEqualTo("SESSION_FULL");

    // The host sees who holds a seat without being there, and when it is free again.
    JsonNode seats = host.await(f -> isSeats(f) && f.path("members").size() == 4
        && f.path("members").findValuesAsText("state").stream().filter("ABSENT"::equals).count() == 3);
    assertThat(seats.path("noShowMinutes").asInt()).isEqualTo(10);
    assertThat(member(seats, ghost.path("participantId").asText()).path("freedAt").asText())
        .isEqualTo(T0.plus(Duration.ofMinutes(10)).toString());
    assertThat(member(seats, hostJoin.path("participantId").asText()).path("since").asText()).isEqualTo(T0.toString());

    // Nine minutes later the seats are still theirs; at ten they are free (the room's timer frees them).
    now.set(T0.plus(Duration.ofMinutes(9)));
    assertThat(joinRaw(sid, code(s, "participant"), "Rita").status()).isEqualTo(409);
    now.set(T0.plus(Duration.ofMinutes(10)).plusSeconds(1));
    host.view(v -> v.path("participantsPresent").asInt() == 0);
    JsonNode released = host.await(f -> f.path("type").asText().equals("event")
        && f.path("event").path("type").asText().equals("SeatReleased")
        && f.path("event").path("participant").asText().equals(ghost.path("participantId").asText()));
    assertThat(released.path("event").path("reason").asText()).isEqualTo("NEVER_CONNECTED");

    JsonNode rita = t.join(sid, code(s, "participant"), "Rita");
    Client ritaSocket = t.connect(rita);
    JsonNode view = ritaSocket.view(v -> v.path("participantsPresent").asInt() == 1);
    assertThat(view.path("members").toString()).contains("\"Rita\"");

    // A freed bot may come back while a seat is free: its seat was released, it was not removed.
    Client back = t.connect(ghost);
    back.view(v -> v.path("participantsPresent").asInt() == 2);
  }

  @Test
  void aHostRemovesAMemberWhoseSocketsCloseAndWhoseTokenNoLongerConnectsNorReadsTheRecap() throws Exception {
    start(null);
    JsonNode s = session(5, null);
    String sid = s.path("sessionId").asText();
    Client host = t.connect(t.join(sid, code(s, "host"), "Hanna"));
    JsonNode annaJoin = t.join(sid, code(s, "participant"), "Anna");
    Client anna = t.connect(annaJoin);
    Client anna2 = t.connect(annaJoin); // a second tab
    JsonNode benJoin = t.join(sid, code(s, "participant"), "Ben");
    Client ben = t.connect(benJoin);
    anna.await(f -> f.path("type").asText().equals("snapshot"));
    anna2.await(f -> f.path("type").asText().equals("snapshot"));
    ben.await(f -> f.path("type").asText().equals("snapshot"));
    String annaId = annaJoin.path("participantId").asText();

    assertThat(ben.answer(ben.send("RemoveMember", "participant", annaId, "reason", "")).path("code").asText())
        .isEqualTo("ROLE_NOT_ALLOWED");
    host.ok("RemoveMember", "participant", annaId, "reason", "Werbung im Chat");

    for (Client c : List.of(anna, anna2)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> c.closed);
      assertThat(c.closeStatusCode()).isEqualTo((short) 4403);
      JsonNode error = c.await(f -> f.path("type").asText().equals("error"));
      assertThat(error.path("code").asText()).isEqualTo("MEMBER_REMOVED");
      assertThat(error.path("reason").asText()).isEqualTo("Werbung im Chat");
    }
    // The others stay connected; participants see the removal without its reason, hosts with it.
    JsonNode seen = ben.await(f -> f.path("event").path("type").asText().equals("MemberRemoved"));
    assertThat(seen.path("event").has("reason")).isFalse();
    assertThat(host.await(f -> f.path("event").path("type").asText().equals("MemberRemoved"))
        .path("event").path("reason").asText()).isEqualTo("Werbung im Chat");
    assertThat(ben.ok("Chat", "text", "noch da").path("type").asText()).isEqualTo("ack");
    assertThat(ben.closed).isFalse();
    JsonNode view = ben.view(v -> v.path("participantsPresent").asInt() == 1);
    assertThat(view.path("members").toString()).contains("\"removed\":true");
    assertThat(member(host.await(f -> isSeats(f) && member(f, annaId).path("state").asText().equals("REMOVED")),
        annaId).path("reason").asText()).isEqualTo("Werbung im Chat");

    // The same token is refused: no reconnect loop into the room.
    Client again = t.connect(annaJoin);
    await().atMost(Duration.ofSeconds(10)).until(() -> again.closed);
    assertThat(again.closeStatusCode()).isEqualTo((short) 4403);
    assertThat(again.await(f -> f.path("type").asText().equals("error")).path("code").asText())
        .isEqualTo("MEMBER_REMOVED");
    // Nor does it read the recap (everyone's names and goals): refused before anything else, while
    // Ben's token is told it is too early.
    TestServer.Response recap = t.get("/api/sessions/" + sid + "/recap", annaJoin.path("token").asText());
    assertThat(recap.status()).isEqualTo(403);
    assertThat(recap.body().path("error").path("code").asText()).isEqualTo("MEMBER_REMOVED");
    assertThat(t.get("/api/sessions/" + sid + "/recap", benJoin.path("token").asText()).body()
        .path("error").path("code").asText()).isEqualTo("SESSION_NOT_OVER");

    // Readmitted, the token works again.
    host.ok("ReadmitMember", "participant", annaId);
    assertThat(t.get("/api/sessions/" + sid + "/recap", annaJoin.path("token").asText()).body()
        .path("error").path("code").asText()).isEqualTo("SESSION_NOT_OVER");
    Client back = t.connect(annaJoin);
    back.view(v -> v.path("participantsPresent").asInt() == 2);
    assertThat(back.closed).isFalse();
  }

  /**
   * The hosts' {@code seats} frame is built when who is in, their seats or the links change, not
   * for goals, the queue or phases: a room busy with goals sends the hosts none (each would list
   * every member and make two invite codes).
   */
  @Test
  void aRoomBusyWithGoalsSendsItsHostsNoSeatsFrames() throws Exception {
    start(null);
    JsonNode s = session(5, null);
    String sid = s.path("sessionId").asText();
    Client host = t.connect(t.join(sid, code(s, "host"), "Hanna"));
    JsonNode annaJoin = t.join(sid, code(s, "participant"), "Anna");
    Client anna = t.connect(annaJoin);
    host.ok("StartSession");
    host.ok("AdvancePhase");
    anna.view(v -> status(v, "RUNNING"));
    // The seats frames of the joins and the start have come and gone.
    host.drain(600);
    long before = lastSeatsSeq(host);
    assertThat(before).isPositive();

    for (int i = 1; i <= 5; i++) {
      anna.ok("DeclareGoal", "text", "Ziel " + i);
    }
    String goal = anna.view(v -> v.path("goals").size() == 5).path("goals").get(0).path("id").asText();
    anna.ok("MarkGoal", "goal", goal, "status", "DONE");
    anna.ok("RaiseHand", "topicId", "images", "note", "");
    host.await(f -> f.path("event").path("type").asText().equals("HandRaised"));
    host.drain(600); // longer than the frames' 250 ms interval
    assertThat(lastSeatsSeq(host)).as("no seats frame for goals and the queue").isEqualTo(before);

    // Someone joining is a change: the next frame shows them.
    JsonNode benJoin = t.join(sid, code(s, "participant"), "Ben");
    Client ben = t.connect(benJoin);
    JsonNode next = host.await(f -> isSeats(f) && f.path("seatsSeq").asLong() > before);
    assertThat(next.path("seatsSeq").asLong()).isEqualTo(before + 1);
    assertThat(member(next, benJoin.path("participantId").asText()).isMissingNode()).isFalse();
    ben.close();
  }

  private static long lastSeatsSeq(Client c) {
    return c.seen.stream().filter(SeatsTest::isSeats).mapToLong(f -> f.path("seatsSeq").asLong()).max().orElse(0);
  }

  private static boolean status(JsonNode view, String status) {
    return view.path("status").asText().equals(status);
  }

  @Test
  void joinsAreLimitedPerClientNetwork() throws Exception {
    start(null); // the defaults: 10 at once
    JsonNode s = session(40, null);
    String sid = s.path("sessionId").asText();
    var codes = new ArrayList<String>();
    for (int i = 0; i < 30; i++) {
      TestServer.Response r = joinRaw(sid, code(s, "participant"), "Bot " + i);
      codes.add(r.status() == 200 ? "OK" : r.body().path("error").path("code").asText());
    }
    assertThat(codes.subList(0, 10)).containsOnly("OK");
    assertThat(codes.subList(10, 30)).containsOnly("JOIN_RATE_LIMITED");
    assertThat(joinRaw(sid, code(s, "participant"), "Bot").status()).isEqualTo(429);
    assertThat(ServerCapsTest.refusals(t, "joins_per_client")).as("refusals counted for the operator").isEqualTo(21);
    // Another session is another budget.
    JsonNode other = session(5, null);
    assertThat(joinRaw(other.path("sessionId").asText(), code(other, "participant"), "Rita").status()).isEqualTo(200);
  }

  @Test
  void aLinkAdmitsABoundedNumberOfPeoplePerGeneration() throws Exception {
    start(new JoinLimits(1000, Duration.ofSeconds(1), 1, 2)); // capacity 2: a link admits max(2, 4) = 4
    JsonNode s = session(2, "2030-01-07T10:00:00Z"); // not open yet: tokens, no seats
    String sid = s.path("sessionId").asText();
    for (int i = 0; i < 4; i++) {
      assertThat(t.join(sid, code(s, "participant"), "P" + i).path("seated").asBoolean()).isFalse();
    }
    TestServer.Response exhausted = joinRaw(sid, code(s, "participant"), "P5");
    assertThat(exhausted.status()).isEqualTo(409);
    assertThat(exhausted.body().path("error").path("code").asText()).isEqualTo("INVITE_EXHAUSTED");
    assertThat(ServerCapsTest.refusals(t, "joins_per_link")).isEqualTo(1);
    // Each link counts for itself.
    assertThat(joinRaw(sid, code(s, "expert"), "Eva").status()).isEqualTo(200);
    TestServer.Response bad = joinRaw(sid, "AAAA-BBBB-CC", "X");
    assertThat(bad.status()).isEqualTo(403);
    assertThat(bad.body().path("error").path("code").asText()).isEqualTo("INVALID_INVITE");
  }

  @Test
  void aRevokedLinkAnswersInviteRevokedAndTheNewOneWorks() throws Exception {
    start(null);
    JsonNode s = session(5, null);
    String sid = s.path("sessionId").asText();
    Client host = t.connect(t.join(sid, code(s, "host"), "Hanna"));
    String old = code(s, "participant");
    JsonNode first = host.await(f -> isSeats(f));
    assertThat(first.path("invites").path("participant").path("code").asText()).isEqualTo(old);
    assertThat(first.path("invites").path("participant").path("generation").asInt()).isZero();
    JsonNode anna = t.join(sid, old, "Anna");

    host.ok("RevokeInvite", "role", "PARTICIPANT");
    JsonNode seats = host.await(f -> isSeats(f) && f.path("invites").path("participant").path("generation").asInt() == 1);
    String fresh = seats.path("invites").path("participant").path("code").asText();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(seats.path("invites").path("participant").path("admitted").asInt()).isZero();

    TestServer.Response revoked = joinRaw(sid, old, "Bot");
    assertThat(revoked.status()).isEqualTo(410);
    assertThat(revoked.body().path("error").path("code").asText()).isEqualTo("INVITE_REVOKED");
    assertThat(t.join(sid, fresh, "Ben").path("seated").asBoolean()).isTrue();
    // Whoever joined with the old link keeps their place.
    Client annaSocket = t.connect(anna);
    annaSocket.view(v -> v.path("participantsPresent").asInt() == 2);
    assertThat(host.answer(host.send("RevokeInvite", "role", "HOST")).path("code").asText())
        .isEqualTo("INVITE_NOT_REVOCABLE");
  }

  @Test
  void manyTokensOfOneLinkDoNotGrowTheViewWithoutBound() throws Exception {
    start(new JoinLimits(1000, Duration.ofSeconds(1), 3, 20)); // capacity 2: a link admits 22
    JsonNode s = session(2, null);
    String sid = s.path("sessionId").asText();
    Client host = t.connect(t.join(sid, code(s, "host"), "Hanna"));
    int admitted = 0;
    String refusal = null;
    for (int i = 0; i < 40 && refusal == null; i++) {
      TestServer.Response r = joinRaw(sid, code(s, "participant"), "Bot " + i);
      if (r.status() != 200) {
        refusal = r.body().path("error").path("code").asText();
        break;
      }
      admitted++;
      Client bot = t.connect(r.body());
      bot.await(f -> f.path("type").asText().equals("snapshot"));
      bot.ok("Leave"); // give the seat up, so the next token can take one
      bot.close();
    }
    assertThat(refusal).isEqualTo("INVITE_EXHAUSTED");
    assertThat(admitted).isEqualTo(22);
    int members = admitted + 1;
    JsonNode view = host.view(v -> v.path("members").size() == members);
    assertThat(view.toString().length()).isLessThan(12_000);
  }
}
