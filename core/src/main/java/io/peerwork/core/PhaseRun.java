package io.peerwork.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A phase that has run and ended.
 *
 * @param index the phase's index in the agenda
 * @param phase the planned phase
 * @param startedAt when it began
 * @param endedAt when it ended, not before {@code startedAt}
 */
public record PhaseRun(int index, Phase phase, Instant startedAt, Instant endedAt) {
  /** Checks for nulls and order. */
  public PhaseRun {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    if (endedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException("phase ends before it starts");
    }
  }

  /** How long it ran. */
  public Duration length() {
    return Duration.between(startedAt, endedAt);
  }

  /** The span it ran. */
  public Member.Span span() {
    return new Member.Span(startedAt, endedAt);
  }
}
