package io.peerwork.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Role;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real server on a random port, and blocking HTTP and WebSocket clients for tests. */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final PeerworkServer server;
  final Vertx clientVertx = Vertx.vertx();
  final HttpClient http = HttpClient.newHttpClient();

  /** Held, so that its level stays set (JUL keeps loggers only weakly). */
  private static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger(PeerworkServer.class.getName());

  /** Held likewise: the formats each test server lists at start (PluginsFolderTest asserts them). */
  private static final java.util.logging.Logger FORMATS_LOG =
      java.util.logging.Logger.getLogger(io.peerwork.server.internal.InstalledFormats.class.getName());

  static {
    // Test servers run without an organizer key on purpose; PublicProfileTest asserts the warning.
    SERVER_LOG.setLevel(java.util.logging.Level.SEVERE);
    FORMATS_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  TestServer() throws Exception {
    this(List.of());
  }

  TestServer(List<com.google.inject.Module> overrides) throws Exception {
    this(ServerConfig.defaults().withPort(0).withSeedDemo(true)
        .withDataDirectory(Files.createTempDirectory("peerwork-test")), overrides);
  }

  /**
   * A server started with {@code config}; where the config listens on every interface (the
   * default's {@code 0.0.0.0}), on loopback only: no test server is reachable from the network.
   */
  TestServer(ServerConfig config, List<com.google.inject.Module> overrides) throws Exception {
    server = PeerworkServer.start(onLoopback(config), overrides)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** {@code c}, listening on 127.0.0.1 where it would listen on every interface. */
  static ServerConfig onLoopback(ServerConfig c) {
    return c.host().equals("0.0.0.0") || c.host().equals("::") ? c.withHost(LOOPBACK) : c;
  }

  /** Where test servers listen. */
  static final String LOOPBACK = "127.0.0.1";

  /** {@code c} without the caps per client address on creating sessions and on open sockets. */
  static ServerConfig manyCreationsFromOneAddress(ServerConfig c) {
    ServerConfig.Limits l = c.limits();
    return c.withLimits(new ServerConfig.Limits(l.maxRooms(), l.maxSeriesOwners(), l.maxMembersPerSession(),
        l.maxSocketsPerPerson(), 100_000, 100_000, l.httpIdleTimeout(), l.requestTimeout()));
  }

  /**
   * For tests that join many people from this one address: no per-client join limit (the per-link
   * limit stays as it is by default).
   */
  static com.google.inject.Module manyJoinsFromOneAddress() {
    return binder -> binder.bind(io.peerwork.server.internal.JoinLimits.class).toInstance(
        new io.peerwork.server.internal.JoinLimits(1_000_000, Duration.ofMillis(1), 3, 20));
  }

  String base() {
    return "http://localhost:" + server.port();
  }

  /** The demo session of the tests' own format (real formats may be on the class path too). */
  PeerworkServer.DemoSession demo() {
    return server.demoSessions().stream().filter(d -> d.formatId().equals("test-kitchen") && d.language().equals("de"))
        .findFirst().orElseThrow();
  }

  record Response(int status, JsonNode body) {}

  Response get(String path) throws Exception {
    return get(path, null);
  }

  Response get(String path, String bearer) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b.build());
  }

  Response post(String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Response post(String path, String body, String bearer) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b.build());
  }

  /** A GET whose answer is not JSON: status, content type and text. */
  HttpResponse<String> getText(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Response send(HttpRequest r) throws Exception {
    HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
    return new Response(res.statusCode(), res.body().isEmpty() ? null : JSON.readTree(res.body()));
  }

  /** Joins the session with an invite code: the join answer (token, participantId, role). */
  JsonNode join(String sessionId, String code, String name) throws Exception {
    ObjectNode b = JSON.createObjectNode();
    b.put("displayName", name);
    b.put("code", code);
    Response r = post("/api/sessions/" + sessionId + "/join", b.toString());
    if (r.status() != 200) {
      throw new AssertionError("join failed: " + r.status() + " " + r.body());
    }
    return r.body();
  }

  JsonNode joinDemo(Role role, String name) throws Exception {
    return join(demo().sessionId(), demo().invites().get(role), name);
  }

  Client connect(JsonNode joined) throws Exception {
    return connect(joined.path("sessionId").asText(), joined.path("token").asText(), null, null);
  }

  Client connect(String sessionId, String token, String query, String origin) throws Exception {
    return connectWith(sessionId, token, query, origin == null ? java.util.Map.of() : java.util.Map.of("Origin", origin));
  }

  /**
   * A room socket with extra handshake {@code headers}, through the JDK's WebSocket client. Not
   * Vert.x's: its {@code ClientWebSocket} (5.0.7) fails its own connect with "WebSocket is closed"
   * when the server's close frame arrives in the same read as the handshake answer, which is what a
   * refused socket (an error frame, then 4429 or 4403) looks like on a quick machine, and the error
   * frame is lost with it.
   */
  Client connectWith(String sessionId, String token, String query, java.util.Map<String, String> headers) throws Exception {
    URI uri = URI.create("ws://localhost:" + server.port() + "/ws/sessions/" + sessionId + "?token=" + token
        + (query == null ? "" : "&" + query));
    var client = new Client();
    var builder = http.newWebSocketBuilder();
    headers.forEach(builder::header);
    java.net.http.WebSocket ws;
    try {
      ws = builder.buildAsync(uri, client.listener()).get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
        throw new IllegalStateException("the handshake was refused with " + refused.getResponse().statusCode(), e);
      }
      throw e;
    }
    client.link = new Link() {
      @Override
      public void send(String text) {
        ws.sendText(text, true).join();
      }

      @Override
      public void close() {
        ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "").join();
      }
    };
    return client;
  }

  /** A client socket as a test uses it. */
  interface Link {
    /** Sends one text message, and returns once it is written. */
    void send(String text);

    /** Starts the closing handshake. */
    void close();
  }

  /** A Vert.x client socket {@code ws} (before it connects) feeding {@code client}, for tests that need its options. */
  static void attach(Client client, io.vertx.core.http.WebSocketBase ws) {
    ws.textMessageHandler(text -> client.frames.add(parse(text)));
    ws.closeHandler(v -> {
      client.closeStatus = ws.closeStatusCode();
      client.closed = true;
    });
    client.link = new Link() {
      @Override
      public void send(String text) {
        ws.writeTextMessage(text).toCompletionStage().toCompletableFuture().join();
      }

      @Override
      public void close() {
        ws.close().toCompletionStage().toCompletableFuture().join();
      }
    };
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A WebSocket with every frame it received, in order. */
  static final class Client {
    Link link;
    volatile boolean closed;
    /** The status of the close frame the server sent; null while open (or if none came). */
    volatile Short closeStatus;
    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final List<JsonNode> seen = new ArrayList<>();
    private int nextId = 1;
    /**
     * Ids are a person's own across connections, as protocol.md asks: a command id the session has
     * carried out is answered, not carried out again. So each client numbers its frames after a
     * prefix of its own.
     */
    private final String idPrefix = "r" + Long.toString(java.util.concurrent.ThreadLocalRandom.current()
        .nextLong(Long.MAX_VALUE), 36) + "-";
    /** The view this client holds (from view and snapshot frames, with patch frames applied), and its seq. */
    private JsonNode latestView;
    private long viewSeq = -1;

    /** Takes a frame in order of arrival: keeps it, and keeps the view up to date as a page does. */
    private void take(JsonNode f) {
      seen.add(f);
      switch (f.path("type").asText()) {
        case "view", "snapshot" -> {
          latestView = f.path("view");
          viewSeq = f.path("seq").asLong();
        }
        case "patch" -> {
          if (latestView == null || f.path("base").asLong() != viewSeq) {
            throw new AssertionError("a patch for the view at " + f.path("base") + ", but this client has " + viewSeq);
          }
          latestView = io.peerwork.server.internal.ViewPatches.apply((ObjectNode) latestView, f.path("ops"));
          viewSeq = f.path("seq").asLong();
        }
        default -> { }
      }
    }

    /** Sends a command or message; returns its request id. */
    String send(String type, Object... fields) {
      ObjectNode f = JSON.createObjectNode();
      String id = idPrefix + nextId++;
      f.put("type", type);
      f.put("id", id);
      for (int i = 0; i < fields.length; i += 2) {
        f.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
      }
      sendRaw(f.toString());
      return id;
    }

    /**
     * Sends {@code text}. A socket the server has closed meanwhile takes nothing, as in a browser:
     * the test sees {@link #closed} and {@link #closeStatusCode()}.
     */
    void sendRaw(String text) {
      try {
        link.send(text);
      } catch (java.util.concurrent.CompletionException e) {
        if (!(e.getCause() instanceof java.io.IOException)) {
          throw e;
        }
      }
    }

    /** The status of the server's close frame, or null while open. */
    Short closeStatusCode() {
      return closeStatus;
    }

    /** Receives for this client: whole text messages in order, the close frame's status. */
    java.net.http.WebSocket.Listener listener() {
      var partial = new StringBuilder();
      return new java.net.http.WebSocket.Listener() {
        @Override
        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
          partial.append(data);
          if (last) {
            frames.add(parse(partial.toString()));
            partial.setLength(0);
          }
          ws.request(1);
          return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int status, String reason) {
          closeStatus = (short) status;
          closed = true;
          return null;
        }

        @Override
        public void onError(java.net.http.WebSocket ws, Throwable error) {
          closed = true;
        }
      };
    }

    /** Waits for the first frame (after those already taken) matching {@code p}. */
    JsonNode await(Predicate<JsonNode> p) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      for (JsonNode f : seen) {
        if (p.test(f) && !f.has("_taken")) {
          ((ObjectNode) f).put("_taken", true);
          return f;
        }
      }
      while (true) {
        long left = deadline - System.nanoTime();
        JsonNode f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (f == null) {
          throw new AssertionError("no matching frame within 10 s; seen: " + seen);
        }
        take(f);
        if (p.test(f)) {
          ((ObjectNode) f).put("_taken", true);
          return f;
        }
      }
    }

    /** The answer (ack, rejected or error) to request {@code id}. */
    JsonNode answer(String id) throws InterruptedException {
      return await(f -> id.equals(f.path("id").asText(null)));
    }

    /** Sends and expects an ack. */
    JsonNode ok(String type, Object... fields) throws InterruptedException {
      JsonNode a = answer(send(type, fields));
      if (!"ack".equals(a.path("type").asText())) {
        throw new AssertionError(type + " was not acknowledged: " + a);
      }
      return a;
    }

    /** Waits until the latest view (from a view or snapshot frame, patched by patch frames) satisfies {@code p}. */
    JsonNode view(Predicate<JsonNode> p) throws InterruptedException {
      if (latestView != null && p.test(latestView)) {
        return latestView;
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (true) {
        JsonNode f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (f == null) {
          throw new AssertionError("no matching view within 10 s; seen: " + seen);
        }
        take(f);
        if (latestView != null && p.test(latestView)) {
          return latestView;
        }
      }
    }

    /** The view this client holds after taking every frame that has arrived (no waiting); null before any. */
    JsonNode viewNow() {
      for (JsonNode f = frames.poll(); f != null; f = frames.poll()) {
        take(f);
      }
      return latestView;
    }

    /** Drains frames for {@code millis} ms: what arrived. */
    List<JsonNode> drain(long millis) throws InterruptedException {
      var got = new ArrayList<JsonNode>();
      long deadline = System.currentTimeMillis() + millis;
      while (System.currentTimeMillis() < deadline) {
        JsonNode f = frames.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        if (f != null) {
          take(f);
          got.add(f);
        }
      }
      return got;
    }

    /** Every event sequence number received so far (after a drain). */
    List<Long> eventSeqs() {
      var out = new ArrayList<Long>();
      for (JsonNode f : seen) {
        if (f.path("type").asText().equals("event")) {
          out.add(f.path("seq").asLong());
        }
      }
      return out;
    }

    /** Closes the socket (nothing to do if the server closed it). */
    void close() {
      if (closed) {
        return;
      }
      try {
        link.close();
      } catch (java.util.concurrent.CompletionException e) {
        if (!(e.getCause() instanceof java.io.IOException)) {
          throw e;
        }
      }
    }
  }

  static String lower(Role r) {
    return r.name().toLowerCase(Locale.ROOT);
  }

  /** Closes the clients and the server; an interruption is kept and reported as an unchecked failure. */
  @Override
  public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      clientVertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the test server", e);
    }
  }
}
