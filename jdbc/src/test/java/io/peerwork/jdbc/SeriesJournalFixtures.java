package io.peerwork.jdbc;

import io.peerwork.core.GoalStatus;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.TaskResource;
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
 * the second version ({@link #V2_TYPES}) for {@link #V2_SERIES}, {@code series-journal-v3.sql} those of
 * the third ({@link #V3_TYPES}) for {@link #V3_SERIES}, v4 and v5 likewise ({@link #V5_TYPES}: the wall),
 * v6 the buddies ({@link #V6_TYPES}). When the JSON of series events changes again,
 * add a v4 fixture with {@link #main} and keep reading every one.
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

  static final SeriesId V3_SERIES = SeriesId.of("fixture-series-v3");
  static final String V3_RESOURCE = "/fixtures/series-journal-v3.sql";

  /** The series event types the third version added. */
  static final List<String> V3_TYPES = List.of("TaskResourcesSet");

  static final SeriesId V4_SERIES = SeriesId.of("fixture-series-v4");
  static final String V4_RESOURCE = "/fixtures/series-journal-v4.sql";

  /** The series event types the fourth version added. */
  static final List<String> V4_TYPES = List.of("HelpsRecorded");

  static final SeriesId V5_SERIES = SeriesId.of("fixture-series-v5");
  static final String V5_RESOURCE = "/fixtures/series-journal-v5.sql";

  /** The series event types the fifth version added: the wall. */
  static final List<String> V5_TYPES = List.of("PostShared", "PostCheered", "PostRemoved", "TipPromoted");

  private SeriesJournalFixtures() {}

  /** The events in {@code series-journal-v5.sql}, frozen: do not change them. */
  static List<SeriesEvent> v5Events() {
    Instant t = Instant.parse("2027-01-02T08:00:00Z");
    LocalDate february = LocalDate.of(2027, 2, 2);
    var plan = new SeriesPlan(V5_SERIES, "social-media-kitchen", "Social Media Kitchen Innsbruck",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)),
        ZoneId.of("Europe/Vienna"), 12, List.of(), Place.at("Maria-Theresien-Straße 1, 6020 Innsbruck"));
    Instant after = Instant.parse("2027-02-02T12:00:00Z");
    return List.of(
        new SeriesCreated(t, plan),
        new Registered(t.plusSeconds(60), february, "ana@example.org", "Ana", "de", Optional.empty(), false),
        new Registered(t.plusSeconds(120), february, "bo@example.org", "Bo", "en", Optional.empty(), false),
        new PostShared(after, "p1", february, "ana@example.org", io.peerwork.core.series.WallPost.Kind.TIP,
            "Vorlage „kopieren“ 📅\nund ausfüllen", Optional.of("plan-posts")),
        new PostShared(after.plusSeconds(60), "p2", february, "ana@example.org",
            io.peerwork.core.series.WallPost.Kind.WIN, "Drei Posts geplant", Optional.empty()),
        new PostCheered(after.plusSeconds(120), "p1", "bo@example.org"),
        new TaskResourcesSet(after.plusSeconds(180), "plan-posts", List.of(
            TaskResource.written("Tipp von Ana", Optional.empty(), List.of("Vorlage „kopieren“ 📅 und ausfüllen")))),
        new TipPromoted(after.plusSeconds(180), "p1"),
        new PostRemoved(after.plusSeconds(240), "p2"));
  }

  static final SeriesId V6_SERIES = SeriesId.of("fixture-series-v6");
  static final String V6_RESOURCE = "/fixtures/series-journal-v6.sql";

  /** The series event types the sixth version added (buddies). */
  static final List<String> V6_TYPES = List.of("LookingForBuddy", "BuddiesPaired", "BuddyLeft", "BuddyCheckedIn",
      "BuddyMailSent");

  /** The events in {@code series-journal-v6.sql}, frozen: do not change them. */
  static List<SeriesEvent> v6Events() {
    Instant t = Instant.parse("2027-01-04T08:00:00Z");
    LocalDate february = LocalDate.of(2027, 2, 2);
    var plan = new SeriesPlan(V6_SERIES, "social-media-kitchen", "Social Media Kitchen Innsbruck",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)),
        ZoneId.of("Europe/Vienna"), 12, List.of(), Place.at("Maria-Theresien-Straße 1, 6020 Innsbruck"));
    return List.of(
        new SeriesCreated(t, plan),
        new Registered(t.plusSeconds(60), february, "ana@example.org", "Ana", "de", Optional.empty(), false),
        new Registered(t.plusSeconds(120), february, "zoë@example.net", "Zoë", "en", Optional.empty(), false),
        new LookingForBuddy(t.plusSeconds(180), february, "zoë@example.net"),
        new BuddiesPaired(t.plusSeconds(240), february, "ana@example.org", "zoë@example.net"),
        new BuddyMailSent(t.plusSeconds(3_600_000), february, "ana@example.org"),
        new BuddyCheckedIn(t.plusSeconds(3_600_300), february, "ana@example.org",
            io.peerwork.core.series.BuddyMood.STUCK),
        new BuddyLeft(t.plusSeconds(3_700_000), february, "zoë@example.net"));
  }

  /** The events in {@code series-journal-v4.sql}, frozen: do not change them. */
  static List<SeriesEvent> v4Events() {
    Instant t = Instant.parse("2026-12-02T08:00:00Z");
    LocalDate january = LocalDate.of(2027, 1, 5);
    var plan = new SeriesPlan(V4_SERIES, "social-media-kitchen", "Social Media Kitchen Salzburg",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)),
        ZoneId.of("Europe/Vienna"), 12, List.of(), Place.at("Linzer Gasse 1, 5020 Salzburg"));
    return List.of(
        new SeriesCreated(t, plan),
        new Registered(t.plusSeconds(60), january, "ana@example.org", "Ana", "de", Optional.empty(), false),
        new OutcomesRecorded(t.plusSeconds(3_000_000), january, "ana@example.org", List.of(
            new GoalOutcome("Reel schneiden", Optional.empty(), GoalStatus.DONE))),
        new SeriesEvent.HelpsRecorded(t.plusSeconds(3_000_000), january, "ana@example.org",
            new io.peerwork.core.series.HelpTally(2, 1)));
  }

  /** The events in {@code series-journal-v3.sql}, frozen: do not change them. */
  static List<SeriesEvent> v3Events() {
    Instant t = Instant.parse("2026-06-01T08:00:00Z");
    var plan = new SeriesPlan(V3_SERIES, "website-workshop", "Website-Werkstatt Linz",
        new Recurrence.MonthlyWeekday(2, DayOfWeek.THURSDAY, LocalTime.of(14, 0), Duration.ofHours(4)),
        ZoneId.of("Europe/Vienna"), 15, List.of("Eva Expertin"), Place.online("https://meet.example.org/werkstatt"));
    return List.of(
        new SeriesCreated(t, plan),
        new TaskResourcesSet(t.plusSeconds(60), "maps-business-profile", List.of(
            TaskResource.written("Unser Leitfaden „Profil in 10 Minuten“", Optional.of("https://example.org/leitfaden?v=2"),
                List.of("Öffnungszeiten prüfen", "Fotos tauschen 📷")),
            new TaskResource(LocalizedText.of("Offizielle Hilfe", "Official help"),
                Optional.of("https://support.google.com/business/"), List.of()))),
        new TaskResourcesSet(t.plusSeconds(120), "update-cms", List.of()));
  }

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
   * main(outputFile, "v2")} for {@link #v2Events()}, {@code main(outputFile, "v3")} for {@link #v3Events()}.
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    if (args.length > 1 && args[1].equals("v6")) {
      write(out, V6_SERIES, v6Events(), Instant.parse("2027-01-04T09:00:00Z"), List.of(
          "-- Rows as the sixth version of the series journal wrote them (schema version 1; new types",
          "-- LookingForBuddy, BuddiesPaired, BuddyLeft, BuddyCheckedIn, BuddyMailSent). Do not edit or regenerate.",
          "-- See SeriesJournalFixtures."));
      return;
    }
    if (args.length > 1 && args[1].equals("v5")) {
      write(out, V5_SERIES, v5Events(), Instant.parse("2027-02-02T13:00:00Z"), List.of(
          "-- Rows as the fifth version of the series journal wrote them (schema version 1; new types",
          "-- PostShared, PostCheered, PostRemoved, TipPromoted: the wall). Do not edit or regenerate.",
          "-- See SeriesJournalFixtures."));
      return;
    }
    if (args.length > 1 && args[1].equals("v4")) {
      write(out, V4_SERIES, v4Events(), Instant.parse("2026-12-02T09:00:00Z"), List.of(
          "-- Rows as the fourth version of the series journal wrote them (schema version 1; new type",
          "-- HelpsRecorded). Do not edit or regenerate. See SeriesJournalFixtures."));
      return;
    }
    if (args.length > 1 && args[1].equals("v3")) {
      write(out, V3_SERIES, v3Events(), Instant.parse("2026-06-01T09:00:00Z"), List.of(
          "-- Rows as the third version of the series journal wrote them (schema version 1; new type",
          "-- TaskResourcesSet). Do not edit or regenerate. See SeriesJournalFixtures."));
      return;
    }
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

  private static void write(Path out, SeriesId series, List<SeriesEvent> events, Instant at, List<String> header)
      throws Exception {
    String url = "jdbc:h2:file:" + Files.createTempDirectory("fixture").resolve("journal").toAbsolutePath();
    try (var journal = JdbcEventJournal.builder(url).clock(Clock.fixed(at, ZoneOffset.UTC)).openSeriesJournal()) {
      journal.append(series, 0, events);
    }
    var lines = new ArrayList<String>(header);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT series_id, version, event_type, schema_version, payload, recorded_at"
            + " FROM peerwork_series_event ORDER BY series_id, version")) {
      while (rs.next()) {
        OffsetDateTime recorded = rs.getObject(6, OffsetDateTime.class);
        lines.add("INSERT INTO peerwork_series_event (series_id, version, event_type, schema_version, payload, recorded_at)"
            + " VALUES (" + quote(rs.getString(1)) + ", " + rs.getLong(2) + ", " + quote(rs.getString(3)) + ", "
            + rs.getInt(4) + ", " + quote(rs.getString(5)) + ", TIMESTAMP WITH TIME ZONE "
            + quote(recorded.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")))
            + ");");
      }
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
