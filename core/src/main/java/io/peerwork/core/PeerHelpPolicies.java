package io.peerwork.core;

import io.peerwork.core.spi.PeerContext;
import io.peerwork.core.spi.PeerHelpPolicy;
import java.util.List;
import java.util.Optional;

/** The peer help policies every engine knows. */
public final class PeerHelpPolicies {
  private PeerHelpPolicies() {}

  /**
   * {@code when-experts-busy}, the default: while no expert is free (all present experts are
   * helping, none is present, or the queue is paused), the first peer who offered the request's
   * topic and is free is suggested. The request keeps its place, so the expert is never delayed.
   */
  public static final PeerHelpPolicy WHEN_EXPERTS_BUSY = new PeerHelpPolicy() {
    @Override
    public String id() {
      return "when-experts-busy";
    }

    @Override
    public LocalizedText name() {
      return LocalizedText.of("Peers helfen, wenn alle Expert:innen beschäftigt sind",
          "Peers help while every expert is busy");
    }

    @Override
    public Optional<ParticipantId> suggest(HelpRequest request, PeerContext context) {
      if (context.expertsFree() > 0) {
        return Optional.empty();
      }
      return context.availablePeers(request.topicId()).stream().findFirst();
    }

    @Override
    public String toString() {
      return "PeerHelpPolicy[when-experts-busy]";
    }
  };

  /** {@code never}: no peer is ever suggested. */
  public static final PeerHelpPolicy NEVER = new PeerHelpPolicy() {
    @Override
    public String id() {
      return "never";
    }

    @Override
    public LocalizedText name() {
      return LocalizedText.of("Keine Peer-Hilfe", "No peer help");
    }

    @Override
    public Optional<ParticipantId> suggest(HelpRequest request, PeerContext context) {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "PeerHelpPolicy[never]";
    }
  };

  /** Both built-in policies. */
  public static List<PeerHelpPolicy> builtIn() {
    return List.of(WHEN_EXPERTS_BUSY, NEVER);
  }
}
