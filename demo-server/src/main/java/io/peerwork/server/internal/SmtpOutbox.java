package io.peerwork.server.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.jdbc.MailQueue;
import io.peerwork.server.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import java.time.Clock;
import java.util.Objects;

/**
 * The {@link Outbox} that sends e-mail through an SMTP server ({@code --smtp-url}), with Vert.x's
 * mail client. {@link #send} only keeps the message in the {@link MailQueue} (in the server's
 * database, so neither a mail server that is down nor a restart loses it) and returns; a {@link
 * MailSender} sends it at once and, while the mail server fails, again with growing waits until it
 * takes the message. Nothing the mail server does reaches an HTTP answer.
 *
 * <p>No text a person chose can add a header line or a recipient: the subject is put on one line,
 * the recipient must be one plain address ({@link MailText}).
 */
public final class SmtpOutbox implements Outbox, AutoCloseable {
  private final MailQueue queue;
  private final MailSender sender;
  private final Clock clock;

  private SmtpOutbox(MailQueue queue, MailSender sender, Clock clock) {
    this.queue = queue;
    this.sender = sender;
    this.clock = clock;
  }

  /**
   * An outbox sending through the server of {@code mail}, keeping messages in {@code queue} (which
   * it closes), and sending what the queue holds from now on.
   *
   * @param clock the real time, for the waits between attempts (not a test's clock of the series)
   * @throws IllegalArgumentException if {@code mail}'s URL or sender address is not valid
   */
  public static SmtpOutbox start(Vertx vertx, ServerConfig.Mail mail, MailQueue queue, MailDelivery delivery,
      Clock clock, MeterRegistry metrics) {
    SmtpServer server = SmtpServer.parse(mail.smtpUrl());
    String from = mail.from().strip();
    if (from.isEmpty() || from.codePoints().anyMatch(MailText::unsafe) || !from.contains("@")) {
      throw new IllegalArgumentException("--mail-from=" + LogOutbox.escape(mail.from()) + " is not an e-mail address");
    }
    MailClient client = MailClient.create(vertx, server.mailConfig(mail.user(), mail.password()));
    var sender = new MailSender(vertx, client, from, queue, delivery, clock, metrics);
    sender.kick(); // what waited while the server was stopped
    return new SmtpOutbox(queue, sender, clock);
  }

  /**
   * Keeps {@code message} until the mail server takes it, and returns.
   *
   * @throws IllegalArgumentException if its recipient is not one plain e-mail address (nothing is kept)
   * @throws io.peerwork.jdbc.JournalStorageException if the database cannot keep it
   */
  @Override
  public void send(OutgoingMessage message) {
    Objects.requireNonNull(message, "message");
    MailText.address(message.to());
    queue.enqueue(message, clock.instant());
    sender.kick();
  }

  /** How many messages wait to be sent. Blocking: reads the database. */
  public long waiting() {
    return queue.unsent();
  }

  /**
   * Sends no more, after waiting a few seconds for the messages being sent to be recorded; call
   * before Vert.x closes. Messages handed over later are kept and sent at the next start.
   */
  public void stopSending() {
    sender.stop(java.time.Duration.ofSeconds(5));
  }

  /**
   * Sends no more: completes once the messages being sent are recorded, or after a few seconds,
   * without blocking (for a server closing on its event loop).
   */
  public io.vertx.core.Future<Void> stoppingToSend() {
    return sender.stopping(java.time.Duration.ofSeconds(5));
  }

  /** {@link #stopSending()}, and releases the queue's connections: call after Vert.x is closed. */
  @Override
  public void close() {
    stopSending();
    queue.close();
  }

  /**
   * Forgets every message to {@code email}, waiting or sent (for erasing a person's data; see
   * {@link MailQueue#forget}). Blocks on the database: call it off the event loop.
   *
   * @return how many messages were forgotten
   */
  public int forget(String email) {
    return queue.forget(email);
  }
}
