package io.peerwork.core;

import java.util.Objects;

/** What {@link EventJournal#append} (or a series journal's append) did. */
public sealed interface AppendResult {

  /** The events were stored; the stream is now at {@code version}. */
  record Appended(long version) implements AppendResult {}

  /**
   * Nothing was stored: the caller expected the stream at {@code expected}, but it is at {@code
   * actual}. Someone else appended first; read the new events and decide again.
   */
  record Conflict(long expected, long actual) implements AppendResult {}

  /**
   * Nothing was stored: the stream already holds the events of the command {@code command}, which
   * end at {@code version} (the version of the last event that command produced). The command was
   * applied before, by this caller (whose earlier append's outcome was unknown to it) or another;
   * answer as for that append. Only appends that carry a {@link CommandId} get this answer, and it
   * takes precedence over a {@link Conflict}.
   *
   * @param command the command id that is stored already
   * @param version the version at which that command's events end
   */
  record Duplicate(CommandId command, long version) implements AppendResult {
    /** Checks for null and a positive version. */
    public Duplicate {
      Objects.requireNonNull(command, "command");
      if (version < 1) {
        throw new IllegalArgumentException("versions start at 1: " + version);
      }
    }
  }
}
