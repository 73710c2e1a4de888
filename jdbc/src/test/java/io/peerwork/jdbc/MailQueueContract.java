package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.series.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link MailQueue} promises, whatever keeps it: a message is kept as it was handed over
 * until it is marked sent, is due again when its failed attempt said so, is claimed by one sender
 * at a time (also by threads racing), sent messages can be deleted without touching the unsent,
 * and every message to one address (compared as a series compares addresses) can be forgotten.
 * Subclasses say where the queue lives.
 */
abstract class MailQueueContract {
  static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
  static final OutgoingMessage ANNA = new OutgoingMessage("anna@example.org", "de",
      "Bitte bestätigen: Küche 🍳, Dienstag",
      "Hallo,\n\nbitte bestätige mit diesem Link:\nhttp://localhost/series.html?series=s&confirm=a.b\n\n\"Danke\" ✓\n");

  MailQueue queue;

  /** A new, empty queue. */
  abstract MailQueue newQueue();

  /** Skips the tests if the queue's database is not available. */
  void assumeAvailable() {}

  @BeforeEach
  void open() {
    assumeAvailable();
    queue = newQueue();
  }

  @AfterEach
  void closeQueue() {
    if (queue != null) {
      queue.close();
    }
  }

  private List<MailQueue.QueuedMail> claim(Instant now) {
    return queue.claimDue(now, 100, now.plusSeconds(300));
  }

  @Test
  void aMessageIsDueAtOnceAndComesBackAsItWasHandedOver() {
    long id = queue.enqueue(ANNA, T0);

    assertThat(claim(T0)).containsExactly(new MailQueue.QueuedMail(id, ANNA, T0, 0));
    assertThat(queue.unsent()).isEqualTo(1);
  }

  @Test
  void aClaimedMessageIsNotClaimedAgainUntilItsLeaseEnds() {
    queue.enqueue(ANNA, T0);
    assertThat(queue.claimDue(T0, 10, T0.plusSeconds(60))).hasSize(1);

    assertThat(claim(T0.plusSeconds(59))).isEmpty();
    assertThat(claim(T0.plusSeconds(60))).hasSize(1);
  }

  @Test
  void aFailedMessageIsDueAgainAtItsNextAttemptWithOneMoreAttempt() {
    long id = queue.enqueue(ANNA, T0);
    claim(T0);

    queue.markFailed(id, T0.plusSeconds(30), "connection refused");

    assertThat(claim(T0.plusSeconds(29))).isEmpty();
    assertThat(claim(T0.plusSeconds(30))).containsExactly(new MailQueue.QueuedMail(id, ANNA, T0, 1));
    assertThat(queue.unsent()).isEqualTo(1);
  }

  @Test
  void aSentMessageIsNeverClaimedAgainAndIsDeletedOnlyOnceOlderThanAsked() {
    long sent = queue.enqueue(ANNA, T0);
    long waiting = queue.enqueue(new OutgoingMessage("ben@example.org", "en", "Hi", "Body\n"), T0);
    claim(T0);
    queue.markSent(sent, T0.plusSeconds(1));
    queue.markFailed(waiting, T0.plusSeconds(10), "x".repeat(5000));

    assertThat(claim(T0.plus(Duration.ofDays(30)))).extracting(MailQueue.QueuedMail::id).containsExactly(waiting);
    assertThat(queue.unsent()).isEqualTo(1);
    assertThat(queue.deleteSentBefore(T0.plusSeconds(1))).isZero();
    assertThat(queue.deleteSentBefore(T0.plusSeconds(2))).isEqualTo(1);
    assertThat(queue.unsent()).isEqualTo(1);
  }

  @Test
  void theMessagesDueLongestComeFirstAndNoMoreThanTheLimit() {
    long first = queue.enqueue(ANNA, T0);
    long second = queue.enqueue(ANNA, T0.plusSeconds(1));
    long third = queue.enqueue(ANNA, T0.plusSeconds(2));
    queue.claimDue(T0, 1, T0.plusSeconds(1));
    queue.markFailed(first, T0.plusSeconds(5), "refused");

    assertThat(queue.claimDue(T0.plusSeconds(10), 2, T0.plusSeconds(100)))
        .extracting(MailQueue.QueuedMail::id).containsExactly(second, third);
    assertThat(queue.claimDue(T0.plusSeconds(10), 2, T0.plusSeconds(100)))
        .extracting(MailQueue.QueuedMail::id).containsExactly(first);
  }

  @Test
  void sendersRacingForTheSameMessagesClaimEachOnce() throws Exception {
    var ids = new ArrayList<Long>();
    for (int i = 0; i < 40; i++) {
      ids.add(queue.enqueue(ANNA, T0));
    }
    int senders = 4;
    var barrier = new CyclicBarrier(senders);
    var claimed = new ConcurrentLinkedQueue<Long>();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      var done = new ArrayList<java.util.concurrent.Future<?>>();
      for (int t = 0; t < senders; t++) {
        done.add(pool.submit(() -> {
          barrier.await();
          for (int round = 0; round < 10; round++) {
            queue.claimDue(T0, 5, T0.plusSeconds(300)).forEach(m -> claimed.add(m.id()));
          }
          return null;
        }));
      }
      for (var f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(claimed).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void forgettingAnAddressDeletesEveryMessageToItWaitingOrSentAndNoOther() {
    var toZoe = new OutgoingMessage("zoe.q@example.org", "de", "Bitte bestätigen", "Hallo Zoe Quastenflosser,\n");
    var toZoeAgain = new OutgoingMessage(" Zoe.Q@Example.ORG ", "en", "Your recap", "Hi Zoe Quastenflosser,\n");
    long zoeSent = queue.enqueue(toZoe, T0);
    long zoeFailed = queue.enqueue(toZoeAgain, T0);
    long zoeClaimed = queue.enqueue(toZoe, T0);
    long annaSent = queue.enqueue(ANNA, T0);
    long look = queue.enqueue(new OutgoingMessage("zoe.q@example.org.invalid", "en", "Hi", "Not Zoe\n"), T0);
    long alike = queue.enqueue(new OutgoingMessage("xzoe.q@example.org", "en", "Hi", "Not Zoe either\n"), T0);
    assertThat(claim(T0)).hasSize(6);
    queue.markSent(zoeSent, T0.plusSeconds(1));
    queue.markSent(annaSent, T0.plusSeconds(1));
    queue.markFailed(zoeFailed, T0.plusSeconds(60), "550 mailbox zoe.q@example.org unavailable");

    assertThat(queue.forget("ZOE.Q@example.org\t")).isEqualTo(3);

    assertThat(queue.unsent()).as("the others' waiting messages").isEqualTo(2);
    assertThat(claim(T0.plus(Duration.ofDays(1)))).extracting(MailQueue.QueuedMail::id)
        .containsExactlyInAnyOrder(look, alike).doesNotContain(zoeClaimed);
    assertThat(queue.deleteSentBefore(T0.plus(Duration.ofDays(1)))).as("Anna's sent message, not Zoe's").isEqualTo(1);
    assertThat(queue.forget("zoe.q@example.org")).as("a second time").isZero();
    assertThat(queue.forget("nobody@example.org")).isZero();
  }
}
