package io.peerwork.core.series;

import io.peerwork.core.AppendResult;
import io.peerwork.core.PeerworkException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One series kept in memory and in a {@link SeriesJournal}: decide, append (durable first), then
 * evolve. The counterpart of {@link io.peerwork.core.LiveSession}.
 *
 * <pre>{@code
 * LiveSeries live = LiveSeries.load(engine, journal, SeriesId.of("smk"));
 * LiveSeries.Outcome out = live.handle(new SeriesCommand.Register(date, "Ana", "ana@example.org", "de", Optional.empty()), clock.instant());
 * if (out.decision().isAccepted()) sendConfirmation(out.recorded());
 * }</pre>
 *
 * <p>Not thread-safe: give each series one owner that handles its commands one at a time.
 */
public final class LiveSeries {
  private static final int MAX_ATTEMPTS = 3;

  private final SeriesEngine engine;
  private final SeriesJournal journal;
  private SeriesState state;

  private LiveSeries(SeriesEngine engine, SeriesJournal journal, SeriesState state) {
    this.engine = engine;
    this.journal = journal;
    this.state = state;
  }

  /** The series {@code id} as its journal has it (a new one if the journal has no events for it). */
  public static LiveSeries load(SeriesEngine engine, SeriesJournal journal, SeriesId id) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(journal, "journal");
    var live = new LiveSeries(engine, journal, SeriesState.initial(Objects.requireNonNull(id, "id")));
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
  public Outcome handle(SeriesCommand command, Instant now) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      SeriesDecision decision = engine.decide(state, command, now);
      if (!decision.isAccepted() || decision.events().isEmpty()) {
        return new Outcome(decision, List.of());
      }
      long expected = state.version();
      if (journal.append(state.id(), expected, decision.events()) instanceof AppendResult.Appended) {
        var recorded = new ArrayList<RecordedSeriesEvent>(decision.events().size());
        long v = expected;
        for (SeriesEvent e : decision.events()) {
          state = engine.evolve(state, e);
          recorded.add(new RecordedSeriesEvent(state.id(), ++v, e));
        }
        return new Outcome(decision, recorded);
      }
      catchUp();
    }
    throw new PeerworkException("series " + state.id() + ": the journal kept conflicting; another writer is active");
  }

  /**
   * What {@link #handle} would decide for {@code command} now, without recording or applying
   * anything: for checking a request before asking someone to confirm it.
   */
  public SeriesDecision check(SeriesCommand command, Instant now) {
    return engine.decide(state, command, now);
  }

  /** Applies whatever the journal has beyond the current state. */
  public void catchUp() {
    for (RecordedSeriesEvent r : journal.read(state.id(), state.version())) {
      state = engine.evolve(state, r.event());
    }
  }

  /** The current state. */
  public SeriesState state() {
    return state;
  }

  /**
   * What one command did.
   *
   * @param decision the engine's decision
   * @param recorded the events as appended, with their versions; empty if rejected or none
   */
  public record Outcome(SeriesDecision decision, List<RecordedSeriesEvent> recorded) {
    /** Copies the list. */
    public Outcome {
      Objects.requireNonNull(decision, "decision");
      recorded = List.copyOf(recorded);
    }
  }
}
