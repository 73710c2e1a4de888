package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.peerwork.core.SessionId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint {@code /ws/sessions/<id>?token=...&since=...}: checks the Origin and the
 * token during the handshake (refusing with 403 or 401), then hands the socket to a {@link
 * Connection}.
 */
public final class WebSockets {
  /** The sockets open now, to close them when the server stops. */
  private final java.util.Set<ServerWebSocket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Closes every open socket with {@code code} (1012 when the server stops: clients reconnect). */
  public void closeAll(short code, String reason) {
    for (ServerWebSocket ws : open) {
      if (!ws.isClosed()) {
        ws.close(code, reason);
      }
    }
  }

  private static final Logger LOG = Logger.getLogger(WebSockets.class.getName());
  private static final String PREFIX = "/ws/sessions/";

  private final Tokens tokens;
  private final ObjectMapper json;
  private final RoomRegistry rooms;
  private final RateLimits limits;
  private final List<String> allowedOrigins;
  private final SeriesSessions series;
  private final java.time.Clock clock;
  private final SocketLimits sockets;
  private final ClientAddress clients;
  private final MeterRegistry metrics;
  private final long pingEvery;
  private final ClientFrames reader = new ClientFrames(io.peerwork.jackson.PeerworkJackson.newStrictObjectMapper());

  public WebSockets(Tokens tokens, ObjectMapper json, RoomRegistry rooms, RateLimits limits,
      List<String> allowedOrigins, SeriesSessions series, java.time.Clock clock) {
    this(tokens, json, rooms, limits, allowedOrigins, series, clock, new SocketLimits(Integer.MAX_VALUE,
        Integer.MAX_VALUE), ClientAddress.NO_PROXIES, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
        Duration.ofSeconds(30));
  }

  /**
   * @param maxPerPerson open sockets one person may have in one session
   * @param maxPerAddress open sockets one client network may have
   * @param clients who the client of a socket is (behind trusted proxies, the forwarded one)
   * @param idle the HTTP idle timeout: each socket is pinged at half of it, so a quiet room stays open
   */
  public WebSockets(Tokens tokens, ObjectMapper json, RoomRegistry rooms, RateLimits limits,
      List<String> allowedOrigins, SeriesSessions series, java.time.Clock clock, int maxPerPerson,
      int maxPerAddress, ClientAddress clients, MeterRegistry metrics, Duration idle) {
    this(tokens, json, rooms, limits, allowedOrigins, series, clock, new SocketLimits(maxPerPerson, maxPerAddress),
        clients, metrics, idle);
  }

  private WebSockets(Tokens tokens, ObjectMapper json, RoomRegistry rooms, RateLimits limits,
      List<String> allowedOrigins, SeriesSessions series, java.time.Clock clock, SocketLimits sockets,
      ClientAddress clients, MeterRegistry metrics, Duration idle) {
    this.sockets = sockets;
    this.clients = clients;
    this.metrics = metrics;
    this.pingEvery = Math.max(100, idle.toMillis() / 2);
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
    if (me.linkGeneration().isPresent()) {
      // A token made from a personal link of a series: its links may have been signed out since.
      // The socket takes no frame until the series has answered.
      ws.pause();
      io.vertx.core.Context here = io.vertx.core.Vertx.currentContext();
      SessionId session = id;
      series.linkSignedOut(id, me.participant(), me.linkGeneration().getAsInt()).onComplete(ar -> here.runOnContext(v -> {
        if (ws.isClosed()) {
          return;
        }
        if (ar.succeeded() && ar.result()) {
          ws.writeTextMessage(SeriesSessions.signedOutError(json));
          ws.close(SeriesSessions.CLOSE_SIGNED_OUT, "signed out");
          return;
        }
        if (ar.failed()) {
          // The series cannot be asked now: the token is signed and unexpired, so it is let in (an
          // open socket is still closed when the links are signed out).
          LOG.fine(() -> "sign-outs of " + session + " not checked: " + ar.cause());
        }
        admit(ws, session, me);
        ws.resume();
      }));
      return;
    }
    admit(ws, id, me);
  }

  /** A socket whose token holds: counted against the caps, then its connection starts. */
  private void admit(ServerWebSocket ws, SessionId id, Tokens.Claims me) {
    // Caps per person and per client network: the socket is accepted, told why in an error frame and
    // closed with 4429, because a browser cannot read the status of a refused handshake.
    String person = id.value() + "/" + me.participant().value();
    String network = ClientAddress.network(clients.of(ws.remoteAddress(), ws.headers()));
    var refused = sockets.open(person, network);
    if (refused.isPresent()) {
      Refusals.count(metrics, refused.get());
      boolean perPerson = refused.get().equals(Refusals.SOCKETS_PER_PERSON);
      LOG.fine(() -> "WebSocket refused: " + refused.get() + " for " + person + " from " + network);
      var f = json.createObjectNode();
      f.put("type", "error");
      f.putNull("id");
      f.put("code", ApiError.Code.TOO_MANY_CONNECTIONS.name());
      f.put("message", perPerson ? "you have too many connections to this session open; close one (another tab?)"
          : "too many connections from your network");
      ws.writeTextMessage(f.toString());
      ws.close(CLOSE_TOO_MANY, "too many connections");
      return;
    }
    long since = parseLong(query(ws.query(), "since"), -1);
    long chatSince = parseLong(query(ws.query(), "chatSince"), 0);
    String epoch = query(ws.query(), "chatEpoch");
    var vertx = io.vertx.core.Vertx.currentContext().owner();
    long pinger = vertx.setPeriodic(pingEvery, t -> {
      if (!ws.isClosed()) {
        ws.writePing(Buffer.buffer()); // traffic, so the HTTP idle timeout does not close a quiet room
      }
    });
    String token = query(ws.query(), "token");
    SessionId session = id;
    open.add(ws);
    new Connection(ws, me, json, reader, rooms, limits, series, clock)
        .recheckTokenWith(() -> tokens.verify(token, session), tokens.keyRetires(token))
        .onClose(() -> {
          open.remove(ws);
          vertx.cancelTimer(pinger);
          sockets.close(person, network);
        })
        .start(since, epoch == null ? "" : epoch, chatSince);
  }

  /** The close code of a socket over a cap of open sockets (after an error frame TOO_MANY_CONNECTIONS). */
  static final short CLOSE_TOO_MANY = 4429;

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
