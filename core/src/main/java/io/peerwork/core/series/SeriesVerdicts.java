package io.peerwork.core.series;

import io.peerwork.core.RejectionCode;
import java.util.List;

/**
 * The pieces {@link SeriesEngine}, {@link WallDecider} and {@link BuddyDecider} share: accepting and
 * rejecting a command.
 */
final class SeriesVerdicts {
  private SeriesVerdicts() {}

  /** Accepted with {@code events}, in order; none if the command changes nothing. */
  static SeriesDecision accept(SeriesEvent... events) {
    return new SeriesDecision.Accepted(List.of(events));
  }

  /** Rejected with {@code code} and {@code message}. */
  static SeriesDecision reject(RejectionCode code, String message) {
    return SeriesDecision.Rejected.of(code, message);
  }
}
