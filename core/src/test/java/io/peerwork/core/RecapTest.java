package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.Command.*;
import io.peerwork.core.Fixtures.Run;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecapTest {

  @Test
  void recapCountsGoalsHelpsFocusTimeAndMedians() {
    // Arrival 10, goal round 10, focus 50, break 10, focus 40, closing 20 (all by timer).
    Run run = Run.running()
        .ok(new Join(CEM, "Cem", Role.PARTICIPANT))
        .ok(new DeclareGoal(ANA, "Posts planen", Optional.of("plan-posts")))
        .ok(new DeclareGoal(ANA, "Bilder", Optional.empty()))
        .ok(new DeclareGoal(ANA, "Story", Optional.empty()))
        .ok(new DeclareGoal(BEN, "Statistik", Optional.empty()));
    run.afterMinutes(20).ok(new Tick()).ok(new Tick()); // focus block 1 starts at minute 20
    run.afterMinutes(5).ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "content-ideas", ""))
        .ok(new RaiseHand(CEM, "content-ideas", ""));
    run.afterMinutes(2).ok(new ClaimNext(EXPERT)).afterMinutes(8)                     // Ana waited 2, helped 8
        .ok(new FinishHelp(EXPERT, RequestId.of("r1"), HelpOutcome.SOLVED))
        .ok(new ClaimNext(EXPERT)).afterMinutes(4)                                    // Ben waited 10, helped 4
        .ok(new FinishHelp(EXPERT, RequestId.of("r2"), HelpOutcome.PARTLY_SOLVED))
        .ok(new ClaimNext(EXPERT)).afterMinutes(6)                                    // Cem waited 14, helped 6
        .ok(new FinishHelp(EXPERT, RequestId.of("r3"), HelpOutcome.FOLLOW_UP));
    // minute 45: Ben leaves for 15 minutes of focus block 1 (ends at minute 70).
    run.ok(new Leave(BEN)).afterMinutes(15).ok(new Join(BEN, "Ben", Role.PARTICIPANT));
    run.ok(new MarkGoal(ANA, GoalId.of("g1"), GoalStatus.DONE))
        .ok(new MarkGoal(ANA, GoalId.of("g2"), GoalStatus.PARTLY_DONE))
        .ok(new MarkGoal(BEN, GoalId.of("g4"), GoalStatus.DONE));
    run.afterMinutes(200).ok(new Tick()); // everything runs out by timer
    assertThat(run.state.status()).isEqualTo(SessionStatus.ENDED);

    Recap recap = Recap.of(run.state);
    assertThat(recap.attendance()).isEqualTo(new Recap.Attendance(3, 1, 1));
    assertThat(recap.helpRequests()).isEqualTo(3);
    assertThat(recap.helpsFinished()).isEqualTo(3);
    assertThat(recap.medianWait()).contains(Duration.ofMinutes(10));
    assertThat(recap.medianHelpTime()).contains(Duration.ofMinutes(6));
    assertThat(recap.endedAt()).isEqualTo(run.state.endedAt());

    Recap.ParticipantRecap ana = recap.of(ANA).orElseThrow();
    assertThat(ana.done()).isEqualTo(1);
    assertThat(ana.partlyDone()).isEqualTo(1);
    assertThat(ana.carriedOver()).isEqualTo(1);
    assertThat(ana.goals(GoalStatus.CARRIED_OVER)).extracting(Goal::text).containsExactly("Story");
    assertThat(ana.helpsReceived()).isEqualTo(1);
    assertThat(ana.minutesInFocus()).isEqualTo(90);

    Recap.ParticipantRecap ben = recap.of(BEN).orElseThrow();
    assertThat(ben.done()).isEqualTo(1);
    assertThat(ben.minutesInFocus()).isEqualTo(75);
    assertThat(recap.of(EXPERT)).isEmpty();
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Recap.median(List.of(Duration.ofMinutes(9), Duration.ofMinutes(1), Duration.ofMinutes(3),
        Duration.ofMinutes(5)))).contains(Duration.ofMinutes(4));
    assertThat(Recap.median(List.of())).isEmpty();
  }

  @Test
  void theFinalRecapNeedsAnEndedSession() {
    assertThatThrownBy(() -> Recap.of(Run.running().state)).isInstanceOf(IllegalStateException.class);
    assertThat(Recap.of(Run.running().state, T0.plusSeconds(60)).status()).isEqualTo(SessionStatus.RUNNING);
  }
}
