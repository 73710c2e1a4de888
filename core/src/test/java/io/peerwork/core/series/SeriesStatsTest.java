package io.peerwork.core.series;

import static io.peerwork.core.series.SeriesFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.GoalStatus;
import io.peerwork.core.series.SeriesCommand.*;
import io.peerwork.core.series.SeriesFixtures.Run;
import io.peerwork.core.series.SeriesStats.DateFigures;
import io.peerwork.core.series.SeriesStats.DoneGoal;
import io.peerwork.core.series.SeriesStats.MemberMonth;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeriesStatsTest {
  static final TopicFormat FORMAT = io.peerwork.core.FixturesAccess.format();
  static final Instant JAN = Instant.parse("2027-01-01T10:00:00Z");
  // First Tuesdays of 2027: 5 Jan, 2 Feb, 2 Mar, 6 Apr.
  static final LocalDate FEB = LocalDate.of(2027, 2, 2);
  static final LocalDate MAR = LocalDate.of(2027, 3, 2);
  static final LocalDate APR = LocalDate.of(2027, 4, 6);
  static final String ANA = "ana@example.at";
  static final String BEN = "ben@example.at";

  static GoalOutcome goal(String text, GoalStatus status) {
    return new GoalOutcome(text, Optional.empty(), status);
  }

  static GoalOutcome posts(GoalStatus status) {
    return new GoalOutcome("Posts planen", Optional.of("plan-posts"), status);
  }

  static Register reg(LocalDate d, String email) {
    return new Register(d, email.substring(0, 3), email, "de", Optional.empty());
  }

  /** Ana with a monthly routine, three months; Ben once, who does not come. */
  static Run threeMonths() {
    return threeMonths(false);
  }

  /** {@link #threeMonths()}, Ben also registered for April (where he comes, but records nothing). */
  static Run threeMonths(boolean benInApril) {
    Run run = new Run(FORMAT, JAN).ok(new CreateSeries(plan(FORMAT, 5)))
        .ok(new ChooseRoutine(ANA, "plan-posts", Cadence.MONTHLY))
        .ok(reg(FEB, ANA)).ok(reg(FEB, BEN)).ok(reg(MAR, ANA)).ok(reg(APR, ANA));
    if (benInApril) {
      run.ok(reg(APR, BEN));
    }
    run.at(run.state.date(FEB).orElseThrow().end().toInstant())
        .ok(new CheckIn(FEB, ANA)).ok(new RecordNoShows(FEB))
        .ok(new RecordOutcomes(FEB, ANA, List.of(posts(GoalStatus.DONE), goal("Impressum", GoalStatus.PARTLY_DONE)),
            new HelpTally(1, 0)));
    run.at(run.state.date(MAR).orElseThrow().end().toInstant())
        .ok(new RecordOutcomes(MAR, ANA, List.of(goal("Newsletter", GoalStatus.OPEN),
            goal("Fotos", GoalStatus.CARRIED_OVER), posts(GoalStatus.PARTLY_DONE)), new HelpTally(0, 2)));
    run.at(run.state.date(APR).orElseThrow().end().toInstant())
        .ok(new RecordOutcomes(APR, ANA, List.of(posts(GoalStatus.DONE), goal("Grüße an Jörg", GoalStatus.DONE)),
            new HelpTally(2, 1)));
    return run;
  }

  @Test
  void aPersonsMonthsCountSessionsRoutinesOnTimeGoalsAndHelps() {
    List<MemberMonth> months = SeriesStats.months(threeMonths().state, "Ana@Example.at", APR);

    assertThat(months).extracting(MemberMonth::month)
        .containsExactly(YearMonth.of(2027, 2), YearMonth.of(2027, 3), YearMonth.of(2027, 4));
    MemberMonth feb = months.get(0);
    assertThat(feb).isEqualTo(new MemberMonth(YearMonth.of(2027, 2), 1, 1, 1, 1, 1, 1, 0, 1, 0,
        List.of(new DoneGoal(FEB, "Posts planen", Optional.of("plan-posts"))), List.of("plan-posts")));
    // In March the routine was due again (monthly) and only partly done: not on time, not kept.
    assertThat(months.get(1)).isEqualTo(new MemberMonth(YearMonth.of(2027, 3), 1, 1, 1, 0, 0, 1, 2, 0, 2,
        List.of(), List.of()));
    assertThat(months.get(2)).isEqualTo(new MemberMonth(YearMonth.of(2027, 4), 1, 1, 1, 1, 2, 0, 0, 2, 1,
        List.of(new DoneGoal(APR, "Posts planen", Optional.of("plan-posts")),
            new DoneGoal(APR, "Grüße an Jörg", Optional.empty())), List.of("plan-posts")));
  }

  @Test
  void datesAfterTodayDoNotCountAndAMonthWithoutAnythingIsThereWithZeros() {
    Run run = threeMonths(true);
    // Seen on the March date, April's seat is in the future: two months.
    assertThat(SeriesStats.months(run.state, ANA, MAR)).extracting(MemberMonth::month)
        .containsExactly(YearMonth.of(2027, 2), YearMonth.of(2027, 3));
    // Ben came only in February (as a no-show) and registers for April: March is there, with zeros.
    List<MemberMonth> ben = SeriesStats.months(run.state, BEN, APR);
    assertThat(ben).hasSize(3);
    assertThat(ben.get(0).sessions()).isEqualTo(1);
    assertThat(ben.get(0).attended()).isZero();
    assertThat(ben.get(1)).isEqualTo(new MemberMonth(YearMonth.of(2027, 3), 0, 0, 0, 0, 0, 0, 0, 0, 0,
        List.of(), List.of()));
    assertThat(ben.get(2).sessions()).isEqualTo(1);
    assertThat(SeriesStats.months(run.state, "nobody@example.at", APR)).isEmpty();
  }

  @Test
  void theSeriesFiguresPerDateCountAttendanceNoShowsAndGoals() {
    Run run = threeMonths();
    List<DateFigures> dates = SeriesStats.dates(run.state, LocalDate.of(2027, 1, 1), APR);
    // 5 January had no registrations: the figures begin with the first date anybody registered for.
    assertThat(dates).containsExactly(
        new DateFigures(FEB, Optional.empty(), 2, 1, 1, 0, 2, 1),
        new DateFigures(MAR, Optional.empty(), 1, 1, 0, 0, 3, 0),
        new DateFigures(APR, Optional.empty(), 1, 1, 0, 0, 2, 2));
    assertThat(SeriesStats.dates(run.state, LocalDate.of(2027, 1, 1), MAR.minusDays(1))).hasSize(1);
  }

  @Test
  void aCancelledDateSaysWhyAndIsNobodysSession() {
    Run run = threeMonths();
    LocalDate may = LocalDate.of(2027, 5, 4);
    run.at(JAN.plusSeconds(1)).ok(reg(may, ANA)).ok(new CancelDate(may, "Feiertag"));
    List<DateFigures> dates = SeriesStats.dates(run.state, FEB, may);
    assertThat(dates.get(3)).isEqualTo(new DateFigures(may, Optional.of("Feiertag"), 1, 0, 0, 0, 0, 0));
    // Her seat on the cancelled date is no session of hers: May adds no month.
    assertThat(SeriesStats.months(run.state, ANA, may)).hasSize(3);
  }
}
