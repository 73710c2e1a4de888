package io.peerwork.server;

import static io.peerwork.core.Role.EXPERT;
import static io.peerwork.core.Role.HOST;
import static io.peerwork.core.Role.PARTICIPANT;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Command;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may send what, over the real WebSocket: every command type core knows × every role × sent for
 * oneself or naming someone else. The rows come from {@code Command}'s permitted subclasses and
 * {@code Role.values()}, so a new command fails this test until {@link #TABLE} has a row for it.
 *
 * <p>Each row runs in a fresh session, set up so that the command could succeed for a role that may
 * send it. An allowed row is acknowledged and its event reaches the room; a refused row is answered
 * with its documented code (protocol.md), changes nothing (the session's sequence number stays, and
 * no socket sees an event or a patch of it), and every socket stays open.
 */
class RoleMatrixTest {

  /** Whether the frame acts for the sender on the sender's things, or names someone else. */
  enum Scope {
    /** The sender, on their own goal or request (where the command has one). */
    OWN,
    /** Names another person: as the {@code actor}, or as the owner of the goal or request acted on. */
    OTHER
  }

  /** How far the session has got when the row's frame is sent. */
  enum Stage { SCHEDULED, OPEN, RUNNING }

  /** What happens in the session before the row's frame (in a running session). */
  enum Prep {
    /** The sender has left the session. */
    SENDER_LEFT,
    /** The participant (sender of the participant rows) and the other participant each declared a goal. */
    GOALS,
    /** The other participant's request is in the other expert's hands; the participant's request waits. */
    HELP,
    /** As {@link #HELP}, and the expert (sender of the expert rows) has claimed the participant's request. */
    HELPING,
    /** The host has removed the absent participant (who joined by link and never connected). */
    ABSENT_REMOVED,
    /** As {@link #HELPING}, and the expert put the participant's request on hold (until they are ready). */
    ON_HOLD,
    /** As {@link #HELPING}, and the expert finished the participant's request. */
    HELPED,
    /** The other participant's request waits (nobody has it); the participant has none. */
    OTHER_WAITING,
    /** The host pinned an announcement. */
    ANNOUNCED,
    /** The participant marked a goal of the task "plan-posts" done: they may offer help with scheduling. */
    TOPIC_EARNED,
    /**
     * The other participant offers peer help with scheduling, the host paused the queue (so no expert
     * is free) and the participant asked about scheduling: the other participant is suggested to them.
     */
    PEER_SUGGESTED
  }

  /**
   * One row of the expectation table: what the server must do with one command type over the socket.
   *
   * @param clientSendable false for the server's and organiser's commands: refused as {@code COMMAND_NOT_ALLOWED}
   * @param allowed the roles that may send it; others get {@code ROLE_NOT_ALLOWED} (or {@code refusals}' code)
   * @param event the event an accepted frame produces
   * @param own the frame's fields for {@link Scope#OWN}
   * @param other the fields for {@link Scope#OTHER} when the command acts on someone's goal or request;
   *     null: {@link Scope#OTHER} names the other participant as {@code actor} ({@code FORBIDDEN_ACTOR})
   * @param otherCode the rejection of {@code other} for an allowed role
   */
  record Expect(boolean clientSendable, Set<Role> allowed, Stage stage, List<Prep> preps, String event,
      Function<Room, Object[]> own, Function<Room, Object[]> other, String otherCode, Map<Role, String> refusals) {

    static Expect system(Function<Room, Object[]> fields) {
      return new Expect(false, Set.of(), Stage.RUNNING, List.of(), null, fields, null, null, Map.of());
    }

    static Expect by(Role... roles) {
      return new Expect(true, Set.of(roles), Stage.RUNNING, List.of(), null, r -> new Object[0], null, null, Map.of());
    }

    Expect in(Stage s) {
      return new Expect(clientSendable, allowed, s, preps, event, own, other, otherCode, refusals);
    }

    Expect after(Prep... p) {
      return new Expect(clientSendable, allowed, stage, List.of(p), event, own, other, otherCode, refusals);
    }

    Expect emits(String e) {
      return new Expect(clientSendable, allowed, stage, preps, e, own, other, otherCode, refusals);
    }

    Expect with(Function<Room, Object[]> fields) {
      return new Expect(clientSendable, allowed, stage, preps, event, fields, other, otherCode, refusals);
    }

    Expect onSomeoneElses(Function<Room, Object[]> fields, String code) {
      return new Expect(clientSendable, allowed, stage, preps, event, own, fields, code, refusals);
    }

    Expect refusing(Role role, String code) {
      var m = new HashMap<>(refusals);
      m.put(role, code);
      return new Expect(clientSendable, allowed, stage, preps, event, own, other, otherCode, Map.copyOf(m));
    }
  }

  private static Object[] f(Object... fields) {
    return fields;
  }

  /**
   * The matrix's expectations, one row per command type. A new command type needs a row here (one
   * line): who may send it, in which stage, after what, with which fields, and the event it makes.
   */
  static final Map<Class<? extends Command>, Expect> TABLE = Map.ofEntries(
      entry(Command.ScheduleSession.class, Expect.system(r -> f("plan", Map.of("id", r.sessionId)))),
      entry(Command.RescheduleSession.class, Expect.system(r -> f("plannedStart", "2031-04-01T09:00:00Z"))),
      entry(Command.CallOffSession.class, Expect.system(r -> f("reason", "called off"))),
      entry(Command.Tick.class, Expect.system(r -> f())),
      // Participants cannot be in a scheduled session (they join once the lobby opens), so they are not present.
      entry(Command.OpenSession.class, Expect.by(HOST).in(Stage.SCHEDULED).emits("SessionOpened")
          .refusing(PARTICIPANT, "NOT_A_PARTICIPANT")),
      entry(Command.StartSession.class, Expect.by(HOST).in(Stage.OPEN).emits("SessionStarted")),
      entry(Command.AdvancePhase.class, Expect.by(HOST).emits("PhaseAdvanced")),
      entry(Command.ExtendPhase.class, Expect.by(HOST).emits("PhaseExtended").with(r -> f("minutes", 5))),
      entry(Command.EndSession.class, Expect.by(HOST).emits("SessionEnded")),
      entry(Command.CancelSession.class, Expect.by(HOST).emits("SessionCancelled").with(r -> f("reason", "ill"))),
      entry(Command.Join.class, Expect.by(Role.values()).after(Prep.SENDER_LEFT).emits("ParticipantJoined")),
      entry(Command.Leave.class, Expect.by(Role.values()).emits("ParticipantLeft")),
      entry(Command.DeclareGoal.class, Expect.by(PARTICIPANT).emits("GoalDeclared")
          .with(r -> f("text", "Plan the posts", "taskId", "plan-posts"))),
      entry(Command.EditGoal.class, Expect.by(PARTICIPANT).after(Prep.GOALS).emits("GoalEdited")
          .with(r -> f("goal", r.ownGoal, "text", "Plan April too"))
          .onSomeoneElses(r -> f("goal", r.otherGoal, "text", "Mine now"), "NOT_YOUR_GOAL")),
      entry(Command.MarkGoal.class, Expect.by(PARTICIPANT).after(Prep.GOALS).emits("GoalMarked")
          .with(r -> f("goal", r.ownGoal, "status", "DONE"))
          .onSomeoneElses(r -> f("goal", r.otherGoal, "status", "DONE"), "NOT_YOUR_GOAL")),
      entry(Command.RaiseHand.class, Expect.by(PARTICIPANT).emits("HandRaised")
          .with(r -> f("topicId", "scheduling", "note", "Which tool?"))),
      entry(Command.WithdrawHand.class, Expect.by(PARTICIPANT).after(Prep.HELP).emits("HandWithdrawn")),
      entry(Command.ClaimNext.class, Expect.by(EXPERT).after(Prep.HELP).emits("HelpClaimed")),
      entry(Command.ClaimRequest.class, Expect.by(EXPERT).after(Prep.HELP).emits("HelpClaimed")
          .with(r -> f("request", r.ownRequest))
          .onSomeoneElses(r -> f("request", r.otherRequest), "ALREADY_CLAIMED")),
      entry(Command.ReleaseSeat.class, Expect.system(r -> f("participant", r.absentParticipantId,
          "reason", "NEVER_CONNECTED"))),
      entry(Command.RemoveMember.class, Expect.by(HOST).emits("MemberRemoved")
          .with(r -> f("participant", r.absentParticipantId, "reason", "spam"))),
      entry(Command.ReadmitMember.class, Expect.by(HOST).after(Prep.ABSENT_REMOVED).emits("MemberReadmitted")
          .with(r -> f("participant", r.absentParticipantId))),
      entry(Command.SetNoShowMinutes.class, Expect.by(HOST).emits("NoShowMinutesSet").with(r -> f("minutes", 5))),
      entry(Command.SetHelpPlace.class, Expect.by(EXPERT, HOST).emits("HelpPlaceSet").with(r -> f("place", "Tisch 2"))),
      entry(Command.RevokeInvite.class, Expect.by(HOST).emits("InviteRevoked").with(r -> f("role", "PARTICIPANT"))),
      entry(Command.FinishHelp.class, Expect.by(EXPERT).after(Prep.HELPING).emits("HelpFinished")
          .with(r -> f("request", r.ownRequest, "outcome", "SOLVED"))
          .onSomeoneElses(r -> f("request", r.otherRequest, "outcome", "SOLVED"), "NOT_CLAIMED_BY_YOU")),
      entry(Command.HoldHelp.class, Expect.by(EXPERT).after(Prep.HELPING).emits("HelpHeld")
          .with(r -> f("request", r.ownRequest, "minutes", 0))
          .onSomeoneElses(r -> f("request", r.otherRequest, "minutes", 0), "NOT_CLAIMED_BY_YOU")),
      entry(Command.ReadyAgain.class, Expect.by(PARTICIPANT).after(Prep.ON_HOLD).emits("HoldEnded")),
      entry(Command.JoinRequest.class, Expect.by(PARTICIPANT).after(Prep.OTHER_WAITING).emits("RequestJoined")
          .with(r -> f("request", r.otherRequest, "note", "Me too"))),
      entry(Command.SetQueueState.class, Expect.by(EXPERT, HOST).emits("QueueStateSet")
          .with(r -> f("status", "PAUSED", "reason", "back in 10 minutes"))),
      entry(Command.PostAnnouncement.class, Expect.by(EXPERT, HOST).emits("AnnouncementPosted")
          .with(r -> f("text", "Coffee is ready", "audience", "EVERYONE"))),
      entry(Command.RemoveAnnouncement.class, Expect.by(EXPERT, HOST).after(Prep.ANNOUNCED).emits("AnnouncementRemoved")),
      entry(Command.RateHelp.class, Expect.by(PARTICIPANT).after(Prep.HELPED).emits("HelpRated")
          .with(r -> f("request", r.ownRequest, "answer", "SOLVED"))
          .onSomeoneElses(r -> f("request", r.otherRequest, "answer", "SOLVED"), "NOT_YOUR_REQUEST")),
      entry(Command.SetExpertTopics.class, Expect.by(EXPERT).emits("ExpertTopicsSet")
          .with(r -> f("topics", List.of("images")))),
      entry(Command.OfferPeerHelp.class, Expect.by(PARTICIPANT).after(Prep.TOPIC_EARNED).emits("PeerOfferSet")
          .with(r -> f("topics", List.of("scheduling")))),
      entry(Command.AcceptPeerHelp.class, Expect.by(PARTICIPANT).after(Prep.PEER_SUGGESTED).emits("PeerHelpStarted")
          .with(r -> f("peer", r.otherParticipantId))),
      entry(Command.DeclinePeerHelp.class, Expect.by(PARTICIPANT).after(Prep.PEER_SUGGESTED).emits("PeerHelpDeclined")));

  private static TestServer t;

  @BeforeAll
  static void start() throws Exception {
    t = new TestServer(TestServer.manyCreationsFromOneAddress(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(java.nio.file.Files.createTempDirectory("peerwork-matrix"))),
        List.of(TestServer.manyJoinsFromOneAddress()));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  static Stream<Arguments> rows() {
    var rows = new ArrayList<Arguments>();
    for (Class<?> type : Command.class.getPermittedSubclasses()) {
      for (Role role : Role.values()) {
        for (Scope scope : Scope.values()) {
          rows.add(Arguments.of(Named.of(type.getSimpleName(), type), role, scope));
        }
      }
    }
    return rows.stream();
  }

  @Test
  void everyCommandTypeHasARowAndEveryRowACommandType() {
    Set<Class<?>> types = Set.of(Command.class.getPermittedSubclasses());
    for (Class<?> type : types) {
      assertThat(TABLE.containsKey(type)).as("add a row for %s to the matrix (RoleMatrixTest.TABLE)",
          type.getSimpleName()).isTrue();
    }
    assertThat(TABLE.keySet()).as("rows of command types that no longer exist").allMatch(types::contains);
  }

  /** What a row expects: an ack, or an error or rejected frame with a code. */
  record Outcome(String type, String code) {
    static final Outcome ACK = new Outcome("ack", null);

    static Outcome of(Expect e, Role role, Scope scope) {
      if (!e.clientSendable()) {
        return new Outcome("error", "COMMAND_NOT_ALLOWED");
      }
      if (scope == Scope.OTHER && e.other() == null) {
        return new Outcome("error", "FORBIDDEN_ACTOR");
      }
      if (!e.allowed().contains(role)) {
        return new Outcome("rejected", e.refusals().getOrDefault(role, "ROLE_NOT_ALLOWED"));
      }
      return scope == Scope.OTHER ? new Outcome("rejected", e.otherCode()) : ACK;
    }
  }

  @ParameterizedTest(name = "{0} by {1}, {2}")
  @MethodSource("rows")
  void aCommandIsCarriedOutExactlyForTheRolesThatMaySendIt(Class<?> type, Role role, Scope scope) throws Exception {
    Expect e = TABLE.get(type);
    if (e == null) {
      fail("add a row for " + type.getSimpleName() + " to the matrix (RoleMatrixTest.TABLE)");
    }
    Outcome expected = Outcome.of(e, role, scope);
    Room r = new Room(e.stage(), e.preps(), role);
    try {
      Client sender = r.sender;
      long before = r.seqOf(sender);
      var marks = new HashMap<Client, Integer>();
      r.all().forEach(c -> marks.put(c, c.seen.size()));

      List<Object> fields = new ArrayList<>(Arrays.asList((scope == Scope.OTHER && e.other() != null
          ? e.other() : e.own()).apply(r)));
      if (scope == Scope.OTHER && e.other() == null) {
        fields.addAll(List.of("actor", r.otherParticipantId));
      }
      String id = sender.send(type.getSimpleName(), fields.toArray());
      JsonNode answer = sender.answer(id);

      assertThat(answer.path("type").asText()).as("answer to %s", answer).isEqualTo(expected.type());
      if (expected == Outcome.ACK) {
        long seq = answer.path("seq").asLong();
        assertThat(seq).as("the ack's seq: the session changed").isGreaterThan(before);
        // Everyone in the room sees the change.
        JsonNode event = r.observer.await(f -> f.path("type").asText().equals("event")
            && f.path("seq").asLong() > before && f.path("seq").asLong() <= seq
            && f.path("event").path("type").asText().equals(e.event()));
        assertThat(event).isNotNull();
      } else {
        assertThat(answer.path("code").asText()).as("answer to %s", answer).isEqualTo(expected.code());
        // Nobody sees anything of it: up to a chat line sent after the answer, no socket gets an event,
        // a patch past the session's number, or an answer it did not ask for.
        String marker = "after " + id;
        r.observer.ok("Chat", "text", marker);
        for (Client c : r.all()) {
          c.await(f -> f.path("type").asText().equals("chat") && f.path("text").asText().equals(marker));
          List<JsonNode> between = c.seen.subList(marks.get(c), c.seen.size());
          assertThat(between).as("frames %s saw after the refused frame", r.name(c)).noneMatch(f ->
              (List.of("event", "patch", "view").contains(f.path("type").asText()) && f.path("seq").asLong() > before)
                  || (c != sender && c != r.observer
                      && List.of("ack", "rejected", "error").contains(f.path("type").asText())));
        }
        assertThat(r.seqOf(sender)).as("the session's sequence number after the refused frame").isEqualTo(before);
      }
      for (Client c : r.all()) {
        assertThat(c.closed).as("%s's socket is closed", r.name(c)).isFalse();
      }
    } finally {
      r.close();
    }
  }

  /** A fresh session with a host, two experts and two participants, each on their own socket. */
  static final class Room {
    final String sessionId;
    final Client host;
    final Client expert;
    final Client participant;
    /** The other expert: never a sender; sees every event and sends the chat that marks the end of a row. */
    final Client observer;
    final Client otherParticipant;
    final String otherParticipantId;
    /** A participant who joined by link (holding a seat) and never connected. */
    String absentParticipantId = "p-none";
    final Client sender;
    String ownGoal = "g-none";
    String otherGoal = "g-none";
    String ownRequest = "r-none";
    String otherRequest = "r-none";
    private final Map<Client, String> names = new HashMap<>();

    Room(Stage stage, List<Prep> preps, Role senderRole) throws Exception {
      TestServer.Response created = t.post("/api/sessions",
          "{\"formatId\":\"test-kitchen\",\"start\":\"2031-03-03T09:00\",\"zone\":\"Europe/Vienna\"}");
      assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
      sessionId = created.body().path("sessionId").asText();
      JsonNode invites = created.body().path("invites");
      host = connect(invites, HOST, "Hanna");
      expert = connect(invites, EXPERT, "Erich");
      observer = connect(invites, EXPERT, "Olga");
      if (stage != Stage.SCHEDULED) {
        host.ok("OpenSession");
      }
      participant = connect(invites, PARTICIPANT, "Anna");
      JsonNode other = t.join(sessionId, invites.path("participant").asText(), "Bernd");
      otherParticipantId = other.path("participantId").asText();
      otherParticipant = snapshot(t.connect(other), "Bernd");
      if (stage != Stage.SCHEDULED) {
        absentParticipantId = t.join(sessionId, invites.path("participant").asText(), "Cora").path("participantId").asText();
      }
      if (stage == Stage.RUNNING) {
        host.ok("StartSession");
      }
      sender = switch (senderRole) {
        case HOST -> host;
        case EXPERT -> expert;
        case PARTICIPANT -> participant;
      };
      for (Prep p : preps) {
        switch (p) {
          case SENDER_LEFT -> sender.ok("Leave");
          case GOALS -> {
            ownGoal = field(participant.ok("DeclareGoal", "text", "Anna's goal"), "goal");
            otherGoal = field(otherParticipant.ok("DeclareGoal", "text", "Bernd's goal"), "goal");
          }
          case HELP, HELPING, ON_HOLD, HELPED -> {
            otherRequest = field(otherParticipant.ok("RaiseHand", "topicId", "images", "note", ""), "request");
            observer.ok("ClaimNext");
            ownRequest = field(participant.ok("RaiseHand", "topicId", "scheduling", "note", "?"), "request");
            if (p != Prep.HELP) {
              expert.ok("ClaimRequest", "request", ownRequest);
            }
            if (p == Prep.ON_HOLD) {
              expert.ok("HoldHelp", "request", ownRequest, "minutes", 0);
            }
            if (p == Prep.HELPED) {
              expert.ok("FinishHelp", "request", ownRequest, "outcome", "SOLVED");
            }
          }
          case OTHER_WAITING ->
              otherRequest = field(otherParticipant.ok("RaiseHand", "topicId", "images", "note", ""), "request");
          case ANNOUNCED -> host.ok("PostAnnouncement", "text", "Coffee is ready", "audience", "EVERYONE");
          case TOPIC_EARNED -> earn(participant);
          case PEER_SUGGESTED -> {
            earn(otherParticipant);
            otherParticipant.ok("OfferPeerHelp", "topics", List.of("scheduling"));
            host.ok("SetQueueState", "status", "PAUSED", "reason", "");
            ownRequest = field(participant.ok("RaiseHand", "topicId", "scheduling", "note", "?"), "request");
          }
          case ABSENT_REMOVED -> host.ok("RemoveMember", "participant", absentParticipantId, "reason", "spam");
        }
      }
    }

    private Client connect(JsonNode invites, Role role, String name) throws Exception {
      return snapshot(t.connect(t.join(sessionId, invites.path(TestServer.lower(role)).asText(), name)), name);
    }

    private Client snapshot(Client c, String name) throws InterruptedException {
      c.await(f -> f.path("type").asText().equals("snapshot"));
      names.put(c, name);
      return c;
    }

    /** {@code who} declares a goal of the task "plan-posts" and marks it done, earning its topic, scheduling. */
    private void earn(Client who) throws InterruptedException {
      String goal = field(who.ok("DeclareGoal", "text", "Posts planen", "taskId", "plan-posts"), "goal");
      who.ok("MarkGoal", "goal", goal, "status", "DONE");
    }

    /** The field of the event that {@code ack} acknowledged, as the observer saw it. */
    private String field(JsonNode ack, String name) throws InterruptedException {
      long seq = ack.path("seq").asLong();
      return observer.await(f -> f.path("type").asText().equals("event") && f.path("seq").asLong() == seq)
          .path("event").path(name).asText();
    }

    /** The session's sequence number now, as a Resync answers it to {@code c}. */
    long seqOf(Client c) throws InterruptedException {
      JsonNode ack = c.ok("Resync");
      if (!ack.has("seq")) { // a view was on its way to the socket already: ask once more
        ack = c.ok("Resync");
      }
      assertThat(ack.has("seq")).as("Resync's ack carries the seq: %s", ack).isTrue();
      return ack.path("seq").asLong();
    }

    List<Client> all() {
      return List.of(host, expert, observer, participant, otherParticipant);
    }

    String name(Client c) {
      return names.get(c);
    }

    void close() {
      all().forEach(Client::close);
    }
  }
}
