package io.peerwork.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a session's help queue, with the reason everyone is shown.
 *
 * @param status open, paused or closed
 * @param reason why, as its expert or host wrote it (up to 280 characters, may be empty)
 * @param by who set it; empty while it is as the session began (open)
 * @param since when it was set; empty while it is as the session began
 */
public record QueueState(QueueStatus status, String reason, Optional<ParticipantId> by, Optional<Instant> since) {

  /** The queue of a new session: open, no reason. */
  public static final QueueState INITIAL = new QueueState(QueueStatus.OPEN, "", Optional.empty(), Optional.empty());

  /** Checks for nulls. */
  public QueueState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(since, "since");
  }
}
