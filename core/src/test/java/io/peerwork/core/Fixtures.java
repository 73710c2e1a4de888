package io.peerwork.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A small format and a driver that runs commands against the engine, as an embedder would. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
  static final SessionId SID = SessionId.of("smk-2026-03");
  static final ParticipantId HOST = ParticipantId.of("host");
  static final ParticipantId EXPERT = ParticipantId.of("expert");
  static final ParticipantId EXPERT2 = ParticipantId.of("expert2");
  static final ParticipantId ANA = ParticipantId.of("ana");
  static final ParticipantId BEN = ParticipantId.of("ben");
  static final ParticipantId CEM = ParticipantId.of("cem");

  /** arrival 10, goal round 10, focus 50, break 10, focus 40, closing 20 = 140 minutes. */
  static final Agenda AGENDA = Agenda.of(
      Phase.of(PhaseKind.ARRIVAL, 10),
      Phase.of(PhaseKind.GOAL_ROUND, 10),
      Phase.of(PhaseKind.FOCUS_BLOCK, 50),
      Phase.of(PhaseKind.BREAK, 10),
      Phase.of(PhaseKind.FOCUS_BLOCK, 40),
      Phase.of(PhaseKind.CLOSING_ROUND, 20));

  static final TopicFormat FORMAT = new TopicFormat() {
    @Override
    public String id() {
      return "test-kitchen";
    }

    @Override
    public LocalizedText name() {
      return LocalizedText.of("Testküche", "Test kitchen");
    }

    @Override
    public LocalizedText description() {
      return LocalizedText.of("Zum Testen.", "For tests.");
    }

    @Override
    public Agenda agenda() {
      return AGENDA;
    }

    @Override
    public List<RecurringTask> tasks() {
      return List.of(new RecurringTask("plan-posts", LocalizedText.of("Posts planen", "Plan posts"),
          LocalizedText.of("Den Monat planen.", "Plan the month."), Cadence.MONTHLY,
          List.of(LocalizedText.of("Themen sammeln", "Collect topics")), List.of("content-ideas")),
          new RecurringTask("design-images", LocalizedText.of("Bilder gestalten", "Design images"),
          LocalizedText.of("Bilder für die Posts.", "Images for the posts."), Cadence.WEEKLY,
          List.of(LocalizedText.of("Vorlage wählen", "Pick a template")), List.of("image-tools")));
    }

    @Override
    public List<HelpTopic> helpTopics() {
      return List.of(
          new HelpTopic("content-ideas", LocalizedText.of("Ideen", "Ideas"), LocalizedText.of("Ideen.", "Ideas.")),
          new HelpTopic("image-tools", LocalizedText.of("Bildtools", "Image tools"), LocalizedText.of("Bilder.", "Images.")));
    }
  };

  /**
   * The test kitchen with a queue that has rules: a help on image tools is time-boxed to 15
   * minutes, other helps to 5, and a participant asks again at the earliest 5 minutes after a help.
   */
  static final TopicFormat TIMED_FORMAT = new TopicFormat() {
    @Override
    public String id() {
      return "timed-kitchen";
    }

    @Override
    public LocalizedText name() {
      return LocalizedText.of("Getaktete Küche", "Timed kitchen");
    }

    @Override
    public LocalizedText description() {
      return FORMAT.description();
    }

    @Override
    public Agenda agenda() {
      return AGENDA;
    }

    @Override
    public List<RecurringTask> tasks() {
      return FORMAT.tasks();
    }

    @Override
    public List<HelpTopic> helpTopics() {
      return FORMAT.helpTopics();
    }

    @Override
    public java.util.Optional<Duration> helpTimeBox(String topicId) {
      return topicId.equals("image-tools") ? java.util.Optional.of(Duration.ofMinutes(15)) : helpTimeBox();
    }

    @Override
    public java.util.Optional<Duration> helpTimeBox() {
      return java.util.Optional.of(Duration.ofMinutes(5));
    }

    @Override
    public Duration raiseAgainAfter() {
      return Duration.ofMinutes(5);
    }
  };

  static final SessionEngine ENGINE = SessionEngine.builder().formats(FORMAT, TIMED_FORMAT).build();

  static SessionPlan plan(int capacity, String policy) {
    return new SessionPlan(SID, FORMAT.id(), "Testküche März", T0, ZoneId.of("Europe/Vienna"), capacity, AGENDA, policy);
  }

  private Fixtures() {}

  /** Runs commands in order, keeping every event, and checks what it is told to. */
  static final class Run {
    SessionState state = SessionState.initial(SID);
    Instant now = T0;
    final List<SessionEvent> events = new ArrayList<>();
    final SessionEngine engine;

    Run(SessionEngine engine) {
      this.engine = engine;
    }

    Run() {
      this(ENGINE);
    }

    /** Scheduled (capacity 10, fcfs), open, host and expert present, Ana and Ben joined. */
    static Run lobby() {
      return lobby(plan(10, "fcfs"));
    }

    /** {@link #lobby()} of the {@link #TIMED_FORMAT}. */
    static Run timedLobby() {
      SessionPlan p = plan(10, "fcfs");
      return lobby(new SessionPlan(p.id(), TIMED_FORMAT.id(), p.title(), p.plannedStart(), p.zone(), p.capacity(),
          p.agenda(), p.queuePolicyId()));
    }

    private static Run lobby(SessionPlan plan) {
      return new Run().ok(new Command.ScheduleSession(plan))
          .ok(new Command.Join(HOST, "Hanna Host", Role.HOST))
          .ok(new Command.Join(EXPERT, "Eva Expertin", Role.EXPERT))
          .ok(new Command.OpenSession(HOST))
          .ok(new Command.Join(ANA, "Ana", Role.PARTICIPANT))
          .ok(new Command.Join(BEN, "Ben", Role.PARTICIPANT));
    }

    /** The lobby, started: phase 0 (arrival) runs. */
    static Run running() {
      return lobby().ok(new Command.StartSession(HOST));
    }

    /** Running, advanced by the host to the first focus block (index 2). */
    static Run inFocus() {
      return running().ok(new Command.AdvancePhase(HOST)).ok(new Command.AdvancePhase(HOST));
    }

    Run at(Instant instant) {
      now = instant;
      return this;
    }

    Run after(Duration d) {
      now = now.plus(d);
      return this;
    }

    Run afterMinutes(long minutes) {
      return after(Duration.ofMinutes(minutes));
    }

    Decision decide(Command c) {
      return engine.decide(state, c, now);
    }

    /** Asserts the command is accepted and applies its events. */
    Run ok(Command c) {
      Decision d = decide(c);
      assertThat(d).as("%s in %s", c, state).isInstanceOf(Decision.Accepted.class);
      apply(d.events());
      return this;
    }

    List<SessionEvent> okEvents(Command c) {
      int before = events.size();
      ok(c);
      return List.copyOf(events.subList(before, events.size()));
    }

    void apply(List<SessionEvent> es) {
      for (SessionEvent e : es) {
        state = engine.evolve(state, e);
        events.add(e);
      }
    }

    /** Asserts the command is rejected with {@code code}; the state stays as it was. */
    Rejection rejects(Command c, RejectionCode code) {
      SessionState before = state;
      Decision d = decide(c);
      assertThat(d).as("%s in %s", c, state).isInstanceOf(Decision.Rejected.class);
      Rejection r = ((Decision.Rejected) d).rejection();
      assertThat(r.code()).as(r.message()).isEqualTo(code);
      assertThat(d.events()).isEmpty();
      assertThat(state).isSameAs(before);
      return r;
    }
  }
}
