package io.peerwork.core.spi;

import io.peerwork.core.ParticipantId;

/** What a {@link QueuePolicy} may know about a session besides the waiting requests. */
public interface QueueContext {
  /** How many help requests of {@code participant} experts have finished in this session so far. */
  int helpsReceived(ParticipantId participant);
}
