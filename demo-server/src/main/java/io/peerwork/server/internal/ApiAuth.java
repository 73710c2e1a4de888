package io.peerwork.server.internal;

import io.peerwork.core.series.SeriesId;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may call an HTTP endpoint, for the sessions API ({@link HttpApi}) and the series API ({@link
 * SeriesApi}) alike: reads the token a request carries ({@code Authorization: Bearer ...}, else
 * {@code ?token=} or {@code ?key=}) and checks it as the organizer key (compared in constant time), a
 * series' host key, or a participant's personal token. A failed check throws {@link ApiError}
 * ({@code INVALID_TOKEN}, or for a token {@code KEY_RETIRED}, {@code TOKEN_EXPIRED}).
 */
final class ApiAuth {
  private final SeriesTokens tokens;
  private final String organizerKey;

  /** @param organizerKey the organizer key; empty if anybody may create sessions and series */
  ApiAuth(SeriesTokens tokens, String organizerKey) {
    this.tokens = tokens;
    this.organizerKey = organizerKey;
  }

  /** The token of {@code Authorization: Bearer <token>}, or null. */
  static String bearer(RoutingContext ctx) {
    String auth = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : null;
  }

  /** The bearer token, else the query parameter {@code ?token=}; null if neither. */
  static String token(RoutingContext ctx) {
    String token = bearer(ctx);
    return token != null ? token : ctx.queryParams().get("token");
  }

  /** Passes if no organizer key is configured or the bearer token is it; {@code what} names the act refused. */
  void requireOrganizer(RoutingContext ctx, String what) {
    if (!organizerKey.isEmpty() && !isOrganizerKey(bearer(ctx))) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, what + " needs the organizer key");
    }
  }

  /** Whether the request carries the organizer key as its bearer token (never if none is set). */
  boolean carriesOrganizerKey(RoutingContext ctx) {
    return isOrganizerKey(bearer(ctx));
  }

  /** Passes if the bearer token (else {@code ?key=}) is the host key of {@code id} or the organizer key. */
  void requireHost(RoutingContext ctx, SeriesId id) {
    String given = bearer(ctx);
    if (given == null) {
      given = ctx.queryParams().get("key");
    }
    if (!isOrganizerKey(given) && !tokens.isSeriesHostKey(id, given)) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "this needs the series' host key (or the organizer key)");
    }
  }

  /**
   * The participant of {@code id} whose personal token the request carries; whether it was revoked
   * since, {@link SeriesTokens.Personal#holder} tells on the series' owner.
   */
  SeriesTokens.Personal personal(RoutingContext ctx, SeriesId id) {
    return tokens.verifySeries(token(ctx), id);
  }

  /** The person whose calendar token (or personal token) of {@code id} the request carries. */
  SeriesTokens.Personal calendarOwner(RoutingContext ctx, SeriesId id) {
    return tokens.verifySeriesCalendar(token(ctx), id);
  }

  /** Whether {@code given} is the configured organizer key, compared in constant time; never if none is set. */
  private boolean isOrganizerKey(String given) {
    return !organizerKey.isEmpty() && given != null && MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), organizerKey.getBytes(StandardCharsets.UTF_8));
  }
}
