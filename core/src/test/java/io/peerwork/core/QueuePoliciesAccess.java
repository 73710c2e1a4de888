package io.peerwork.core;

import io.peerwork.core.spi.QueueContext;
import io.peerwork.core.spi.QueuePolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test policies. */
final class QueuePoliciesAccess {
  private QueuePoliciesAccess() {}

  /** Serves the latest hand first. */
  static final class Custom implements QueuePolicy {
    @Override
    public String id() {
      return "newest-first";
    }

    @Override
    public LocalizedText name() {
      return LocalizedText.of("Neueste zuerst", "Newest first");
    }

    @Override
    public List<HelpRequest> order(List<HelpRequest> waiting, QueueContext context) {
      var reversed = new ArrayList<>(waiting);
      Collections.reverse(reversed);
      return reversed;
    }
  }
}
