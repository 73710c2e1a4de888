package io.peerwork.jdbc;

import io.peerwork.core.JournalException;

/**
 * The database failed before anything could be stored: it cannot be reached, a migration failed,
 * or a statement failed (and was rolled back) for a reason other than a version conflict or a
 * duplicate command id. The message says what the journal was doing.
 *
 * <p>A {@link JournalException.StorageUnavailable}: thrown by {@link JdbcEventJournal#append} or
 * {@link JdbcSeriesJournal#append}, it means nothing of the append was stored. A commit that fails
 * is not this exception but a {@link JournalException.OutcomeUnknown}: its rows may or may not be
 * stored. Match on the core types; this class adds nothing but its name.
 */
public final class JournalStorageException extends JournalException.StorageUnavailable {
  private static final long serialVersionUID = 1L;

  /** With a message and the database's exception. */
  public JournalStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
