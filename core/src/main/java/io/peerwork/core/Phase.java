package io.peerwork.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of an {@link Agenda}: a kind and a planned duration.
 *
 * @param kind what happens in this phase
 * @param planned how long it is planned to last: from 1 minute to 8 hours, whole minutes
 */
public record Phase(PhaseKind kind, Duration planned) {
  /** The shortest phase an agenda may plan. */
  public static final Duration MIN = Duration.ofMinutes(1);
  /** The longest phase an agenda may plan. */
  public static final Duration MAX = Duration.ofHours(8);

  /** Validates the duration. */
  public Phase {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(planned, "planned");
    if (planned.compareTo(MIN) < 0 || planned.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("phase duration must be within 1 minute and 8 hours: " + planned);
    }
    if (planned.toSecondsPart() != 0 || planned.toNanosPart() != 0) {
      throw new IllegalArgumentException("phase duration must be whole minutes: " + planned);
    }
  }

  /** A phase of {@code minutes} minutes. */
  public static Phase of(PhaseKind kind, int minutes) {
    return new Phase(kind, Duration.ofMinutes(minutes));
  }
}
