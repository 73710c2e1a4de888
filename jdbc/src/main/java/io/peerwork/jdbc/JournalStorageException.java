package io.peerwork.jdbc;

import io.peerwork.core.PeerworkException;

/**
 * The database failed: it cannot be reached, a migration failed, or a statement failed for a
 * reason other than a version conflict. The message says what the journal was doing.
 *
 * <p>Thrown by {@link JdbcEventJournal#append} or {@link JdbcSeriesJournal#append} it may mean
 * the outcome is unknown (a commit that failed may still have been stored): read the stream before
 * deciding again.
 */
public final class JournalStorageException extends PeerworkException {
  private static final long serialVersionUID = 1L;

  /** With a message and the database's exception. */
  public JournalStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
