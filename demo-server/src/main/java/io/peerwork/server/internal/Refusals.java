package io.peerwork.server.internal;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the refusals of each cap of {@code ServerConfig.Limits}, and of the join, link, registration
 * and request-time limits, as {@code
 * peerwork_limit_refusals_total{limit="..."}}: an operator sees which cap is reached, and how often.
 */
public final class Refusals {
  static final String ROOMS = "rooms";
  static final String SERIES = "series";
  static final String MEMBERS_PER_SESSION = "members_per_session";
  static final String SOCKETS_PER_PERSON = "sockets_per_person";
  static final String SOCKETS_PER_ADDRESS = "sockets_per_address";
  static final String CREATIONS = "creations";
  /** Joins from one client network to one session ({@code JoinLimits}): {@code JOIN_RATE_LIMITED}. */
  static final String JOINS_PER_CLIENT = "joins_per_client";
  /** People one invite link admits ({@code JoinLimits}): {@code INVITE_EXHAUSTED}. */
  static final String JOINS_PER_LINK = "joins_per_link";
  /** Registration requests and confirmation mails per client and mailbox ({@code RegistrationLimits}): {@code RATE_LIMITED}. */
  static final String REGISTRATIONS = "registrations";
  /** API requests not answered within {@code request-timeout-seconds}: {@code REQUEST_TIMEOUT}. */
  static final String REQUEST_TIMEOUT = "request_timeout";

  /** The HTTP answer codes that mean a limit was reached, and the limit each counts for. */
  private static final java.util.Map<String, String> BY_CODE = java.util.Map.of(
      ApiError.Code.JOIN_RATE_LIMITED.name(), JOINS_PER_CLIENT,
      ApiError.Code.INVITE_EXHAUSTED.name(), JOINS_PER_LINK,
      ApiError.Code.RATE_LIMITED.name(), REGISTRATIONS,
      ApiError.Code.REQUEST_TIMEOUT.name(), REQUEST_TIMEOUT);
  /** Where the HTTP API finds the registry to count its answers in (put by {@link #onApi}). */
  private static final String REGISTRY = "peerwork.metrics";

  private Refusals() {}

  /** Registers every cap's counter at 0, so that a rate can be watched before the first refusal. */
  static void registerAll(MeterRegistry metrics) {
    for (String limit : new String[] {ROOMS, SERIES, MEMBERS_PER_SESSION, SOCKETS_PER_PERSON, SOCKETS_PER_ADDRESS,
        CREATIONS, JOINS_PER_CLIENT, JOINS_PER_LINK, REGISTRATIONS, REQUEST_TIMEOUT}) {
      metrics.counter("peerwork.limit.refusals", "limit", limit);
    }
  }

  /** A route handler for {@code /api/*} that lets the API's answers be counted in {@code metrics}. */
  public static io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> onApi(MeterRegistry metrics) {
    return ctx -> {
      ctx.put(REGISTRY, metrics);
      ctx.next();
    };
  }

  /** Counts an HTTP answer with {@code code} if it means a limit was reached. */
  static void countAnswer(io.vertx.ext.web.RoutingContext ctx, String code) {
    String limit = BY_CODE.get(code);
    MeterRegistry metrics = ctx.get(REGISTRY);
    if (limit != null && metrics != null) {
      count(metrics, limit);
    }
  }

  static void count(MeterRegistry metrics, String limit) {
    metrics.counter("peerwork.limit.refusals", "limit", limit).increment();
  }
}
