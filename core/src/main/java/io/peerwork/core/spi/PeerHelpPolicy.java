package io.peerwork.core.spi;

import io.peerwork.core.HelpRequest;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.ParticipantId;
import java.util.Optional;

/**
 * Decides which peer, if any, is suggested to the asker of a waiting help request: a participant
 * who offered to help with its topic ({@link io.peerwork.core.Command.OfferPeerHelp}). The asker
 * accepts ({@link io.peerwork.core.Command.AcceptPeerHelp}) or keeps waiting for the expert; the
 * request keeps its place in the queue all the while, so a suggestion never delays anyone's turn
 * with the expert.
 *
 * <p>The engine asks for the waiting requests in the queue's order and offers each peer to at
 * most one request at a time ({@link PeerContext#availablePeers} leaves out peers suggested to a
 * request ahead). A policy must be a pure function of its arguments, like a {@link QueuePolicy}.
 * Built in: {@code when-experts-busy} (the default) and {@code never}; see {@link
 * io.peerwork.core.PeerHelpPolicies}.
 */
public interface PeerHelpPolicy {

  /** Stable id, lower-case words joined by hyphens ({@link Ids#FORM}). */
  String id();

  /** The policy's name for hosts, in German and English. */
  LocalizedText name();

  /**
   * The peer to suggest for {@code request}, or empty.
   *
   * @param request a waiting request whose asker has not declined peers
   * @param context the experts and peers of the session
   * @return one of {@code context.availablePeers(request.topicId())}, or empty; anyone else is
   *     ignored
   */
  Optional<ParticipantId> suggest(HelpRequest request, PeerContext context);
}
