package io.peerwork.jdbc;

import io.peerwork.core.Agenda;
import io.peerwork.core.Announcement;
import io.peerwork.core.HelpFeedback;
import io.peerwork.core.QueueStatus;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.RequestId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.*;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The journal fixtures checked into {@code src/test/resources/fixtures}, and how they were made.
 *
 * <p>{@code journal-v1.sql} holds the rows the first version of the journal wrote (schema version
 * 1) for {@link #V1_SESSION}: {@link #v1Events()}, every event type of that version. Never
 * regenerate it: it stands for data in the field. When the JSON of events changes, add {@code
 * journal-v2.sql} with {@link #main} and keep reading both.
 */
final class JournalFixtures {
  static final SessionId V1_SESSION = SessionId.of("fixture-v1");
  static final String V1_RESOURCE = "/fixtures/journal-v1.sql";

  static final SessionId V2_SESSION = SessionId.of("fixture-v2");
  static final String V2_RESOURCE = "/fixtures/journal-v2.sql";

  /** The event types the second version added: the organiser moves a session or calls it off. */
  static final List<String> V2_TYPES = List.of("SessionRescheduled");

  /** A session of the second version: planned, moved by the organiser, then called off by them. */
  static List<SessionEvent> v2Events() {
    Instant t = Instant.parse("2026-11-27T09:00:00Z");
    return List.of(
        new SessionEvent.SessionScheduled(t, new io.peerwork.core.SessionPlan(V2_SESSION, "website-workshop",
            "Website-Werkstatt Dezember", Instant.parse("2026-12-01T08:00:00Z"), java.time.ZoneId.of("Europe/Vienna"),
            12, io.peerwork.core.Agenda.of(io.peerwork.core.Phase.of(io.peerwork.core.PhaseKind.FOCUS_BLOCK, 50)),
            "fcfs")),
        new SessionEvent.SessionRescheduled(t.plusSeconds(60), Instant.parse("2026-12-09T08:00:00Z")),
        new SessionEvent.SessionCancelled(t.plusSeconds(120), Optional.empty(), "Termin der Reihe abgesagt"));
  }

  static final SessionId V3_SESSION = SessionId.of("fixture-v3");
  static final String V3_RESOURCE = "/fixtures/journal-v3.sql";

  /** The event types the third version added: seats belong to people (removals, freed seats, links). */
  static final List<String> V3_TYPES = List.of("MemberRemoved", "MemberReadmitted", "SeatReleased", "NoShowMinutesSet",
      "InviteRevoked");

  /** A session of the third version: a host removes a bot and readmits it, a seat is freed, a link replaced. */
  static List<SessionEvent> v3Events() {
    Instant t = Instant.parse("2026-11-30T09:00:00Z");
    var host = io.peerwork.core.ParticipantId.of("h-1");
    var bot = io.peerwork.core.ParticipantId.of("p-bot");
    var ana = io.peerwork.core.ParticipantId.of("p-ana");
    return List.of(
        new SessionEvent.SessionScheduled(t, new io.peerwork.core.SessionPlan(V3_SESSION, "website-workshop",
            "Website-Werkstatt Dezember", t, java.time.ZoneId.of("Europe/Vienna"), 12,
            io.peerwork.core.Agenda.of(io.peerwork.core.Phase.of(io.peerwork.core.PhaseKind.FOCUS_BLOCK, 50)), "fcfs")),
        new SessionEvent.ParticipantJoined(t.plusSeconds(10), host, "Hanna", io.peerwork.core.Role.HOST),
        new SessionEvent.SessionOpened(t.plusSeconds(20), Optional.empty()),
        new SessionEvent.ParticipantJoined(t.plusSeconds(30), bot, "Bot", io.peerwork.core.Role.PARTICIPANT),
        new SessionEvent.ParticipantJoined(t.plusSeconds(40), ana, "Ana", io.peerwork.core.Role.PARTICIPANT),
        new SessionEvent.MemberRemoved(t.plusSeconds(50), bot, Optional.of(host), "Werbung"),
        new SessionEvent.MemberReadmitted(t.plusSeconds(60), bot, Optional.empty()),
        new SessionEvent.SeatReleased(t.plusSeconds(660), ana, io.peerwork.core.SeatReleaseReason.NEVER_CONNECTED),
        new SessionEvent.NoShowMinutesSet(t.plusSeconds(670), 15, host),
        new SessionEvent.InviteRevoked(t.plusSeconds(680), io.peerwork.core.Role.PARTICIPANT, 1, host));
  }

  static final SessionId V4_SESSION = SessionId.of("fixture-v4");
  static final String V4_RESOURCE = "/fixtures/journal-v4.sql";

  /** The event types the fourth version added: experts say where they help. */
  static final List<String> V4_TYPES = List.of("HelpPlaceSet");

  /** A session of the fourth version: an expert says where they help, changes it to a call link, clears it. */
  static List<SessionEvent> v4Events() {
    Instant t = Instant.parse("2026-12-01T09:00:00Z");
    var eva = io.peerwork.core.ParticipantId.of("x-eva");
    return List.of(
        new SessionEvent.SessionScheduled(t, new io.peerwork.core.SessionPlan(V4_SESSION, "website-workshop",
            "Website-Werkstatt Januar", t, java.time.ZoneId.of("Europe/Vienna"), 12,
            io.peerwork.core.Agenda.of(io.peerwork.core.Phase.of(io.peerwork.core.PhaseKind.FOCUS_BLOCK, 50)), "fcfs")),
        new SessionEvent.ParticipantJoined(t.plusSeconds(10), eva, "Eva", io.peerwork.core.Role.EXPERT),
        new SessionEvent.HelpPlaceSet(t.plusSeconds(20), eva, "Tisch 2"),
        new SessionEvent.HelpPlaceSet(t.plusSeconds(30), eva, "https://meet.example.org/eva"),
        new SessionEvent.HelpPlaceSet(t.plusSeconds(40), eva, ""));
  }

  static final SessionId V5_SESSION = SessionId.of("fixture-v5");
  static final String V5_RESOURCE = "/fixtures/journal-v5.sql";

  /** The event types the fifth version added: the expert's queue beyond the basics. */
  static final List<String> V5_TYPES = List.of("HelpHeld", "HoldEnded", "RequestJoined", "RequestLeft",
      "QueueStateSet", "AnnouncementPosted", "AnnouncementRemoved", "HelpRated", "ExpertTopicsSet", "PeerOfferSet",
      "PeerHelpStarted", "PeerHelpDeclined");

  /**
   * A session of the fifth version: a hold and its return, a group, a pause, an announcement, an
   * answer after help, an expert's topics and a peer help, each new type at least once.
   */
  static List<SessionEvent> v5Events() {
    Instant t = Instant.parse("2026-12-02T09:00:00Z");
    var eva = ParticipantId.of("x-eva");
    var ana = ParticipantId.of("p-ana");
    var ben = ParticipantId.of("p-ben");
    var r1 = RequestId.of("r1");
    var r2 = RequestId.of("r2");
    return List.of(
        new SessionScheduled(t, new SessionPlan(V5_SESSION, "social-media-kitchen", "Social Media Kitchen Jänner", t,
            ZoneId.of("Europe/Vienna"), 12, Agenda.of(Phase.of(PhaseKind.FOCUS_BLOCK, 50)), "fcfs")),
        new SessionOpened(t, Optional.empty()),
        new ParticipantJoined(t.plusSeconds(1), eva, "Eva", Role.EXPERT),
        new ParticipantJoined(t.plusSeconds(2), ana, "Ana", Role.PARTICIPANT),
        new ParticipantJoined(t.plusSeconds(3), ben, "Ben", Role.PARTICIPANT),
        new SessionEvent.ExpertTopicsSet(t.plusSeconds(4), eva, List.of("image-tools")),
        new HandRaised(t.plusSeconds(10), r1, ana, "image-tools", "Canva-Vorlage?"),
        new SessionEvent.RequestJoined(t.plusSeconds(11), r1, ben, "ich auch"),
        new SessionEvent.RequestLeft(t.plusSeconds(12), r1, ben),
        new HelpClaimed(t.plusSeconds(20), r1, eva),
        new SessionEvent.HelpHeld(t.plusSeconds(80), r1, eva, Optional.of(t.plusSeconds(680))),
        new SessionEvent.HoldEnded(t.plusSeconds(300), r1, Optional.of(ana)),
        new SessionEvent.HelpHeld(t.plusSeconds(310), r1, eva, Optional.empty()),
        new SessionEvent.HoldEnded(t.plusSeconds(320), r1, Optional.empty()),
        new HelpClaimed(t.plusSeconds(330), r1, eva),
        new HelpFinished(t.plusSeconds(400), r1, HelpOutcome.SOLVED),
        new SessionEvent.HelpRated(t.plusSeconds(410), r1, ana, HelpFeedback.PARTLY),
        new SessionEvent.QueueStateSet(t.plusSeconds(420), QueueStatus.PAUSED, "Bin in 10 Minuten zurück", eva),
        new SessionEvent.AnnouncementPosted(t.plusSeconds(430), eva, "Vorlagen liegen im Chat",
            Announcement.Audience.WAITING),
        new SessionEvent.PeerOfferSet(t.plusSeconds(440), ana, List.of("image-tools")),
        new HandRaised(t.plusSeconds(450), r2, ben, "image-tools", ""),
        new SessionEvent.PeerHelpDeclined(t.plusSeconds(455), r2),
        new SessionEvent.PeerHelpStarted(t.plusSeconds(460), r2, ana),
        new HelpFinished(t.plusSeconds(700), r2, HelpOutcome.PARTLY_SOLVED),
        new SessionEvent.AnnouncementRemoved(t.plusSeconds(710), eva),
        new SessionEvent.PeerOfferSet(t.plusSeconds(720), ana, List.of()),
        new SessionEvent.QueueStateSet(t.plusSeconds(730), QueueStatus.OPEN, "", eva));
  }

  /** The 18 event type names of the first version. */
  static final List<String> V1_TYPES = List.of("SessionScheduled", "SessionOpened", "SessionStarted",
      "PhaseAdvanced", "PhaseExtended", "SessionEnded", "SessionCancelled", "ParticipantJoined",
      "ParticipantLeft", "GoalDeclared", "GoalEdited", "GoalMarked", "GoalsCarriedOver", "HandRaised",
      "HandWithdrawn", "HelpClaimed", "HelpReleased", "HelpFinished");

  private JournalFixtures() {}

  /** The events in {@code journal-v1.sql}, frozen: do not change them. */
  static List<SessionEvent> v1Events() {
    Instant t = Instant.parse("2026-03-03T08:00:00Z");
    ParticipantId host = ParticipantId.of("hanna.host");
    ParticipantId ana = ParticipantId.of("ana");
    ParticipantId eva = ParticipantId.of("eva_expert");
    var plan = new SessionPlan(SessionId.of("fixture-v1"), "social-media-kitchen", "Social Media Kitchen, März",
        t, ZoneId.of("Europe/Vienna"), 12,
        Agenda.of(Phase.of(PhaseKind.ARRIVAL, 10), Phase.of(PhaseKind.GOAL_ROUND, 15),
            Phase.of(PhaseKind.FOCUS_BLOCK, 50), Phase.of(PhaseKind.BREAK, 10),
            Phase.of(PhaseKind.EXPERT_INPUT, 20), Phase.of(PhaseKind.FOCUS_BLOCK, 45),
            Phase.of(PhaseKind.CLOSING_ROUND, 15)),
        "fair");
    return List.of(
        new SessionScheduled(t.minus(Duration.ofDays(7)), plan),
        new SessionOpened(t, Optional.empty()),
        new SessionOpened(t.plusSeconds(1), Optional.of(host)),
        new ParticipantJoined(t.plusSeconds(2), host, "Hanna", Role.HOST),
        new ParticipantJoined(t.plusSeconds(3), ana, "Ana Müller 👋", Role.PARTICIPANT),
        new ParticipantJoined(t.plusSeconds(4), eva, "Eva", Role.EXPERT),
        new SessionStarted(t.plusSeconds(600), host),
        new PhaseAdvanced(t.plusSeconds(1200), 0, 1, Optional.empty()),
        new GoalDeclared(t.plusSeconds(1300), GoalId.of("g1"), ana, 2, "Posts für März planen", Optional.of("plan-posts")),
        new GoalDeclared(t.plusSeconds(1310), GoalId.of("g2"), ana, 2, "Grüße \"an\" alle\nzweite Zeile", Optional.empty()),
        new GoalEdited(t.plusSeconds(1320), GoalId.of("g2"), "Newsletter schreiben ✉️"),
        new PhaseAdvanced(t.plusSeconds(2100), 1, 2, Optional.of(host)),
        new PhaseExtended(t.plusSeconds(5000), 2, Duration.ofMinutes(5), host),
        new HandRaised(t.plusSeconds(2200), RequestId.of("r1"), ana, "image-tools", "Canva oder Affinity?"),
        new HandWithdrawn(t.plusSeconds(2210), RequestId.of("r1")),
        new HandRaised(t.plusSeconds(2220), RequestId.of("r2"), ana, "image-tools", ""),
        new HelpClaimed(t.plusSeconds(2230), RequestId.of("r2"), eva),
        new HelpReleased(t.plusSeconds(2240), RequestId.of("r2")),
        new HelpClaimed(t.plusSeconds(2250), RequestId.of("r2"), eva),
        new HelpFinished(t.plusSeconds(2400), RequestId.of("r2"), HelpOutcome.PARTLY_SOLVED),
        new GoalMarked(t.plusSeconds(5400), GoalId.of("g1"), GoalStatus.DONE),
        new GoalsCarriedOver(t.plusSeconds(9000), List.of(GoalId.of("g2"))),
        new ParticipantLeft(t.plusSeconds(9100), eva),
        new SessionEnded(t.plusSeconds(9500), Optional.of(host)),
        new SessionEnded(t.plusSeconds(9501), Optional.empty()),
        new SessionCancelled(t.plusSeconds(9600), Optional.of(host), "nur für das Fixture: jeder Typ einmal"));
  }

  /**
   * Creates the schema as the journal had it before command ids (Flyway migrations V1 and V2
   * only), as a database in the field is before it meets this version.
   *
   * @param schema the schema, or {@code null} for the connection's default
   */
  static void createSchemaBeforeCommandIds(String url, String schema) {
    createSchemaUpTo(url, schema, "2");
  }

  /**
   * Creates the schema as the journal had it up to Flyway migration {@code target}, as a database
   * in the field is before it meets a newer version.
   *
   * @param schema the schema, or {@code null} for the connection's default
   */
  static void createSchemaUpTo(String url, String schema, String target) {
    var config = Flyway.configure(JournalFixtures.class.getClassLoader())
        .dataSource(url, null, null)
        .locations(io.peerwork.jdbc.internal.Migrations.LOCATION)
        .table(io.peerwork.jdbc.internal.Migrations.HISTORY_TABLE)
        .target(target);
    if (schema != null) {
      config = config.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    config.load().migrate();
  }

  /** Runs the statements of a fixture (one INSERT per line) on {@code connection}. */
  static void load(Connection connection, String resource) throws IOException, SQLException {
    String sql;
    try (var in = JournalFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no fixture " + resource);
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Statement s = connection.createStatement()) {
      for (String line : sql.split("\n")) {
        if (!line.isBlank() && !line.startsWith("--")) {
          s.execute(line.substring(0, line.lastIndexOf(';')));
        }
      }
    }
  }

  /**
   * Writes a fixture: appends {@link #v1Events()} with the journal as it is now to a fresh H2 file
   * and dumps the rows as INSERT statements. Usage: {@code main(outputFile)}.
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    if (args.length > 1 && args[1].equals("v4")) {
      String url4 = "jdbc:h2:file:" + Files.createTempDirectory("fixture").resolve("journal").toAbsolutePath();
      try (var journal = JdbcEventJournal.builder(url4)
          .clock(Clock.fixed(Instant.parse("2026-12-01T09:15:00Z"), ZoneOffset.UTC)).open()) {
        journal.append(V4_SESSION, 0, v4Events());
      }
      dump(url4, out, "-- Rows as the fourth version of Peerwork wrote them (schema version 1; new type HelpPlaceSet).",
          "-- Do not edit or regenerate. See JournalFixtures.");
      return;
    }
    if (args.length > 1 && args[1].equals("v3")) {
      String url3 = "jdbc:h2:file:" + Files.createTempDirectory("fixture").resolve("journal").toAbsolutePath();
      try (var journal = JdbcEventJournal.builder(url3)
          .clock(Clock.fixed(Instant.parse("2026-11-30T09:15:00Z"), ZoneOffset.UTC)).open()) {
        journal.append(V3_SESSION, 0, v3Events());
      }
      dump(url3, out, "-- Rows as the third version of Peerwork wrote them (schema version 1; new types MemberRemoved,",
          "-- MemberReadmitted, SeatReleased, NoShowMinutesSet, InviteRevoked). Do not edit or regenerate. See JournalFixtures.");
      return;
    }
    if (args.length > 1 && args[1].equals("v2")) {
      String url2 = "jdbc:h2:file:" + Files.createTempDirectory("fixture").resolve("journal").toAbsolutePath();
      try (var journal = JdbcEventJournal.builder(url2)
          .clock(Clock.fixed(Instant.parse("2026-11-27T09:05:00Z"), ZoneOffset.UTC)).open()) {
        journal.append(V2_SESSION, 0, v2Events());
      }
      dump(url2, out, "-- Rows as the second version of Peerwork wrote them (schema version 1; new type SessionRescheduled,",
          "-- SessionCancelled by the organiser without \"by\"). Do not edit or regenerate. See JournalFixtures.");
      return;
    }
    String url = "jdbc:h2:file:" + Files.createTempDirectory("fixture").resolve("journal").toAbsolutePath();
    Clock clock = Clock.fixed(Instant.parse("2026-03-03T10:45:00Z"), ZoneOffset.UTC);
    try (var journal = JdbcEventJournal.builder(url).clock(clock).open()) {
      journal.append(V1_SESSION, 0, v1Events());
    }
    dump(url, out, "-- Rows as the first version of peerwork-jdbc wrote them (schema version 1). Do not edit or regenerate:",
        "-- this file stands for journals in the field. See JournalFixtures.");
  }

  /** Dumps every row of the session table at {@code url} as INSERT statements, after {@code header}. */
  static void dump(String url, Path out, String... header) throws Exception {
    var lines = new ArrayList<String>(List.of(header));
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT session_id, version, event_type, schema_version, payload, recorded_at"
            + " FROM peerwork_event ORDER BY session_id, version")) {
      while (rs.next()) {
        OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
        lines.add("INSERT INTO peerwork_event (session_id, version, event_type, schema_version, payload, recorded_at)"
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
