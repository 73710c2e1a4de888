package io.peerwork.core;

import java.util.Objects;

/**
 * Identifies a help request within its session. Assigned by the engine ({@code r1}, {@code r2},
 * ...) in the order hands are raised, so replaying a session yields the same ids.
 *
 * @param value the id as text
 */
public record RequestId(String value) {
  /** Rejects a blank id. */
  public RequestId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("request id must not be blank");
    }
  }

  /** Shorthand for {@code new RequestId(value)}. */
  public static RequestId of(String value) {
    return new RequestId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
