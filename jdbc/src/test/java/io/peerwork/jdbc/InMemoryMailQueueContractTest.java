package io.peerwork.jdbc;

/** The in-memory mail queue (for {@code --db-url=memory}) passes the mail queue contract. */
class InMemoryMailQueueContractTest extends MailQueueContract {
  @Override
  MailQueue newQueue() {
    return MailQueue.inMemory();
  }
}
