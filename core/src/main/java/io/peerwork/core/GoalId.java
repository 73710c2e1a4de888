package io.peerwork.core;

import java.util.Objects;

/**
 * Identifies a goal within its session. Assigned by the engine ({@code g1}, {@code g2}, ...) in the
 * order goals are declared, so replaying a session yields the same ids.
 *
 * @param value the id as text
 */
public record GoalId(String value) {
  /** Rejects a blank id. */
  public GoalId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("goal id must not be blank");
    }
  }

  /** Shorthand for {@code new GoalId(value)}. */
  public static GoalId of(String value) {
    return new GoalId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
