package io.peerwork.core.series;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a series journal that can rewrite stored events offers ({@link SeriesJournal#rewriter()}):
 * for erasing a person's personal data ({@link io.peerwork.core.Erasure}), and for nothing else.
 */
@FunctionalInterface
public interface SeriesEventRewriter {

  /**
   * Replaces the stored events of {@code series} with {@code change} applied to them, in one step,
   * as {@link io.peerwork.core.EventRewriter#rewrite} does for a session.
   *
   * @return how many events changed
   * @throws IllegalArgumentException if {@code change} returns a different number or type of events
   *     (nothing is stored)
   */
  int rewrite(SeriesId series, UnaryOperator<List<SeriesEvent>> change);
}
