package io.peerwork.jdbc;

import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.jdbc.internal.InMemoryMailQueue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Messages waiting to be sent, kept until a mail server took them: the store behind an e-mail
 * {@link io.peerwork.core.series.Outbox}. {@link #enqueue} keeps a message (durably, in the
 * database variant), a sender {@link #claimDue claims} the messages that are due, tries each and
 * reports {@link #markSent} or {@link #markFailed} with the instant of the next attempt.
 *
 * <pre>{@code
 * try (MailQueue queue = JdbcEventJournal.builder(url).openMailQueue()) {
 *   queue.enqueue(message, clock.instant());
 *   for (MailQueue.QueuedMail m : queue.claimDue(now, 20, now.plusSeconds(300))) {
 *     ... send m.message(), then queue.markSent(m.id(), now) or queue.markFailed(m.id(), next, why)
 *   }
 * }
 * }</pre>
 *
 * <p>A claim moves the message's next attempt to the end of the lease, so a second sender (another
 * node of a cluster on the same database) does not take it at the same time, and a sender that
 * stops in the middle leaves it to be tried again once the lease ends. A message is therefore sent
 * at least once; twice only if a sender stops after the mail server took it and before {@link
 * #markSent}. Times are the caller's ({@code now} parameters); the queue reads no clock.
 *
 * <p>Implementations: {@link JdbcEventJournal.Builder#openMailQueue()} (table {@code
 * peerwork_mail_outbox}, beside the journals) and {@link #inMemory()} (lost on restart). Database
 * failures throw {@link JournalStorageException}. Thread-safe.
 */
public interface MailQueue extends AutoCloseable {

  /**
   * A message the queue holds.
   *
   * @param id its number in the queue, unique, in the order messages were handed over
   * @param message the message
   * @param createdAt when it was handed over
   * @param attempts how many times sending it was tried before this claim
   */
  record QueuedMail(long id, OutgoingMessage message, Instant createdAt, int attempts) {
    /** Checks for nulls and ranges. */
    public QueuedMail {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(createdAt, "createdAt");
      if (attempts < 0) {
        throw new IllegalArgumentException("attempts must not be negative: " + attempts);
      }
    }
  }

  /**
   * Keeps {@code message}, due at once; when this returns, the database variant has committed it.
   *
   * @return its id
   */
  long enqueue(OutgoingMessage message, Instant now);

  /**
   * Up to {@code limit} unsent messages whose next attempt is at or before {@code now}, those due
   * longest first, each claimed until {@code leaseUntil}: no other claim returns it before then.
   */
  List<QueuedMail> claimDue(Instant now, int limit, Instant leaseUntil);

  /** The mail server took message {@code id} at {@code at}: it is not claimed again. */
  void markSent(long id, Instant at);

  /**
   * Sending message {@code id} failed with {@code error} (kept shortened, for operators); it is due
   * again at {@code nextAttempt}. Its number of attempts goes up by one.
   */
  void markFailed(long id, Instant nextAttempt, String error);

  /** How many messages wait to be sent (claimed ones included). */
  long unsent();

  /** Deletes the messages sent before {@code before} and answers how many; unsent ones stay. */
  int deleteSentBefore(Instant before);

  /**
   * Deletes every message to {@code email}, waiting or sent, and answers how many: for erasing a
   * person's personal data (a message holds its recipient's address, their name, personal links
   * and the texts of their goals; a buddy's mail also names the buddy by first name and their
   * answer, which stays in the buddy's own mail until it is sent and kept). Addresses are compared as a
   * series compares them, without the white space around them and ignoring case ({@link
   * io.peerwork.core.series.SeriesState#normalize}). A message a sender has claimed already may
   * still be sent.
   */
  int forget(String email);

  /** Releases the queue's connections; a no-op for the in-memory queue. */
  @Override
  void close();

  /** A queue in this process's memory only: what it holds is lost when the process ends. */
  static MailQueue inMemory() {
    return new InMemoryMailQueue();
  }
}
