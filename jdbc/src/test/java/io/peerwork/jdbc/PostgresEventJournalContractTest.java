package io.peerwork.jdbc;

import io.peerwork.core.EventJournal;
import io.peerwork.testkit.EventJournalContract;

/**
 * The JDBC journal on PostgreSQL passes the journal contract. Needs {@code PEERWORK_TEST_PG_URL};
 * without it every test is skipped, and says that PostgreSQL was NOT tested.
 */
class PostgresEventJournalContractTest extends EventJournalContract {
  private static final String SCHEMA = TestDatabases.newPostgresSchema("contract");

  @Override
  protected void assumeAvailable() {
    TestDatabases.postgresUrlOrSkip();
  }

  @Override
  protected EventJournal newJournal() {
    String url = TestDatabases.postgresUrlOrSkip();
    JdbcEventJournal journal = JdbcEventJournal.builder(url).schema(SCHEMA).maxPoolSize(8).open();
    // One schema for this run (other runs use theirs); each journal starts empty, without owners
    // or snapshots.
    TestDatabases.execute(url, "DELETE FROM " + SCHEMA + ".peerwork_event");
    TestDatabases.execute(url, "DELETE FROM " + SCHEMA + ".peerwork_session_snapshot");
    TestDatabases.execute(url, "DELETE FROM " + SCHEMA + ".peerwork_stream_owner");
    return journal;
  }
}
