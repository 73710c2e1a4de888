package io.peerwork.core.series;

import io.peerwork.core.GoalStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * How one goal of a participant ended in one session of a series: what carries over, and what
 * counts for a routine's history.
 *
 * @param text the goal's text
 * @param taskId the catalogue task it was taken from, if any
 * @param status how far it got
 */
public record GoalOutcome(String text, Optional<String> taskId, GoalStatus status) {
  /** Checks for nulls. */
  public GoalOutcome {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
  }

  /** Whether it is unfinished: anything but done. */
  public boolean isUnfinished() {
    return status != GoalStatus.DONE;
  }
}
