package io.peerwork.core;

import java.util.Objects;

/**
 * An event as stored in a journal.
 *
 * @param session the session it belongs to
 * @param version its position in the session's stream: 1 for the first event, then 2, 3, ...
 * @param event the event
 */
public record RecordedEvent(SessionId session, long version, SessionEvent event) {
  /** Checks for nulls and a positive version. */
  public RecordedEvent {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(event, "event");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1: " + version);
    }
  }
}
