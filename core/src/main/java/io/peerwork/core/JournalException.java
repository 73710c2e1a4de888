package io.peerwork.core;

import java.util.Objects;

/**
 * A journal ({@link EventJournal}, {@link io.peerwork.core.series.SeriesJournal}) failed to do
 * what it was asked: the storage port's failures, one of three kinds, so that a caller can tell
 * the truth about a command without knowing the journal's implementation.
 *
 * <ul>
 *   <li>{@link StorageUnavailable}: the storage could not be used and <b>nothing was written</b>.
 *       An append that throws it stored none of its events; answering "not applied, try again"
 *       is true.
 *   <li>{@link OutcomeUnknown}: an append failed in a way that leaves open whether its events were
 *       stored (the commit itself failed, or the connection broke during it). Read the stream
 *       before deciding again; an append with a {@link CommandId} can be retried safely, because
 *       the journal stores each command id once.
 *   <li>{@link UnreadableEvent}: a stored event cannot be read. Only its stream is affected.
 * </ul>
 *
 * <p>Journals throw these (or subclasses, which add detail: the JDBC journal's own exceptions are
 * such subclasses), so callers match on these three types only. Unchecked, like every {@link
 * PeerworkException}; a {@link AppendResult.Conflict} is an answer, not an exception.
 */
public abstract sealed class JournalException extends PeerworkException {
  private static final long serialVersionUID = 1L;

  private JournalException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The storage could not be used, and nothing was written: the connection could not be had, or a
   * statement failed before anything was committed (and was rolled back). Also thrown by reads
   * that fail for the same reasons. Safe to answer "not applied" and to retry.
   */
  public static non-sealed class StorageUnavailable extends JournalException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the journal was doing, for people
     * @param cause the storage's exception, or {@code null}
     */
    public StorageUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * An append was refused because its stream has another owner now: it was fenced by an epoch
   * ({@link StreamOwners}) that another node has since taken. Nothing was written. Whoever appended
   * must stop acting as the stream's owner at once (drop what it holds in memory); its request can
   * go to the new owner.
   */
  public static final class Fenced extends StorageUnavailable {
    private static final long serialVersionUID = 1L;

    private final StreamOwners.Stream stream;
    private final long epoch;

    /**
     * @param stream the stream appended to
     * @param epoch the epoch the append was fenced by, no longer the stream's
     */
    public Fenced(StreamOwners.Stream stream, long epoch) {
      super("the " + stream.kind() + " " + stream.id() + " has another owner than the one at epoch " + epoch
          + "; nothing was stored", null);
      this.stream = stream;
      this.epoch = epoch;
    }

    /** The stream appended to. */
    public StreamOwners.Stream stream() {
      return stream;
    }

    /** The epoch the append was fenced by. */
    public long epoch() {
      return epoch;
    }
  }

  /**
   * An append may or may not have been stored: the failure happened during or after the commit
   * (or where the journal cannot tell whether the commit happened). Whoever appended must read the
   * stream before deciding again; an append with a {@link CommandId} that did commit is then found
   * there (a retry answers {@link AppendResult.Duplicate}).
   */
  public static non-sealed class OutcomeUnknown extends JournalException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the journal was doing, for people
     * @param cause the storage's exception, or {@code null}
     */
    public OutcomeUnknown(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * A stored event cannot be read: its stored form is corrupt, names an unknown type, fails
   * validation, or a version of the stream is missing. Only this stream is affected; others read
   * on, so a server can close just this session's room and report the message.
   */
  public static non-sealed class UnreadableEvent extends JournalException {
    private static final long serialVersionUID = 1L;

    private final String stream;
    private final long version;

    /**
     * @param noun what the stream is ({@code session}, {@code series}), for the message
     * @param stream the id of the stream (a session's or a series' id) as text
     * @param version the unreadable event's version in that stream
     * @param problem what is wrong, for people
     * @param cause the underlying failure, or {@code null}
     */
    public UnreadableEvent(String noun, String stream, long version, String problem, Throwable cause) {
      super("cannot read event " + version + " of " + Objects.requireNonNull(noun, "noun") + " "
          + Objects.requireNonNull(stream, "stream") + ": " + Objects.requireNonNull(problem, "problem"), cause);
      this.stream = stream;
      this.version = version;
    }

    /** The id of the stream that holds the unreadable event: a session's id for an {@link EventJournal}. */
    public String stream() {
      return stream;
    }

    /** The unreadable event's version. */
    public long version() {
      return version;
    }
  }
}
