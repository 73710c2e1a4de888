package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The mail queue on an H2 file database (the embedded default) passes the mail queue contract, and
 * keeps its messages when it is closed and opened again (a restart of the server).
 */
class H2MailQueueContractTest extends MailQueueContract {
  private String url;

  @Override
  MailQueue newQueue() {
    url = TestDatabases.newH2FileUrl("mail-queue");
    return JdbcEventJournal.builder(url).openMailQueue();
  }

  @Test
  void anUnsentMessageOutlivesARestart() {
    long id = queue.enqueue(ANNA, T0);
    queue.close();

    queue = JdbcEventJournal.builder(url).openMailQueue();

    assertThat(queue.claimDue(Instant.parse("2026-03-03T09:00:00Z"), 10, Instant.parse("2026-03-03T09:05:00Z")))
        .containsExactly(new MailQueue.QueuedMail(id, ANNA, T0, 0));
  }
}
