package io.peerwork.testkit;

import io.peerwork.core.series.InMemorySeriesJournal;
import io.peerwork.core.series.SeriesJournal;

/** Core's in-memory series journal passes the series journal contract. */
class InMemorySeriesJournalContractTest extends SeriesJournalContract {
  @Override
  protected SeriesJournal newJournal() {
    return new InMemorySeriesJournal();
  }
}
