package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real server on a random port, driven by real WebSocket clients. */
class RoomIntegrationTest {
  TestServer t;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer();
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private static boolean status(JsonNode view, String status) {
    return view.path("status").asText().equals(status);
  }

  private static boolean phase(JsonNode view, int index) {
    return view.path("current").path("index").asInt(-1) == index;
  }

  @Test
  void aWholeSessionWithHostExpertAndParticipants() throws Exception {
    JsonNode formats = t.get("/api/formats").body();
    JsonNode kitchen = null;
    for (JsonNode f : formats) {
      if (f.path("id").asText().equals("test-kitchen")) {
        kitchen = f;
      }
    }
    assertThat(kitchen).isNotNull();
    assertThat(kitchen.path("name").path("de").asText()).isEqualTo("Test-Küche");
    assertThat(kitchen.path("name").path("en").asText()).isEqualTo("Test Kitchen");
    assertThat(kitchen.path("agenda")).hasSize(6);
    assertThat(kitchen.path("tasks")).hasSize(2);
    assertThat(kitchen.path("helpTopics")).hasSize(2);
    // one demo session per format and language, titled in its language
    assertThat(t.server.demoSessions()).hasSize(2 * formats.size());
    assertThat(t.server.demoSessions()).filteredOn(d -> d.formatId().equals("test-kitchen"))
        .extracting(PeerworkServer.DemoSession::language, PeerworkServer.DemoSession::title)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("de", "Test-Küche (Demo)"),
            org.assertj.core.groups.Tuple.tuple("en", "Test Kitchen (Demo)"));

    Client host = t.connect(t.joinDemo(Role.HOST, "Hanna Host"));
    Client expert = t.connect(t.joinDemo(Role.EXPERT, "Erich Expert"));
    JsonNode annaJoin = t.joinDemo(Role.PARTICIPANT, "Anna");
    JsonNode bernJoin = t.joinDemo(Role.PARTICIPANT, "Bernd");
    JsonNode cemJoin = t.joinDemo(Role.PARTICIPANT, "Cem");
    Client anna = t.connect(annaJoin);
    Client bernd = t.connect(bernJoin);
    Client cem = t.connect(cemJoin);
    String annaId = annaJoin.path("participantId").asText();
    String berndId = bernJoin.path("participantId").asText();
    List<Client> all = List.of(host, expert, anna, bernd, cem);
    for (Client c : all) {
      assertThat(c.await(f -> f.path("type").asText().equals("welcome")).path("sessionId").asText())
          .isEqualTo(t.demo().sessionId());
      JsonNode snap = c.await(f -> f.path("type").asText().equals("snapshot"));
      assertThat(snap.path("format").path("id").asText()).isEqualTo("test-kitchen");
    }
    for (Client c : all) {
      c.view(v -> v.path("members").size() == 5 && status(v, "OPEN"));
    }

    host.ok("StartSession");
    host.ok("AdvancePhase");
    for (Client c : all) {
      c.view(v -> status(v, "RUNNING") && phase(v, 1));
    }
    anna.ok("DeclareGoal", "text", "Plan the month's posts", "taskId", "plan-posts");
    bernd.ok("DeclareGoal", "text", "Newsletter fertig schreiben");
    host.ok("AdvancePhase");
    anna.ok("RaiseHand", "topicId", "scheduling", "note", "Which tool for Instagram?");
    bernd.ok("RaiseHand", "topicId", "images", "note", "");
    JsonNode waiting = bernd.view(v -> v.path("queue").path("waiting").size() == 2).path("queue").path("waiting");
    assertThat(waiting.get(0).path("participant").asText()).isEqualTo(annaId);
    assertThat(waiting.get(1).path("participant").asText()).isEqualTo(berndId);
    assertThat(waiting.get(1).path("place").asInt()).isEqualTo(2);
    // Place 2 behind one request, one expert free: about 5 to 15 minutes (the format's typical help
    // of 10 minutes, as no help has finished yet).
    assertThat(waiting.get(1).path("waitLowMinutes").asInt()).isEqualTo(5);
    assertThat(waiting.get(1).path("waitHighMinutes").asInt()).isEqualTo(15);
    assertThat(waiting.get(0).path("waitHighMinutes").asInt()).isZero();
    // Help notes are for the experts (and hosts), not for the other participants.
    assertThat(waiting.get(0).has("note")).isFalse();
    assertThat(bernd.await(f -> f.path("event").path("type").asText().equals("HandRaised")).path("event").has("note"))
        .isFalse();
    assertThat(expert.view(v -> v.path("queue").path("waiting").size() == 2).path("queue").path("waiting").get(0)
        .path("note").asText()).isEqualTo("Which tool for Instagram?");

