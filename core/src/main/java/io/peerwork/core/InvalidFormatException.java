package io.peerwork.core;

import java.util.List;

/**
 * A topic format failed validation on registration. Lists every problem found, not only the first,
 * so a plugin author can fix them in one go.
 */
public final class InvalidFormatException extends PeerworkException {
  private final String formatId;
  private final List<String> problems;

  /** For the format {@code formatId} with the given problems. */
  public InvalidFormatException(String formatId, List<String> problems) {
    super("topic format '" + formatId + "' has " + problems.size() + " problem(s):\n  - "
        + String.join("\n  - ", problems));
    this.formatId = formatId;
    this.problems = List.copyOf(problems);
  }

  /** The id of the format (as given, possibly malformed). */
  public String formatId() {
    return formatId;
  }

  /** Every problem found. */
  public List<String> problems() {
    return problems;
  }
}
