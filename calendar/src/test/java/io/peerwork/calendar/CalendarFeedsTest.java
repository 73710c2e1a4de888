package io.peerwork.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Agenda;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.series.*;
import io.peerwork.core.series.SeriesCommand.*;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

class CalendarFeedsTest {
  static final TopicFormat FORMAT = new TopicFormat() {
    @Override public String id() { return "social-media-kitchen"; }
    @Override public LocalizedText name() { return LocalizedText.of("Social Media Kitchen", "Social Media Kitchen"); }
    @Override public LocalizedText description() {
      return LocalizedText.of("Gemeinsam die Posts des Monats erledigen.", "Get the month's posts done together.");
    }
    @Override public Agenda agenda() {
      return Agenda.of(Phase.of(PhaseKind.GOAL_ROUND, 15), Phase.of(PhaseKind.FOCUS_BLOCK, 50));
    }
    @Override public List<RecurringTask> tasks() {
      return List.of(new RecurringTask("plan-posts", LocalizedText.of("Posts planen", "Plan posts"),
          LocalizedText.of("P", "P"), Cadence.MONTHLY, List.of(LocalizedText.of("a", "a")), List.of()));
    }
    @Override public List<HelpTopic> helpTopics() {
      return List.of(new HelpTopic("tools", LocalizedText.of("Tools", "Tools"), LocalizedText.of("T", "T")));
    }
  };
  static final SeriesId ID = SeriesId.of("smk-wien");
  static final LocalDate MAR = LocalDate.of(2027, 3, 2);
  static final LocalDate APR = LocalDate.of(2027, 4, 6);
  static final LocalDate MAY = LocalDate.of(2027, 5, 4);

  final SeriesEngine engine = new SeriesEngine(FormatRegistry.of(FORMAT));
  SeriesState state = SeriesState.initial(ID);

  void apply(SeriesCommand c) {
    SeriesDecision d = engine.decide(state, c, Instant.parse("2027-01-10T10:00:00Z"));
    assertThat(d.isAccepted()).as("%s", d).isTrue();
    for (SeriesEvent e : d.events()) {
      state = engine.evolve(state, e);
    }
  }

