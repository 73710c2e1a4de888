package io.peerwork.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The ordered phases of a session.
 *
 * <p>An agenda has at least one phase and at most {@value #MAX_PHASES}, and at least one {@link
 * PhaseKind#FOCUS_BLOCK}: a session without focus time is not a peer work session. Immutable.
 *
 * @param phases the phases in the order they run
 */
public record Agenda(List<Phase> phases) {
  /** The most phases one agenda may have. */
  public static final int MAX_PHASES = 40;

  /** Copies and validates the phases. */
  public Agenda {
    phases = List.copyOf(Objects.requireNonNull(phases, "phases"));
    if (phases.isEmpty() || phases.size() > MAX_PHASES) {
      throw new IllegalArgumentException("an agenda has 1 to " + MAX_PHASES + " phases, not " + phases.size());
    }
    if (phases.stream().noneMatch(p -> p.kind() == PhaseKind.FOCUS_BLOCK)) {
      throw new IllegalArgumentException("an agenda needs at least one focus block");
    }
  }

  /** An agenda of the given phases. */
  public static Agenda of(Phase... phases) {
    return new Agenda(List.of(phases));
  }

  /** The number of phases. */
  public int size() {
    return phases.size();
  }

  /** The phase at {@code index} (0-based). */
  public Phase phase(int index) {
    return phases.get(index);
  }

  /** The sum of the planned durations. */
  public Duration plannedLength() {
    return phases.stream().map(Phase::planned).reduce(Duration.ZERO, Duration::plus);
  }

  /** The number of focus blocks. */
  public int focusBlocks() {
    return (int) phases.stream().filter(p -> p.kind() == PhaseKind.FOCUS_BLOCK).count();
  }

  /**
   * The index of the first focus block at or after {@code from}, or -1 if there is none.
   *
   * @param from a phase index, 0-based; values below 0 count from the start
   */
  public int focusBlockAtOrAfter(int from) {
    for (int i = Math.max(0, from); i < phases.size(); i++) {
      if (phases.get(i).kind() == PhaseKind.FOCUS_BLOCK) {
        return i;
      }
    }
    return -1;
  }
}
