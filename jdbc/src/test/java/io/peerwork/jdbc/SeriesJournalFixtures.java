package io.peerwork.jdbc;

import io.peerwork.core.GoalStatus;
import io.peerwork.core.series.GoalOutcome;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesEvent.*;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.spi.Cadence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The series journal fixture checked into {@code src/test/resources/fixtures}, and how it was
 * made: {@code series-journal-v1.sql} holds the rows the first version of the series journal wrote
 * (schema version 1) for {@link #V1_SERIES}, every series event type of that version. Never
 * regenerate it: it stands for data in the field. {@code series-journal-v2.sql} adds the types of
 * the second version ({@link #V2_TYPES}) for {@link #V2_SERIES}. When the JSON of series events
 * changes again, add a v3 fixture with {@link #main} and keep reading every one.
 */
final class SeriesJournalFixtures {
  static final SeriesId V1_SERIES = SeriesId.of("fixture-series-v1");
  static final String V1_RESOURCE = "/fixtures/series-journal-v1.sql";

  /** The 12 series event type names of the first version. */
  static final List<String> V1_TYPES = List.of("SeriesCreated", "DateMoved", "DateCancelled", "Registered",
      "RegistrationCancelled", "PromotedFromWaitlist", "CheckedIn", "NoShowRecorded", "PaymentMarked",
      "RoutineChosen", "RoutineDropped", "OutcomesRecorded");

  static final SeriesId V2_SERIES = SeriesId.of("fixture-series-v2");
  static final String V2_RESOURCE = "/fixtures/series-journal-v2.sql";

  /** The series event types the second version added. */
  static final List<String> V2_TYPES = List.of("PersonalLinksRevoked");

  private SeriesJournalFixtures() {}

  /** The events in {@code series-journal-v2.sql}, frozen: do not change them. */
  static List<SeriesEvent> v2Events() {
    Instant t = Instant.parse("2026-05-04T08:00:00Z");
    var plan = new SeriesPlan(V2_SERIES, "social-media-kitchen", "Social Media Kitchen Graz",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)),
        ZoneId.of("Europe/Vienna"), 12, List.of(), Place.at("Annenstraße 1, 8020 Graz"));
    return List.of(
        new SeriesCreated(t, plan),
        new Registered(t.plusSeconds(60), LocalDate.of(2026, 6, 2), "ana@example.org", "Ana", "de", Optional.empty(),
            false),
        new PersonalLinksRevoked(t.plusSeconds(120), "ana@example.org"));
  }

  /** The events in {@code series-journal-v1.sql}, frozen: do not change them. */
  static List<SeriesEvent> v1Events() {
    Instant t = Instant.parse("2026-02-01T08:00:00Z");
    LocalDate march = LocalDate.of(2026, 3, 3);
    ZoneId vienna = ZoneId.of("Europe/Vienna");
    var monthly = new SeriesPlan(V1_SERIES, "social-media-kitchen", "Social Media Kitchen Wien",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)), vienna, 2,
        List.of("Eva Expertin"),
        new Place(Optional.of("Gumpendorfer Straße 12, 1060 Wien"), Optional.of("https://meet.example.org/smk")));
    var dates = new SeriesPlan(V1_SERIES, "social-media-kitchen", "Extra-Termine",
        new Recurrence.Dates(List.of(LocalDateTime.of(2026, 4, 7, 9, 0), LocalDateTime.of(2026, 5, 5, 14, 30)),
            Duration.ofMinutes(150)), vienna, 1, List.of(), Place.online("https://meet.example.org/extra"));
    return List.of(
        new SeriesCreated(t, monthly),
        new SeriesCreated(t.plusSeconds(1), dates),
        new DateMoved(t.plusSeconds(60), march, LocalDateTime.of(2026, 3, 4, 10, 15)),
        new DateCancelled(t.plusSeconds(120), LocalDate.of(2026, 4, 7), "Ostern – sorry!"),
        new Registered(t.plusSeconds(180), march, "ana@example.org", "Ana Müller", "de", Optional.of(2500L), false),
        new Registered(t.plusSeconds(240), march, "bo@example.org", "Bo", "en", Optional.empty(), true),
        new RegistrationCancelled(t.plusSeconds(300), march, "ana@example.org"),
        new PromotedFromWaitlist(t.plusSeconds(300), march, "bo@example.org"),
        new CheckedIn(t.plusSeconds(2_700_000), march, "bo@example.org"),
        new NoShowRecorded(t.plusSeconds(2_700_060), march, "cy@example.org"),
        new PaymentMarked(t.plusSeconds(2_700_120), march, "bo@example.org", true),
        new RoutineChosen(t.plusSeconds(2_700_180), "bo@example.org", "plan-posts", Cadence.MONTHLY),
        new RoutineDropped(t.plusSeconds(2_700_240), "bo@example.org", "plan-posts"),
        new OutcomesRecorded(t.plusSeconds(2_700_300), march, "bo@example.org", List.of(
            new GoalOutcome("Posts für März planen", Optional.of("plan-posts"), GoalStatus.DONE),
            new GoalOutcome("Grüße 👋", Optional.empty(), GoalStatus.PARTLY_DONE))));
  }

  /**
   * Writes a fixture: appends {@link #v1Events()} with the series journal as it is now to a fresh
   * H2 file and dumps the rows as INSERT statements. Usage: {@code main(outputFile)}, or {@code
   * main(outputFile, "v2")} for {@link #v2Events()}.
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    boolean v2 = args.length > 1 && args[1].equals("v2");
    String url = "jdbc:h2:file:" + Files.createTempDirectory("fixture").resolve("journal").toAbsolutePath();
    Clock clock = Clock.fixed(Instant.parse(v2 ? "2026-05-04T09:00:00Z" : "2026-03-04T12:00:00Z"), ZoneOffset.UTC);
    try (var journal = JdbcEventJournal.builder(url).clock(clock).openSeriesJournal()) {
      journal.append(v2 ? V2_SERIES : V1_SERIES, 0, v2 ? v2Events() : v1Events());
    }
    var lines = new ArrayList<String>();
    if (v2) {
      lines.add("-- Rows as the second version of the series journal wrote them (schema version 1; new type");
      lines.add("-- PersonalLinksRevoked). Do not edit or regenerate. See SeriesJournalFixtures.");
    } else {
      lines.add("-- Rows as the first version of the series journal wrote them (schema version 1). Do not edit or");
      lines.add("-- regenerate: this file stands for journals in the field. See SeriesJournalFixtures.");
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT series_id, version, event_type, schema_version, payload, recorded_at"
            + " FROM peerwork_series_event ORDER BY series_id, version")) {
      while (rs.next()) {
        OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
        lines.add("INSERT INTO peerwork_series_event (series_id, version, event_type, schema_version, payload, recorded_at)"
            + " VALUES (" + quote(rs.getString(1)) + ", " + rs.getLong(2) + ", " + quote(rs.getString(3)) + ", "
            + rs.getInt(4) + ", " + quote(rs.getString(5)) + ", TIMESTAMP WITH TIME ZONE "
            + quote(at.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")))
            + ");");
      }
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
