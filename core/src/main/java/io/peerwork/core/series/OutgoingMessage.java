package io.peerwork.core.series;

import java.util.Objects;

/**
 * A message for one person, ready to send: plain text in their language.
 *
 * @param to their e-mail address
 * @param language {@code de} or {@code en}
 * @param subject one line
 * @param body plain text, lines separated by {@code \n}
 */
public record OutgoingMessage(String to, String language, String subject, String body) {
  /** Checks for nulls. */
  public OutgoingMessage {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }
}
