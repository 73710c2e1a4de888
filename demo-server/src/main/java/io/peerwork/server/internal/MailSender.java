package io.peerwork.server.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.peerwork.jdbc.MailQueue;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends what the {@link MailQueue} holds, in rounds: claim the due messages (on a worker thread),
 * hand each to the mail client, and mark it sent, or failed with its next attempt after {@link
 * MailDelivery#retryAfter} (one WARNING per failed attempt, without a stack trace). A round starts
 * when a message is queued ({@link #kick}) and every {@link MailDelivery#poll} otherwise; rounds
 * never overlap. Its state lives on one Vert.x context, so it needs no locks.
 *
 * <p>Metrics: {@code peerwork.mail.sent} and {@code peerwork.mail.failed.attempts} (counters) and
 * {@code peerwork.mail.waiting} (a gauge: unsent messages after the last round).
 */
final class MailSender {
  private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
  private static final Duration PURGE_EVERY = Duration.ofHours(1);

  private final Context context;
  private final MailClient client;
  private final String from;
  private final MailQueue queue;
  private final MailDelivery delivery;
  private final Clock clock;
  private final Random random = new Random();
  private final Counter sent;
  private final Counter failedAttempts;
  private final AtomicLong waiting = new AtomicLong();

  // Touched on the context only (closed also by close()).
  private boolean running;
  private boolean again;
  private volatile boolean closed;
  private boolean queueFailing;
  private long timer = -1;
  private volatile java.util.concurrent.CompletableFuture<Void> idle = java.util.concurrent.CompletableFuture.completedFuture(null);
  private volatile Instant lastPurge = Instant.MIN; // on the rounds' worker threads, one round at a time

  MailSender(Vertx vertx, MailClient client, String from, MailQueue queue, MailDelivery delivery, Clock clock,
      MeterRegistry metrics) {
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.from = from;
    this.queue = queue;
    this.delivery = delivery;
    this.clock = clock;
    this.sent = Counter.builder("peerwork.mail.sent").description("messages the mail server took").register(metrics);
    this.failedAttempts = Counter.builder("peerwork.mail.failed.attempts")
        .description("attempts to send a message that failed (each is tried again later)").register(metrics);
    Gauge.builder("peerwork.mail.waiting", waiting, AtomicLong::get).strongReference(true)
        .description("messages not yet sent").register(metrics);
  }

  /** Starts a round now (or right after the one running), e.g. because a message was queued. */
  void kick() {
    context.runOnContext(v -> round());
  }

  /**
   * Starts no more rounds; completes once the round running has recorded what it sent, or after
   * {@code wait}, without blocking the caller (an event loop, when a server closes). A message
   * whose outcome is not recorded by then is sent again once its lease ends.
   */
  io.vertx.core.Future<Void> stopping(Duration wait) {
    closed = true;
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    try {
      context.runOnContext(v -> {
        context.owner().cancelTimer(timer);
        long giveUp = context.owner().setTimer(Math.max(1, wait.toMillis()), t -> {
          if (done.tryComplete()) {
            LOG.fine("stopped while a round was still sending");
          }
        });
        idle.whenComplete((r, e) -> context.runOnContext(x -> {
          context.owner().cancelTimer(giveUp);
          done.tryComplete();
        }));
      });
    } catch (RuntimeException e) {
      done.tryComplete(); // Vert.x is closed already, and its timers and rounds with it
    }
    return done.future();
  }

  /**
   * Starts no more rounds, and waits (at most {@code wait}) for the one running to record what it
   * sent; blocks, so never on an event loop (see {@link #stopping}).
   */
  void stop(Duration wait) {
    closed = true;
    try {
      context.runOnContext(v -> context.owner().cancelTimer(timer));
      idle.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.fine("stopped while a round was still sending");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Vert.x is closed already, and its timers and rounds with it.
    }
  }

  private void round() {
    if (closed) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    idle = new java.util.concurrent.CompletableFuture<>();
    context.owner().cancelTimer(timer);
    Instant now = clock.instant();
    context.executeBlocking(() -> {
          if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) >= 0) {
            queue.deleteSentBefore(now.minus(delivery.keepSent()));
            lastPurge = now;
          }
          return queue.claimDue(now, delivery.batch(), now.plus(delivery.lease()));
        }, false)
        .compose(mails -> mails.isEmpty() ? Future.succeededFuture(mails)
            : Future.join(mails.stream().map(this::attempt).toList()).map(mails))
        .compose(mails -> context.executeBlocking(() -> {
          waiting.set(queue.unsent());
          return mails.size();
        }, false))
        .onComplete(done -> {
          try {
            context.runOnContext(v -> finished(done));
          } catch (RuntimeException e) {
            idle.complete(null); // Vert.x is closing
          }
        });
  }

  private void finished(AsyncResult<Integer> done) {
    running = false;
    idle.complete(null);
    if (closed) {
      return;
    }
    if (done.failed()) {
      if (!queueFailing) {
        LOG.warning("the queue of messages cannot be read (" + reason(done.cause())
            + "); messages wait until it can; trying again every " + delivery.poll().toMillis() / 1000.0 + " s");
      }
      queueFailing = true;
    } else if (queueFailing) {
      queueFailing = false;
      LOG.info("the queue of messages can be read again");
    }
    if (again || done.succeeded() && done.result() >= delivery.batch()) {
      round();
    } else {
      timer = context.owner().setTimer(Math.max(1, delivery.poll().toMillis()), id -> round());
    }
  }

  /** Sends one message and records the outcome; never fails. */
  private Future<Void> attempt(MailQueue.QueuedMail mail) {
    Future<?> sending;
    try {
      sending = client.sendMail(MailText.of(from, mail.message()))
          .timeout(delivery.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      sending = Future.failedFuture(e);
    }
    return sending.transform(result -> context.<Void>executeBlocking(() -> {
      if (result.succeeded()) {
        queue.markSent(mail.id(), clock.instant());
        sent.increment();
        LOG.fine(() -> "mail " + mail.id() + " to " + mail.message().to() + " sent");
      } else {
        int failures = mail.attempts() + 1;
        Instant next = clock.instant().plus(delivery.retryAfter(failures, random.nextDouble()));
        String why = reason(result.cause());
        queue.markFailed(mail.id(), next, why);
        failedAttempts.increment();
        LOG.warning("mail " + mail.id() + " to " + LogOutbox.escape(mail.message().to()) + " not sent (attempt "
            + failures + "): " + why + "; kept, next attempt at " + next);
      }
      return null;
    }, false)).recover(e -> {
      // The outcome could not be recorded: the claim's lease ends and the message is tried again.
      LOG.log(Level.WARNING, "mail " + mail.id() + ": its outcome could not be recorded (" + reason(e)
          + "); tried again after " + delivery.lease().toMillis() / 1000.0 + " s");
      return Future.succeededFuture();
    });
  }

  /** An exception as one line: its message (or its class), escaped. */
  private static String reason(Throwable e) {
    String m = e.getMessage();
    return LogOutbox.escape(m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip());
  }
}
