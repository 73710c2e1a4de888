package io.peerwork.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.peerwork.core.Agenda;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.Recap;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.jackson.PeerworkJackson;
import io.peerwork.testkit.SessionSimulator;
import io.peerwork.testkit.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A whole session as the first version of Peerwork recorded it: simulated with the engine, appended
 * with the journal, dumped as SQL ({@code fixtures/journal-v1-session.sql}), with the recap the
 * engine made of it then ({@code fixtures/journal-v1-session.recap.json}). Later versions must
 * replay those rows to the same recap. Written once by {@link #main}; do not regenerate.
 */
final class RealSessionFixture {
  static final String SQL = "/fixtures/journal-v1-session.sql";
  static final String RECAP = "/fixtures/journal-v1-session.recap.json";
  /** The simulator's id for the session (it names sessions by seed). */
  static final SessionId SESSION = SessionId.of("sim-1352907");

  private RealSessionFixture() {}

  /** The small format the fixture's session was held in. Replay does not need it; the simulation did. */
  static final TopicFormat FORMAT = new TopicFormat() {
    @Override public String id() { return "fixture-kitchen"; }
    @Override public LocalizedText name() { return LocalizedText.of("Fixture-Küche", "Fixture kitchen"); }
    @Override public LocalizedText description() { return LocalizedText.of("Für das Fixture.", "For the fixture."); }
    @Override public Agenda agenda() {
      return Agenda.of(Phase.of(PhaseKind.ARRIVAL, 10), Phase.of(PhaseKind.GOAL_ROUND, 10),
          Phase.of(PhaseKind.FOCUS_BLOCK, 45), Phase.of(PhaseKind.BREAK, 10), Phase.of(PhaseKind.FOCUS_BLOCK, 45),
          Phase.of(PhaseKind.CLOSING_ROUND, 15));
    }
    @Override public List<RecurringTask> tasks() {
      return List.of(
          new RecurringTask("plan-posts", LocalizedText.of("Posts planen", "Plan posts"), LocalizedText.of("P", "P"),
              Cadence.MONTHLY, List.of(LocalizedText.of("Themen", "Topics")), List.of("ideas")),
          new RecurringTask("answer-mail", LocalizedText.of("Mails beantworten", "Answer mail"),
              LocalizedText.of("M", "M"), Cadence.WEEKLY, List.of(LocalizedText.of("Öffnen", "Open")), List.of("tools")));
    }
    @Override public List<HelpTopic> helpTopics() {
      return List.of(new HelpTopic("ideas", LocalizedText.of("Ideen", "Ideas"), LocalizedText.of("I", "I")),
          new HelpTopic("tools", LocalizedText.of("Werkzeuge", "Tools"), LocalizedText.of("T", "T")));
    }
  };

  static ObjectMapper json() {
    return PeerworkJackson.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Writes both files into {@code args[0]} (a folder). */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Simulation sim = SessionSimulator.of(FORMAT).withSeed(20261127L).withParticipants(6).withExperts(2).run();
    List<SessionEvent> events = sim.events();
    if (!sim.state().id().equals(SESSION)) {
      throw new IllegalStateException("the simulator named the session " + sim.state().id());
    }
    String url = "jdbc:h2:file:" + Files.createTempDirectory("fixture").resolve("journal").toAbsolutePath();
    Clock clock = Clock.fixed(Instant.parse("2026-03-03T12:00:00Z"), ZoneOffset.UTC);
    try (var journal = JdbcEventJournal.builder(url).clock(clock).open()) {
      journal.append(SESSION, 0, events);
    }
    JournalFixtures.dump(url, dir.resolve("journal-v1-session.sql"),
        "-- A whole simulated session as the first version of Peerwork recorded it (schema version 1).",
        "-- Do not edit or regenerate: later versions must replay it to journal-v1-session.recap.json.");
    Recap recap = Recap.of(sim.state());
    Files.writeString(dir.resolve("journal-v1-session.recap.json"), json().writeValueAsString(recap) + "\n",
        StandardCharsets.UTF_8);
  }
}
