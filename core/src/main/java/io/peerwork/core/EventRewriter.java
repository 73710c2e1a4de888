package io.peerwork.core;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a journal that can rewrite stored events offers ({@link EventJournal#rewriter()}): for erasing
 * a person's personal data ({@link Erasure}), and for nothing else. An event journal is otherwise
 * append-only.
 */
@FunctionalInterface
public interface EventRewriter {

  /**
   * Replaces the stored events of {@code session} with {@code change} applied to them, in one step:
   * a reader sees either all of the old events or all of the new. {@code change} must return as many
   * events as it is given, each of the same type as the one it replaces (versions, command ids and
   * times stay). Snapshots of the session are dropped, since they hold the old state; the next
   * load replays the rewritten events.
   *
   * @return how many events changed
   * @throws IllegalArgumentException if {@code change} returns a different number or type of events
   *     (nothing is stored)
   * @throws JournalException.StorageUnavailable if the journal cannot be written now (nothing is stored)
   */
  int rewrite(SessionId session, UnaryOperator<List<SessionEvent>> change);

  /** Checks what {@code change} returned against what it was given: the same number and types. */
  static void checkSameShape(List<?> before, List<?> after) {
    if (before.size() != after.size()) {
      throw new IllegalArgumentException("a rewrite must keep every event: " + before.size() + " became "
          + after.size());
    }
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).getClass() != after.get(i).getClass()) {
        throw new IllegalArgumentException("a rewrite must keep each event's type: event " + (i + 1) + " was a "
            + before.get(i).getClass().getSimpleName() + ", became a " + after.get(i).getClass().getSimpleName());
      }
    }
  }
}
