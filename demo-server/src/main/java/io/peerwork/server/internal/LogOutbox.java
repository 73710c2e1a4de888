package io.peerwork.server.internal;

import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import java.util.logging.Logger;

/** The default {@link Outbox}: writes each message to the log, so no mail server is needed to run. */
public final class LogOutbox implements Outbox {
  private static final Logger LOG = Logger.getLogger(LogOutbox.class.getName());

  @Override
  public void send(OutgoingMessage message) {
    LOG.info(() -> "message to " + message.to() + " (" + message.language() + "): " + message.subject() + "\n"
        + message.body());
  }
}
