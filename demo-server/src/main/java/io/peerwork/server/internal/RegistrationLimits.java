package io.peerwork.server.internal;

import io.peerwork.core.series.SeriesState;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * How often series registrations may be asked for (see docs/api.md, "Series"): per client network,
 * and how many confirmation messages one mailbox may receive. Counts a client by its IPv4 address or
 * the /64 of its IPv6 address, and a mailbox by its address in lower case without {@code +tag}.
 */
public final class RegistrationLimits {
  /** Registration requests one client address may make at once, and how fast that refills. */
  public static final int REGISTRATIONS_PER_CLIENT_BURST = 30;
  public static final Duration REGISTRATION_INTERVAL_PER_CLIENT = Duration.ofSeconds(20);
  /**
   * Confirmation messages one e-mail address may receive at once, asked for from one client, and
   * how fast that refills; from all clients together it may receive {@link #MESSAGES_PER_ADDRESS_ALL_BURST}.
   * (Keyed per client as well, so that someone else asking for an address does not use up its
   * owner's messages; addresses count without {@code +tags}.)
   */
  public static final int MESSAGES_PER_ADDRESS_BURST = 3;
  public static final int MESSAGES_PER_ADDRESS_ALL_BURST = 10;
  public static final Duration MESSAGE_INTERVAL_PER_ADDRESS = Duration.ofMinutes(20);

  private final RateLimits perClient = new RateLimits(
      1.0 / REGISTRATION_INTERVAL_PER_CLIENT.toSeconds(), REGISTRATIONS_PER_CLIENT_BURST);
  private final RateLimits perAddress = new RateLimits(
      1.0 / MESSAGE_INTERVAL_PER_ADDRESS.toSeconds(), MESSAGES_PER_ADDRESS_BURST);
  private final RateLimits perAddressAll = new RateLimits(
      1.0 / MESSAGE_INTERVAL_PER_ADDRESS.toSeconds(), MESSAGES_PER_ADDRESS_ALL_BURST);

  RegistrationLimits() {}

  /** Whether the client network {@code client} (see {@link ClientAddress#networkOf}) may ask once more now. */
  boolean clientMayAsk(String client) {
    return perClient.tryAcquire(client);
  }

  /** Whether a confirmation message may go to {@code email} now, asked for from {@code client}. */
  boolean mayMail(String email, String client) {
    String mailbox = mailbox(email);
    return perAddress.tryAcquire(mailbox + "|" + client) && perAddressAll.tryAcquire(mailbox);
  }

  /** An address as the mailbox it reaches, for the limits ({@link io.peerwork.core.series.Mailboxes#mailbox}). */
  static String mailbox(String email) {
    return io.peerwork.core.series.Mailboxes.mailbox(email);
  }
}