  void createSeries(int capacity) {
    apply(new CreateSeries(new SeriesPlan(ID, FORMAT.id(), "Social Media Kitchen Wien",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)),
        ZoneId.of("Europe/Vienna"), capacity, List.of("Eva Expertin"),
        new Place(Optional.of("Gumpendorfer Straße 12, 1060 Wien"), Optional.of("https://meet.example.org/smk")))));
  }

  static Calendar parse(String feed) throws Exception {
    return new CalendarBuilder().build(new StringReader(feed));
  }

  /** Fails with ical4j's findings unless its validator finds nothing at all in {@code feed}. */
  static void assertValid(String feed) throws Exception {
    ValidationResult result = parse(feed).validate(true);
    assertThat(result.getEntries()).as("ical4j's validation of%n%s", feed).isEmpty();
  }

  static String prop(VEvent e, String name) {
    return e.getProperty(name).map(Property::getValue).orElse(null);
  }

  @Test
  void theSeriesFeedHasEveryDateWithStableIdsAndUtcTimesAcrossDaylightSaving() throws Exception {
    createSeries(10);
    Calendar cal = parse(CalendarFeeds.series(state, FORMAT, "de", MAR, MAY.plusDays(1)));
    List<VEvent> events = cal.getComponents("VEVENT");
    assertThat(events).hasSize(3);
    assertThat(events).extracting(e -> prop(e, "UID"))
        .containsExactly("smk-wien-20270302@peerwork", "smk-wien-20270406@peerwork", "smk-wien-20270504@peerwork");
    // 09:00 in Vienna: 08:00 UTC in winter, 07:00 UTC in summer.
    assertThat(prop(events.get(0), "DTSTART")).isEqualTo("20270302T080000Z");
    assertThat(prop(events.get(1), "DTSTART")).isEqualTo("20270406T070000Z");
    assertThat(prop(events.get(1), "DTEND")).isEqualTo("20270406T110000Z");
    assertThat(prop(events.get(0), "LOCATION")).isEqualTo("Gumpendorfer Straße 12, 1060 Wien");
    assertThat(prop(events.get(0), "URL")).isEqualTo("https://meet.example.org/smk");
    assertThat(prop(events.get(0), "DESCRIPTION")).contains("Gemeinsam die Posts", "Expertise: Eva Expertin",
        "Online dabei: https://meet.example.org/smk");
    assertThat(prop(events.get(0), "STATUS")).isEqualTo("CONFIRMED");
    assertThat(prop(events.get(0), "SEQUENCE")).isEqualTo("0");
  }

  @Test
  void aSeriesStoredBeforeLinksWereCheckedStillHasAFeed() throws Exception {
    // Such a series is replayed from its event; the engine no longer accepts the link.
    state = engine.replay(ID, List.of(new SeriesEvent.SeriesCreated(Instant.parse("2027-01-10T10:00:00Z"),
        new SeriesPlan(ID, FORMAT.id(), "Social Media Kitchen Wien",
            new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)),
            ZoneId.of("Europe/Vienna"), 10, List.of(), Place.online("https://a b")))));
    List<VEvent> events = parse(CalendarFeeds.series(state, FORMAT, "de", MAR, MAY.plusDays(1))).getComponents("VEVENT");
    assertThat(events).hasSize(3);
    assertThat(prop(events.get(0), "URL")).isNull();
    assertThat(prop(events.get(0), "DESCRIPTION")).contains("https://a b");
  }

  @Test
  void aMovedDateKeepsItsIdAndRaisesItsSequenceAndACancelledOneStaysAsCancelled() throws Exception {
    createSeries(10);
    apply(new MoveDate(APR, LocalDateTime.of(2027, 4, 13, 14, 0)));
    apply(new CancelDate(MAY, "Feiertag"));
    List<VEvent> events = parse(CalendarFeeds.series(state, FORMAT, "en", MAR, MAY.plusDays(1))).getComponents("VEVENT");
    VEvent apr = events.get(1);
    assertThat(prop(apr, "UID")).isEqualTo("smk-wien-20270406@peerwork");
    assertThat(prop(apr, "DTSTART")).isEqualTo("20270413T120000Z");
    assertThat(prop(apr, "SEQUENCE")).isEqualTo("1");
    VEvent may = events.get(2);
    assertThat(prop(may, "STATUS")).isEqualTo("CANCELLED");
    assertThat(prop(may, "DESCRIPTION")).startsWith("Cancelled: Feiertag");
    assertThat(prop(events.get(0), "SEQUENCE")).isEqualTo("0");
  }

  @Test
  void aParticipantsFeedHasOnlyTheirDatesInTheirLanguageWithTheWaitlistTentative() throws Exception {
    createSeries(1);
    apply(new Register(MAR, "Ana", "ana@example.at", "de", Optional.empty()));
    apply(new Register(APR, "Ben", "ben@example.at", "en", Optional.empty()));
    apply(new Register(APR, "Ana", "ana@example.at", "de", Optional.empty()));
    List<VEvent> events = parse(CalendarFeeds.participant(state, FORMAT, "ANA@example.at", MAR, MAY.plusDays(1)))
        .getComponents("VEVENT");
    assertThat(events).extracting(e -> prop(e, "UID"))
        .containsExactly("smk-wien-20270302@peerwork", "smk-wien-20270406@peerwork");
    assertThat(prop(events.get(0), "STATUS")).isEqualTo("CONFIRMED");
    assertThat(prop(events.get(1), "STATUS")).isEqualTo("TENTATIVE");
    assertThat(prop(events.get(1), "DESCRIPTION")).contains("Warteliste");
  }

  @Test
  void theFeedChangesOnlyWhenTheSeriesDoes() {
    createSeries(10);
    String a = CalendarFeeds.series(state, FORMAT, "de", MAR, MAY);
    // One DTSTAMP per event, the series' latest change: not the wall clock, which changes every second.
    assertThat(a.split("DTSTAMP:", -1)).hasSize(a.split("BEGIN:VEVENT", -1).length);
    assertThat(CalendarFeeds.series(state, FORMAT, "de", MAR, MAY)).isEqualTo(a);
    apply(new MoveDate(APR, LocalDateTime.of(2027, 4, 13, 9, 0)));
    assertThat(CalendarFeeds.series(state, FORMAT, "de", MAR, MAY)).isNotEqualTo(a);
  }

  @Test
  void everyKindOfFeedPassesIcal4jsValidator() throws Exception {
    createSeries(1);
    apply(new Register(MAR, "Ana", "ana@example.at", "de", Optional.empty()));
    apply(new Register(APR, "Ben", "ben@example.at", "en", Optional.empty()));
    apply(new Register(APR, "Ana", "ana@example.at", "de", Optional.empty()));
    apply(new MoveDate(APR, LocalDateTime.of(2027, 4, 13, 14, 0)));
    apply(new CancelDate(MAY, "Feiertag"));
    for (String language : List.of("de", "en")) {
      assertValid(CalendarFeeds.series(state, FORMAT, language, MAR, MAY.plusDays(1)));
    }
    assertValid(CalendarFeeds.participant(state, FORMAT, "ana@example.at", MAR, MAY.plusDays(1)));
    assertValid(CalendarFeeds.participant(state, FORMAT, "ben@example.at", MAR, MAY.plusDays(1)));
    assertValid(CalendarFeeds.participant(state, FORMAT, "nobody@example.at", MAR, MAY.plusDays(1)));
  }

  @Test
  void theValidatorCatchesASecondDtstamp() throws Exception {
    // The regression of issue 15: ical4j's VEvent stamps itself, and the feed added its own.
    createSeries(10);
    String feed = CalendarFeeds.series(state, FORMAT, "de", MAR, MAR.plusDays(1));
    assertThat(feed.split("DTSTAMP:", -1)).hasSize(2);
    String twice = feed.replace("SEQUENCE:0\r\n", "SEQUENCE:0\r\nDTSTAMP:20270110T100000Z\r\n");
    assertThat(parse(twice).validate(true).hasErrors()).isTrue();
  }
}
