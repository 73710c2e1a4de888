package io.peerwork.core.series;

import static io.peerwork.core.series.SeriesFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.GoalStatus;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.series.SeriesCommand.*;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeriesEngineTest {
  static final TopicFormat FORMAT = io.peerwork.core.FixturesAccess.format();
  static final Instant JAN = Instant.parse("2027-01-01T10:00:00Z");
  // First Tuesdays of 2027: 5 Jan, 2 Feb, 2 Mar, 6 Apr, 4 May.
  static final LocalDate FEB = LocalDate.of(2027, 2, 2);
  static final LocalDate MAR = LocalDate.of(2027, 3, 2);
  static final LocalDate APR = LocalDate.of(2027, 4, 6);
  static final LocalDate MAY = LocalDate.of(2027, 5, 4);

  Run created(int capacity) {
    return new Run(FORMAT, JAN).ok(new CreateSeries(plan(FORMAT, capacity)));
  }

  static Register reg(LocalDate d, String name) {
    return new Register(d, name, name.toLowerCase() + "@example.at", "de", Optional.empty());
  }

  @Test
  void datesKeepTheirLocalTimeAcrossDaylightSaving() {
    List<SeriesDate> dates = created(10).state.dates(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31));
    assertThat(dates).hasSize(12);
    assertThat(dates).allSatisfy(d -> {
      assertThat(d.start().toLocalTime()).isEqualTo(LocalTime.of(9, 0));
      assertThat(d.start().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.TUESDAY);
      assertThat(d.start().getDayOfMonth()).isLessThanOrEqualTo(7);
      assertThat(d.end().toLocalTime()).isEqualTo(LocalTime.of(13, 0));
    });
    // Winter time (UTC+1) in March, summer time (UTC+2) in April: 08:00Z, then 07:00Z.
    assertThat(created(10).state.date(MAR).orElseThrow().start().toInstant()).isEqualTo(Instant.parse("2027-03-02T08:00:00Z"));
    assertThat(created(10).state.date(APR).orElseThrow().start().toInstant()).isEqualTo(Instant.parse("2027-04-06T07:00:00Z"));
    assertThat(created(10).state.date(LocalDate.of(2027, 3, 9))).isEmpty();
  }

  @Test
  void oneDateMovesOrIsCancelledWithoutTouchingTheOthers() {
    Run run = created(10).ok(new MoveDate(MAR, LocalDateTime.of(2027, 3, 9, 14, 0)))
        .ok(new CancelDate(APR, "Ostern"));
    SeriesDate mar = run.state.date(MAR).orElseThrow();
    assertThat(mar.moved()).isTrue();
    assertThat(mar.start().toLocalDateTime()).isEqualTo(LocalDateTime.of(2027, 3, 9, 14, 0));
    assertThat(run.state.date(APR).orElseThrow().cancelled()).contains("Ostern");
    assertThat(run.state.date(FEB).orElseThrow().moved()).isFalse();
    assertThat(run.state.date(MAY).orElseThrow().isCancelled()).isFalse();
    assertThat(run.state.sessionId(MAR).value()).isEqualTo("smk-wien-20270302");
    assertThat(mar.revision()).isEqualTo(1);
    assertThat(run.state.date(FEB).orElseThrow().revision()).isZero();
    run.ok(new MoveDate(MAR, LocalDateTime.of(2027, 3, 9, 15, 0)));
    assertThat(run.state.date(MAR).orElseThrow().revision()).isEqualTo(2);
  }

  @Test
  void theSessionPlanOfADateUsesTheFormatsAgenda() {
    SessionPlan p = created(12).state.sessionPlan(FEB, FORMAT);
    assertThat(p.plannedStart()).isEqualTo(Instant.parse("2027-02-02T08:00:00Z"));
    assertThat(p.capacity()).isEqualTo(12);
    assertThat(p.agenda().phase(0).kind()).isEqualTo(PhaseKind.ARRIVAL);
    assertThat(p.zone()).isEqualTo(VIENNA);
  }

  @Test
  void theWaitlistPromotesTheNextPersonWhenASeatIsGivenUp() {
    Run run = created(2).ok(reg(FEB, "Ana")).ok(reg(FEB, "Ben"))
        .ok(new Register(FEB, "Cem", "cem@gmx.at", "de", Optional.empty()))
        .ok(new Register(FEB, "Dora", "dora@web.de", "de", Optional.empty()));
    assertThat(run.state.seated(FEB)).extracting(Seat::name).containsExactly("Ana", "Ben");
    assertThat(run.state.waitlist(FEB)).extracting(Seat::name).containsExactly("Cem", "Dora");
    run.ok(new CancelRegistration(FEB, "ANA@example.at "));
    assertThat(run.state.seated(FEB)).extracting(Seat::name).containsExactly("Ben", "Cem");
    assertThat(run.state.waitlist(FEB)).extracting(Seat::name).containsExactly("Dora");
    assertThat(run.events).last().isInstanceOf(SeriesEvent.PromotedFromWaitlist.class);
    // Leaving the waitlist promotes nobody.
    run.ok(new CancelRegistration(FEB, "dora@web.de"));
    assertThat(run.state.seated(FEB)).hasSize(2);
    // Ana may register again, at the end of the line.
    run.ok(reg(FEB, "Ana"));
    assertThat(run.state.waitlist(FEB)).extracting(Seat::name).containsExactly("Ana");
  }

  @Test
  void oneMailboxHoldsOnePlaceAndOneDomainAThirdOfTheSeats() {
    Run run = created(6).ok(new Register(FEB, "Ana", "ana@example.at", "de", Optional.empty()));
    // Another +tag, or Gmail's dots, reach the same mailbox: the person has a place already.
    run.rejects(new Register(FEB, "Ana 2", "ana+2@example.at", "de", Optional.empty()),
        io.peerwork.core.RejectionCode.ALREADY_REGISTERED);
    run.ok(new Register(FEB, "Gil", "g.i.l@gmail.com", "de", Optional.empty()))
        .rejects(new Register(FEB, "Gil", "gil+x@googlemail.com", "de", Optional.empty()),
            io.peerwork.core.RejectionCode.ALREADY_REGISTERED);
    // A catch-all domain takes at most a third of the seats (2 of 6); the rest stay for others.
    run.ok(new Register(FEB, "Ben", "ben@example.at", "de", Optional.empty()))
        .rejects(new Register(FEB, "Cem", "cem@example.at", "de", Optional.empty()),
            io.peerwork.core.RejectionCode.DOMAIN_SHARE_REACHED);
    // A public provider's addresses belong to unrelated people: no share.
    run.ok(new Register(FEB, "Dora", "dora@gmail.com", "de", Optional.empty()))
        .ok(new Register(FEB, "Emil", "emil@gmail.com", "de", Optional.empty()));
    assertThat(run.state.seated(FEB)).hasSize(5);
    // A cancelled place no longer counts for the domain.
    run.ok(new CancelRegistration(FEB, "ben@example.at"))
        .ok(new Register(FEB, "Cem", "cem@example.at", "de", Optional.empty()));
  }

  @Test
  void anAddressWithInvisibleOrSpaceCharactersIsNoAddress() {
    Run run = created(5);
    for (String email : List.of("ana\u00a0@example.at", "an\u200ba@example.at", "ana@exam\u2028ple.at",
        "ana@example.\u0007at", "ana at example.at")) {
      run.rejects(new Register(FEB, "Ana", email, "de", Optional.empty()), io.peerwork.core.RejectionCode.INVALID_EMAIL);
    }
    run.ok(new Register(FEB, "Ana", " Ana.Müller+kitchen@example.at ", "de", Optional.empty()));
    assertThat(run.state.seated(FEB)).extracting(Seat::email).containsExactly("ana.müller+kitchen@example.at");
  }

  @Test
  void checkInNoShowsAndPayment() {
    Run run = created(5).ok(new Register(FEB, "Ana", "ana@example.at", "de", Optional.of(3500L)))
        .ok(reg(FEB, "Ben")).ok(new CheckIn(FEB, "ana@example.at")).ok(new MarkPaid(FEB, "ana@example.at", true))
        .at(Instant.parse("2027-02-02T09:30:00Z")).ok(new RecordNoShows(FEB));
    Seat ana = run.state.registration(FEB, "ana@example.at").orElseThrow();
    assertThat(ana.checkedIn()).isTrue();
    assertThat(ana.paid()).isTrue();
    assertThat(ana.priceCents()).contains(3500L);
    assertThat(run.state.registration(FEB, "ben@example.at").orElseThrow().noShow()).isTrue();
  }

  /** Registers Ana for {@code date}, moves the clock past its start and records her outcomes. */
  static Run attended(Run run, LocalDate date, GoalOutcome... outcomes) {
    Instant before = run.now;
    run.ok(reg(date, "Ana"));
    run.at(run.state.date(date).orElseThrow().end().toInstant())
        .ok(new RecordOutcomes(date, "ana@example.at", List.of(outcomes)));
    return run.at(before.isAfter(run.now) ? before : run.now);
  }

  @Test
  void theGoalRoundOffersWhatStayedUnfinishedFirstThenDueRoutines() {
    String ana = "ana@example.at";
    Run run = created(5).ok(new ChooseRoutine(ana, "plan-posts", Cadence.MONTHLY));
    assertThat(run.state.offeredGoals(ana, FEB)).containsExactly(
        new OfferedGoal(OfferedGoal.Reason.ROUTINE_DUE, Optional.of("plan-posts"), Optional.empty()));

    attended(run, FEB,
        new GoalOutcome("Posts für März planen", Optional.of("plan-posts"), GoalStatus.DONE),
        new GoalOutcome("Profilbild tauschen", Optional.empty(), GoalStatus.CARRIED_OVER));
    // In March: the profile picture carries over; posts were done a month before, so they are due again.
    assertThat(run.state.offeredGoals(ana, MAR)).containsExactly(
        new OfferedGoal(OfferedGoal.Reason.CARRIED_OVER, Optional.empty(), Optional.of("Profilbild tauschen")),
        new OfferedGoal(OfferedGoal.Reason.ROUTINE_DUE, Optional.of("plan-posts"), Optional.empty()));

    // A quarterly routine done in February is not due in March.
    run.ok(new ChooseRoutine(ana, "plan-posts", Cadence.QUARTERLY));
    assertThat(run.state.offeredGoals(ana, MAR)).extracting(OfferedGoal::reason)
        .containsExactly(OfferedGoal.Reason.CARRIED_OVER);

    // Partly done in March: offered first in April, as the carry-over (not twice).
    attended(run, MAR, new GoalOutcome("Posts für April", Optional.of("plan-posts"), GoalStatus.PARTLY_DONE));
    assertThat(run.state.offeredGoals(ana, APR)).containsExactly(
        new OfferedGoal(OfferedGoal.Reason.CARRIED_OVER, Optional.of("plan-posts"), Optional.of("Posts für April")));
  }

  /** Regression: first Tuesdays drift; 5 Jan plus one month is 5 Feb, after the next session on 2 Feb. */
  @Test
  void aMonthlyRoutineDoneAtOneSessionIsDueAtTheNextEvenWhenItFallsShortOfAFullMonth() {
    String ana = "ana@example.at";
    LocalDate jan = LocalDate.of(2027, 1, 5);
    Run run = new Run(FORMAT, Instant.parse("2026-12-20T10:00:00Z")).ok(new CreateSeries(plan(FORMAT, 5)))
        .ok(new ChooseRoutine(ana, "plan-posts", Cadence.MONTHLY));
    attended(run, jan, new GoalOutcome("Posts", Optional.of("plan-posts"), GoalStatus.DONE));
    assertThat(run.state.offeredGoals(ana, FEB)).extracting(OfferedGoal::taskId).containsExactly(Optional.of("plan-posts"));
    run.ok(new ChooseRoutine(ana, "plan-posts", Cadence.QUARTERLY));
    assertThat(run.state.offeredGoals(ana, FEB)).isEmpty();
    assertThat(run.state.offeredGoals(ana, MAR)).isEmpty();
    assertThat(run.state.offeredGoals(ana, APR)).hasSize(1);
  }

  @Test
  void aRoutineKeepsItsHistory() {
    String ana = "ana@example.at";
    Run run = created(5).ok(new ChooseRoutine(ana, "plan-posts", Cadence.MONTHLY));
    GoalStatus[] months = {GoalStatus.DONE, GoalStatus.DONE, GoalStatus.PARTLY_DONE, GoalStatus.DONE, GoalStatus.DONE,
        GoalStatus.DONE};
    LocalDate d = LocalDate.of(2027, 1, 5);
    for (GoalStatus s : months) {
      LocalDate key = run.state.dates(d, d.plusMonths(1)).get(0).key();
      attended(run, key, new GoalOutcome("Posts", Optional.of("plan-posts"), s));
      d = d.plusMonths(1).withDayOfMonth(1);
    }
    Routine r = run.state.routines(ana).get(0);
    assertThat(r.history()).hasSize(6);
    assertThat(r.doneInLast(6)).isEqualTo(5);
    assertThat(r.doneInLast(3)).isEqualTo(3);
    assertThat(r.lastDone()).contains(LocalDate.of(2027, 6, 1));
    run.ok(new DropRoutine(ana, "plan-posts"));
    assertThat(run.state.routines(ana)).isEmpty();
  }

  @Test
  void theSeriesKeepsEachMonthsHelpsReceivedAndGivenAsAPeer() {
    String ana = "ana@example.at";
    Run run = created(5).ok(reg(FEB, "Ana"));
    run.at(run.state.date(FEB).orElseThrow().end().toInstant())
        .ok(new RecordOutcomes(FEB, "Ana@Example.at", List.of(), new HelpTally(2, 1)));
    assertThat(run.state.helps(ana)).containsExactly(java.util.Map.entry(FEB, new HelpTally(2, 1)));
    // A month without helps records only the outcomes: no entry.
    Run next = attended(run, MAR);
    assertThat(next.state.helps(ana)).containsOnlyKeys(FEB);
    assertThat(next.state.helps("nobody@example.at")).isEmpty();
  }

  @Test
  void outcomesNeedAStartedDateAndARegistration() {
    Run run = created(5);
    run.rejects(new RecordOutcomes(FEB, "ana@example.at", List.of()), io.peerwork.core.RejectionCode.DATE_NOT_STARTED);
    run.at(Instant.parse("2027-02-02T12:00:00Z"))
        .rejects(new RecordOutcomes(FEB, "ana@example.at", List.of()), io.peerwork.core.RejectionCode.NOT_REGISTERED);
  }

  @Test
  void aDateMovesOnlyBeforeItStartsIntoTheFutureAndNotOntoAnotherDatesDay() {
    Run run = created(5);
    run.rejects(new MoveDate(FEB, LocalDateTime.of(2026, 12, 1, 9, 0)), io.peerwork.core.RejectionCode.DATE_PASSED);
    run.rejects(new MoveDate(FEB, LocalDateTime.of(2027, 3, 2, 14, 0)), io.peerwork.core.RejectionCode.DATE_CONFLICT);
    run.ok(new CancelDate(MAR, "")).ok(new MoveDate(FEB, LocalDateTime.of(2027, 3, 2, 14, 0)));
    run.at(Instant.parse("2027-03-02T13:30:00Z"))
        .rejects(new MoveDate(FEB, LocalDateTime.of(2027, 3, 20, 9, 0)), io.peerwork.core.RejectionCode.DATE_PASSED);
  }

  @Test
  void aSeatCannotBeGivenUpOnceTheDateHasStarted() {
    Run run = created(1).ok(reg(FEB, "Ana")).ok(reg(FEB, "Ben")).at(Instant.parse("2027-02-02T08:30:00Z"));
    run.rejects(new CancelRegistration(FEB, "ana@example.at"), io.peerwork.core.RejectionCode.DATE_PASSED);
  }

  @Test
  void revokingPersonalLinksCountsPerMailboxAndNeedsAKnownAddress() {
    Run run = created(5).ok(reg(FEB, "Ana"));
    assertThat(run.state.linkRevocations("ana@example.at")).isZero();
    assertThat(run.state.linksRevokedAt("ana@example.at")).isEmpty();

    run.at(JAN.plusSeconds(60)).ok(new RevokePersonalLinks(" Ana@Example.at "));
    assertThat(run.events.get(run.events.size() - 1))
        .isEqualTo(new SeriesEvent.PersonalLinksRevoked(JAN.plusSeconds(60), "ana@example.at"));
    assertThat(run.state.linkRevocations("ana@example.at")).isEqualTo(1);
    assertThat(run.state.linkRevocations("ana+kurs@example.at")).as("the same mailbox").isEqualTo(1);
    assertThat(run.state.linksRevokedAt("ana@example.at")).contains(JAN.plusSeconds(60));
    run.at(JAN.plusSeconds(120)).ok(new RevokePersonalLinks("ana@example.at"));
    assertThat(run.state.linkRevocations("ana@example.at")).isEqualTo(2);
    assertThat(run.state.linksRevokedAt("ana@example.at")).contains(JAN.plusSeconds(120));
    assertThat(run.state.seated(FEB)).as("a revocation changes no seat").hasSize(1);

    run.rejects(new RevokePersonalLinks("zoe@example.at"), io.peerwork.core.RejectionCode.NOT_REGISTERED);
    run.rejects(new RevokePersonalLinks("not an address"), io.peerwork.core.RejectionCode.INVALID_EMAIL);
    run.ok(new CancelRegistration(FEB, "ana@example.at")).ok(new RevokePersonalLinks("ana@example.at"));
    assertThat(run.state.linkRevocations("ana@example.at")).as("a cancelled registration still counts").isEqualTo(3);
    assertThat(run.engine.replay(ID, run.events)).isEqualTo(run.state);
  }

  @Test
  void replayRebuildsTheSameState() {
    Run run = created(1).ok(reg(FEB, "Ana")).ok(reg(FEB, "Ben")).ok(new CancelRegistration(FEB, "ana@example.at"))
        .ok(new ChooseRoutine("ben@example.at", "plan-posts", Cadence.WEEKLY)).ok(new CancelDate(MAR, ""));
    assertThat(run.engine.replay(ID, run.events)).isEqualTo(run.state);
  }

  @Test
  void startsInTheSkippedHourMoveForward() {
    // 30 March 2025, last Sunday of March, 02:30 does not exist in Vienna.
    var rec = new Recurrence.MonthlyWeekday(-1, java.time.DayOfWeek.SUNDAY, LocalTime.of(2, 30), java.time.Duration.ofHours(2));
    var plan = new SeriesPlan(ID, FORMAT.id(), "Nachtschicht", rec, VIENNA, 5, List.of(), Place.online("https://x.example"));
    Run run = new Run(FORMAT, JAN).ok(new CreateSeries(plan));
    SeriesDate d = run.state.date(LocalDate.of(2025, 3, 30)).orElseThrow();
    assertThat(d.start().toLocalTime()).isEqualTo(LocalTime.of(3, 30));
    assertThat(d.start().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
  }
}
