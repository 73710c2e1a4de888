package io.peerwork.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a participant set out to do in one focus block.
 *
 * @param id the goal's id in its session
 * @param owner whose goal it is; only they change it
 * @param focusBlock the agenda index of the focus block it belongs to
 * @param text what they will do, 1 to 280 characters
 * @param taskId the catalogue task it was taken from, if any
 * @param status how far it got
 * @param declaredAt when it was declared
 */
public record Goal(
    GoalId id,
    ParticipantId owner,
    int focusBlock,
    String text,
    Optional<String> taskId,
    GoalStatus status,
    Instant declaredAt) {

  /** Checks for nulls. */
  public Goal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(declaredAt, "declaredAt");
  }

  Goal withText(String newText) {
    return new Goal(id, owner, focusBlock, newText, taskId, status, declaredAt);
  }

  Goal withStatus(GoalStatus newStatus) {
    return new Goal(id, owner, focusBlock, text, taskId, newStatus, declaredAt);
  }
}
