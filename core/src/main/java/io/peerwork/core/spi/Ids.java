package io.peerwork.core.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/** The form of the ids that formats give to themselves, their tasks and their help topics. */
public final class Ids {
  /** Lower-case letters and digits, in words joined by single hyphens; 2 to 64 characters. */
  public static final Pattern FORM = Pattern.compile("(?=.{2,64}$)[a-z0-9]+(-[a-z0-9]+)*");

  private Ids() {}

  /** Whether {@code id} has the {@link #FORM}. */
  public static boolean isWellFormed(String id) {
    return id != null && FORM.matcher(id).matches();
  }

  /**
   * Returns {@code id} if it has the {@link #FORM}.
   *
   * @throws IllegalArgumentException if it has not
   */
  public static String requireWellFormed(String id, String what) {
    Objects.requireNonNull(id, what);
    if (!isWellFormed(id)) {
      throw new IllegalArgumentException(what + " must be lower-case words joined by hyphens, 2 to 64 characters: '" + id + "'");
    }
    return id;
  }
}
