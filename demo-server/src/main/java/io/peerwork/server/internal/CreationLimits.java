package io.peerwork.server.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Caps how many sessions and series one client network (an IPv4 address, or the /64 of an IPv6
 * address) may ask to create per hour: {@code POST /api/sessions} and {@code POST /api/series} pass
 * through here first, and beyond the cap are answered {@code 429 CREATION_RATE_LIMITED}. A request
 * that carries the organizer key is not counted: the organiser's own application may create as many
 * as it needs. The counts are token buckets in memory (refilled evenly over the hour).
 */
public final class CreationLimits implements Handler<RoutingContext> {
  private final RateLimits buckets;
  private final ApiAuth auth;
  private final MeterRegistry metrics;

  /** {@code perHour} creations per client network and hour; none counted for the organizer key ({@code auth}). */
  CreationLimits(int perHour, ApiAuth auth, MeterRegistry metrics) {
    this.buckets = new RateLimits(perHour / 3600.0, perHour);
    this.auth = auth;
    this.metrics = metrics;
  }

  /** Mounts this in front of the creating endpoints; call before the API's own routes. */
  public void mount(Router router) {
    router.post("/api/sessions").handler(this);
    router.post("/api/series").handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (auth.carriesOrganizerKey(ctx)
        || buckets.tryAcquire("create " + ClientAddress.networkOf(ctx))) {
      ctx.next();
      return;
    }
    Refusals.count(metrics, Refusals.CREATIONS);
    ctx.fail(new ApiError(ApiError.Code.CREATION_RATE_LIMITED,
        "too many sessions or series created from your network in the last hour; try again later"));
  }
}
