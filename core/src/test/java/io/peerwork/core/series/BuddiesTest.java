package io.peerwork.core.series;

import static io.peerwork.core.series.SeriesFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.GoalStatus;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.series.SeriesCommand.*;
import io.peerwork.core.series.SeriesEvent.*;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Buddies: two people seated at a date pair up for its month (opt-in on both sides), get one
 * mid-month mail each, and see each other's one-tap check-in.
 */
class BuddiesTest {
  static final TopicFormat FORMAT = io.peerwork.core.FixturesAccess.format();
  static final Instant JAN = Instant.parse("2027-01-01T10:00:00Z");
  /** First Tuesdays: 2 Feb 2027 09:00 Vienna, the next 2 Mar 2027; the middle is 16 Feb 08:00 UTC. */
  static final LocalDate FEB = LocalDate.of(2027, 2, 2);
  static final LocalDate MAR = LocalDate.of(2027, 3, 2);
  static final Instant MID = Instant.parse("2027-02-16T08:00:00Z");
  static final String ANA = "ana@example.at";
  static final String BEN = "ben@example.at";
  static final String CEM = "cem@gmx.at";

  private static SeriesFixtures.Run seated(int capacity, String... emails) {
    var run = new SeriesFixtures.Run(FORMAT, JAN).ok(new CreateSeries(plan(FORMAT, capacity)));
    for (String e : emails) {
      run.ok(new Register(FEB, e.substring(0, 3), e, "de", Optional.empty()));
    }
    return run;
  }

  @Test
  void lookingThenPairingMakesBuddiesForTheMonthAndNobodyIsLookingAnyMore() {
    var run = seated(5, ANA, BEN, CEM).ok(new LookForBuddy(FEB, "Ben@Example.at"));
    assertThat(run.events).last().isEqualTo(new LookingForBuddy(JAN, FEB, BEN));
    assertThat(run.state.lookingForBuddy(FEB)).containsExactly(BEN);
    int before = run.events.size();
    run.ok(new LookForBuddy(FEB, BEN));
    assertThat(run.events).as("looking again records nothing").hasSize(before);

    run.ok(new PairBuddies(FEB, ANA, BEN));
    assertThat(run.events).last().isEqualTo(new BuddiesPaired(JAN, FEB, ANA, BEN));
    assertThat(run.state.buddy(FEB, ANA)).contains(BEN);
    assertThat(run.state.buddy(FEB, BEN)).contains(ANA);
    assertThat(run.state.buddy(FEB, CEM)).isEmpty();
    assertThat(run.state.lookingForBuddy(FEB)).isEmpty();
    assertThat(run.state.buddy(MAR, ANA)).as("a pair is for one date's month").isEmpty();
    run.ok(new PairBuddies(FEB, BEN, ANA));
    assertThat(run.events).as("pairing again with one's buddy records nothing").hasSize(before + 1);
  }

  @Test
  void pairingIsRefusedWithStableCodes() {
    var run = seated(3, ANA, BEN, CEM, "dora@web.de");
    run.rejects(new PairBuddies(FEB, ANA, BEN), RejectionCode.BUDDY_NOT_LOOKING);
    run.rejects(new PairBuddies(FEB, ANA, "ANA@example.at"), RejectionCode.CANNOT_PAIR_WITH_SELF);
    run.rejects(new PairBuddies(FEB, "eve@posteo.de", BEN), RejectionCode.NOT_REGISTERED);
    run.rejects(new LookForBuddy(FEB, "eve@posteo.de"), RejectionCode.NOT_REGISTERED);
    run.rejects(new LookForBuddy(FEB, "dora@web.de"), RejectionCode.NOT_SEATED);
    run.rejects(new PairBuddies(FEB, "dora@web.de", BEN), RejectionCode.NOT_SEATED);
    run.rejects(new LookForBuddy(MAR.plusDays(1), ANA), RejectionCode.UNKNOWN_DATE);
    run.rejects(new PairBuddies(FEB, ANA, "dora@web.de"), RejectionCode.BUDDY_NOT_LOOKING);

    run.ok(new LookForBuddy(FEB, BEN)).ok(new LookForBuddy(FEB, CEM)).ok(new PairBuddies(FEB, ANA, BEN));
    run.rejects(new PairBuddies(FEB, ANA, CEM), RejectionCode.ALREADY_PAIRED);
    run.rejects(new PairBuddies(FEB, CEM, BEN), RejectionCode.ALREADY_PAIRED);
    run.rejects(new LookForBuddy(FEB, ANA), RejectionCode.ALREADY_PAIRED);
    run.rejects(new BuddyCheckIn(FEB, CEM, BuddyMood.DONE), RejectionCode.NO_BUDDY);
    run.rejects(new RecordBuddyMail(FEB, CEM), RejectionCode.NO_BUDDY);
    run.ok(new CancelDate(MAR, "Urlaub")).rejects(new LookForBuddy(MAR, ANA), RejectionCode.DATE_CANCELLED);
  }

  @Test
  void leavingEndsThePairForBothOrStopsLooking() {
    var run = seated(5, ANA, BEN, CEM).ok(new LookForBuddy(FEB, BEN)).ok(new PairBuddies(FEB, ANA, BEN))
        .ok(new BuddyCheckIn(FEB, BEN, BuddyMood.STUCK)).ok(new LookForBuddy(FEB, CEM));
    run.ok(new LeaveBuddy(FEB, BEN));
    assertThat(run.events).last().isEqualTo(new BuddyLeft(JAN, FEB, BEN));
    assertThat(run.state.buddy(FEB, ANA)).isEmpty();
    assertThat(run.state.buddyCheck(FEB, BEN)).isEmpty();
    run.ok(new PairBuddies(FEB, ANA, CEM));
    assertThat(run.state.buddy(FEB, CEM)).contains(ANA);

    int before = run.events.size();
    run.ok(new LeaveBuddy(FEB, BEN));
    assertThat(run.events).as("nothing to leave: nothing recorded").hasSize(before);
    run.ok(new LookForBuddy(FEB, BEN)).ok(new LeaveBuddy(FEB, BEN));
    assertThat(run.state.lookingForBuddy(FEB)).isEmpty();
  }

