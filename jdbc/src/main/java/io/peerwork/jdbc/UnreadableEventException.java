package io.peerwork.jdbc;

import io.peerwork.core.JournalException;
import io.peerwork.core.SessionId;
import java.util.Objects;

/**
 * A stored event of one session cannot be read: its JSON is corrupt, names an unknown type, fails
 * validation, or a version of the stream is missing. Thrown by {@link JdbcEventJournal#read}; the
 * cause (if any) says why. Other sessions are not affected, so a server can stop just this
 * session's room and report the message. A {@link JournalException.UnreadableEvent} whose {@link
 * #stream()} is the session's id; callers may match on the core type.
 */
public final class UnreadableEventException extends JournalException.UnreadableEvent {
  private static final long serialVersionUID = 1L;

  private final transient SessionId session;

  /**
   * @param session the session whose stream holds the event
   * @param version the event's version in that stream
   * @param problem what is wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public UnreadableEventException(SessionId session, long version, String problem, Throwable cause) {
    super("session", Objects.requireNonNull(session, "session").value(), version, problem, cause);
    this.session = session;
  }

  /** The session whose stream holds the unreadable event. */
  public SessionId session() {
    return session;
  }
}
