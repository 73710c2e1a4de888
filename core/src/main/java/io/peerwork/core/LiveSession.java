package io.peerwork.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One session kept in memory and in a journal: decide, append (durable first), then evolve.
 *
 * <pre>{@code
 * LiveSession live = LiveSession.load(engine, journal, SessionId.of("smk-2026-03"));
 * LiveSession.Outcome out = live.handle(new Command.RaiseHand(me, "image-tools", "Canva?"), clock.instant());
 * if (!out.decision().isAccepted()) show(out.decision());
 * }</pre>
 *
 * <p>Not thread-safe: give each session one owner that handles its commands one at a time (the
 * demo server does so with one event-bus consumer per room).
 */
public final class LiveSession {
  private static final int MAX_ATTEMPTS = 3;

  private final SessionEngine engine;
  private final EventJournal journal;
  private SessionState state;

  private LiveSession(SessionEngine engine, EventJournal journal, SessionState state) {
    this.engine = engine;
    this.journal = journal;
    this.state = state;
  }

  /** The session {@code id} as its journal has it (a new one if the journal has no events for it). */
  public static LiveSession load(SessionEngine engine, EventJournal journal, SessionId id) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(journal, "journal");
    var live = new LiveSession(engine, journal, SessionState.initial(Objects.requireNonNull(id, "id")));
    live.catchUp();
    return live;
  }

  /**
   * Handles one command: if accepted, its events are appended to the journal and only then applied.
   * If another writer appended first, reads what it wrote and decides again (up to 3 times).
   *
   * @return the decision and the events as recorded (empty if rejected or nothing happened)
   * @throws PeerworkException if the journal keeps conflicting
   */
  public Outcome handle(Command command, Instant now) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Decision decision = engine.decide(state, command, now);
      if (!decision.isAccepted() || decision.events().isEmpty()) {
        return new Outcome(decision, List.of());
      }
      long expected = state.version();
      AppendResult result = journal.append(state.id(), expected, decision.events());
      if (result instanceof AppendResult.Appended) {
        var recorded = new java.util.ArrayList<RecordedEvent>(decision.events().size());
        long v = expected;
        for (SessionEvent e : decision.events()) {
          state = engine.evolve(state, e);
          recorded.add(new RecordedEvent(state.id(), ++v, e));
        }
        return new Outcome(decision, recorded);
      }
      catchUp();
    }
    throw new PeerworkException("session " + state.id() + ": the journal kept conflicting; another writer is active");
  }

  /** Applies whatever the journal has beyond the current state. */
  public void catchUp() {
    for (RecordedEvent r : journal.read(state.id(), state.version())) {
      state = engine.evolve(state, r.event());
    }
  }

  /** The current state. */
  public SessionState state() {
    return state;
  }

  /** The help queue now. */
  public HelpQueueView queue() {
    return engine.queue(state);
  }

  /**
   * What one command did.
   *
   * @param decision the engine's decision
   * @param recorded the events as appended, with their versions; empty if rejected or none
   */
  public record Outcome(Decision decision, List<RecordedEvent> recorded) {
    /** Copies the list. */
    public Outcome {
      Objects.requireNonNull(decision, "decision");
      recorded = List.copyOf(recorded);
    }
  }
}
