package io.peerwork.server.internal;

import static io.peerwork.server.internal.SeriesCalls.existing;
import static io.peerwork.server.internal.SeriesCalls.seriesId;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesState;
import io.vertx.ext.web.RoutingContext;

/**
 * The endpoints about personal links themselves (see docs/api.md, "Personal links"): asking for a
 * fresh link by mail, a person signing out all their links, the host signing out a person's links,
 * and the host's current host key after a key rotation. A revocation is recorded in the series
 * ({@link SeriesCommand.RevokePersonalLinks}); a fresh link then goes to the address only, so
 * whoever reads its mail, and nobody else, gets back in.
 */
final class SeriesLinkRoutes {
  private final ObjectMapper json;
  private final HttpApi sessions;
  private final SeriesTokens tokens;
  private final ApiAuth auth;
  private final SeriesCalls calls;
  private final SeriesMails mails;
  private final RegistrationLimits limits;
  private final SeriesSessions rooms;

  SeriesLinkRoutes(ObjectMapper json, HttpApi sessions, SeriesTokens tokens, ApiAuth auth, SeriesCalls calls,
      SeriesMails mails, RegistrationLimits limits, SeriesSessions rooms) {
    this.json = json;
    this.sessions = sessions;
    this.tokens = tokens;
    this.auth = auth;
    this.calls = calls;
    this.mails = mails;
    this.limits = limits;
    this.rooms = rooms;
  }

  /**
   * Mails a fresh personal link (and calendar link) to {@code email} if the series knows it; answers
   * {@code 202 LINK_SENT} either way, so nobody learns who is registered. Limited like registrations:
   * per client network ({@code 429 RATE_LIMITED}) and per mailbox (silently).
   */
  void sendLink(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String client = ClientAddress.networkOf(ctx);
    if (!limits.clientMayAsk(client)) {
      throw new ApiError(ApiError.Code.RATE_LIMITED, "too many requests from this network; try again in a minute");
    }
    String email = SeriesState.normalize(sessions.body(ctx).path("email").asText(""));
    if (email.length() > 254 || email.indexOf('@') < 1 || email.indexOf('@') == email.length() - 1) {
      throw new ApiError(io.peerwork.core.RejectionCode.INVALID_EMAIL.name(), 400, "not an e-mail address");
    }
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      if (s.knows(email) && limits.mayMail(email, client)) {
        mails.send(mails.link(s, email));
      }
      return status("LINK_SENT");
    }).onSuccess(n -> HttpApi.ok(ctx, 202, n)).onFailure(ctx::fail);
  }

  /** The holder of a personal token signs out all their links; a fresh one goes to their address. */
  void revokeMine(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    String client = ClientAddress.networkOf(ctx);
    calls.call(id, live -> {
      String email = me.holder(existing(live.state()));
      return revoke(live, email, client);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** The host signs out a person's links ({@code {"email"}}); a fresh one goes to the person's address. */
  void revokeFor(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    String email = sessions.body(ctx).path("email").asText("");
    String client = ClientAddress.networkOf(ctx);
    calls.call(id, live -> {
      existing(live.state());
      return revoke(live, email, client);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private ObjectNode revoke(io.peerwork.core.series.LiveSeries live, String email, String client) {
    SeriesState s = calls.handle(live, new SeriesCommand.RevokePersonalLinks(email));
    String e = SeriesState.normalize(email);
    // Session tokens made from the links end with them, and so do the sockets opened with those.
    rooms.signOut(s, e);
    if (limits.mayMail(e, client)) {
      mails.send(mails.revoked(s, e));
    }
    ObjectNode n = status("LINKS_REVOKED");
    n.put("email", e);
    return n;
  }

  /**
   * The series' host key under the current key, for a host (or organiser) who still holds the one
   * made with the previous key during a rotation: {@code {"hostKey", "hostLink"}}.
   */
  void hostKey(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    calls.call(id, live -> {
      existing(live.state());
      ObjectNode n = json.createObjectNode();
      n.put("hostKey", tokens.seriesHostKey(id));
      n.put("hostLink", "/host.html?series=" + id.value() + "&key=" + tokens.seriesHostKey(id));
      return n;
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private ObjectNode status(String status) {
    ObjectNode n = json.createObjectNode();
    n.put("status", status);
    return n;
  }
}
