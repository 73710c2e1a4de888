package io.peerwork.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One session kept in memory and in a journal: decide, append (durable first), then evolve.
 *
 * <pre>{@code
 * LiveSession live = LiveSession.load(engine, journal, SessionId.of("smk-2026-03"));
 * LiveSession.Outcome out = live.handle(new Command.RaiseHand(me, "image-tools", "Canva?"),
 *     Optional.of(CommandId.of("ana/17")), clock.instant());
 * if (!out.decision().isAccepted()) show(out.decision());
 * else ack(out.version()); // the same for the first try and for a duplicate
 * }</pre>
 *
 * <p><b>Idempotent commands.</b> A command may carry a {@link CommandId} (chosen by the
 * application, unique within the session). The journal stores it with the command's events, and
 * the live session remembers, for every command id in its session, the version after that
 * command's events (learnt on load and catch-up from {@link RecordedEvent#commandId()}, and on
 * each append). A command whose id was applied already is not decided again: its {@link Outcome}
 * is a {@linkplain Outcome#duplicate() duplicate} with the original version. Only commands whose
 * events were appended are remembered: a rejected command, or one accepted with no events, changed
 * nothing, and the same id sent again is decided again.
 *
 * <p><b>Storage failures.</b> If an append throws {@link JournalException.StorageUnavailable},
 * nothing was stored and nothing changes here. If it throws anything else (typically {@link
 * JournalException.OutcomeUnknown}: the events may or may not be stored), the exception reaches
 * the caller and the live session marks itself stale: before the next command it catches up from
 * the journal. So a retry with the same command id finds the command if it was stored (a
 * duplicate), and applies it once if it was not. If that catching up fails, its exception reaches
 * the caller, nothing changes, and the next command tries again.
 *
 * <p><b>Snapshots.</b> If the journal keeps {@linkplain EventJournal#snapshots() snapshots}, {@link
 * #load} starts from the newest one and reads only the events after it, so a session loads in a
 * time that does not grow with its history; without one (or if it cannot be read) it replays every
 * event, with the same result. After an append that reaches or passes a multiple of the store's
 * {@linkplain SnapshotStore#interval() interval}, and after a load that replayed that many events,
 * the live session saves a snapshot of its state, on the caller's thread; a failure to save is
 * logged (a warning) and changes nothing else. A live session loaded from a snapshot knows only
 * the command ids after it: for a command whose id it has not seen and that it would reject (or
 * that would change nothing), it asks the journal ({@link EventJournal#commandVersion}) whether
 * that id was applied before it answers; a command it accepts is appended with its id, and the
 * journal answers a duplicate if the id is stored already.
 *
 * <p>Not thread-safe: give each session one owner that handles its commands one at a time (the
 * demo server does so with one event-bus consumer per room).
 */
public final class LiveSession {
  private static final int MAX_ATTEMPTS = 3;
  private static final System.Logger LOG = System.getLogger(LiveSession.class.getName());

  private final SessionEngine engine;
  private final EventJournal journal;
  private SessionState state;
  /** For each command id in the journal, the version at which its events end. */
  private final Map<CommandId, Long> applied = new HashMap<>();
  /** Whether an append's outcome is unknown: catch up before the next command. */
  private boolean stale;
  /** Where snapshots go, or null. */
  private final SnapshotStore snapshots;
  /** Whether {@link #applied} holds every command id of the session (false after a snapshot). */
  private boolean allIds = true;
  /** The version of the newest snapshot saved or loaded (0 if none). */
  private long snapshotAt;

  private LiveSession(SessionEngine engine, EventJournal journal, SessionState state) {
    this.engine = engine;
    this.journal = journal;
    this.state = state;
    this.snapshots = journal.snapshots().orElse(null);
  }

  /**
   * The session {@code id} as its journal has it (a new one if the journal has no events for it):
   * from the newest snapshot and the events after it, if the journal keeps snapshots, else from all
   * its events. If it replayed at least a snapshot interval of events, it saves a snapshot.
   *
   * @throws JournalException.StorageUnavailable if the journal cannot be read
   * @throws JournalException.UnreadableEvent if an event cannot be read
   */
  public static LiveSession load(SessionEngine engine, EventJournal journal, SessionId id) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(journal, "journal");
    var live = new LiveSession(engine, journal, SessionState.initial(Objects.requireNonNull(id, "id")));
    if (live.snapshots != null) {
      Optional<SessionSnapshot> snapshot = live.snapshots.latest(id);
      if (snapshot.isPresent() && snapshot.get().id().equals(id) && snapshot.get().version() > 0) {
        live.state = snapshot.get().state();
        live.snapshotAt = live.state.version();
        live.allIds = false;
      }
    }
    live.catchUp();
    live.saveSnapshotIfDue();
    return live;
  }

  /**
   * Handles one command without a command id: {@code handle(command, Optional.empty(), now)}.
   *
   * @return the decision and the events as recorded (empty if rejected or nothing happened)
   */
  public Outcome handle(Command command, Instant now) {
    return handle(command, Optional.empty(), now);
  }

  /**
   * Handles one command: if accepted, its events are appended to the journal (with {@code
   * commandId}) and only then applied. If another writer appended first, reads what it wrote and
   * decides again (up to 3 times). A command whose id was applied already is answered as a
   * duplicate and not decided again (see the class comment).
   *
   * @param command the command
   * @param commandId the command's id, if the client gave it one
   * @param now the time of the decision
   * @return what the command did; see {@link Outcome}
   * @throws JournalException.StorageUnavailable if the journal could not be used: nothing changed
   * @throws JournalException.OutcomeUnknown if the append may or may not have been stored: the
   *     session catches up before the next command
   * @throws JournalException.UnreadableEvent if catching up met an event that cannot be read
   * @throws PeerworkException if the journal keeps conflicting
   */
  public Outcome handle(Command command, Optional<CommandId> commandId, Instant now) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(now, "now");
    if (stale) {
      try {
        catchUp();
      } catch (JournalException.StorageUnavailable e) {
        // This may be the very command whose append had an unknown outcome: "not applied" could be false.
        throw unknownIfIdentified(commandId, e);
      }
      stale = false;
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Outcome> done = commandId.map(applied::get).map(Outcome::duplicate);
      if (done.isPresent()) {
        return done.get();
      }
      Decision decision = engine.decide(state, command, now);
      if (!decision.isAccepted() || decision.events().isEmpty()) {
        Optional<Outcome> earlier = appliedBeforeSnapshot(commandId);
        return earlier.orElseGet(() -> new Outcome(decision, List.of(), false, state.version()));
      }
      long expected = state.version();
      AppendResult result;
      try {
        result = journal.append(state.id(), expected, decision.events(), commandId);
      } catch (JournalException.StorageUnavailable e) {
        throw e; // nothing was stored
      } catch (RuntimeException e) {
        stale = true; // it may have been stored: read the journal before the next command
        throw e;
      }
      if (result instanceof AppendResult.Appended) {
        var recorded = new ArrayList<RecordedEvent>(decision.events().size());
        long v = expected;
        for (int i = 0; i < decision.events().size(); i++) {
          SessionEvent e = decision.events().get(i);
          state = engine.evolve(state, e);
          recorded.add(new RecordedEvent(state.id(), ++v, e,
              i == decision.events().size() - 1 ? commandId : Optional.empty()));
        }
        commandId.ifPresent(id -> applied.put(id, state.version()));
        saveSnapshotIfDue();
        return new Outcome(decision, recorded, false, state.version());
      }
      if (result instanceof AppendResult.Duplicate duplicate) {
        // Another writer applied it (or an earlier append of ours whose outcome we did not know).
        // The answer is true whether or not reading its events works now.
        applied.put(duplicate.command(), duplicate.version());
        stale = true;
        return Outcome.duplicate(duplicate.version());
      }
      catchUp(); // a conflict: decide again, unless the other writer applied this very command
    }
    throw new PeerworkException("session " + state.id() + ": the journal kept conflicting; another writer is active");
  }

  /**
   * For a command this session would not append: whether the journal holds its id from before the
   * snapshot this session was loaded from (then it is a duplicate). Only asked if the session does
   * not know every command id of its journal.
   */
  private Optional<Outcome> appliedBeforeSnapshot(Optional<CommandId> commandId) {
    if (allIds || commandId.isEmpty()) {
      return Optional.empty();
    }
    Optional<Long> version;
    try {
      version = journal.commandVersion(state.id(), commandId.get());
    } catch (JournalException.StorageUnavailable e) {
      throw unknownIfIdentified(commandId, e); // it may have been applied before the snapshot
    }
    if (version.isEmpty()) {
      return Optional.empty();
    }
    applied.put(commandId.get(), version.get());
    if (version.get() > state.version()) {
      stale = true; // another writer applied it after our state: read what it wrote before deciding again
    }
    return Optional.of(Outcome.duplicate(version.get()));
  }

  /**
   * The failure to answer for a command when the journal cannot be read to learn whether its id was
   * applied: {@link JournalException.OutcomeUnknown} for a command with an id (a retry with it is
   * safe), else {@code e} (nothing of this command was stored).
   */
  private RuntimeException unknownIfIdentified(Optional<CommandId> commandId, JournalException.StorageUnavailable e) {
    return commandId.isEmpty() ? e : new JournalException.OutcomeUnknown("session " + state.id()
        + ": the journal cannot be read, so whether command " + commandId.get().value() + " was applied before is"
        + " not known", e);
  }

  /**
   * Saves a snapshot if the state has reached a multiple of the store's interval since the last.
   * After a save the ids of the commands before it are forgotten (they are asked of the journal when
   * needed), so a long session's ids do not pile up in memory.
   */
  private void saveSnapshotIfDue() {
    if (snapshots == null) {
      return;
    }
    long every = Math.max(1, snapshots.interval());
    long version = state.version();
    if (version / every <= snapshotAt / every) {
      return;
    }
    snapshotAt = version; // a failed save is tried again at the next multiple, not at every append
    try {
      snapshots.save(SessionSnapshot.of(state));
      applied.clear();
      allIds = false;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "session " + state.id() + ": cannot save its snapshot at version "
          + version + "; it loads from an older one or from its events (" + e + ")");
    }
  }

  /**
   * Applies whatever the journal has beyond the current state. If reading fails, nothing changes.
   *
   * @throws JournalException.StorageUnavailable if the journal cannot be read
   * @throws JournalException.UnreadableEvent if an event cannot be read
   */
  public void catchUp() {
    List<RecordedEvent> missed = journal.read(state.id(), state.version());
    SessionState next = state;
    for (RecordedEvent r : missed) {
      next = engine.evolve(next, r.event());
    }
    for (RecordedEvent r : missed) {
      r.commandId().ifPresent(id -> applied.put(id, r.version()));
    }
    state = next;
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
   * <ul>
   *   <li>Rejected: {@code decision} is a {@link Decision.Rejected}, {@code recorded} is empty,
   *       {@code duplicate} is false, {@code version} is the session's version (unchanged).
   *   <li>Accepted now: {@code decision} is a {@link Decision.Accepted}, {@code recorded} holds its
   *       events as appended (empty if it caused none, like a {@link Command.Tick} before its
   *       deadline), {@code duplicate} is false, {@code version} is the session's version after
   *       them.
   *   <li>A duplicate: the command's id was applied before, so it was not decided again. {@code
   *       decision} is an acceptance without events, {@code recorded} is empty, {@code duplicate}
   *       is true and {@code version} is the version at which that command's events ended when it
   *       was applied: what the first answer said.
   * </ul>
   *
   * @param decision the engine's decision (for a duplicate: accepted, without events)
   * @param recorded the events as appended, with their versions; empty if rejected, none or a duplicate
   * @param duplicate whether the command's id had been applied already
   * @param version the session's version after this command's events (see above)
   */
  public record Outcome(Decision decision, List<RecordedEvent> recorded, boolean duplicate, long version) {
    /** Copies the list; checks that a duplicate is an acceptance without events. */
    public Outcome {
      Objects.requireNonNull(decision, "decision");
      recorded = List.copyOf(recorded);
      if (version < 0) {
        throw new IllegalArgumentException("version must not be negative: " + version);
      }
      if (duplicate && (!decision.isAccepted() || !decision.events().isEmpty() || !recorded.isEmpty())) {
        throw new IllegalArgumentException("a duplicate is an acceptance without events");
      }
    }

    /** The outcome of a command whose events were appended before and end at {@code version}. */
    public static Outcome duplicate(long version) {
      return new Outcome(new Decision.Accepted(List.of()), List.of(), true, version);
    }
  }
}
