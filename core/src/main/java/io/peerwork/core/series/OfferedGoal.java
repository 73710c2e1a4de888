package io.peerwork.core.series;

import java.util.Objects;
import java.util.Optional;

/**
 * A goal the goal round offers a participant, from their last session or their routines.
 *
 * @param reason why it is offered
 * @param taskId the catalogue task, if it is one
 * @param text the goal's text, for a carry-over; empty for a due routine (show the task's title)
 */
public record OfferedGoal(Reason reason, Optional<String> taskId, Optional<String> text) {
  /** Why a goal is offered; carry-overs come first. */
  public enum Reason {
    /** It stayed unfinished at the participant's last session. */
    CARRIED_OVER,
    /** A routine of theirs is due: not done within its cadence. */
    ROUTINE_DUE
  }

  /** Checks for nulls. */
  public OfferedGoal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(text, "text");
  }
}
