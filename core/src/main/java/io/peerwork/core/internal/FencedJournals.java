package io.peerwork.core.internal;

import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import io.peerwork.core.EventJournal;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SnapshotStore;
import io.peerwork.core.StreamOwners;
import io.peerwork.core.series.RecordedSeriesEvent;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The views that {@code EventJournal.fenced} and {@code SeriesJournal.fenced} return, for every
 * journal that can fence: each is its journal, except that an append to its stream goes through
 * the journal's fenced append, and an append to any other stream is refused ({@link
 * IllegalArgumentException}: a view is its owner's, for its one stream). An empty append (a check
 * of the version and command id, which stores nothing) needs no fence and goes to the journal.
 */
public final class FencedJournals {
  private FencedJournals() {}

  /** A session journal's append with a fence: to the view's session, by the view's epoch. */
  @FunctionalInterface
  public interface SessionAppend {
    /**
     * Appends as {@link EventJournal#append} does if the session's epoch is still the view's.
     *
     * @throws io.peerwork.core.JournalException.Fenced if it is not (nothing stored)
     */
    AppendResult append(long expectedVersion, List<? extends SessionEvent> events, Optional<CommandId> command);
  }

  /** A series journal's append with a fence: to the view's series, by the view's epoch. */
  @FunctionalInterface
  public interface SeriesAppend {
    /**
     * Appends as {@link SeriesJournal#append} does if the series' epoch is still the view's.
     *
     * @throws io.peerwork.core.JournalException.Fenced if it is not (nothing stored)
     */
    AppendResult append(long expectedVersion, List<? extends SeriesEvent> events);
  }

  /**
   * {@code journal} as the owner of {@code session} at {@code epoch} uses it.
   *
   * @param fenced appends to {@code session} with the fence of {@code epoch}
   * @throws IllegalArgumentException if {@code epoch} is below 1 (no take gives it)
   */
  public static EventJournal session(EventJournal journal, SessionId session, long epoch, SessionAppend fenced) {
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(fenced, "fenced");
    checkEpoch(epoch);
    return new FencedEventJournal(journal, session, epoch, fenced);
  }

  /**
   * {@code journal} as the owner of {@code series} at {@code epoch} uses it.
   *
   * @param fenced appends to {@code series} with the fence of {@code epoch}
   * @throws IllegalArgumentException if {@code epoch} is below 1 (no take gives it)
   */
  public static SeriesJournal series(SeriesJournal journal, SeriesId series, long epoch, SeriesAppend fenced) {
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(fenced, "fenced");
    checkEpoch(epoch);
    return new FencedSeriesJournal(journal, series, epoch, fenced);
  }

  private static void checkEpoch(long epoch) {
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs start at 1: " + epoch);
    }
  }

  private static IllegalArgumentException notMine(String noun, Object asked, Object mine, long epoch) {
    return new IllegalArgumentException("a journal fenced for " + noun + " " + mine + " (epoch " + epoch
        + ") appends to it only, not to " + asked);
  }

  private static final class FencedEventJournal implements EventJournal {
    private final EventJournal journal;
    private final SessionId session;
    private final long epoch;
    private final SessionAppend fenced;

    FencedEventJournal(EventJournal journal, SessionId session, long epoch, SessionAppend fenced) {
      this.journal = journal;
      this.session = session;
      this.epoch = epoch;
      this.fenced = fenced;
    }

    @Override
    public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events,
        Optional<CommandId> command) {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(events, "events");
      Objects.requireNonNull(command, "command");
      if (!session.equals(this.session)) {
        throw notMine("session", session, this.session, epoch);
      }
      return events.isEmpty()
          ? journal.append(session, expectedVersion, events, command)
          : fenced.append(expectedVersion, events, command);
    }

    @Override
    public List<RecordedEvent> read(SessionId session, long afterVersion) {
      return journal.read(session, afterVersion);
    }

    @Override
    public long version(SessionId session) {
      return journal.version(session);
    }

    @Override
    public List<SessionId> sessions() {
      return journal.sessions();
    }

    @Override
    public Optional<Long> commandVersion(SessionId session, CommandId command) {
      return journal.commandVersion(session, command);
    }

    @Override
    public Optional<SnapshotStore> snapshots() {
      return journal.snapshots();
    }

    @Override
    public Optional<io.peerwork.core.EventRewriter> rewriter() {
      return journal.rewriter();
    }

    @Override
    public Optional<StreamOwners> owners() {
      return journal.owners();
    }

    @Override
    public EventJournal fenced(SessionId session, long epoch) {
      return journal.fenced(session, epoch);
    }

    @Override
    public String toString() {
      return journal + " fenced for session " + session + " at epoch " + epoch;
    }
  }

  private static final class FencedSeriesJournal implements SeriesJournal {
    private final SeriesJournal journal;
    private final SeriesId series;
    private final long epoch;
    private final SeriesAppend fenced;

    FencedSeriesJournal(SeriesJournal journal, SeriesId series, long epoch, SeriesAppend fenced) {
      this.journal = journal;
      this.series = series;
      this.epoch = epoch;
      this.fenced = fenced;
    }

    @Override
    public AppendResult append(SeriesId series, long expectedVersion, List<? extends SeriesEvent> events) {
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(events, "events");
      if (!series.equals(this.series)) {
        throw notMine("series", series, this.series, epoch);
      }
      return events.isEmpty()
          ? journal.append(series, expectedVersion, events)
          : fenced.append(expectedVersion, events);
    }

    @Override
    public Optional<io.peerwork.core.series.SeriesEventRewriter> rewriter() {
      return journal.rewriter();
    }

    @Override
    public List<RecordedSeriesEvent> read(SeriesId series, long afterVersion) {
      return journal.read(series, afterVersion);
    }

    @Override
    public long version(SeriesId series) {
      return journal.version(series);
    }

    @Override
    public List<SeriesId> series() {
      return journal.series();
    }

    @Override
    public Optional<StreamOwners> owners() {
      return journal.owners();
    }

    @Override
    public SeriesJournal fenced(SeriesId series, long epoch) {
      return journal.fenced(series, epoch);
    }

    @Override
    public String toString() {
      return journal + " fenced for series " + series + " at epoch " + epoch;
    }
  }
}
