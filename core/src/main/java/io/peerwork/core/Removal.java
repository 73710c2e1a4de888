package io.peerwork.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why and when someone was removed from a session ({@link SessionEvent.MemberRemoved}).
 *
 * @param participant who
 * @param at when
 * @param by the host who did it; empty: the organiser's application
 * @param reason the reason given (may be empty)
 */
public record Removal(ParticipantId participant, Instant at, Optional<ParticipantId> by, String reason) {
  /** Checks for nulls. */
  public Removal {
    Objects.requireNonNull(participant, "participant");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
  }
}
