package io.peerwork.server.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How many people an invite link admits, in one place (see docs/api.md, "Joining"):
 *
 * <ul>
 *   <li>per client network and session: {@code perClientBurst} joins at once, then one more every
 *       {@code perClientRefill} ({@code JOIN_RATE_LIMITED});
 *   <li>per link and generation: at most {@link #perLink(int) max(linkFactor x capacity, capacity +
 *       linkExtra)} people ({@code INVITE_EXHAUSTED}); the host replaces the link to admit more.
 * </ul>
 *
 * <p>The per-client limit is generous on purpose: a room's people often share one network (an
 * office, a school, a reverse proxy that does not pass the client's address on), and the per-link
 * limit and the seats bound what one client can take anyway.
 *
 * @param perClientBurst joins a client network may make at once in one session (1 or more)
 * @param perClientRefill after how long a client network may make one more
 * @param linkFactor admitted per link generation, as a multiple of the capacity (1 or more)
 * @param linkExtra admitted per link generation at least, beyond the capacity (0 or more)
 */
public record JoinLimits(int perClientBurst, Duration perClientRefill, int linkFactor, int linkExtra) {
  /** 10 joins per client network at once, one more a minute; a link admits max(3 x capacity, capacity + 20). */
  public static final JoinLimits DEFAULTS = new JoinLimits(10, Duration.ofMinutes(1), 3, 20);

  /** Checks the ranges. */
  public JoinLimits {
    Objects.requireNonNull(perClientRefill, "perClientRefill");
    if (perClientBurst < 1 || perClientRefill.isNegative() || perClientRefill.isZero() || linkFactor < 1
        || linkExtra < 0) {
      throw new IllegalArgumentException("join limits out of range: " + perClientBurst + ", " + perClientRefill
          + ", " + linkFactor + ", " + linkExtra);
    }
  }

  /** How many people one generation of a link admits to a session of {@code capacity} seats. */
  public int perLink(int capacity) {
    return Math.max(linkFactor * capacity, capacity + linkExtra);
  }

  /**
   * The limits {@code --joins-per-client-at-once} and {@code --joins-per-client-per-minute} set
   * (the per-link limit as in {@link #DEFAULTS}): {@code atOnce} joins at once, then one more every
   * minute / {@code perMinute}.
   */
  public static JoinLimits of(int atOnce, int perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("joins per minute must be at least 1: " + perMinute);
    }
    return new JoinLimits(atOnce, Duration.ofNanos(Duration.ofMinutes(1).toNanos() / perMinute),
        DEFAULTS.linkFactor(), DEFAULTS.linkExtra());
  }

  /** The token buckets of the per-client limit. */
  RateLimits perClient() {
    return new RateLimits(1e9 / perClientRefill.toNanos(), perClientBurst);
  }
}
