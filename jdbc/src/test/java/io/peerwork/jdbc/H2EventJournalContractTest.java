package io.peerwork.jdbc;

import io.peerwork.core.EventJournal;
import io.peerwork.testkit.EventJournalContract;

/** The JDBC journal on an H2 file database (the embedded default) passes the journal contract. */
class H2EventJournalContractTest extends EventJournalContract {
  @Override
  protected EventJournal newJournal() {
    return JdbcEventJournal.builder(TestDatabases.newH2FileUrl("contract")).open();
  }
}
