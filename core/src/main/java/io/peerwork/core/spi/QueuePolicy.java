package io.peerwork.core.spi;

import io.peerwork.core.HelpRequest;
import io.peerwork.core.LocalizedText;
import java.util.List;

/**
 * Orders the waiting help requests of a session. The first in the order is the one an expert gets
 * when claiming the next request, and the order gives every waiting participant their place.
 *
 * <p>A policy must be a pure function of its arguments: sessions are replayed from their events, and
 * the same inputs must give the same order. Built in are {@code fcfs} (first come, first served) and
 * {@code fair} (fewest helps received in this session first, then arrival); see {@link
 * io.peerwork.core.QueuePolicies}.
 */
public interface QueuePolicy {

  /** Stable id, lower-case words joined by hyphens ({@link Ids#FORM}), e.g. {@code fair}. */
  String id();

  /** The policy's name for hosts, in German and English. */
  LocalizedText name();

  /**
   * Orders the waiting requests.
   *
   * @param waiting the waiting requests in the order their hands were raised; never empty
   * @param context what else the policy may take into account
   * @return the same requests, each exactly once, in the order they are to be served
   */
  List<HelpRequest> order(List<HelpRequest> waiting, QueueContext context);
}
