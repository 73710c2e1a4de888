package io.peerwork.server.internal;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the refusals of each cap of {@code ServerConfig.Limits}, as {@code
 * peerwork_limit_refusals_total{limit="..."}}: an operator sees which cap is reached, and how often.
 */
final class Refusals {
  static final String ROOMS = "rooms";
  static final String SERIES = "series";
  static final String MEMBERS_PER_SESSION = "members_per_session";
  static final String SOCKETS_PER_PERSON = "sockets_per_person";
  static final String SOCKETS_PER_ADDRESS = "sockets_per_address";
  static final String CREATIONS = "creations";

  private Refusals() {}

  /** Registers every cap's counter at 0, so that a rate can be watched before the first refusal. */
  static void registerAll(MeterRegistry metrics) {
    for (String limit : new String[] {ROOMS, SERIES, MEMBERS_PER_SESSION, SOCKETS_PER_PERSON, SOCKETS_PER_ADDRESS,
        CREATIONS}) {
      metrics.counter("peerwork.limit.refusals", "limit", limit);
    }
  }

  static void count(MeterRegistry metrics, String limit) {
    metrics.counter("peerwork.limit.refusals", "limit", limit).increment();
  }
}
