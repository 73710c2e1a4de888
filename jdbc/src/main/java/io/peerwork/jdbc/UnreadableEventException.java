package io.peerwork.jdbc;

import io.peerwork.core.PeerworkException;
import io.peerwork.core.SessionId;
import java.util.Objects;

/**
 * A stored event of one session cannot be read: its JSON is corrupt, names an unknown type, fails
 * validation, or a version of the stream is missing. Thrown by {@link JdbcEventJournal#read}; the
 * cause (if any) says why. Other sessions are not affected, so a server can stop just this
 * session's room and report the message.
 */
public final class UnreadableEventException extends PeerworkException {
  private static final long serialVersionUID = 1L;

  private final transient SessionId session;
  private final long version;

  /**
   * @param session the session whose stream holds the event
   * @param version the event's version in that stream
   * @param problem what is wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public UnreadableEventException(SessionId session, long version, String problem, Throwable cause) {
    super("cannot read event " + version + " of session " + Objects.requireNonNull(session, "session")
        + ": " + problem, cause);
    this.session = session;
    this.version = version;
  }

  /** The session whose stream holds the unreadable event. */
  public SessionId session() {
    return session;
  }

  /** The unreadable event's version. */
  public long version() {
    return version;
  }
}
