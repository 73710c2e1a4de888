package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerwork.core.SessionId;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.List;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint {@code /ws/sessions/<id>?token=...&since=...}: checks the Origin and the
 * token during the handshake (refusing with 403 or 401), then hands the socket to a {@link
 * Connection}.
 */
public final class WebSockets {
  private static final Logger LOG = Logger.getLogger(WebSockets.class.getName());
  private static final String PREFIX = "/ws/sessions/";

  private final Tokens tokens;
  private final ObjectMapper json;
  private final RoomRegistry rooms;
  private final RateLimits limits;
  private final List<String> allowedOrigins;
  private final SeriesSessions series;
  private final java.time.Clock clock;
  private final ClientFrames reader = new ClientFrames(io.peerwork.jackson.PeerworkJackson.newStrictObjectMapper());

  public WebSockets(Tokens tokens, ObjectMapper json, RoomRegistry rooms, RateLimits limits,
      List<String> allowedOrigins, SeriesSessions series, java.time.Clock clock) {
    this.clock = clock;
    this.series = series;
    this.tokens = tokens;
    this.json = json;
    this.rooms = rooms;
    this.limits = limits;
    this.allowedOrigins = allowedOrigins;
  }

  /** Accepts or refuses the handshake. */
  public void handshake(ServerWebSocketHandshake h) {
    if (!h.path().startsWith(PREFIX)) {
      h.reject(404);
      return;
    }
    if (!originAllowed(h.headers().get("Origin"), h.authority())) {
      LOG.info(() -> "WebSocket refused: origin " + h.headers().get("Origin"));
      h.reject(403);
      return;
    }
    try {
      SessionId id = SessionId.of(h.path().substring(PREFIX.length()));
      tokens.verify(query(h.query(), "token"), id);
    } catch (ApiError | IllegalArgumentException e) {
      h.reject(401);
      return;
    }
    h.accept();
  }

  /** An accepted socket: start its connection. */
  public void connected(ServerWebSocket ws) {
    SessionId id;
    Tokens.Claims me;
    try {
      id = SessionId.of(ws.path().substring(PREFIX.length()));
      me = tokens.verify(query(ws.query(), "token"), id);
    } catch (ApiError | IllegalArgumentException e) {
      // The handshake checked the token a moment ago; if it expired since, close rather than leave a
      // socket open with no one listening to it.
      ws.close((short) 4401, "invalid token");
      return;
    }
    long since = parseLong(query(ws.query(), "since"), -1);
    long chatSince = parseLong(query(ws.query(), "chatSince"), 0);
    String epoch = query(ws.query(), "chatEpoch");
    new Connection(ws, me, json, reader, rooms, limits, series, clock).start(since, epoch == null ? "" : epoch, chatSince);
  }

  boolean originAllowed(String origin, HostAndPort authority) {
    if (origin == null) {
      return true; // not a browser: Origin protects browsers from other sites' pages
    }
    if (!allowedOrigins.isEmpty()) {
      return allowedOrigins.contains(origin) || allowedOrigins.contains("*");
    }
    try {
      URI u = URI.create(origin);
      if (u.getHost() == null || authority == null) {
        return false;
      }
      int port = u.getPort() != -1 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80);
      int hostPort = authority.port() > 0 ? authority.port() : port;
      return u.getHost().equalsIgnoreCase(authority.host()) && port == hostPort;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String query(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String part : query.split("&")) {
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      if (k.equals(name)) {
        return java.net.URLDecoder.decode(eq < 0 ? "" : part.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static long parseLong(String s, long dflt) {
    try {
      return s == null ? dflt : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }
}
