package io.peerwork.core;

/**
 * The one family of unchecked exceptions Peerwork throws, always for a programming or configuration
 * error, never for a command a user sent (those get a {@link Rejection}).
 */
public class PeerworkException extends RuntimeException {
  /** With a message. */
  public PeerworkException(String message) {
    super(message);
  }

  /** With a message and a cause. */
  public PeerworkException(String message, Throwable cause) {
    super(message, cause);
  }
}
