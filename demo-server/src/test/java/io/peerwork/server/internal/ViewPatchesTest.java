package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Command;
import io.peerwork.core.Decision;
import io.peerwork.core.Goal;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.HelpRequest;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.server.testformat.TestKitchen;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A change costs each member about its own size, not the room's: the patches for the changes that
 * happen most, in a large room, stay under 1 KB; and a patch applied to the view it was made from
 * gives the next view exactly, for any sequence of changes the engine accepts.
 */
class ViewPatchesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
  static final ParticipantId HOST = ParticipantId.of("host");
  static final ParticipantId EXPERT = ParticipantId.of("expert");
  static final ParticipantId EXPERT2 = ParticipantId.of("expert2");

  /** A real session run by the engine, with the views a room builds of it. */
  static final class Room {
    final SessionEngine engine = SessionEngine.builder().formats(new TestKitchen()).build();
    final LiveSession live;
    final Views views = new Views(JSON);
    final ViewPatches patches = new ViewPatches();
    Instant now = T0;

    Room(int capacity, String policy) {
      SessionId id = SessionId.of("patches");
      live = LiveSession.load(engine, new InMemoryEventJournal(), id);
      ok(new Command.ScheduleSession(new SessionPlan(id, "test-kitchen", "Patches", T0, ZoneId.of("Europe/Vienna"),
          capacity, new TestKitchen().agenda(), policy)));
      ok(new Command.Join(HOST, "Host", Role.HOST));
      ok(new Command.OpenSession(HOST));
      ok(new Command.Join(EXPERT, "Expert", Role.EXPERT));
      ok(new Command.Join(EXPERT2, "Expert 2", Role.EXPERT));
      ok(new Command.StartSession(HOST));
      ok(new Command.AdvancePhase(HOST)); // the goal round
    }

    static ParticipantId p(int i) {
      return ParticipantId.of("p-" + i);
    }

    boolean handle(Command c) {
      now = now.plusMillis(700);
      return live.handle(c, now).decision().isAccepted();
    }

    void ok(Command c) {
      Decision d = live.handle(c, now).decision();
      assertThat(d.isAccepted()).as("%s: %s", c, d).isTrue();
    }

    ObjectNode view(boolean staff) {
      return views.room(live.state(), live.queue(), now, staff);
    }

    /** Sends "the view" as a room does: the frames for both audiences, with their views. */
    Sent send() {
      ObjectNode staff = view(true);
      ObjectNode participants = view(false);
      boolean same = staff.equals(participants);
      ViewPatches.Frames f = patches.next(live.state().version(), staff, same ? staff : participants);
      return new Sent(f, staff, participants);
    }

    Goal goal(int n) {
      return live.state().goals().get(n);
    }
  }

  record Sent(ViewPatches.Frames frames, ObjectNode staff, ObjectNode participants) {
    JsonNode staffFrame() {
      return read(frames.staff());
    }

    JsonNode participantFrame() {
      return read(frames.participants());
    }

    int maxBytes() {
      return Math.max(frames.staff().getBytes(StandardCharsets.UTF_8).length,
          frames.participants().getBytes(StandardCharsets.UTF_8).length);
    }
  }

  /**
   * A tree as a client reads it off the wire: numbers as parsed (a view holds longs where parsed
   * JSON holds ints), fields in any order.
   */
  static JsonNode wire(JsonNode tree) {
    return read(tree.toString());
  }

  static JsonNode read(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** 300 participants, and 1,000 goals among the first 100 of them. */
  static Room bigRoom() {
    Room r = new Room(300, "fcfs");
    for (int i = 0; i < 300; i++) {
      r.ok(new Command.Join(Room.p(i), "Person " + i, Role.PARTICIPANT));
    }
    for (int g = 0; g < 1000; g++) {
      r.ok(new Command.DeclareGoal(Room.p(g / 10), "Goal number " + g + " of a long session",
          g % 3 == 0 ? Optional.of("plan-posts") : Optional.empty()));
    }
    r.ok(new Command.AdvancePhase(HOST)); // the first focus block
    return r;
  }

  /** Checks that the frames patch the last views into the new ones, and returns the sent frames. */
  static Sent sendAndCheck(Room r, ObjectNode staffBefore, ObjectNode participantsBefore) {
    Sent s = r.send();
    assertThat(s.frames().kind()).isEqualTo("patch");
    JsonNode staff = s.staffFrame();
    JsonNode participants = s.participantFrame();
    assertThat(staff.path("seq").asLong()).isEqualTo(r.live.state().version());
    assertThat(wire(ViewPatches.apply(staffBefore, staff.path("ops")))).isEqualTo(wire(s.staff()));
    assertThat(wire(ViewPatches.apply(participantsBefore, participants.path("ops")))).isEqualTo(wire(s.participants()));
    return s;
  }

  @Test
  void oneGoalMarkedAmongAThousandInARoomOf300IsASmallPatch() {
    Room r = bigRoom();
    Sent before = r.send();
    assertThat(before.frames().staff().length()).as("the whole view, for scale").isGreaterThan(50_000);
    r.ok(new Command.MarkGoal(Room.p(42), r.goal(425).id(), GoalStatus.DONE));
    Sent after = sendAndCheck(r, before.staff(), before.participants());
    assertThat(after.maxBytes()).as(after.frames().staff()).isLessThan(1024);
    assertThat(after.staffFrame().path("base").asLong()).isEqualTo(before.frames().seq());
  }

  @Test
  void oneMemberJoiningAmong300IsASmallPatch() {
    Room r = new Room(301, "fcfs");
    for (int i = 0; i < 300; i++) {
      r.ok(new Command.Join(Room.p(i), "Person " + i, Role.PARTICIPANT));
    }
    Sent before = r.send();
    r.ok(new Command.Join(Room.p(300), "Newcomer", Role.PARTICIPANT));
    Sent after = sendAndCheck(r, before.staff(), before.participants());
    assertThat(after.maxBytes()).as(after.frames().staff()).isLessThan(1024);
    r.ok(new Command.Leave(Room.p(7)));
    Sent left = sendAndCheck(r, after.staff(), after.participants());
    assertThat(left.maxBytes()).as(left.frames().staff()).isLessThan(1024);
  }

  /** 40 hands raised in a room of 300 (with goals): requests leave the queue and the rest move up. */
  @Test
  void requestsMovingInALongQueueAreSmallPatches() {
    Room r = bigRoom();
    for (int i = 100; i < 140; i++) {
      r.ok(new Command.RaiseHand(Room.p(i), i % 2 == 0 ? "scheduling" : "images", "A question of person " + i));
    }
    Sent last = r.send();
    // The first is served: everyone behind moves up a place.
    r.ok(new Command.ClaimNext(EXPERT));
    last = checkSmall(r, last);
    // One in the middle is served out of turn.
    r.ok(new Command.ClaimRequest(EXPERT2, r.live.state().openRequestOf(Room.p(120)).orElseThrow().id()));
    last = checkSmall(r, last);
    // One near the end gives up waiting.
    r.ok(new Command.WithdrawHand(Room.p(137)));
    last = checkSmall(r, last);
  }

  private static Sent checkSmall(Room r, Sent last) {
    Sent next = sendAndCheck(r, last.staff(), last.participants());
    assertThat(next.maxBytes()).as(next.frames().staff()).isLessThan(1024);
    return next;
  }

  @Test
  void aGoalMarkedInARoomOf20SendsEachMemberUnder1Kb() {
    Room r = new Room(20, "fcfs");
    for (int i = 0; i < 20; i++) {
      r.ok(new Command.Join(Room.p(i), "Person " + i, Role.PARTICIPANT));
      r.ok(new Command.DeclareGoal(Room.p(i), "Plan the posts of March", Optional.of("plan-posts")));
    }
    r.ok(new Command.RaiseHand(Room.p(3), "scheduling", "Which tool?"));
    Sent before = r.send();
    r.ok(new Command.MarkGoal(Room.p(5), r.goal(5).id(), GoalStatus.PARTLY_DONE));
    Sent after = sendAndCheck(r, before.staff(), before.participants());
    assertThat(after.maxBytes()).isLessThan(1024);
  }

  @Test
  void theFirstViewAfterLoadingIsWholeAndNoteOnlyForStaff() {
    Room r = new Room(20, "fcfs");
    r.ok(new Command.Join(Room.p(1), "Anna", Role.PARTICIPANT));
    r.ok(new Command.RaiseHand(Room.p(1), "scheduling", "secret note"));
    Sent first = r.send();
    assertThat(first.frames().kind()).isEqualTo("view");
    assertThat(first.staffFrame().path("view")).isEqualTo(wire(first.staff()));
    assertThat(first.frames().participants()).doesNotContain("secret note");
    r.ok(new Command.Join(Room.p(2), "Bernd", Role.PARTICIPANT));
    r.ok(new Command.RaiseHand(Room.p(2), "images", "another secret"));
    Sent second = sendAndCheck(r, first.staff(), first.participants());
    assertThat(second.frames().staff()).contains("another secret");
    assertThat(second.frames().participants()).doesNotContain("another secret");
  }

  /**
   * Any sequence of commands (each step a handful of them, as a room batches the changes of 250 ms):
   * the patches of both audiences, applied to the views they were made from, give the new views.
   */
  @Property(tries = 60)
  void patchesApplyToTheirBaseAndGiveTheNextView(
      @ForAll @Size(min = 1, max = 40) List<@Size(min = 1, max = 4) List<@IntRange(min = 0, max = 99_999) Integer>> steps,
      @ForAll boolean fair) {
    Room r = new Room(12, fair ? "fair" : "fcfs");
    for (int i = 0; i < 6; i++) {
      r.ok(new Command.Join(Room.p(i), "Person " + i, Role.PARTICIPANT));
    }
    Sent last = r.send();
    for (List<Integer> batch : steps) {
      for (int n : batch) {
        r.handle(command(r, n));
      }
      Sent next = r.send();
      assertThat(wire(ViewPatches.apply(last.staff(), next.staffFrame().path("ops")))).isEqualTo(wire(next.staff()));
      assertThat(wire(ViewPatches.apply(last.participants(), next.participantFrame().path("ops"))))
          .isEqualTo(wire(next.participants()));
      assertThat(next.staffFrame().path("base").asLong()).isEqualTo(last.frames().seq());
      last = next;
    }
  }

  /** A command chosen by {@code n}; many are rejected by the engine, which is fine. */
  static Command command(Room r, int n) {
    int kind = n % 14;
    int rest = n / 14;
    ParticipantId who = Room.p(rest % 10);
    List<Goal> goals = r.live.state().goals();
    List<HelpRequest> requests = r.live.state().requests();
    ParticipantId expert = rest % 2 == 0 ? EXPERT : EXPERT2;
    return switch (kind) {
      case 0, 1 -> new Command.DeclareGoal(who, "Goal " + rest, rest % 3 == 0 ? Optional.of("write-post") : Optional.empty());
      case 2 -> goals.isEmpty() ? new Command.Join(who, "Person", Role.PARTICIPANT) : editGoal(goals.get(rest % goals.size()), rest);
      case 3, 4 -> goals.isEmpty() ? new Command.Leave(who) : new Command.MarkGoal(goals.get(rest % goals.size()).owner(),
          goals.get(rest % goals.size()).id(), GoalStatus.values()[rest % GoalStatus.values().length]);
      case 5, 6 -> new Command.RaiseHand(who, rest % 2 == 0 ? "scheduling" : "images", "note " + rest);
      case 7 -> new Command.WithdrawHand(who);
      case 8 -> new Command.ClaimNext(expert);
      case 9 -> requests.isEmpty() ? new Command.ClaimNext(expert)
          : new Command.ClaimRequest(expert, requests.get(rest % requests.size()).id());
      case 10 -> requests.stream().filter(q -> q.status() == HelpRequest.Status.IN_PROGRESS).findFirst()
          .<Command>map(q -> new Command.FinishHelp(q.expert().orElseThrow(), q.id(),
              HelpOutcome.values()[rest % HelpOutcome.values().length]))
          .orElse(new Command.ClaimNext(expert));
      case 11 -> new Command.Join(who, "Person " + rest, Role.PARTICIPANT);
      case 12 -> new Command.Leave(who);
      default -> rest % 7 == 0 ? new Command.AdvancePhase(HOST) : rest % 5 == 0
          ? new Command.Leave(expert) : new Command.Join(expert, "Expert", Role.EXPERT);
    };
  }

  private static Command editGoal(Goal g, int rest) {
    return new Command.EditGoal(g.owner(), g.id(), "Edited " + rest);
  }

  @Test
  void patchFormRoundTripsAndKeepsPlacesByPosition() {
    Room r = new Room(20, "fcfs");
    for (int i = 0; i < 5; i++) {
      r.ok(new Command.Join(Room.p(i), "Person " + i, Role.PARTICIPANT));
      r.ok(new Command.RaiseHand(Room.p(i), "images", "n" + i));
    }
    r.now = r.now.plus(Duration.ofMinutes(1));
    ObjectNode view = r.view(true);
    ObjectNode form = ViewPatches.patchForm(view);
    assertThat(form.path("queue").path("waiting").path("place").toString()).isEqualTo("[1,2,3,4,5]");
    assertThat(form.path("queue").path("waiting").path("ids").toString()).isEqualTo("[\"r1\",\"r2\",\"r3\",\"r4\",\"r5\"]");
    assertThat(form.path("members").path("byId").path("p-3").path("name").asText()).isEqualTo("Person 3");
    assertThat(wire(ViewPatches.view(form))).isEqualTo(wire(view));
    assertThat(view.path("queue").path("waiting").isArray()).as("the view is left as it was").isTrue();
  }
}
