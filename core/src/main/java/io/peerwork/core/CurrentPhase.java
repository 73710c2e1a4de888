package io.peerwork.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The phase that runs now.
 *
 * @param index its index in the agenda
 * @param phase the planned phase
 * @param startedAt when it began
 * @param endsAt when it is planned to end: start plus planned duration plus every extension
 */
public record CurrentPhase(int index, Phase phase, Instant startedAt, Instant endsAt) {
  /** Checks for nulls. */
  public CurrentPhase {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endsAt, "endsAt");
  }

  /** The time left at {@code now}; zero once the planned end has passed. */
  public Duration remaining(Instant now) {
    return now.isBefore(endsAt) ? Duration.between(now, endsAt) : Duration.ZERO;
  }

  CurrentPhase extendedBy(Duration extension) {
    return new CurrentPhase(index, phase, startedAt, endsAt.plus(extension));
  }

  PhaseRun endedAt(Instant at) {
    return new PhaseRun(index, phase, startedAt, at.isBefore(startedAt) ? startedAt : at);
  }
}
