package io.peerwork.jdbc;

/**
 * The mail queue on PostgreSQL passes the mail queue contract. Needs {@code PEERWORK_TEST_PG_URL};
 * without it every test is skipped, and says that PostgreSQL was NOT tested.
 */
class PostgresMailQueueContractTest extends MailQueueContract {
  private static final String SCHEMA = TestDatabases.newPostgresSchema("mail_queue");

  @Override
  void assumeAvailable() {
    TestDatabases.postgresUrlOrSkip();
  }

  @Override
  MailQueue newQueue() {
    String url = TestDatabases.postgresUrlOrSkip();
    MailQueue queue = JdbcEventJournal.builder(url).schema(SCHEMA).openMailQueue();
    // One schema for this run (other runs use theirs); each queue starts empty.
    TestDatabases.execute(url, "DELETE FROM " + SCHEMA + ".peerwork_mail_outbox");
    return queue;
  }
}
