package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import io.peerwork.core.SessionEvent.HelpClaimed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random command sequences from several participants and experts, at random times (now and then a
 * clock that steps back), with the session's invariants checked after every step.
 */
class SessionPropertiesTest {
  private static final ParticipantId DORA = ParticipantId.of("dora");
  private static final List<ParticipantId> PEOPLE = List.of(HOST, EXPERT, EXPERT2, ANA, BEN, CEM, DORA);
  private static final List<String> TOPICS = List.of("image-tools", "content-ideas", "no-such-topic");
  private static final List<String> TEXTS = List.of("Posts planen", "", "x".repeat(300), "Newsletter\nschreiben", "  Impressum  ");

  /** One random step: which command, by whom, about what, and how far the clock moves first. */
  record Step(int kind, int who, int target, int number, int minutes) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return stepLists();
  }

  /** Random steps, 40 to 250 of them: also the commands of {@code IdempotentCommandsPropertiesTest}. */
  static Arbitrary<List<Step>> stepLists() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 19),
            Arbitraries.integers().between(0, PEOPLE.size() - 1),
            Arbitraries.integers().between(0, 8),
            Arbitraries.integers().between(-3, 130),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 3)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(4, 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-30, -1))))
        .as(Step::new)
        .list()
        .ofMinSize(40)
        .ofMaxSize(250)
        .withSizeDistribution(net.jqwik.api.RandomDistribution.uniform());
  }

  @Property(tries = 300, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void invariantsHoldAfterEveryStep(
      @ForAll("steps") List<Step> steps,
      @ForAll boolean fair,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 4) int capacity) {
    SessionState state = SessionState.initial(SID);
    List<SessionEvent> events = new ArrayList<>();
    Instant now = T0.minus(Duration.ofMinutes(15));
    state = apply(state, events, ENGINE.decide(state, new ScheduleSession(plan(capacity, fair ? "fair" : "fcfs")), now));

    for (Step step : steps) {
      now = now.plus(Duration.ofMinutes(step.minutes()));
      Command command = command(step, state);
      Decision decision;
      try {
        decision = ENGINE.decide(state, command, now);
      } catch (RuntimeException e) {
        throw new AssertionError("decide threw for " + command + " in " + state, e);
      }
      if (!decision.isAccepted()) {
        assertThat(decision.events()).isEmpty();
        continue;
      }
      // A request is claimed only while it waits: never twice.
      for (SessionEvent e : decision.events()) {
        if (e instanceof HelpClaimed c) {
          SessionState before = state;
          assertThat(before.request(c.request()).orElseThrow().status())
              .as("claimed %s", c.request()).isEqualTo(HelpRequest.Status.WAITING);
        }
      }
      Instant previous = state.lastEventAt().orElseThrow();
      for (SessionEvent e : decision.events()) {
        assertThat(e.at()).as("events never go back in time: %s", e).isAfterOrEqualTo(previous);
        previous = e.at();
      }
      state = apply(state, events, decision);
      checkInvariants(state, now);
      assertThat(ENGINE.replay(SID, events)).as("replay after %s", command).isEqualTo(state);
    }
    assertThat(ENGINE.replay(SID, events)).isEqualTo(state);
    assertThat(state.version()).isEqualTo(events.size());
    Statistics.label("final status").collect(state.status());
    Statistics.label("reached a focus block").collect(state.completedPhases().size() > 2
        || state.currentPhase().map(c -> c.index() >= 2).orElse(false));
    Statistics.label("help requests finished").collect(
        state.requests().stream().anyMatch(r -> r.status() == HelpRequest.Status.FINISHED));
    Statistics.label("goals declared").collect(!state.goals().isEmpty());
  }

  /** Guards the generator: a property over sessions that never start would prove nothing. */
  @net.jqwik.api.statistics.StatisticsReport(onFailureOnly = true)
  @Property(tries = 300, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void randomSequencesReachEveryPartOfASession(@ForAll("steps") List<Step> steps, @ForAll boolean fair) {
    SessionState state = SessionState.initial(SID);
    Instant now = T0.minus(Duration.ofMinutes(15));
    state = apply(state, new ArrayList<>(), ENGINE.decide(state, new ScheduleSession(plan(3, fair ? "fair" : "fcfs")), now));
    boolean rejectedRole = false;
    boolean removed = false;
    boolean released = false;
    for (Step step : steps) {
      now = now.plus(Duration.ofMinutes(step.minutes()));
      Decision d = ENGINE.decide(state, command(step, state), now);
      rejectedRole |= d instanceof Decision.Rejected r && r.code() == RejectionCode.ROLE_NOT_ALLOWED;
      removed |= d.events().stream().anyMatch(e -> e instanceof SessionEvent.MemberRemoved);
      released |= d.events().stream().anyMatch(e -> e instanceof SessionEvent.SeatReleased);
      state = apply(state, new ArrayList<>(), d);
    }
    SessionState end = state;
    Statistics.label("focus").collect(end.completedPhases().size() > 2 || end.currentPhase().map(c -> c.index() >= 2).orElse(false));
    Statistics.label("finished help").collect(end.requests().stream().anyMatch(r -> r.status() == HelpRequest.Status.FINISHED));
    Statistics.label("goals").collect(!end.goals().isEmpty());
    Statistics.label("ended").collect(end.status() == SessionStatus.ENDED);
    Statistics.label("role rejected").collect(rejectedRole);
    Statistics.label("removed").collect(removed);
    Statistics.label("released").collect(released);
    Statistics.label("focus").coverage(c -> c.check(true).percentage(p -> p > 30));
    Statistics.label("finished help").coverage(c -> c.check(true).percentage(p -> p > 5));
    Statistics.label("goals").coverage(c -> c.check(true).percentage(p -> p > 25));
    Statistics.label("ended").coverage(c -> c.check(true).percentage(p -> p > 20));
    Statistics.label("role rejected").coverage(c -> c.check(true).percentage(p -> p > 20));
    Statistics.label("removed").coverage(c -> c.check(true).percentage(p -> p > 20));
    Statistics.label("released").coverage(c -> c.check(true).percentage(p -> p > 10));
  }

  private static SessionState apply(SessionState state, List<SessionEvent> events, Decision d) {
    for (SessionEvent e : d.events()) {
      state = ENGINE.evolve(state, e);
      events.add(e);
    }
    return state;
  }

  private static void checkInvariants(SessionState s, Instant now) {
    // At most one open request per participant.
    Map<ParticipantId, Integer> open = new HashMap<>();
    for (HelpRequest r : s.requests()) {
      if (r.status().isOpen()) {
        open.merge(r.participant(), 1, Integer::sum);
      }
    }
    assertThat(open.values()).allMatch(n -> n == 1);

    // Queue places are exactly 1..n, over exactly the waiting requests.
    HelpQueueView q = ENGINE.queue(s);
    for (int i = 0; i < q.waiting().size(); i++) {
      assertThat(q.waiting().get(i).place()).isEqualTo(i + 1);
    }
    assertThat(q.waiting()).extracting(HelpQueueView.Entry::request)
        .containsExactlyInAnyOrderElementsOf(s.waitingRequests());

    // An expert helps one person at a time, and only while a claim is theirs.
    Map<ParticipantId, Integer> busy = new HashMap<>();
    for (HelpRequest r : s.requests()) {
      if (r.status() == HelpRequest.Status.IN_PROGRESS) {
        busy.merge(r.expert().orElseThrow(), 1, Integer::sum);
      }
    }
    assertThat(busy.values()).allMatch(n -> n == 1);

    // Removed people are never present.
    for (ParticipantId r : s.removed().keySet()) {
      assertThat(s.isPresent(r)).as("removed %s present", r).isFalse();
    }
    assertThat(s.noShowMinutes()).isBetween(0, 120);

    // Seats: never more participants present than capacity.
    assertThat(s.presentCount(Role.PARTICIPANT)).isLessThanOrEqualTo(s.requirePlan().capacity());

    // Time spent in phases adds up to the time the session ran.
    if (s.startedAt().isPresent()) {
      Duration inPhases = s.completedPhases().stream().map(PhaseRun::length).reduce(Duration.ZERO, Duration::plus);
      Instant upTo = s.currentPhase().map(CurrentPhase::startedAt).or(s::endedAt).orElseThrow();
      assertThat(inPhases).isEqualTo(Duration.between(s.startedAt().get(), upTo));
      for (int i = 0; i < s.completedPhases().size(); i++) {
        assertThat(s.completedPhases().get(i).index()).isEqualTo(i);
      }
    }

    // The recap can always be made, and counts what the state holds.
    Recap recap = Recap.of(s, s.lastEventAt().orElseThrow());
    assertThat(recap.helpRequests()).isEqualTo(s.requests().size());
    assertThat(recap.participants().stream().mapToInt(p -> p.goals().size()).sum()).isEqualTo(s.goals().size());
  }

  /** The command a step stands for, in state {@code s}. */
  static Command command(Step step, SessionState s) {
    GoalId goal = GoalId.of("g" + (step.target() + 1));
    RequestId request = RequestId.of("r" + (step.target() + 1));
    // Mostly the person whose role fits the command; now and then (who == 6) anyone at all.
    ParticipantId anyone = PEOPLE.get(step.target() % PEOPLE.size());
    ParticipantId host = step.who() == 6 ? anyone : HOST;
    ParticipantId expert = step.who() == 6 ? anyone : (step.who() % 2 == 0 ? EXPERT : EXPERT2);
    ParticipantId participant = step.who() == 6 ? anyone : PEOPLE.get(3 + step.who() % 4);
    return switch (step.kind()) {
      case 0, 1 -> {
        ParticipantId who = PEOPLE.get(step.who());
        yield new Join(who, "Person " + step.who(),
            step.target() == 8 ? Role.values()[Math.floorMod(step.number(), 3)] : naturalRole(step.who()));
      }
      case 2 -> new Leave(step.target() < 6 ? participant : PEOPLE.get(step.who()));
      case 3 -> new OpenSession(host);
      case 4 -> new StartSession(host);
      case 5 -> new AdvancePhase(host);
      case 6 -> new ExtendPhase(host, step.number());
      case 7 -> step.target() == 0 && step.number() > 100 ? new EndSession(host) : new Tick();
      case 8 -> step.target() == 0 && step.number() > 125 ? new CancelSession(host, "") : new Tick();
      case 9, 10 -> new DeclareGoal(participant, TEXTS.get(step.target() % TEXTS.size()),
          step.number() % 3 == 0 ? Optional.of(step.number() % 2 == 0 ? "plan-posts" : "no-such-task") : Optional.empty());
      case 11 -> new EditGoal(participant, goal, TEXTS.get(step.number() & 3));
      case 12 -> new MarkGoal(participant, goal, GoalStatus.values()[Math.floorMod(step.number(), 4)]);
      case 13, 14 -> new RaiseHand(participant, TOPICS.get(step.target() % TOPICS.size()),
          step.number() > 120 ? "x".repeat(600) : "Frage");
      case 15 -> new WithdrawHand(participant);
      case 16 -> new ClaimNext(expert);
      case 17 -> new ClaimRequest(expert, request);
      case 18 -> new FinishHelp(expert, step.target() < 4
          ? s.requests().stream().filter(r -> r.expert().equals(Optional.of(expert))
              && r.status() == HelpRequest.Status.IN_PROGRESS).map(HelpRequest::id).findFirst().orElse(request)
          : request, HelpOutcome.values()[Math.floorMod(step.number(), 3)]);
      case 19 -> step.target() == 0 && step.number() > 120 ? new CallOffSession("")
          : step.target() == 1 ? new RescheduleSession(T0.plus(Duration.ofMinutes(step.number())))
          : step.target() >= 2 && step.target() <= 5 ? seats(step, anyone, host, participant) : new Tick();
      default -> new Tick();
    };
  }

  /**
   * The seat commands, in place of some ticks (so the other commands keep their frequency): removals
   * by a host or the organiser, undone as often, released seats, no-show minutes, replaced links,
   * help places (set and cleared, by anyone: participants are refused).
   * The organiser removes anyone but the host (who could otherwise never run the agenda again).
   */
  private static Command seats(Step step, ParticipantId anyone, ParticipantId host, ParticipantId participant) {
    return switch (step.target()) {
      case 2 -> step.number() % 2 == 0 ? new RemoveMember(Optional.empty(), anyone.equals(HOST) ? participant : anyone, "")
          : new RemoveMember(Optional.of(host), anyone, step.number() > 125 ? "x".repeat(300) : "Spam");
      case 3 -> new ReadmitMember(step.number() % 2 == 0 ? Optional.of(host) : Optional.empty(), anyone);
      case 4 -> new ReleaseSeat(anyone, SeatReleaseReason.values()[Math.floorMod(step.number(), 2)]);
      default -> switch (Math.floorMod(step.number(), 3)) {
        case 0 -> new SetNoShowMinutes(host, step.number());
        case 1 -> new RevokeInvite(host, Role.values()[Math.floorMod(step.number(), 3)]);
        default -> new SetHelpPlace(anyone, step.number() > 100 ? "" : "Tisch " + step.number());
      };
    };
  }

  private static Role naturalRole(int who) {
    return who == 0 ? Role.HOST : who <= 2 ? Role.EXPERT : Role.PARTICIPANT;
  }
}