    expert.ok("ClaimNext");
    JsonNode claimed = expert.view(v -> v.path("queue").path("inProgress").size() == 1)
        .path("queue").path("inProgress").get(0);
    assertThat(claimed.path("participant").asText()).isEqualTo(annaId);
    expert.ok("FinishHelp", "request", claimed.path("id").asText(), "outcome", "SOLVED");
    bernd.ok("WithdrawHand");

    String annaGoal = anna.view(v -> v.path("goals").size() == 2).path("goals").get(0).path("id").asText();
    anna.ok("MarkGoal", "goal", annaGoal, "status", "DONE");
    anna.ok("Chat", "text", "Geschafft!");
    bernd.ok("Cheer", "to", annaId);
    for (Client c : all) {
      JsonNode chat = c.await(f -> f.path("type").asText().equals("chat"));
      assertThat(chat.path("text").asText()).isEqualTo("Geschafft!");
      assertThat(chat.path("from").path("name").asText()).isEqualTo("Anna");
      assertThat(c.await(f -> f.path("type").asText().equals("cheer")).path("to").asText()).isEqualTo(annaId);
    }

    assertThat(t.get("/api/sessions/" + t.demo().sessionId() + "/recap", annaJoin.path("token").asText()).status())
        .isEqualTo(409);
    host.ok("ExtendPhase", "minutes", 5);
    host.ok("EndSession");
    for (Client c : all) {
      c.view(v -> status(v, "ENDED"));
    }

    TestServer.Response recap =
        t.get("/api/sessions/" + t.demo().sessionId() + "/recap", annaJoin.path("token").asText());
    assertThat(recap.status()).isEqualTo(200);
    JsonNode people = recap.body().path("participants");
    assertThat(people).hasSize(3);
    assertThat(people.get(0).path("displayName").asText()).isEqualTo("Anna");
    assertThat(people.get(0).path("goals").get(0).path("status").asText()).isEqualTo("DONE");
    assertThat(people.get(0).path("helpsReceived").asInt()).isEqualTo(1);
    assertThat(people.get(1).path("goals").get(0).path("status").asText()).isEqualTo("CARRIED_OVER");
    assertThat(recap.body().path("helpsFinished").asInt()).isEqualTo(1);

