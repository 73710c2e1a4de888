package io.peerwork.jdbc;

import io.peerwork.core.series.SeriesJournal;
import io.peerwork.testkit.SeriesJournalContract;

/**
 * The JDBC series journal on PostgreSQL passes the series journal contract. Needs {@code
 * PEERWORK_TEST_PG_URL}; without it every test is skipped, and says that PostgreSQL was NOT tested.
 */
class PostgresSeriesJournalContractTest extends SeriesJournalContract {
  private static final String SCHEMA = TestDatabases.newPostgresSchema("series_contract");

  @Override
  protected void assumeAvailable() {
    TestDatabases.postgresUrlOrSkip();
  }

  @Override
  protected SeriesJournal newJournal() {
    String url = TestDatabases.postgresUrlOrSkip();
    JdbcSeriesJournal journal = JdbcEventJournal.builder(url).schema(SCHEMA).maxPoolSize(8).openSeriesJournal();
    // One schema for this run (other runs use theirs); each journal starts empty, without owners.
    TestDatabases.execute(url, "DELETE FROM " + SCHEMA + ".peerwork_series_event");
    TestDatabases.execute(url, "DELETE FROM " + SCHEMA + ".peerwork_stream_owner");
    return journal;
  }
}
