package io.peerwork.server.internal;

import io.peerwork.jdbc.JournalStorageException;
import io.peerwork.jdbc.UnreadableEventException;

/** Recognises storage failures behind the futures and event-bus replies they travel through. */
final class RoomFailures {
  private RoomFailures() {}

  /** Whether {@code t} or a cause is a journal row that cannot be read. */
  static boolean isUnreadable(Throwable t) {
    return find(t, UnreadableEventException.class) || messageNames(t, UnreadableEventException.class);
  }

  /** Whether {@code t} or a cause is a series journal row that cannot be read. */
  static boolean isSeriesUnreadable(Throwable t) {
    return find(t, io.peerwork.jdbc.UnreadableSeriesEventException.class);
  }

  /** Whether {@code t} or a cause is the database failing. */
  static boolean isStorage(Throwable t) {
    return find(t, JournalStorageException.class);
  }

  private static boolean find(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** A failed deployment reaches a caller on another node only as a message. */
  private static boolean messageNames(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && c.getMessage().contains(type.getName())) {
        return true;
      }
    }
    return false;
  }
}
