package io.peerwork.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies one session (one dated meeting of a format).
 *
 * <p>1 to 64 characters from {@code [A-Za-z0-9._-]}, so that an id is safe in a URL, a file name
 * and an event-bus address.
 *
 * @param value the id as text
 */
public record SessionId(String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Validates the form of the id. */
  public SessionId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("session id must match [A-Za-z0-9._-]{1,64}: " + value);
    }
  }

  /** Shorthand for {@code new SessionId(value)}. */
  public static SessionId of(String value) {
    return new SessionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
