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
}
