package io.peerwork.server.internal;

import io.peerwork.core.JournalException;
import java.util.Optional;

/**
 * Storage failures as the clients of rooms and series meet them: core's {@link JournalException}
 * types (never class names in messages), found behind the futures they travel through, and the
 * answer each means.
 */
final class RoomFailures {
  private RoomFailures() {}

  /** The first {@link JournalException} among {@code t} and its causes. */
  static Optional<JournalException> journalFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof JournalException j) {
        return Optional.of(j);
      }
    }
    return Optional.empty();
  }

  /**
   * What a room answers for a journal failure: nothing was applied ({@code STORAGE_UNAVAILABLE}),
   * perhaps it was ({@code OUTCOME_UNKNOWN}), or the session's stored events cannot be read ({@code
   * SESSION_DATA_UNREADABLE}).
   */
  static RoomReply.Failed reply(JournalException e) {
    if (e instanceof JournalException.OutcomeUnknown) {
      return new RoomReply.Failed(ApiError.Code.OUTCOME_UNKNOWN, "the database failed while saving this, so it may"
          + " or may not be saved; send it again with the same id: it is applied at most once");
    }
    if (e instanceof JournalException.UnreadableEvent) {
      return new RoomReply.Failed(ApiError.Code.SESSION_DATA_UNREADABLE, "this session's saved data cannot be read,"
          + " so its room is closed; the organiser can see why in the server log. Other sessions are not affected.");
    }
    return new RoomReply.Failed(ApiError.Code.STORAGE_UNAVAILABLE,
        "the database is not reachable; nothing was changed, try again");
  }
}
