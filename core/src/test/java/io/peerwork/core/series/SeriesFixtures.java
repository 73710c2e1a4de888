package io.peerwork.core.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.Rejection;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.spi.TopicFormat;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A series of the core tests' format, every first Tuesday 09:00 to 13:00 in Vienna, and a driver. */
public final class SeriesFixtures {
  public static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
  public static final SeriesId ID = SeriesId.of("smk-wien");
  public static final Recurrence FIRST_TUESDAY =
      new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4));

  public static SeriesPlan plan(TopicFormat format, int capacity) {
    return new SeriesPlan(ID, format.id(), "Social Media Kitchen Wien", FIRST_TUESDAY, VIENNA, capacity,
        List.of("Eva Expertin"), new Place(Optional.of("Gumpendorfer Straße 12, 1060 Wien"),
            Optional.of("https://meet.example.org/smk")));
  }

  private SeriesFixtures() {}

  /** Runs series commands, keeping every event. */
  public static final class Run {
    public final SeriesEngine engine;
    public SeriesState state = SeriesState.initial(ID);
    public Instant now;
    public final List<SeriesEvent> events = new ArrayList<>();

    public Run(TopicFormat format, Instant now) {
      this.engine = new SeriesEngine(FormatRegistry.of(format));
      this.now = now;
    }

    public Run ok(SeriesCommand c) {
      SeriesDecision d = engine.decide(state, c, now);
      assertThat(d).as("%s", c).isInstanceOf(SeriesDecision.Accepted.class);
      for (SeriesEvent e : d.events()) {
        state = engine.evolve(state, e);
        events.add(e);
      }
      return this;
    }

    public Rejection rejects(SeriesCommand c, RejectionCode code) {
      SeriesState before = state;
      SeriesDecision d = engine.decide(state, c, now);
      assertThat(d).as("%s", c).isInstanceOf(SeriesDecision.Rejected.class);
      Rejection r = ((SeriesDecision.Rejected) d).rejection();
      assertThat(r.code()).as(r.message()).isEqualTo(code);
      assertThat(state).isSameAs(before);
      return r;
    }

    public Run at(Instant instant) {
      now = instant;
      return this;
    }
  }
}
