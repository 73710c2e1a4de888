package io.peerwork.core;

import java.util.Objects;

/**
 * A command that was not carried out, and why. The session is unchanged.
 *
 * @param code the stable reason, for programs and translations
 * @param message a sentence in English for logs and developers; not meant for end users
 */
public record Rejection(RejectionCode code, String message) {
  /** Checks for nulls. */
  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