  @Test
  void givingUpTheSeatEndsThePairAndTheLooking() {
    var run = seated(5, ANA, BEN, CEM).ok(new LookForBuddy(FEB, BEN)).ok(new PairBuddies(FEB, ANA, BEN))
        .ok(new LookForBuddy(FEB, CEM));
    run.ok(new CancelRegistration(FEB, ANA));
    assertThat(run.events.subList(run.events.size() - 2, run.events.size()))
        .containsExactly(new RegistrationCancelled(JAN, FEB, ANA), new BuddyLeft(JAN, FEB, ANA));
    assertThat(run.state.buddy(FEB, BEN)).isEmpty();
    run.ok(new CancelRegistration(FEB, CEM));
    assertThat(run.state.lookingForBuddy(FEB)).isEmpty();
  }

  @Test
  void theCheckInIsWhatTheBuddySeesTheLatestCounts() {
    var run = seated(5, ANA, BEN).ok(new LookForBuddy(FEB, BEN)).ok(new PairBuddies(FEB, ANA, BEN))
        .at(MID.plusSeconds(60)).ok(new BuddyCheckIn(FEB, ANA, BuddyMood.STUCK))
        .at(MID.plusSeconds(120)).ok(new BuddyCheckIn(FEB, "ANA@example.at", BuddyMood.GOING_WELL));
    assertThat(run.events).last().isEqualTo(new BuddyCheckedIn(MID.plusSeconds(120), FEB, ANA, BuddyMood.GOING_WELL));
    assertThat(run.state.buddyCheck(FEB, ANA)).contains(new BuddyCheck(BuddyMood.GOING_WELL, MID.plusSeconds(120)));
    assertThat(run.state.buddyCheck(FEB, BEN)).isEmpty();
  }

  @Test
  void theMidMonthMailIsDueOncePerPersonBetweenTheMiddleAndTheNextDate() {
    var run = seated(5, ANA, BEN, CEM).ok(new LookForBuddy(FEB, BEN)).ok(new PairBuddies(FEB, ANA, BEN))
        .ok(new LookForBuddy(FEB, CEM));
    assertThat(run.state.buddyMidMonth(FEB)).contains(MID);
    Instant nextDate = Instant.parse("2027-03-02T08:00:00Z");
    assertThat(run.state.buddyMailsDue(MID.minusSeconds(1))).isEmpty();
    assertThat(run.state.buddyMailsDue(MID)).containsExactly(new BuddyMailDue(FEB, ANA, BEN, nextDate),
        new BuddyMailDue(FEB, BEN, ANA, nextDate));
    assertThat(run.state.buddyMailsDue(nextDate)).as("the month is over").isEmpty();

    run.at(MID.plusSeconds(5)).ok(new RecordBuddyMail(FEB, ANA));
    assertThat(run.events).last().isEqualTo(new BuddyMailSent(MID.plusSeconds(5), FEB, ANA));
    assertThat(run.state.buddyMailsDue(MID.plusSeconds(10))).containsExactly(new BuddyMailDue(FEB, BEN, ANA, nextDate));
    int before = run.events.size();
    run.ok(new RecordBuddyMail(FEB, ANA));
    assertThat(run.events).as("recorded once").hasSize(before);
    run.ok(new RecordBuddyMail(FEB, BEN));
    assertThat(run.state.buddyMailsDue(MID.plusSeconds(10))).isEmpty();
  }

  @Test
  void aCancelledNextDateMovesTheMiddleToTheOneAfter() {
    var run = seated(5, ANA, BEN).ok(new LookForBuddy(FEB, BEN)).ok(new PairBuddies(FEB, ANA, BEN))
        .ok(new CancelDate(MAR, "Urlaub"));
    // 2 Feb 08:00 UTC to 6 Apr 07:00 UTC (summer time): the middle is 5 Mar 19:30 UTC.
    assertThat(run.state.buddyMidMonth(FEB)).contains(Instant.parse("2027-03-05T19:30:00Z"));
    assertThat(run.state.buddyMailsDue(MID)).isEmpty();
  }

  @Test
  void theMailNamesWhatStayedOpenElseARoutine() {
    String task = FORMAT.tasks().get(0).id();
    var run = seated(5, ANA, BEN).ok(new LookForBuddy(FEB, BEN)).ok(new PairBuddies(FEB, ANA, BEN));
    assertThat(run.state.buddyFocus(ANA, FEB)).isEmpty();
    run.ok(new ChooseRoutine(ANA, task, Cadence.WEEKLY));
    assertThat(run.state.buddyFocus(ANA, FEB)).map(OfferedGoal::taskId).contains(Optional.of(task));
    run.at(Instant.parse("2027-02-02T12:00:00Z")).ok(new RecordOutcomes(FEB, ANA, List.of(
        new GoalOutcome("Newsletter an die Stammkundschaft", Optional.empty(), GoalStatus.OPEN))));
    assertThat(run.state.buddyFocus(ANA, FEB)).map(OfferedGoal::text)
        .contains(Optional.of("Newsletter an die Stammkundschaft"));
  }
}
