package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import io.peerwork.core.HelpQueueView.Entry;
import io.peerwork.core.HelpQueueView.Wait;
import io.peerwork.core.SessionEvent.HelpClaimed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The help queue tells the truth: random queues of up to twelve people and up to three experts
 * coming and going, with help histories from seconds to hours, and after every step only place 1
 * is told "next" (and it is the one "claim next" takes), waits never shrink further back in the
 * line, and no wait is shorter than the helps ahead can plausibly take.
 */
class QueueEstimatePropertiesTest {
  private static final List<ParticipantId> PEOPLE =
      IntStream.range(0, 12).mapToObj(i -> ParticipantId.of("p" + i)).toList();
  private static final List<ParticipantId> EXPERTS = List.of(EXPERT, EXPERT2, ParticipantId.of("expert3"));
  private static final HelpOutcome[] OUTCOMES = HelpOutcome.values();

  /** One random step: what happens, to whom, and how many seconds pass first. */
  record Op(int kind, int who, int seconds) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 11),
            Arbitraries.integers().between(0, PEOPLE.size() - 1),
            Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 90)), // short helps, quick steps
                Tuple.of(4, Arbitraries.integers().between(60, 1800)),
                Tuple.of(1, Arbitraries.integers().between(1800, 7200)))) // a help left open over lunch
        .as(Op::new)
        .list()
        .ofMinSize(20)
        .ofMaxSize(200);
  }

  @net.jqwik.api.statistics.StatisticsReport(onFailureOnly = true)
  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void placeAndWaitAreTrueAfterEveryStep(@ForAll("ops") List<Op> ops, @ForAll boolean fair) {
    Instant now = T0;
    SessionState state = SessionState.initial(SID);
    for (Command c : List.of(new ScheduleSession(plan(20, fair ? "fair" : "fcfs")), new Join(HOST, "Hanna", Role.HOST),
        new Join(EXPERT, "Eva", Role.EXPERT), new OpenSession(HOST), new StartSession(HOST),
        new AdvancePhase(HOST), new AdvancePhase(HOST))) {
      state = accept(state, c, now);
    }
    for (int i = 0; i < PEOPLE.size(); i++) {
      state = accept(state, new Join(PEOPLE.get(i), "P" + i, Role.PARTICIPANT), now);
    }
    int longest = 0;
    for (Op op : ops) {
      now = now.plusSeconds(op.seconds());
      Command command = command(op, state);
      Decision d = ENGINE.decide(state, command, now);
      if (!d.isAccepted()) {
        continue;
      }
      if (command instanceof ClaimNext) {
        // "Claim next" takes the one request the queue told it was next.
        HelpQueueView before = ENGINE.queue(state);
        HelpClaimed claimed = (HelpClaimed) d.events().stream().filter(e -> e instanceof HelpClaimed).findFirst()
            .orElseThrow();
        Entry next = before.waiting().stream().filter(Entry::isNext).findFirst().orElseThrow();
        assertThat(claimed.request()).isEqualTo(next.request().id());
      }
      state = ENGINE.evolve(state, d.events());
      checkQueue(ENGINE.queue(state));
      longest = Math.max(longest, state.waitingRequests().size());
    }
    Statistics.label("longest queue").collect(longest >= 6 ? ">= 6" : longest >= 3 ? "3-5" : "< 3");
    Statistics.label("helps finished").collect(ENGINE.queue(state).helpsFinished() > 3 ? "> 3" : "<= 3");
    // Guards the generator: long queues and help histories must come up.
    Statistics.label("longest queue").coverage(c -> c.check(">= 6").percentage(p -> p > 5));
    Statistics.label("helps finished").coverage(c -> c.check("> 3").percentage(p -> p > 3));
  }

  private static void checkQueue(HelpQueueView q) {
    // Exactly one is told "next", place 1, and places are 1..n.
    assertThat(q.waiting().stream().filter(Entry::isNext).count()).isEqualTo(q.waiting().isEmpty() ? 0 : 1);
    for (int i = 0; i < q.waiting().size(); i++) {
      assertThat(q.waiting().get(i).place()).isEqualTo(i + 1);
      assertThat(q.waiting().get(i).isNext()).isEqualTo(i == 0);
    }
    // The typical help stays between the floor and three times the prior, whatever the history.
    assertThat(q.typicalHelpTime()).isBetween(HelpQueueView.MIN_HELP_TIME, HelpQueueView.DEFAULT_HELP_TIME.multipliedBy(3));
    // An estimate exactly when an expert is present.
    assertThat(q.waiting()).allMatch(e -> e.estimatedWait().isPresent() == (q.expertsPresent() > 0));
    if (q.expertsPresent() == 0) {
      return;
    }
    int experts = q.expertsPresent();
    int free = Math.max(0, experts - q.inProgress().size());
    Wait previous = new Wait(Duration.ZERO, Duration.ZERO);
    for (Entry e : q.waiting()) {
      Wait w = e.estimatedWait().orElseThrow();
      // Further back never waits less, neither at best nor at worst.
      assertThat(w.low()).as("low at place %s", e.place()).isGreaterThanOrEqualTo(previous.low());
      assertThat(w.high()).as("high at place %s", e.place()).isGreaterThanOrEqualTo(previous.high());
      if (e.place() <= free) {
        assertThat(w.isNone()).as("place %s with %s experts free", e.place(), free).isTrue();
      } else {
        // The helps ahead take at least the shortest plausible help each, shared by the experts.
        Duration floor = HelpQueueView.MIN_HELP_TIME.multipliedBy(e.place() - 1L).dividedBy(experts);
        assertThat(w.low()).as("low at place %s", e.place()).isGreaterThanOrEqualTo(floor);
        // And at worst every help ahead and under way takes longer than a typical one.
        assertThat(w.high()).isGreaterThanOrEqualTo(
            q.typicalHelpTime().multipliedBy(e.place() - 1L + q.inProgress().size()).dividedBy(experts));
      }
      previous = w;
    }
  }

  @Property(tries = 500)
  void moreExpertsNeverLengthenAWaitAndMoreHelpsUnderWayNeverShortenIt(
      @ForAll @IntRange(min = 1, max = 30) int place, @ForAll @IntRange(min = 120, max = 3600) int typicalSeconds,
      @ForAll @IntRange(min = 0, max = 4) int inProgress, @ForAll @IntRange(min = 1, max = 4) int experts) {
    Duration typical = Duration.ofSeconds(typicalSeconds);
    Wait w = HelpQueueView.estimate(place, typical, inProgress, experts);
    Wait moreExperts = HelpQueueView.estimate(place, typical, inProgress, experts + 1);
    Wait moreUnderWay = HelpQueueView.estimate(place, typical, inProgress + 1, experts);
    assertThat(moreExperts.low()).isLessThanOrEqualTo(w.low());
    assertThat(moreExperts.high()).isLessThanOrEqualTo(w.high());
    assertThat(moreUnderWay.low()).isGreaterThanOrEqualTo(w.low());
    assertThat(moreUnderWay.high()).isGreaterThanOrEqualTo(w.high());
  }

  @Property(tries = 500)
  void theFirstHelpsMoveTheTypicalHelpOnlyALittle(
      @ForAll @IntRange(min = 2, max = 60) int priorMinutes,
      @ForAll("helpSeconds") List<Integer> firstHelps) {
    Duration prior = Duration.ofMinutes(priorMinutes);
    List<Duration> helps = firstHelps.stream().limit(2).map(Duration::ofSeconds).toList();
    Duration typical = HelpQueueView.typicalHelpTime(prior, helps);
    // Two helps, however short or long, are outweighed by the prior's three: between 3/5 of it
    // (two helps of nothing) and 9/5 of it (two helps at the cap of three times the prior).
    assertThat(typical).isBetween(
        max(HelpQueueView.MIN_HELP_TIME, prior.multipliedBy(3).dividedBy(5)), prior.multipliedBy(9).dividedBy(5));
  }

  @Property(tries = 300)
  void manyLikeHelpsOutweighThePrior(
      @ForAll @IntRange(min = 2, max = 60) int priorMinutes, @ForAll @IntRange(min = 120, max = 3600) int helpSeconds,
      @ForAll @IntRange(min = 0, max = 40) int n) {
    Duration prior = Duration.ofMinutes(priorMinutes);
    Duration help = Duration.ofSeconds(helpSeconds);
    Duration counted = help.compareTo(prior.multipliedBy(3)) > 0 ? prior.multipliedBy(3) : help;
    Duration before = HelpQueueView.typicalHelpTime(prior, nCopies(n, help));
    Duration after = HelpQueueView.typicalHelpTime(prior, nCopies(n + 1, help));
    // Each like help brings the typical help closer to it, never past it.
    assertThat(after.minus(counted).abs()).isLessThanOrEqualTo(before.minus(counted).abs());
    assertThat(after).isBetween(min(prior, counted), max(prior, counted));
  }

  @Provide
  Arbitrary<List<Integer>> helpSeconds() {
    return Arbitraries.integers().between(0, 4 * 3600).list().ofMinSize(0).ofMaxSize(2);
  }

  private static List<Duration> nCopies(int n, Duration d) {
    return java.util.Collections.nCopies(n, d);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static SessionState accept(SessionState state, Command c, Instant now) {
    Decision d = ENGINE.decide(state, c, now);
    assertThat(d.isAccepted()).as("%s", c).isTrue();
    return ENGINE.evolve(state, d.events());
  }

  private static Command command(Op op, SessionState state) {
    ParticipantId person = PEOPLE.get(op.who());
    ParticipantId expert = EXPERTS.get(op.who() % EXPERTS.size());
    Optional<HelpRequest> helping = state.requests().stream()
        .filter(r -> r.status() == HelpRequest.Status.IN_PROGRESS && r.expert().equals(Optional.of(expert)))
        .findFirst();
    List<HelpRequest> waiting = state.waitingRequests();
    return switch (op.kind()) {
      case 0, 1, 2 -> new RaiseHand(person, op.who() % 2 == 0 ? "image-tools" : "content-ideas", "");
      case 3, 4 -> new ClaimNext(expert);
      case 5, 6 -> helping.<Command>map(r -> new FinishHelp(expert, r.id(), OUTCOMES[op.seconds() % OUTCOMES.length]))
          .orElse(new ClaimNext(expert));
      case 7 -> waiting.isEmpty() ? new ClaimNext(expert)
          : new ClaimRequest(expert, waiting.get(op.seconds() % waiting.size()).id());
      case 8 -> new WithdrawHand(person);
      case 9 -> state.isPresent(person) ? new Leave(person) : new Join(person, "P" + op.who(), Role.PARTICIPANT);
      case 10 -> state.isPresent(expert) ? new Leave(expert) : new Join(expert, "E" + op.who(), Role.EXPERT);
      default -> new Join(person, "P" + op.who(), Role.PARTICIPANT);
    };
  }
}
