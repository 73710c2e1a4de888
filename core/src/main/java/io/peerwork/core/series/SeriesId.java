package io.peerwork.core.series;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a series of sessions, 1 to 48 characters from {@code [A-Za-z0-9._-]}, so that a
 * session id made from it and a date still fits a {@link io.peerwork.core.SessionId}.
 *
 * @param value the id as text
 */
public record SeriesId(String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,48}");

  /** Validates the form. */
  public SeriesId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("series id must match [A-Za-z0-9._-]{1,48}: " + value);
    }
  }

  /** Shorthand for {@code new SeriesId(value)}. */
  public static SeriesId of(String value) {
    return new SeriesId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