    // Everyone saw every event exactly once, in order.
    for (Client c : all) {
      c.drain(200);
    }
    long version = host.seen.stream().filter(f -> f.path("type").asText().equals("event"))
        .mapToLong(f -> f.path("seq").asLong()).max().orElseThrow();
    for (Client c : all) {
      List<Long> seqs = c.eventSeqs();
      long first = seqs.get(0);
      for (int i = 0; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).isEqualTo(first + i);
      }
      assertThat(seqs.get(seqs.size() - 1)).isEqualTo(version);
    }
  }

  @Test
  void roleViolationsAreRejectedAndNobodyElseNotices() throws Exception {
    Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
    JsonNode annaJoin = t.joinDemo(Role.PARTICIPANT, "Anna");
    JsonNode berndJoin = t.joinDemo(Role.PARTICIPANT, "Bernd");
    Client anna = t.connect(annaJoin);
    Client bernd = t.connect(berndJoin);
    host.ok("StartSession");
    bernd.ok("DeclareGoal", "text", "Bernd's goal");
    String berndGoal = anna.view(v -> v.path("goals").size() == 1).path("goals").get(0).path("id").asText();
    for (Client c : List.of(host, anna, bernd)) {
      c.drain(300);
    }

    Map<String, Object[]> hostOnly = Map.of("StartSession", new Object[0], "AdvancePhase", new Object[0],
        "ExtendPhase", new Object[] {"minutes", 5}, "EndSession", new Object[0],
        "CancelSession", new Object[] {"reason", "no"});
    for (var e : hostOnly.entrySet()) {
      JsonNode a = anna.answer(anna.send(e.getKey(), e.getValue()));
      assertThat(a.path("type").asText()).as(e.getKey()).isEqualTo("rejected");
      assertThat(a.path("code").asText()).as(e.getKey()).isEqualTo("ROLE_NOT_ALLOWED");
    }
    assertThat(anna.answer(anna.send("ClaimNext")).path("code").asText()).isEqualTo("ROLE_NOT_ALLOWED");
    assertThat(anna.answer(anna.send("MarkGoal", "goal", berndGoal, "status", "DONE")).path("code").asText())
        .isEqualTo("NOT_YOUR_GOAL");
    assertThat(anna.answer(anna.send("EditGoal", "goal", berndGoal, "text", "mine now")).path("code").asText())
        .isEqualTo("NOT_YOUR_GOAL");
    JsonNode forged = anna.answer(anna.send("DeclareGoal", "actor", berndJoin.path("participantId").asText(),
        "text", "in Bernd's name"));
    assertThat(forged.path("type").asText()).isEqualTo("error");
    assertThat(forged.path("code").asText()).isEqualTo("FORBIDDEN_ACTOR");
    assertThat(anna.answer(anna.send("Tick")).path("code").asText()).isEqualTo("COMMAND_NOT_ALLOWED");
    assertThat(anna.answer(anna.send("ScheduleSession")).path("code").asText()).isEqualTo("COMMAND_NOT_ALLOWED");
    // Join's name and role come from the token: claiming to be host changes nothing.
    assertThat(anna.answer(anna.send("Join", "role", "HOST", "displayName", "Boss")).path("code").asText())
        .isEqualTo("ALREADY_PRESENT");

    assertThat(bernd.drain(400)).isEmpty();
    assertThat(host.drain(100)).isEmpty();
  }

  @Test
  void badFramesGetErrorFramesAndTheConnectionStaysOpen() throws Exception {
    Client anna = t.connect(t.joinDemo(Role.PARTICIPANT, "Anna"));
    Client bernd = t.connect(t.joinDemo(Role.PARTICIPANT, "Bernd"));
    anna.await(f -> f.path("type").asText().equals("snapshot"));
    bernd.view(v -> v.path("members").size() == 2);
    anna.drain(300);
    bernd.drain(300);

    anna.sendRaw("{not json");
    assertThat(anna.await(f -> f.path("type").asText().equals("error")).path("code").asText())
        .isEqualTo("MALFORMED_JSON");
    anna.sendRaw("[1,2,3]");
    assertThat(anna.await(f -> f.path("type").asText().equals("error")).path("code").asText())
        .isEqualTo("MALFORMED_JSON");
    assertThat(anna.answer(anna.send("LaunchRocket")).path("code").asText()).isEqualTo("UNKNOWN_TYPE");
    assertThat(anna.answer(anna.send("RaiseHand")).path("code").asText()).isEqualTo("INVALID_COMMAND");
    assertThat(anna.answer(anna.send("MarkGoal", "goal", "g1", "status", "FLYING")).path("code").asText())
        .isEqualTo("INVALID_COMMAND");
    assertThat(anna.answer(anna.send("ExtendPhase", "minutes", "lots")).path("code").asText())
        .isEqualTo("INVALID_COMMAND");
    assertThat(anna.answer(anna.send("Chat")).path("code").asText()).isEqualTo("INVALID_COMMAND");
    anna.sendRaw("{\"type\":\"DeclareGoal\",\"text\":\"no id\"}");
    assertThat(anna.await(f -> f.path("type").asText().equals("error") && f.path("id").isNull())
        .path("code").asText()).isEqualTo("INVALID_COMMAND");
    anna.sendRaw("{\"type\":\"Chat\",\"id\":\"big\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}");
    assertThat(anna.await(f -> f.path("type").asText().equals("error")).path("code").asText())
        .isEqualTo("FRAME_TOO_LARGE");

    assertThat(anna.answer(anna.send("Ping")).path("type").asText()).isEqualTo("pong");
    assertThat(anna.closed).isFalse();
    assertThat(bernd.drain(400)).isEmpty();
    // and the room still works
    anna.ok("Chat", "text", "still here");
    assertThat(bernd.await(f -> f.path("type").asText().equals("chat")).path("text").asText())
        .isEqualTo("still here");
  }

  @Test
  void aReconnectingClientGetsExactlyWhatItMissed() throws Exception {
    Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
    JsonNode annaJoin = t.joinDemo(Role.PARTICIPANT, "Anna");
    Client anna = t.connect(annaJoin);
    JsonNode snap = anna.await(f -> f.path("type").asText().equals("snapshot"));
    host.ok("StartSession");
    anna.view(v -> status(v, "RUNNING"));
    anna.drain(200);
    long lastSeen = anna.eventSeqs().isEmpty() ? snap.path("seq").asLong()
        : anna.eventSeqs().get(anna.eventSeqs().size() - 1);
    String epoch = snap.path("chatEpoch").asText();
    long chatSeq = snap.path("chatSeq").asLong();
    anna.close();

    host.ok("AdvancePhase");
    host.ok("ExtendPhase", "minutes", 3);
    host.ok("Chat", "text", "while you were away");
    JsonNode hostView = host.view(v -> phase(v, 1) && v.path("current").has("endsAt"));
    host.drain(200);
    long now = host.eventSeqs().get(host.eventSeqs().size() - 1);

    Client again = t.connect(t.demo().sessionId(), annaJoin.path("token").asText(),
        "since=" + lastSeen + "&chatEpoch=" + epoch + "&chatSince=" + chatSeq, null);
    again.view(v -> v.path("seq").asLong() == now);
    again.drain(300);
    assertThat(again.seen.stream().map(f -> f.path("type").asText())).doesNotContain("snapshot");
    assertThat(again.eventSeqs()).containsExactlyElementsOf(range(lastSeen + 1, now));
    assertThat(again.seen.stream().filter(f -> f.path("type").asText().equals("chat"))
        .map(f -> f.path("text").asText())).containsExactly("while you were away");
    assertThat(hostView.path("status").asText()).isEqualTo("RUNNING");

    // A client from another world (a sequence number the room never had) gets a fresh snapshot.
    Client stranger = t.connect(t.demo().sessionId(), annaJoin.path("token").asText(), "since=99999", null);
    assertThat(stranger.await(f -> f.path("type").asText().equals("snapshot")).path("seq").asLong()).isEqualTo(now);
  }

  @Test
  void resumingWhileTheRoomIsBusyLosesNothingAndRepeatsNothing() throws Exception {
    Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
    JsonNode annaJoin = t.joinDemo(Role.PARTICIPANT, "Anna");
    host.ok("StartSession");
    Client anna = t.connect(annaJoin);
    long snapSeq = anna.await(f -> f.path("type").asText().equals("snapshot")).path("seq").asLong();
    var seqs = new ArrayList<Long>();
    long last = snapSeq;
    Thread busy = new Thread(() -> {
      for (int i = 0; i < 30; i++) {
        host.send("ExtendPhase", "minutes", 1);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    busy.start();
    for (int round = 0; round < 4; round++) {
      anna.drain(60);
      seqs.addAll(anna.eventSeqs());
      if (!anna.eventSeqs().isEmpty()) {
        last = anna.eventSeqs().get(anna.eventSeqs().size() - 1);
      }
      anna.close();
      anna = t.connect(t.demo().sessionId(), annaJoin.path("token").asText(), "since=" + last, null);
    }
    busy.join();
    Thread.sleep(300);
    anna.drain(300);
    seqs.addAll(anna.eventSeqs());
    host.drain(300);
    long end = host.eventSeqs().get(host.eventSeqs().size() - 1);
    assertThat(seqs).containsExactlyElementsOf(range(snapSeq + 1, end));
  }

  @Test
  void aBurstOfCommandsReachesEveryoneAndTheLastViewShowsItsEnd() throws Exception {
    Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
    Client anna = t.connect(t.joinDemo(Role.PARTICIPANT, "Anna"));
    host.ok("StartSession");
    host.ok("AdvancePhase");
    anna.ok("DeclareGoal", "text", "draft 0");
    String goal = anna.view(v -> v.path("goals").size() == 1).path("goals").get(0).path("id").asText();
    long first = host.view(v -> v.path("goals").size() == 1).path("seq").asLong();
    var ids = new ArrayList<String>();
    for (int i = 1; i <= 30; i++) { // sent without waiting: the room's views come together
      ids.add(anna.send("EditGoal", "goal", goal, "text", "draft " + i));
    }
    long end = 0;
    for (String id : ids) {
      end = Math.max(end, anna.answer(id).path("seq").asLong());
    }
    long last = end;
    for (Client c : List.of(host, anna)) {
      JsonNode view = c.view(v -> v.path("seq").asLong() == last);
      assertThat(view.path("goals").get(0).path("text").asText()).isEqualTo("draft 30");
      c.drain(100);
      assertThat(c.eventSeqs().stream().filter(s -> s > first)).containsExactlyElementsOf(range(first + 1, last));
    }
  }

  @Test
  void whenSomeoneLeavesTheOthersInTheRoomKeepGettingEverything() throws Exception {
    Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
    JsonNode annaJoin = t.joinDemo(Role.PARTICIPANT, "Anna");
    host.ok("StartSession");
    var people = new ArrayList<Client>();
    for (String name : List.of("Anna", "Bernd", "Cem", "Dora")) {
      people.add(t.connect(name.equals("Anna") ? annaJoin : t.joinDemo(Role.PARTICIPANT, name)));
    }
    for (Client c : people) {
      c.view(v -> v.path("members").size() == 5);
    }
    people.get(0).close();
    people.get(2).close();
    host.ok("AdvancePhase");
    for (Client c : List.of(host, people.get(1), people.get(3))) {
      c.view(v -> phase(v, 1));
      c.await(f -> f.path("event").path("type").asText().equals("PhaseAdvanced"));
    }
    Client annaAgain = t.connect(annaJoin);
    annaAgain.view(v -> phase(v, 1));
    host.ok("AdvancePhase");
    annaAgain.await(f -> f.path("event").path("type").asText().equals("PhaseAdvanced"));
  }

  @Test
  void handshakeRefusesForeignOriginsAndBadTokens() throws Exception {
    JsonNode anna = t.joinDemo(Role.PARTICIPANT, "Anna");
    String sid = t.demo().sessionId();
    String token = anna.path("token").asText();

    assertThatThrownBy(() -> t.connect(sid, token, null, "http://evil.example"))
        .hasMessageContaining("403");
    Client same = t.connect(sid, token, null, "http://localhost:" + t.server.port());
    assertThat(same.await(f -> f.path("type").asText().equals("welcome"))).isNotNull();

    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThatThrownBy(() -> t.connect(sid, tampered, null, null)).hasMessageContaining("401");
    assertThatThrownBy(() -> t.connect(sid, "", null, null)).hasMessageContaining("401");

    TestServer.Response created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"title\":\"Another\",\"start\":\"2030-03-03T09:00:00+01:00\","
            + "\"zone\":\"Europe/Vienna\",\"capacity\":5}");
    assertThat(created.status()).isEqualTo(201);
    String other = created.body().path("sessionId").asText();
    JsonNode otherHost = t.join(other, created.body().path("invites").path("host").asText(), "Olga");
    assertThatThrownBy(() -> t.connect(sid, otherHost.path("token").asText(), null, null))
        .hasMessageContaining("401");
  }

  @Test
  void httpApiAnswersWithStableErrorCodes() throws Exception {
    TestServer.Response created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"title\":\"März-Küche\",\"start\":\"2030-03-03T09:00\","
            + "\"zone\":\"Europe/Vienna\",\"capacity\":12,"
            + "\"agenda\":[{\"kind\":\"ARRIVAL\",\"minutes\":10},{\"kind\":\"FOCUS_BLOCK\",\"minutes\":45},"
            + "{\"kind\":\"CLOSING_ROUND\",\"minutes\":10}]}");
    assertThat(created.status()).isEqualTo(201);
    String sid = created.body().path("sessionId").asText();
    assertThat(created.body().path("invites").path("participant").asText()).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}");

    JsonNode info = t.get("/api/sessions/" + sid).body();
    assertThat(info.path("title").asText()).isEqualTo("März-Küche");
    assertThat(info.path("status").asText()).isEqualTo("SCHEDULED");
    assertThat(info.path("plannedStart").asText()).isEqualTo("2030-03-03T08:00:00Z");
    assertThat(info.path("agenda")).hasSize(3);
    assertThat(info.path("capacity").asInt()).isEqualTo(12);

    assertThat(code(t.get("/api/sessions/nope"))).isEqualTo("SESSION_NOT_FOUND");
    assertThat(code(t.post("/api/sessions/" + sid + "/join", "{\"displayName\":\"X\",\"code\":\"AAAA-BBBB-CC\"}")))
        .isEqualTo("INVALID_INVITE");
    assertThat(code(t.post("/api/sessions/" + sid + "/join", "{oops"))).isEqualTo("MALFORMED_JSON");
    assertThat(code(t.post("/api/sessions", "{\"formatId\":\"nope\"}"))).isEqualTo("UNKNOWN_FORMAT");
    assertThat(code(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\",\"capacity\":0}")))
        .isEqualTo("INVALID_REQUEST");
    assertThat(code(t.get("/api/sessions/" + sid + "/recap"))).isEqualTo("INVALID_TOKEN");
    assertThat(t.get("/health").status()).isEqualTo(200);
    assertThat(t.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.base() + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("peerwork_rooms");
  }

  private static String code(TestServer.Response r) {
    return r.body().path("error").path("code").asText();
  }

  private static List<Long> range(long from, long to) {
    var out = new ArrayList<Long>();
    for (long i = from; i <= to; i++) {
      out.add(i);
    }
    return out;
  }
}
