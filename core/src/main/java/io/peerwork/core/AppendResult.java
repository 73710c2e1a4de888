package io.peerwork.core;

/** What {@link EventJournal#append} did. */
public sealed interface AppendResult {

  /** The events were stored; the stream is now at {@code version}. */
  record Appended(long version) implements AppendResult {}

  /**
   * Nothing was stored: the caller expected the stream at {@code expected}, but it is at {@code
   * actual}. Someone else appended first; read the new events and decide again.
   */
  record Conflict(long expected, long actual) implements AppendResult {}
}
