package io.peerwork.server;

import io.peerwork.core.AppendResult;
import io.peerwork.core.series.InMemorySeriesJournal;
import io.peerwork.core.series.RecordedSeriesEvent;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A series journal in memory whose reads can be held: while {@link #hold} is in force, every read
 * (a series owner loading) waits until {@link #release}, so a test can keep calls under way for as
 * long as it needs. Not fenced (no owners): for one node.
 */
final class BlockingSeriesJournal implements SeriesJournal {
  private final InMemorySeriesJournal journal = new InMemorySeriesJournal();
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** Reads from now on wait for {@link #release}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  /** Lets every waiting and later read go on. */
  void release() {
    gate.countDown();
  }

  /** Reads waiting now. */
  int waiting() {
    return waiting.get();
  }

  @Override
  public AppendResult append(SeriesId series, long expectedVersion, List<? extends SeriesEvent> events) {
    return journal.append(series, expectedVersion, events);
  }

  @Override
  public List<RecordedSeriesEvent> read(SeriesId series, long afterVersion) {
    CountDownLatch g = gate;
    if (g.getCount() > 0) {
      waiting.incrementAndGet();
      try {
        if (!g.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("held for a minute: the test did not release it");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        waiting.decrementAndGet();
      }
    }
    return journal.read(series, afterVersion);
  }

  @Override
  public long version(SeriesId series) {
    return journal.version(series);
  }

  @Override
  public List<SeriesId> series() {
    return journal.series();
  }
}
