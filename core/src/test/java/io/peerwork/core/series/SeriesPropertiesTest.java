package io.peerwork.core.series;

import static io.peerwork.core.series.SeriesFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.series.SeriesCommand.*;
import io.peerwork.core.spi.TopicFormat;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SeriesPropertiesTest {
  static final TopicFormat FORMAT = io.peerwork.core.FixturesAccess.format();

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of("Europe/Vienna", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Tokyo",
        "America/Sao_Paulo").map(ZoneId::of);
  }

  @Provide
  Arbitrary<Integer> ordinals() {
    return Arbitraries.of(1, 2, 3, 4, -1);
  }

  /** Monthly dates across years of daylight-saving changes: right weekday, right week, same local time. */
  @Property(tries = 300)
  void monthlyDatesKeepTheirWeekdayOrdinalAndLocalTime(
      @ForAll("ordinals") int ordinal,
      @ForAll DayOfWeek day,
      @ForAll @IntRange(min = 0, max = 23) int hour,
      @ForAll @IntRange(min = 0, max = 3) int quarter,
      @ForAll("zones") ZoneId zone,
      @ForAll @IntRange(min = 2020, max = 2035) int year) {
    LocalTime start = LocalTime.of(hour, quarter * 15);
    var rec = new Recurrence.MonthlyWeekday(ordinal, day, start, Duration.ofHours(4));
    var plan = new SeriesPlan(ID, FORMAT.id(), "t", rec, zone, 5, List.of(), Place.online("https://x.example"));
    SeriesState s = new SeriesEngine(io.peerwork.core.FormatRegistry.of(FORMAT)).evolve(SeriesState.initial(ID),
        new SeriesEvent.SeriesCreated(Instant.EPOCH, plan));
    List<SeriesDate> dates = s.dates(LocalDate.of(year, 1, 1), LocalDate.of(year + 2, 1, 1));
    assertThat(dates).hasSize(24);
    ZonedDateTime previous = null;
    for (SeriesDate d : dates) {
      LocalDate key = d.key();
      assertThat(key.getDayOfWeek()).isEqualTo(day);
      if (ordinal == -1) {
        assertThat(key.plusWeeks(1).getMonth()).isNotEqualTo(key.getMonth());
      } else {
        assertThat((key.getDayOfMonth() - 1) / 7 + 1).isEqualTo(ordinal);
      }
      boolean inGap = zone.getRules().getValidOffsets(key.atTime(start)).isEmpty();
      if (inGap) {
        // Moved forward by the gap: later than asked, within the gap's length.
        assertThat(d.start().toLocalTime()).isAfter(start);
      } else {
        assertThat(d.start().toLocalDateTime()).isEqualTo(key.atTime(start));
      }
      assertThat(Duration.between(d.start(), d.end())).isEqualTo(Duration.ofHours(4));
      if (previous != null) {
        assertThat(d.start()).isAfter(previous);
      }
      previous = d.start();
    }
  }

  /** One step of people registering and cancelling for one date. */
  record Step(boolean register, int person) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 9).map(i -> i < 6),
        Arbitraries.integers().between(0, 11)).as(Step::new).list().ofMinSize(1).ofMaxSize(80);
  }

  /** Seats never exceed capacity, a free seat never coexists with a waiting person, promotion is in order. */
  @Property(tries = 500)
  void theWaitlistPromotesInOrderAndSeatsAreNeverLeftFree(
      @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 1, max = 5) int capacity) {
    LocalDate feb = LocalDate.of(2027, 2, 2);
    Run run = new Run(FORMAT, Instant.parse("2027-01-01T10:00:00Z")).ok(new CreateSeries(plan(FORMAT, capacity)));
    for (Step step : steps) {
      String email = "p" + step.person() + "@example.at";
      List<String> waitingBefore = run.state.waitlist(feb).stream().map(Seat::email).toList();
      SeriesDecision d = run.engine.decide(run.state,
          step.register() ? new Register(feb, "P" + step.person(), email, "en", Optional.empty())
              : new CancelRegistration(feb, email), run.now);
      for (SeriesEvent e : d.events()) {
        if (e instanceof SeriesEvent.PromotedFromWaitlist p) {
          assertThat(p.email()).isEqualTo(waitingBefore.get(0));
        }
        run.state = run.engine.evolve(run.state, e);
        run.events.add(e);
      }
      int seated = run.state.seated(feb).size();
      assertThat(seated).isLessThanOrEqualTo(capacity);
      if (!run.state.waitlist(feb).isEmpty()) {
        assertThat(seated).isEqualTo(capacity);
      }
      var active = new ArrayList<String>();
      run.state.registrations(feb).stream().filter(s -> s.status() != Seat.Status.CANCELLED)
          .forEach(s -> active.add(s.email()));
      assertThat(active).doesNotHaveDuplicates();
      run.now = run.now.plusSeconds(1);
    }
    assertThat(run.engine.replay(ID, run.events)).isEqualTo(run.state);
  }

  /** One step of the buddy feature among people registering and cancelling for one date. */
  record BuddyStep(int kind, int person, int other) {}

  @Provide
  Arbitrary<List<BuddyStep>> buddySteps() {
    return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 7),
        Arbitraries.integers().between(0, 7)).as(BuddyStep::new).list().ofMinSize(1).ofMaxSize(80);
  }

  /**
   * Whatever people do (register, cancel, look, pair, leave, check in), a person is in at most one
   * pair per date, pairs are mutual, only seated people are paired or looking, and a rejected command
   * changes nothing.
   */
  @Property(tries = 400)
  void aPersonHasAtMostOneBuddyAndOnlySeatedPeoplePair(
      @ForAll("buddySteps") List<BuddyStep> steps, @ForAll @IntRange(min = 1, max = 5) int capacity) {
    LocalDate feb = LocalDate.of(2027, 2, 2);
    Run run = new Run(FORMAT, Instant.parse("2027-01-01T10:00:00Z")).ok(new CreateSeries(plan(FORMAT, capacity)));
    for (BuddyStep step : steps) {
      String email = "p" + step.person() + "@gmail.com";
      String other = "p" + step.other() + "@gmail.com";
      SeriesCommand c = switch (step.kind()) {
        case 0 -> new Register(feb, "P" + step.person(), email, "en", Optional.empty());
        case 1 -> new CancelRegistration(feb, email);
        case 2, 3 -> new LookForBuddy(feb, email);
        case 4 -> new PairBuddies(feb, email, other);
        case 5 -> new LeaveBuddy(feb, email);
        default -> new BuddyCheckIn(feb, email, BuddyMood.values()[step.other() % 3]);
      };
      SeriesDecision d = run.engine.decide(run.state, c, run.now);
      if (d instanceof SeriesDecision.Accepted && c instanceof PairBuddies && !d.events().isEmpty()) {
        assertThat(run.state.seated(feb)).extracting(Seat::email).contains(email, other);
        assertThat(run.state.isLookingForBuddy(feb, other)).isTrue();
      }
      for (SeriesEvent e : d.events()) {
        run.state = run.engine.evolve(run.state, e);
        run.events.add(e);
      }
      var seated = run.state.seated(feb).stream().map(Seat::email).toList();
      var pairs = run.state.buddyPairs(feb);
      pairs.forEach((a, b) -> {
        assertThat(a).isNotEqualTo(b);
        assertThat(pairs.get(b)).isEqualTo(a);
        assertThat(seated).contains(a, b);
        assertThat(run.state.isLookingForBuddy(feb, a)).isFalse();
      });
      assertThat(seated).containsAll(run.state.lookingForBuddy(feb));
      assertThat(run.state.lookingForBuddy(feb)).doesNotHaveDuplicates();
      run.now = run.now.plusSeconds(1);
    }
    assertThat(run.engine.replay(ID, run.events)).isEqualTo(run.state);
  }

  /** One step on a series' wall: someone registers, cancels, shares, cheers or removes. */
  record WallStep(int action, int person, int post) {}

  @Provide
  Arbitrary<List<WallStep>> wallSteps() {
    return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 7),
        Arbitraries.integers().between(1, 12)).as(WallStep::new).list().ofMinSize(1).ofMaxSize(60);
  }

  /**
   * Whatever happened, only people with a seat at some date read the series' wall: anybody else
   * (waitlisted, cancelled before a seat, never registered) reads an empty wall, and every member
   * reads the same wall, which is the host's.
   */
  @Property(tries = 300)
  void onlySeatedMembersReadTheWall(@ForAll("wallSteps") List<WallStep> steps,
      @ForAll @IntRange(min = 1, max = 4) int capacity) {
    LocalDate jan = LocalDate.of(2027, 1, 5);
    LocalDate feb = LocalDate.of(2027, 2, 2);
    Run run = new Run(FORMAT, Instant.parse("2026-12-20T10:00:00Z")).ok(new CreateSeries(plan(FORMAT, capacity)));
    for (WallStep step : steps) {
      String email = "p" + step.person() + "@gmx.at";
      boolean afterJan = run.now.isAfter(Instant.parse("2027-01-05T08:00:00Z"));
      LocalDate date = afterJan ? feb : jan;
      SeriesCommand c = switch (step.action()) {
        case 0 -> new Register(date, "P" + step.person(), email, "de", Optional.empty());
        case 1 -> new CancelRegistration(date, email);
        case 2 -> new SharePost(jan, email, step.post() % 2 == 0 ? WallPost.Kind.WIN : WallPost.Kind.TIP,
            "Post " + step.post(), Optional.of("plan-posts"));
        case 3 -> new CheerPost("p" + step.post(), email);
        case 4 -> new RemovePost("p" + step.post(), Optional.of(email));
        default -> null;
      };
      if (c == null) {
        // Time passes: past the January date, so registrations go to February and posts can be shared.
        run.now = Instant.parse("2027-01-05T12:00:00Z");
        continue;
      }
      for (SeriesEvent e : run.engine.decide(run.state, c, run.now).events()) {
        run.state = run.engine.evolve(run.state, e);
        run.events.add(e);
      }
    }
    SeriesState s = run.state;
    for (int person = 0; person <= 8; person++) {
      String email = "p" + person + "@gmx.at";
      boolean seated = s.dates(jan, feb.plusDays(1)).stream()
          .anyMatch(d -> s.seated(d.key()).stream().anyMatch(seat -> seat.email().equals(email)));
      if (seated) {
        assertThat(s.wall(email)).isEqualTo(s.wall());
      } else {
        assertThat(s.wall(email)).isEmpty();
      }
      // Every post's author is a member (a seat at a date that has started is kept).
      for (WallPost p : s.wall()) {
        assertThat(s.isMember(p.email())).isTrue();
      }
    }
    assertThat(run.engine.replay(ID, run.events)).isEqualTo(s);
  }
}
