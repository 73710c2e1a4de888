package io.peerwork.core;

import java.util.Objects;

/**
 * Identifies one command a client sent, so that sending it again does not apply it twice.
 *
 * <p>The application chooses it, and it is scoped to one session: a journal keeps each id at most
 * once per session ({@link EventJournal}), and {@link LiveSession} answers a command whose id it has
 * already applied with the original outcome instead of deciding it again. The same id in two
 * sessions names two different commands. An application makes ids unique within a session, for
 * example the demo server as {@code <participantId>/<the client's frame id>}, so that two people's
 * clients that count their frames alike never collide.
 *
 * <p>1 to {@value #MAX_LENGTH} characters (UTF-16 code units), without control characters
 * ({@link Character#isISOControl}) or unpaired surrogates, so that every database stores and
 * compares it as given.
 *
 * @param value the id as text
 */
public record CommandId(String value) {
  /** The longest id, in characters. */
  public static final int MAX_LENGTH = 200;

  /** Validates the id. */
  public CommandId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a command id has 1 to " + MAX_LENGTH + " characters, not "
          + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException("a command id has no control characters: U+"
            + String.format("%04X", (int) c) + " at " + i);
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("a command id has no unpaired surrogate: at " + i);
      }
    }
  }

  /** Shorthand for {@code new CommandId(value)}. */
  public static CommandId of(String value) {
    return new CommandId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
