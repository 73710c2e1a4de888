package io.peerwork.server.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link SmtpOutbox} sends and retries.
 *
 * @param firstRetry the wait after a first failed attempt; it doubles after each further one
 * @param maxRetry the longest wait between two attempts
 * @param poll how often the sender looks for messages due again (new messages go at once)
 * @param lease how long a message taken for sending is left alone by other senders; a sender that
 *     stops mid-way leaves it to be tried again after this
 * @param keepSent how long sent messages stay in the queue (for operators) before they are deleted
 * @param batch the most messages one round takes
 */
public record MailDelivery(Duration firstRetry, Duration maxRetry, Duration poll, Duration lease, Duration keepSent,
    int batch) {

  /** Checks the values. */
  public MailDelivery {
    for (Duration d : new Duration[] {firstRetry, maxRetry, poll, lease, keepSent}) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
    if (maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("maxRetry must not be shorter than firstRetry");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1: " + batch);
    }
  }

  /** 30 s, 1 min, 2 min, ... up to 1 h between attempts; due messages looked for every 5 s. */
  public static MailDelivery defaults() {
    return new MailDelivery(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5),
        Duration.ofMinutes(5), Duration.ofDays(7), 20);
  }

  /**
   * The wait before the next attempt after {@code failures} failed ones (at least 1): {@link
   * #firstRetry} doubled for each failure after the first, at most {@link #maxRetry}, then shortened
   * by up to a quarter ({@code random} in [0, 1)) so that messages that failed together do not all
   * come back at the same moment.
   */
  Duration retryAfter(int failures, double random) {
    long first = firstRetry.toMillis();
    long max = maxRetry.toMillis();
    long wait = first;
    for (int i = 1; i < failures && wait < max; i++) {
      wait *= 2;
    }
    wait = Math.min(wait, max);
    return Duration.ofMillis(Math.max(1, Math.round(wait * (1 - 0.25 * random))));
  }

  /** How long one attempt may take before it counts as failed: well within the lease. */
  Duration sendTimeout() {
    Duration half = lease.dividedBy(2);
    return half.compareTo(Duration.ofMinutes(2)) < 0 ? half : Duration.ofMinutes(2);
  }
}
