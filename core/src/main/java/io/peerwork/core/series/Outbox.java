package io.peerwork.core.series;

/**
 * The port through which messages leave Peerwork: an e-mail gateway in production. The demo server's
 * default writes each message to its log, so no mail server is needed to run it.
 */
@FunctionalInterface
public interface Outbox {
  /** Hands over one message. Implementations may send it later; they must not lose it silently. */
  void send(OutgoingMessage message);
}
