package io.peerwork.bench;

import io.peerwork.core.*;
import io.peerwork.core.Command.*;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.formats.socialmedia.SocialMediaKitchen;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Core's speed: typical commands through decide and evolve on a realistic room of the Social Media
 * Kitchen (20 participants, 2 experts, a host, goals and a help queue), and the replay of a long
 * session's events.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CoreBenchmark {
  static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
  static final ParticipantId HOST = ParticipantId.of("host");
  static final int REPLAY_EVENTS = 3000;
  static final ParticipantId EXPERT = ParticipantId.of("expert-1");
  static final String TOPIC = "scheduling-tools";
  static final String TASK = "write-and-schedule-posts";

  SessionEngine engine;
  SessionState room;
  Instant now;
  ParticipantId member;
  GoalId memberGoal;
  SessionState withWaiting;
  SessionState withClaim;
  RequestId claimed;
  List<SessionEvent> longSession;

  @Setup
  public void setUp() {
    engine = SessionEngine.builder().formats(FORMAT).build();
    var events = new ArrayList<SessionEvent>();
    room = run(engine, events, 20);
    now = room.lastEventAt().orElseThrow().plusSeconds(1);
    member = ParticipantId.of("p-7");
    memberGoal = room.goalsOf(member).get(0).id();
    withWaiting = apply(room, new RaiseHand(member, TOPIC, "Wie geht das?"));
    withClaim = apply(withWaiting, new ClaimNext(EXPERT));
    claimed = withClaim.openRequestOf(member).orElseThrow().id();
    // A long session: 40 participants over a whole agenda with many goal and queue events.
    var longEvents = new ArrayList<SessionEvent>();
    SessionState s = run(engine, longEvents, 40);
    Instant t = s.lastEventAt().orElseThrow();
    for (int round = 0; round < 25; round++) {
      for (int p = 0; p < 40; p++) {
        ParticipantId who = ParticipantId.of("p-" + p);
        t = t.plusSeconds(3);
        s = step(s, longEvents, new RaiseHand(who, TOPIC, "Frage " + round), t);
        s = step(s, longEvents, new ClaimNext(EXPERT), t);
        s = step(s, longEvents, new FinishHelp(EXPERT, s.openRequestOf(who).orElseThrow().id(), HelpOutcome.SOLVED), t);
      }
      // Whoever was helped asks again only after the format's pause.
      t = t.plus(FORMAT.raiseAgainAfter());
    }
    // A prefix of a session's events is a valid session: replay exactly REPLAY_EVENTS of them.
    longSession = List.copyOf(longEvents.subList(0, REPLAY_EVENTS));
  }

  private SessionState apply(SessionState s, Command c) {
    Decision d = engine.decide(s, c, now);
    if (!d.isAccepted()) {
      throw new IllegalStateException(c + ": " + d);
    }
    return engine.evolve(s, d.events());
  }

  private SessionState step(SessionState s, List<SessionEvent> events, Command c, Instant t) {
    Decision d = engine.decide(s, c, t);
    if (!d.isAccepted()) {
      throw new IllegalStateException(c + ": " + d);
    }
    events.addAll(d.events());
    return engine.evolve(s, d.events());
  }

  /** A running room in its first focus block with {@code n} participants, each with two goals. */
  static SessionState run(SessionEngine engine, List<SessionEvent> events, int n) {
    SessionId id = SessionId.of("bench");
    SessionState s = SessionState.initial(id);
    Instant t = T0;
    var cmds = new ArrayList<Command>();
    cmds.add(new ScheduleSession(new SessionPlan(id, FORMAT.id(), "Bench", T0, ZoneId.of("Europe/Vienna"), 100,
        FORMAT.agenda(), "fair")));
    cmds.add(new Join(HOST, "Host", Role.HOST));
    cmds.add(new Join(EXPERT, "Expertin", Role.EXPERT));
    cmds.add(new Join(ParticipantId.of("expert-2"), "Experte", Role.EXPERT));
    cmds.add(new OpenSession(HOST));
    for (int i = 0; i < n; i++) {
      cmds.add(new Join(ParticipantId.of("p-" + i), "Person " + i, Role.PARTICIPANT));
    }
    cmds.add(new StartSession(HOST));
    cmds.add(new AdvancePhase(HOST));
    cmds.add(new AdvancePhase(HOST));
    for (int i = 0; i < n; i++) {
      cmds.add(new DeclareGoal(ParticipantId.of("p-" + i), "Fünf Posts einplanen", Optional.of(TASK)));
      cmds.add(new DeclareGoal(ParticipantId.of("p-" + i), "Profil aktualisieren", Optional.empty()));
    }
    for (Command c : cmds) {
      t = t.plusSeconds(1);
      Decision d = engine.decide(s, c, t);
      if (!d.isAccepted()) {
        throw new IllegalStateException(c + ": " + d);
      }
      events.addAll(d.events());
      s = engine.evolve(s, d.events());
    }
    return s;
  }

  private SessionState decideAndEvolve(SessionState s, Command c) {
    Decision d = engine.decide(s, c, now);
    return engine.evolve(s, d.events());
  }

  @Benchmark
  public SessionState declareGoal() {
    return decideAndEvolve(room, new DeclareGoal(member, "Newsletter schreiben", Optional.empty()));
  }

  @Benchmark
  public SessionState markGoal() {
    return decideAndEvolve(room, new MarkGoal(member, memberGoal, GoalStatus.DONE));
  }

  @Benchmark
  public SessionState raiseHand() {
    return decideAndEvolve(room, new RaiseHand(member, TOPIC, "Wie geht das?"));
  }

  @Benchmark
  public SessionState claimNext() {
    return decideAndEvolve(withWaiting, new ClaimNext(EXPERT));
  }

  @Benchmark
  public SessionState finishHelp() {
    return decideAndEvolve(withClaim, new FinishHelp(EXPERT, claimed, HelpOutcome.SOLVED));
  }

  @Benchmark
  public SessionState advancePhase() {
    return decideAndEvolve(room, new AdvancePhase(HOST));
  }

  @Benchmark
  public HelpQueueView queueView() {
    return engine.queue(withWaiting);
  }

  /** Replays a long session of {@value #REPLAY_EVENTS} events; the score is events per second. */
  @Benchmark
  @OperationsPerInvocation(REPLAY_EVENTS)
  public SessionState replayEvents() {
    return engine.replay(SessionId.of("bench"), longSession);
  }

  /** A real format plugin, as a server runs it: its lists and lookups are built once. */
  static final TopicFormat FORMAT = new SocialMediaKitchen();
}
