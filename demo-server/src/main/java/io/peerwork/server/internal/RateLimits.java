package io.peerwork.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.SessionId;
import java.time.Duration;

/**
 * Token buckets, kept in a Caffeine cache that forgets a key once its bucket would be full again.
 * In rooms they are keyed by person and session rather than socket, so reconnecting does not refill
 * the bucket; the series API keys them by client address and by e-mail address.
 */
public final class RateLimits {
  private final double perSecond;
  private final double burst;
  private final Cache<String, Bucket> buckets;

  /**
   * @param perSecond how fast a bucket refills
   * @param burst how many a full bucket allows at once
   */
  public RateLimits(double perSecond, double burst) {
    this.perSecond = perSecond;
    this.burst = burst;
    long refillSeconds = (long) Math.ceil(burst / perSecond);
    this.buckets = Caffeine.newBuilder()
        .expireAfterAccess(Duration.ofSeconds(Math.max(300, refillSeconds))).maximumSize(100_000).build();
  }

  /** Whether one more frame is allowed now. */
  public boolean tryAcquire(SessionId session, ParticipantId who) {
    return tryAcquire(session.value() + "/" + who.value());
  }

  /** Whether one more is allowed now for {@code key}. */
  public boolean tryAcquire(String key) {
    Bucket b = buckets.get(key, k -> new Bucket(burst, System.nanoTime()));
    synchronized (b) {
      long now = System.nanoTime();
      b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * perSecond);
      b.at = now;
      if (b.tokens < 1) {
        return false;
      }
      b.tokens -= 1;
      return true;
    }
  }

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }
}
