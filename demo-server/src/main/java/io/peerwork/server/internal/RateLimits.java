package io.peerwork.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.SessionId;
import java.time.Duration;

/**
 * Token buckets per person and session, kept in a Caffeine cache that forgets quiet people. Keyed
 * by person rather than socket, so reconnecting does not refill the bucket.
 */
public final class RateLimits {
  private final double perSecond;
  private final double burst;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5)).maximumSize(100_000).build();

  public RateLimits(double perSecond, double burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Whether one more frame is allowed now. */
  public boolean tryAcquire(SessionId session, ParticipantId who) {
    Bucket b = buckets.get(session.value() + "/" + who.value(), k -> new Bucket(burst, System.nanoTime()));
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
