package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import io.peerwork.core.Fixtures.Run;
import io.peerwork.core.SessionEvent.*;
import io.peerwork.core.spi.TopicFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionEngineTest {

  @Nested
  class Lifecycle {
    @Test
    void scheduleRecordsThePlan() {
      Run run = new Run().ok(new ScheduleSession(plan(12, "fair")));
      assertThat(run.events).containsExactly(new SessionScheduled(T0, plan(12, "fair")));
      assertThat(run.state.status()).isEqualTo(SessionStatus.SCHEDULED);
      assertThat(run.state.requirePlan().capacity()).isEqualTo(12);
      assertThat(run.state.nextDeadline()).contains(T0);
    }

    @Test
    void hostOpensTheLobbyEarly() {
      Run run = new Run().at(T0.minusSeconds(600)).ok(new ScheduleSession(plan(10, "fcfs")))
          .ok(new Join(HOST, "Hanna", Role.HOST));
      assertThat(run.okEvents(new OpenSession(HOST)))
          .containsExactly(new SessionOpened(T0.minusSeconds(600), Optional.of(HOST)));
      assertThat(run.state.status()).isEqualTo(SessionStatus.OPEN);
    }

    @Test
    void startBeginsTheFirstPhaseWithItsPlannedEnd() {
      Run run = Run.lobby().afterMinutes(3).ok(new StartSession(HOST));
      CurrentPhase phase = run.state.currentPhase().orElseThrow();
      assertThat(phase.index()).isZero();
      assertThat(phase.startedAt()).isEqualTo(T0.plusSeconds(180));
      assertThat(phase.endsAt()).isEqualTo(T0.plusSeconds(180 + 600));
      assertThat(run.state.nextDeadline()).contains(phase.endsAt());
      assertThat(run.state.startedAt()).contains(T0.plusSeconds(180));
    }

    @Test
    void advanceEndsThePhaseAndBeginsTheNext() {
      Run run = Run.running().afterMinutes(4);
      assertThat(run.okEvents(new AdvancePhase(HOST)))
          .containsExactly(new PhaseAdvanced(run.now, 0, 1, Optional.of(HOST)));
      assertThat(run.state.currentPhase().orElseThrow().index()).isEqualTo(1);
      assertThat(run.state.completedPhases()).singleElement()
          .satisfies(p -> assertThat(p.length()).isEqualTo(Duration.ofMinutes(4)));
    }

    @Test
    void extendMovesTheDeadline() {
      Run run = Run.running();
      Instant before = run.state.nextDeadline().orElseThrow();
      run.ok(new ExtendPhase(HOST, 7));
      assertThat(run.state.nextDeadline()).contains(before.plus(Duration.ofMinutes(7)));
    }

    @Test
    void endCarriesOverOpenGoalsAndEnds() {
      Run run = Run.inFocus()
          .ok(new DeclareGoal(ANA, "Posts planen", Optional.of("plan-posts")))
          .ok(new DeclareGoal(ANA, "Profilbild", Optional.empty()))
          .ok(new MarkGoal(ANA, GoalId.of("g1"), GoalStatus.DONE))
          .afterMinutes(30);
      assertThat(run.okEvents(new EndSession(HOST))).containsExactly(
          new GoalsCarriedOver(run.now, List.of(GoalId.of("g2"))), new SessionEnded(run.now, Optional.of(HOST)));
      assertThat(run.state.status()).isEqualTo(SessionStatus.ENDED);
      assertThat(run.state.goal(GoalId.of("g2")).orElseThrow().status()).isEqualTo(GoalStatus.CARRIED_OVER);
      assertThat(run.state.goal(GoalId.of("g1")).orElseThrow().status()).isEqualTo(GoalStatus.DONE);
      assertThat(run.state.nextDeadline()).isEmpty();
    }

    @Test
    void enteringTheClosingRoundCarriesOverOpenGoals() {
      Run run = Run.inFocus().ok(new DeclareGoal(BEN, "Rechnungen", Optional.empty()));
      run.ok(new AdvancePhase(HOST)).ok(new AdvancePhase(HOST));
      List<SessionEvent> events = run.okEvents(new AdvancePhase(HOST));
      assertThat(events).hasSize(2).last().isEqualTo(new GoalsCarriedOver(run.now, List.of(GoalId.of("g1"))));
      assertThat(run.state.currentPhase().orElseThrow().phase().kind()).isEqualTo(PhaseKind.CLOSING_ROUND);
    }

    /** Regression: extending a phase whose deadline passed before its tick must not end it at once. */
    @Test
    void extendingAnOverduePhaseCountsFromNow() {
      Run run = Run.running();
      Instant deadline = run.state.nextDeadline().orElseThrow();
      run.at(deadline.plusSeconds(7 * 60)).ok(new ExtendPhase(HOST, 5));
      assertThat(run.state.nextDeadline()).contains(deadline.plusSeconds(12 * 60));
      assertThat(run.okEvents(new Tick())).isEmpty();
    }

    @Test
    void extensionsAreCappedAtEightHoursAPhase() {
      Run run = Run.running();
      for (int i = 0; i < 3; i++) {
        run.ok(new ExtendPhase(HOST, 120));
      }
      run.rejects(new ExtendPhase(HOST, 120), RejectionCode.INVALID_EXTENSION);
      run.ok(new ExtendPhase(HOST, 110));
    }

    @Test
    void theOrganiserMovesASessionThatHasNotOpenedAndItsDoorsOpenAtTheNewTime() {
      Run run = new Run().at(T0.minusSeconds(7200)).ok(new ScheduleSession(plan(10, "fcfs")));
      Instant later = T0.plus(Duration.ofDays(7));
      assertThat(run.okEvents(new RescheduleSession(later)))
          .containsExactly(new SessionEvent.SessionRescheduled(run.now, later));
      assertThat(run.state.requirePlan().plannedStart()).isEqualTo(later);
      assertThat(run.state.nextDeadline()).contains(later);
      run.at(T0);
      assertThat(run.okEvents(new Tick())).isEmpty();
      assertThat(run.okEvents(new RescheduleSession(later))).isEmpty();
      run.at(later).ok(new Tick());
      assertThat(run.state.status()).isEqualTo(SessionStatus.OPEN);
      run.rejects(new RescheduleSession(later.plusSeconds(60)), RejectionCode.SESSION_ALREADY_OPEN);
    }

    @Test
    void theOrganiserCallsASessionOffWithoutBeingInTheRoom() {
      Run run = Run.running();
      assertThat(run.okEvents(new CallOffSession("Die Expertin ist krank")))
          .containsExactly(new SessionCancelled(run.now, Optional.empty(), "Die Expertin ist krank"));
      assertThat(run.state.status()).isEqualTo(SessionStatus.CANCELLED);
      run.rejects(new CallOffSession(""), RejectionCode.SESSION_ENDED);
    }

    @Test
    void cancelEndsEverythingWithAReason() {
      Run run = Run.lobby().ok(new CancelSession(HOST, "  Expertin krank  "));
      assertThat(run.events).last().isEqualTo(new SessionCancelled(T0, Optional.of(HOST), "Expertin krank"));
      assertThat(run.state.status()).isEqualTo(SessionStatus.CANCELLED);
      assertThat(run.state.endedAt()).contains(T0);
    }

    @Test
    void aClockThatStepsBackDoesNotMoveTimeBackwards() {
      Run run = Run.running().afterMinutes(5).ok(new AdvancePhase(HOST));
      Instant last = run.now;
      run.at(last.minusSeconds(3600)).ok(new AdvancePhase(HOST));
      assertThat(run.events).last().extracting(SessionEvent::at).isEqualTo(last);
    }
  }

  @Nested
  class Timer {
    @Test
    void tickBeforeTheDeadlineDoesNothing() {
      Run run = Run.running().afterMinutes(9);
      assertThat(run.okEvents(new Tick())).isEmpty();
    }

    @Test
    void tickAtThePlannedStartOpensTheLobby() {
      Run run = new Run().at(T0.minusSeconds(60)).ok(new ScheduleSession(plan(10, "fcfs")));
      assertThat(run.okEvents(new Tick())).isEmpty();
      run.at(T0);
      assertThat(run.okEvents(new Tick())).containsExactly(new SessionOpened(T0, Optional.empty()));
    }

    @Test
    void tickAtTheDeadlineAdvancesAtTheDeadlineNotAtTheLateTick() {
      Run run = Run.running();
      Instant deadline = run.state.nextDeadline().orElseThrow();
      run.at(deadline.plusSeconds(2));
      assertThat(run.okEvents(new Tick())).containsExactly(new PhaseAdvanced(deadline, 0, 1, Optional.empty()));
      assertThat(run.state.currentPhase().orElseThrow().startedAt()).isEqualTo(deadline);
    }

    @Test
    void aLateTickCatchesUpEveryMissedPhaseAndEndsAfterTheLast() {
      Run run = Run.running().ok(new DeclareGoal(ANA, "Newsletter", Optional.empty()));
      Instant start = run.state.startedAt().orElseThrow();
      run.at(start.plus(Duration.ofHours(5)));
      List<SessionEvent> events = run.okEvents(new Tick());
      assertThat(events).filteredOn(e -> e instanceof PhaseAdvanced).hasSize(5);
      assertThat(events).last().isEqualTo(new SessionEnded(start.plus(AGENDA.plannedLength()), Optional.empty()));
      assertThat(run.state.status()).isEqualTo(SessionStatus.ENDED);
      Duration ran = run.state.completedPhases().stream().map(PhaseRun::length).reduce(Duration.ZERO, Duration::plus);
      assertThat(ran).isEqualTo(AGENDA.plannedLength());
    }
  }

  @Nested
  class People {
    @Test
    void joinLeaveAndRejoinKeepPresenceHistory() {
      Run run = Run.running().afterMinutes(5).ok(new Leave(ANA)).afterMinutes(5);
      assertThat(run.state.isPresent(ANA)).isFalse();
      run.ok(new Join(ANA, "Ana M.", Role.PARTICIPANT));
      Member ana = run.state.member(ANA).orElseThrow();
      assertThat(ana.isPresent()).isTrue();
      assertThat(ana.displayName()).isEqualTo("Ana M.");
      assertThat(ana.earlierVisits()).singleElement()
          .satisfies(v -> assertThat(v.length()).isEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void capacityCountsPresentParticipantsOnly() {
      Run run = new Run().ok(new ScheduleSession(plan(1, "fcfs"))).ok(new Join(HOST, "H", Role.HOST))
          .ok(new OpenSession(HOST)).ok(new Join(ANA, "Ana", Role.PARTICIPANT))
          .ok(new Join(EXPERT, "E", Role.EXPERT));
      run.rejects(new Join(BEN, "Ben", Role.PARTICIPANT), RejectionCode.SESSION_FULL);
      run.ok(new Leave(ANA)).ok(new Join(BEN, "Ben", Role.PARTICIPANT));
      assertThat(run.state.presentCount(Role.PARTICIPANT)).isEqualTo(1);
    }

    @Test
    void displayNamesAreStripped() {
      Run run = Run.lobby().ok(new Join(CEM, "  Cem  ", Role.PARTICIPANT));
      assertThat(run.state.member(CEM).orElseThrow().displayName()).isEqualTo("Cem");
    }

    @Test
    void leavingWithdrawsAWaitingRequestAndReleasesAnExpertsClaim() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "image-tools", ""))
          .ok(new ClaimNext(EXPERT));
      List<SessionEvent> benLeaves = run.okEvents(new Leave(BEN));
      assertThat(benLeaves).containsExactly(new HandWithdrawn(run.now, RequestId.of("r2")),
          new ParticipantLeft(run.now, BEN));
      List<SessionEvent> expertLeaves = run.okEvents(new Leave(EXPERT));
      assertThat(expertLeaves).containsExactly(new HelpReleased(run.now, RequestId.of("r1")),
          new ParticipantLeft(run.now, EXPERT));
      HelpRequest released = run.state.request(RequestId.of("r1")).orElseThrow();
      assertThat(released.status()).isEqualTo(HelpRequest.Status.WAITING);
      assertThat(released.expert()).isEmpty();
      assertThat(released.waited()).isEmpty();
    }
  }

  @Nested
  class Goals {
    @Test
    void goalsDeclaredInTheLobbyBelongToTheFirstFocusBlock() {
      Run run = Run.lobby().ok(new DeclareGoal(ANA, "  Fünf Posts einplanen ", Optional.of("plan-posts")));
      Goal g = run.state.goal(GoalId.of("g1")).orElseThrow();
      assertThat(g.focusBlock()).isEqualTo(2);
      assertThat(g.text()).isEqualTo("Fünf Posts einplanen");
      assertThat(g.taskId()).contains("plan-posts");
      assertThat(g.status()).isEqualTo(GoalStatus.OPEN);
    }

    @Test
    void goalsDuringABreakBelongToTheNextFocusBlock() {
      Run run = Run.inFocus().ok(new AdvancePhase(HOST)).ok(new DeclareGoal(BEN, "Impressum", Optional.empty()));
      assertThat(run.state.goal(GoalId.of("g1")).orElseThrow().focusBlock()).isEqualTo(4);
    }

    @Test
    void ownerEditsAndMarksTheirGoal() {
      Run run = Run.inFocus().ok(new DeclareGoal(ANA, "Posts", Optional.empty()))
          .ok(new EditGoal(ANA, GoalId.of("g1"), "Drei Posts"))
          .ok(new MarkGoal(ANA, GoalId.of("g1"), GoalStatus.PARTLY_DONE));
      Goal g = run.state.goal(GoalId.of("g1")).orElseThrow();
      assertThat(g.text()).isEqualTo("Drei Posts");
      assertThat(g.status()).isEqualTo(GoalStatus.PARTLY_DONE);
    }

    @Test
    void repeatingTheSameMarkOrTextChangesNothing() {
      Run run = Run.inFocus().ok(new DeclareGoal(ANA, "Posts", Optional.empty()))
          .ok(new MarkGoal(ANA, GoalId.of("g1"), GoalStatus.DONE));
      assertThat(run.okEvents(new MarkGoal(ANA, GoalId.of("g1"), GoalStatus.DONE))).isEmpty();
      assertThat(run.okEvents(new EditGoal(ANA, GoalId.of("g1"), "Posts "))).isEmpty();
    }

    @Test
    void aCarriedOverGoalMayStillBeReportedDoneInTheClosingRound() {
      Run run = Run.inFocus().ok(new DeclareGoal(ANA, "Posts", Optional.empty()));
      run.ok(new AdvancePhase(HOST)).ok(new AdvancePhase(HOST)).ok(new AdvancePhase(HOST));
      assertThat(run.state.goal(GoalId.of("g1")).orElseThrow().status()).isEqualTo(GoalStatus.CARRIED_OVER);
      run.ok(new MarkGoal(ANA, GoalId.of("g1"), GoalStatus.DONE));
      assertThat(run.state.goal(GoalId.of("g1")).orElseThrow().status()).isEqualTo(GoalStatus.DONE);
    }
  }

  @Nested
  class HelpQueue {
    @Test
    void raiseClaimFinish() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "Welches Tool für Karussells?"));
      HelpQueueView q = run.engine.queue(run.state);
      assertThat(q.waiting()).singleElement().satisfies(e -> {
        assertThat(e.place()).isEqualTo(1);
        assertThat(e.request().note()).isEqualTo("Welches Tool für Karussells?");
        assertThat(e.isNext()).isTrue();
        // The expert is free: no wait.
        assertThat(e.estimatedWait()).contains(new HelpQueueView.Wait(Duration.ZERO, Duration.ZERO));
      });
      run.afterMinutes(4).ok(new ClaimNext(EXPERT)).afterMinutes(12)
          .ok(new FinishHelp(EXPERT, RequestId.of("r1"), HelpOutcome.SOLVED));
      HelpRequest r = run.state.request(RequestId.of("r1")).orElseThrow();
      assertThat(r.status()).isEqualTo(HelpRequest.Status.FINISHED);
      assertThat(r.waited()).contains(Duration.ofMinutes(4));
      assertThat(r.helpTime()).contains(Duration.ofMinutes(12));
      assertThat(r.outcome()).contains(HelpOutcome.SOLVED);
      assertThat(run.state.helpsReceived(ANA)).isEqualTo(1);
      // After that, a new request may be raised again.
      run.ok(new RaiseHand(ANA, "content-ideas", ""));
    }

    @Test
    void estimatedWaitIsARangeFromThePriorThenTheSessionsHelpsAndTheExpertsPresent() {
      Run run = Run.inFocus().ok(new Join(CEM, "Cem", Role.PARTICIPANT))
          .ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "image-tools", ""))
          .ok(new RaiseHand(CEM, "image-tools", ""));
      HelpQueueView q = run.engine.queue(run.state);
      assertThat(q.typicalHelpTime()).isEqualTo(HelpQueueView.DEFAULT_HELP_TIME);
      // One expert, free: Ana next at once; then 5 to 15 minutes per place ahead.
      assertThat(q.waiting()).extracting(e -> e.estimatedWait().orElseThrow()).containsExactly(
          new HelpQueueView.Wait(Duration.ZERO, Duration.ZERO),
          new HelpQueueView.Wait(Duration.ofMinutes(5), Duration.ofMinutes(15)),
          new HelpQueueView.Wait(Duration.ofMinutes(10), Duration.ofMinutes(30)));
      assertThat(q.waiting()).extracting(HelpQueueView.Entry::isNext).containsExactly(true, false, false);

      run.ok(new ClaimNext(EXPERT)).afterMinutes(6).ok(new FinishHelp(EXPERT, RequestId.of("r1"), HelpOutcome.SOLVED))
          .ok(new ClaimNext(EXPERT));
      q = run.engine.queue(run.state);
      // The 10-minute prior counts as three helps: (3 * 10 + 6) / 4 = 9 minutes.
      assertThat(q.typicalHelpTime()).isEqualTo(Duration.ofMinutes(9));
      assertThat(q.helpsFinished()).isEqualTo(1);
      assertThat(q.inProgress()).hasSize(1);
      // Cem is 1st in line behind Ben's help: from now (it may end any moment) to 1.5 * 9 minutes.
      assertThat(q.entryOf(CEM).orElseThrow().estimatedWait())
          .contains(new HelpQueueView.Wait(Duration.ZERO, Duration.ofSeconds(810)));

      run.ok(new Join(EXPERT2, "Emil", Role.EXPERT));
      // A second expert is free: no wait.
      assertThat(run.engine.queue(run.state).entryOf(CEM).orElseThrow().estimatedWait())
          .contains(new HelpQueueView.Wait(Duration.ZERO, Duration.ZERO));
    }

    @Test
    void twoShortHelpsDoNotMakeEveryWaitShortNorPlaceThreeNext() {
      ParticipantId DORA = ParticipantId.of("dora");
      Run run = Run.inFocus().ok(new Join(CEM, "Cem", Role.PARTICIPANT)).ok(new Join(DORA, "Dora", Role.PARTICIPANT));
      run.ok(new RaiseHand(DORA, "image-tools", "")).ok(new ClaimNext(EXPERT)).after(Duration.ofSeconds(30))
          .ok(new FinishHelp(EXPERT, RequestId.of("r1"), HelpOutcome.SOLVED))
          .ok(new RaiseHand(DORA, "image-tools", "")).ok(new ClaimNext(EXPERT)).after(Duration.ofSeconds(30))
          .ok(new FinishHelp(EXPERT, RequestId.of("r2"), HelpOutcome.SOLVED));
      run.ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "image-tools", ""))
          .ok(new RaiseHand(CEM, "image-tools", "")).ok(new ClaimNext(EXPERT)); // Ana is being helped
      HelpQueueView q = run.engine.queue(run.state);
      // (3 * 10 min + 2 * 30 s) / 5 = 6.2 minutes, not 30 seconds.
      assertThat(q.typicalHelpTime()).isEqualTo(Duration.ofSeconds(372));
      HelpQueueView.Entry cem = q.entryOf(CEM).orElseThrow();
      assertThat(cem.place()).isEqualTo(2);
      assertThat(cem.isNext()).isFalse();
      // One help ahead of Cem at 3.1 to 9.3 minutes, and Ana's under way.
      assertThat(cem.estimatedWait()).contains(new HelpQueueView.Wait(Duration.ofSeconds(186), Duration.ofSeconds(1116)));
    }

    @Test
    void theFormatsTypicalHelpIsThePrior() {
      TopicFormat quick = new TopicFormat() {
        @Override public String id() { return FORMAT.id(); }
        @Override public LocalizedText name() { return FORMAT.name(); }
        @Override public LocalizedText description() { return FORMAT.description(); }
        @Override public Agenda agenda() { return FORMAT.agenda(); }
        @Override public List<io.peerwork.core.spi.RecurringTask> tasks() { return FORMAT.tasks(); }
        @Override public List<io.peerwork.core.spi.HelpTopic> helpTopics() { return FORMAT.helpTopics(); }
        @Override public Duration typicalHelpTime() { return Duration.ofMinutes(4); }
      };
      SessionEngine engine = SessionEngine.builder().formats(FormatRegistry.of(quick)).build();
      Run run = new Run(engine).ok(new ScheduleSession(plan(10, "fcfs"))).ok(new Join(HOST, "Hanna", Role.HOST))
          .ok(new Join(EXPERT, "Eva", Role.EXPERT)).ok(new OpenSession(HOST)).ok(new StartSession(HOST))
          .ok(new Join(ANA, "Ana", Role.PARTICIPANT)).ok(new Join(BEN, "Ben", Role.PARTICIPANT))
          .ok(new AdvancePhase(HOST)).ok(new AdvancePhase(HOST))
          .ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "image-tools", ""));
      HelpQueueView q = engine.queue(run.state);
      assertThat(q.typicalHelpTime()).isEqualTo(Duration.ofMinutes(4));
      assertThat(q.entryOf(BEN).orElseThrow().estimatedWait())
          .contains(new HelpQueueView.Wait(Duration.ofMinutes(2), Duration.ofMinutes(6)));
    }

    @Test
    void withoutAnExpertPresentThereIsNoEstimate() {
      Run run = Run.inFocus().ok(new Leave(EXPERT)).ok(new RaiseHand(ANA, "image-tools", ""));
      assertThat(run.engine.queue(run.state).entryOf(ANA).orElseThrow().estimatedWait()).isEmpty();
    }

    @Test
    void withdrawLeavesTheQueue() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "image-tools", ""))
          .ok(new WithdrawHand(ANA));
      assertThat(run.engine.queue(run.state).waiting()).singleElement()
          .satisfies(e -> assertThat(e.request().participant()).isEqualTo(BEN))
          .satisfies(e -> assertThat(e.place()).isEqualTo(1));
    }

    @Test
    void claimAChosenRequest() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "image-tools", ""))
          .ok(new ClaimRequest(EXPERT, RequestId.of("r2")));
      assertThat(run.state.request(RequestId.of("r2")).orElseThrow().expert()).contains(EXPERT);
      assertThat(run.engine.queue(run.state).next().orElseThrow().request().participant()).isEqualTo(ANA);
    }

    @Test
    void fairPolicyServesWhoeverHadFewestHelpsFirst() {
      Run run = new Run().ok(new ScheduleSession(plan(10, "fair"))).ok(new Join(HOST, "H", Role.HOST))
          .ok(new Join(EXPERT, "E", Role.EXPERT)).ok(new OpenSession(HOST))
          .ok(new Join(ANA, "Ana", Role.PARTICIPANT)).ok(new Join(BEN, "Ben", Role.PARTICIPANT))
          .ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
          .ok(new FinishHelp(EXPERT, RequestId.of("r1"), HelpOutcome.SOLVED))
          .ok(new RaiseHand(ANA, "image-tools", "noch was")).afterMinutes(1).ok(new RaiseHand(BEN, "image-tools", ""));
      assertThat(run.engine.queue(run.state).waiting()).extracting(e -> e.request().participant())
          .containsExactly(BEN, ANA);
      run.ok(new ClaimNext(EXPERT));
      assertThat(run.state.openRequestOf(BEN).orElseThrow().status()).isEqualTo(HelpRequest.Status.IN_PROGRESS);
    }

    @Test
    void firstComeFirstServedKeepsArrivalOrder() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
          .ok(new FinishHelp(EXPERT, RequestId.of("r1"), HelpOutcome.PARTLY_SOLVED))
          .ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "image-tools", ""));
      assertThat(run.engine.queue(run.state).waiting()).extracting(e -> e.request().participant())
          .containsExactly(ANA, BEN);
    }
  }

  /** Taking a format's jar out must not break the sessions of that format already in a journal. */
  @Nested
  class RemovedPlugins {
    @Test
    void aSessionWhoseFormatIsGoneAnswersWithRejectionsNotExceptions() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""));
      SessionEngine without = SessionEngine.builder().build();
      Decision goal = without.decide(run.state, new DeclareGoal(ANA, "Posts", Optional.empty()), run.now);
      assertThat(goal).isInstanceOfSatisfying(Decision.Rejected.class,
          r -> assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_FORMAT));
      Decision hand = without.decide(run.state, new RaiseHand(BEN, "image-tools", ""), run.now);
      assertThat(hand).isInstanceOfSatisfying(Decision.Rejected.class,
          r -> assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_FORMAT));
      assertThat(without.decide(run.state, new ClaimNext(EXPERT), run.now).isAccepted()).isTrue();
      assertThat(without.decide(run.state, new EndSession(HOST), run.now).isAccepted()).isTrue();
    }

    @Test
    void aSessionWhosePolicyIsGoneIsServedFirstComeFirstServed() {
      QueuePoliciesAccess.Custom custom = new QueuePoliciesAccess.Custom();
      SessionEngine with = SessionEngine.builder().formats(FORMAT).queuePolicy(custom).build();
      Run run = new Run(with).ok(new ScheduleSession(plan(5, custom.id()))).ok(new Join(HOST, "H", Role.HOST))
          .ok(new Join(EXPERT, "E", Role.EXPERT)).ok(new OpenSession(HOST))
          .ok(new Join(ANA, "Ana", Role.PARTICIPANT)).ok(new Join(BEN, "Ben", Role.PARTICIPANT))
          .ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "image-tools", ""));
      assertThat(with.queue(run.state).next().orElseThrow().request().participant()).isEqualTo(BEN);
      SessionEngine without = SessionEngine.builder().formats(FORMAT).build();
      assertThat(without.queue(run.state).next().orElseThrow().request().participant()).isEqualTo(ANA);
    }
  }

  @Nested
  class Replay {
    @Test
    void replayingTheEventsRebuildsTheSameState() {
      Run run = Run.inFocus().ok(new DeclareGoal(ANA, "Posts", Optional.of("plan-posts")))
          .ok(new RaiseHand(BEN, "content-ideas", "Ideen?")).ok(new ClaimNext(EXPERT)).afterMinutes(10)
          .ok(new FinishHelp(EXPERT, RequestId.of("r1"), HelpOutcome.FOLLOW_UP))
          .ok(new MarkGoal(ANA, GoalId.of("g1"), GoalStatus.DONE)).ok(new Leave(BEN)).ok(new EndSession(HOST));
      SessionState replayed = ENGINE.replay(SID, run.events);
      assertThat(replayed).isEqualTo(run.state);
      assertThat(replayed.version()).isEqualTo(run.events.size());
    }
  }
}
