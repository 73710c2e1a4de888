package io.peerwork.server.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Caps how many sessions and series one client network (an IPv4 address, or the /64 of an IPv6
 * address) may ask to create per hour: {@code POST /api/sessions} and {@code POST /api/series} pass
 * through here first, and beyond the cap are answered {@code 429 CREATION_RATE_LIMITED}. A request
 * that carries the organizer key is not counted: the organiser's own application may create as many
 * as it needs. The counts are token buckets in memory (refilled evenly over the hour).
 */
public final class CreationLimits implements Handler<RoutingContext> {
  private final RateLimits buckets;
  private final String organizerKey;
  private final MeterRegistry metrics;

  /** {@code perHour} creations per client network and hour; none counted with {@code organizerKey}. */
  public CreationLimits(int perHour, String organizerKey, MeterRegistry metrics) {
    this.buckets = new RateLimits(perHour / 3600.0, perHour);
    this.organizerKey = organizerKey;
    this.metrics = metrics;
  }

  /** Mounts this in front of the creating endpoints; call before the API's own routes. */
  public void mount(Router router) {
    router.post("/api/sessions").handler(this);
    router.post("/api/series").handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (organizer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))
        || buckets.tryAcquire("create " + network(ctx))) {
      ctx.next();
      return;
    }
    Refusals.count(metrics, Refusals.CREATIONS);
    ctx.fail(new ApiError(ApiError.Code.CREATION_RATE_LIMITED,
        "too many sessions or series created from your network in the last hour; try again later"));
  }

  private boolean organizer(String auth) {
    return !organizerKey.isEmpty() && auth != null && MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8),
        ("Bearer " + organizerKey).getBytes(StandardCharsets.UTF_8));
  }

  private static String network(RoutingContext ctx) {
    return SocketLimits.network(ClientAddress.of(ctx));
  }
}
