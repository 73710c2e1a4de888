package io.peerwork.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a person within one session, whatever their {@link Role}.
 *
 * <p>Chosen by the caller (an embedding application or the server), 1 to 64 characters from
 * {@code [A-Za-z0-9._-]}. The engine never invents participant ids.
 *
 * @param value the id as text
 */
public record ParticipantId(String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Validates the form of the id. */
  public ParticipantId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("participant id must match [A-Za-z0-9._-]{1,64}: " + value);
    }
  }

  /** Shorthand for {@code new ParticipantId(value)}. */
  public static ParticipantId of(String value) {
    return new ParticipantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
