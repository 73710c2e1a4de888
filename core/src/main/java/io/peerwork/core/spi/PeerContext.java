package io.peerwork.core.spi;

import io.peerwork.core.ParticipantId;
import java.util.List;

/** What a {@link PeerHelpPolicy} may know about a session. */
public interface PeerContext {

  /**
   * How many experts could take a request now: present, helping nobody, and the queue not paused.
   */
  int expertsFree();

  /**
   * The peers who could help with {@code topicId} now, in the order they offered: present
   * participants who offered it, help nobody, have no open request of their own and are not
   * suggested to a request ahead in the queue.
   */
  List<ParticipantId> availablePeers(String topicId);

  /** How many helps {@code peer} has given as a peer in this session. */
  int peerHelpsGiven(ParticipantId peer);
}
