package io.peerwork.core;

import java.util.Objects;
import java.util.Optional;

/**
 * An event as stored in a journal.
 *
 * @param session the session it belongs to
 * @param version its position in the session's stream: 1 for the first event, then 2, 3, ...
 * @param event the event
 * @param commandId the id of the command whose events end here: present on the last event of an
 *     append that carried a command id, empty on every other event
 */
public record RecordedEvent(SessionId session, long version, SessionEvent event, Optional<CommandId> commandId) {
  /** Checks for nulls and a positive version. */
  public RecordedEvent {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(commandId, "commandId");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1: " + version);
    }
  }

  /** An event that ends no command with an id. */
  public RecordedEvent(SessionId session, long version, SessionEvent event) {
    this(session, version, event, Optional.empty());
  }
}
