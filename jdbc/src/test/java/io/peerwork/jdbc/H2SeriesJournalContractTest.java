package io.peerwork.jdbc;

import io.peerwork.core.series.SeriesJournal;
import io.peerwork.testkit.SeriesJournalContract;

/** The JDBC series journal on an H2 file database (the embedded default) passes the series journal contract. */
class H2SeriesJournalContractTest extends SeriesJournalContract {
  @Override
  protected SeriesJournal newJournal() {
    return JdbcEventJournal.builder(TestDatabases.newH2FileUrl("series-contract")).openSeriesJournal();
  }
}
