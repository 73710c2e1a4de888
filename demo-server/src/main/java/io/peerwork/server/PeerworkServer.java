package io.peerwork.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.guice.FormatPlugins;
import io.peerwork.guice.PeerworkModule;
import io.peerwork.server.internal.ClientAddress;
import io.peerwork.server.internal.ClusterNodes;
import io.peerwork.server.internal.Membership;
import io.peerwork.server.internal.CreationLimits;
import io.peerwork.server.internal.DatabaseHealth;
import io.peerwork.server.internal.HttpApi;
import io.peerwork.server.internal.InstalledFormats;
import io.peerwork.server.internal.OperatorEndpoints;
import io.peerwork.server.internal.PublicUrl;
import io.peerwork.server.internal.RateLimits;
import io.peerwork.server.internal.RoomRegistry;
import io.peerwork.server.internal.SeriesApi;
import io.peerwork.server.internal.SeriesRegistry;
import io.peerwork.server.internal.SeriesSessions;
import io.peerwork.server.internal.ServerModule;
import io.peerwork.server.internal.SmtpOutbox;
import io.peerwork.server.internal.Tokens;
import io.peerwork.server.internal.WebSockets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The Peerwork demo server: HTTP API, WebSocket rooms and the web page, on one Vert.x instance.
 *
 * <pre>{@code
 * PeerworkServer server = PeerworkServer.start(ServerConfig.defaults().withPort(0)).toCompletionStage()
 *     .toCompletableFuture().join();
 * System.out.println(server.baseUrl());
 * server.close();
 * }</pre>
 */
public final class PeerworkServer {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(PeerworkServer.class.getName());

  /** What the server says at start when no organizer key is set. */
  public static final String OPEN_CREATION_WARNING = "NO ORGANIZER KEY: anyone who reaches this server can create"
      + " sessions and series. Fine for a demo on your own machine or network; before opening it to the public,"
      + " start it with --profile=production --organizer-key=... (docs/operations.md, \"Running it in public\").";
  private final Vertx vertx;
  private final WebSockets sockets;
  /** How long a stopping node waits for its rooms to be handed over. */
  private static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(10);
  private final HttpServer http;
  /** The management port's server, or null if there is none. */
  private final HttpServer management;
  private final Injector injector;
  private final String baseUrl;
  private final List<DemoSession> demos;
  /** The formats and the class loaders of the plugin jars, closed when the server stops. */
  private final FormatPlugins plugins;

  /**
   * A seeded demo session and the links to join it.
   *
   * @param sessionId the session
   * @param formatId its format
   * @param language the language of its title ({@code de} or {@code en}): one demo per format and language
   * @param title its title
   * @param invites invite codes by role
   * @param links join links by role, with the invite code filled in
   */
  public record DemoSession(String sessionId, String formatId, String language, String title, Map<Role, String> invites,
      Map<Role, String> links) {}

  private PeerworkServer(Vertx vertx, HttpServer http, HttpServer management, Injector injector, String baseUrl,
      List<DemoSession> demos, WebSockets sockets, FormatPlugins plugins) {
    this.sockets = sockets;
    this.plugins = plugins;
    this.vertx = vertx;
    // A node cut off from the quorum serves no room: its sockets go, so their pages reconnect
    // (through the proxy, which sees /health/ready DOWN here) to a node that serves.
    Membership membership = injector.getInstance(Membership.class);
    membership.onChange(() -> {
      if (!membership.quorate()) {
        sockets.closeAll((short) 1012, "this server is cut off from its cluster; reconnect");
      }
    });
    this.http = http;
    this.management = management;
    this.injector = injector;
    this.baseUrl = baseUrl;
    this.demos = List.copyOf(demos);
  }

  /** Starts a server with {@code config}. */
  public static Future<PeerworkServer> start(ServerConfig config) {
    return start(config, List.of());
  }

  /**
   * Starts a server with {@code config}; {@code overrides} replace bindings of the server's module
   * (e.g. the {@link io.peerwork.core.EventJournal} or the {@link Clock}).
   */
  public static Future<PeerworkServer> start(ServerConfig config, List<Module> overrides) {
    Objects.requireNonNull(config, "config");
    List<String> problems = config.productionProblems();
    if (!problems.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("the production profile does not start: "
          + String.join("; ", problems) + " (see docs/operations.md, \"Running it in public\")"));
    }
    java.util.Optional<String> clusterProblem = config.clusterProblem();
    if (clusterProblem.isPresent()) {
      return Future.failedFuture(new IllegalStateException(clusterProblem.get()));
    }
    if (config.organizerKey().isEmpty()) {
      LOG.warning(OPEN_CREATION_WARNING);
    }
    loadTimeZoneRules();
    FormatPlugins plugins;
    try {
      plugins = InstalledFormats.load(config.plugins(), PeerworkServer.class.getClassLoader());
    } catch (IllegalStateException e) {
      return Future.failedFuture(e); // --strict-plugins and a broken jar
    }
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    if (!config.cluster().enabled()) {
      Vertx vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
      return start(config, overrides, vertx, registry, Membership.single(config.cluster().nodeNameOrNew()), plugins)
          .onFailure(e -> plugins.close());
    }
    String node = config.cluster().nodeNameOrNew();
    return ClusterNodes.start(config.cluster(), node, options,
            b -> b.withMetrics(new MicrometerMetricsFactory(registry)))
        .compose(c -> {
          // Off the event loop that joined the cluster: making the server blocks (the database and
          // its migrations), and that loop carries the event bus's traffic from the other nodes.
          Promise<PeerworkServer> made = Promise.promise();
          Thread t = new Thread(() -> start(config, overrides, c.vertx(), registry, c.membership(), plugins)
              .onComplete(made),
              "peerwork-start");
          t.setDaemon(true);
          t.start();
          return made.future();
        })
        .onFailure(e -> plugins.close());
  }

  private static Future<PeerworkServer> start(ServerConfig config, List<Module> overrides, Vertx vertx,
      PrometheusMeterRegistry registry, Membership membership, FormatPlugins plugins) {
    Injector injector;
    try {
      Module server = Modules.override(new ServerModule(config, vertx, registry, membership)).with(overrides);
      injector = Guice.createInjector(new PeerworkModule(), PeerworkModule.formats(plugins.formats()), server);
      injector.getInstance(io.peerwork.core.series.Outbox.class); // a mail server's settings are checked now
    } catch (RuntimeException e) {
      vertx.close();
      return Future.failedFuture(e);
    }
    SeriesSessions seriesSessions = injector.getInstance(SeriesSessions.class);
    seriesSessions.start();
    ServerConfig.Limits limits = config.limits();
    var ws = new WebSockets(injector.getInstance(Tokens.class), injector.getInstance(ObjectMapper.class),
        injector.getInstance(RoomRegistry.class), injector.getInstance(RateLimits.class), config.allowedOrigins(),
        seriesSessions, injector.getInstance(java.time.Clock.class), limits.maxSocketsPerPerson(),
        limits.maxSocketsPerAddress(), injector.getInstance(ClientAddress.class), registry, limits.httpIdleTimeout());
    var operator = new OperatorEndpoints(vertx, config.management(), registry,
        injector.getInstance(DatabaseHealth.class), injector.getInstance(FormatRegistry.class).all().size(),
        config.cluster().enabled() ? java.util.Optional.of(membership) : java.util.Optional.empty());
    // One HTTP server per core, all on the same port: Vert.x hands each new connection to the next
    // one, so sockets spread over the event loops instead of all sharing the first.
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    PublicUrl publicUrl = injector.getInstance(PublicUrl.class);
    HttpServer[] managementServer = new HttpServer[1];
    // On a cluster, this node takes requests from the others before it says it is ready.
    Future<HttpServer> listening = injector.getInstance(RoomRegistry.class).ready().compose(v -> listenAll(vertx, config, instances,
        () -> httpServer(vertx, injector, config, operator, ws), 5, port -> {
          // links in messages name the port before the first request can ask for one
          if (config.publicUrl().isEmpty()) {
            publicUrl.set("http://localhost:" + port);
          }
        }));
    return listening
        .compose(s -> management(vertx, config, operator).map(m -> {
          managementServer[0] = m;
          return s;
        }))
        .compose(s -> {
          // The mid-month buddy mails: a round every few minutes from now on.
          injector.getInstance(SeriesApi.class).buddyMails().start();
          // Sessions of series that ended while the server was down get their outcomes recorded now.
          vertx.executeBlocking(() -> {
            seriesSessions.recover();
            return null;
          });
          // Free texts of dates past their series' retention are erased now, and then once a day.
          injector.getInstance(io.peerwork.server.internal.RetentionSweep.class).start();
          // Stored sessions whose format is not installed (any more) are told in the log now, not when joined.
          vertx.executeBlocking(() -> InstalledFormats.warnMissing(
              injector.getInstance(io.peerwork.core.EventJournal.class), injector.getInstance(FormatRegistry.class)));
          String base = config.publicUrl().isEmpty()
              ? "http://localhost:" + s.actualPort()
              : config.publicUrl().replaceAll("/+$", "");
          if (!config.seedDemo()) {
            return Future.succeededFuture(new PeerworkServer(vertx, s, managementServer[0], injector, base, List.of(), ws,
                plugins));
          }
          return seed(injector, base).map(d -> new PeerworkServer(vertx, s, managementServer[0], injector, base, d, ws,
              plugins));
        })
        .onFailure(e -> vertx.close());
  }

  /**
   * Loads the time-zone rules on the calling thread, before any event loop runs. The first {@code
   * ZoneId.of} loads them through a ServiceLoader, and ical4j's provider logs from its static
   * initializer, which needs JUL's console handler; if another event loop holds that handler's lock
   * at that moment (logging, e.g. Micrometer's warning about a gauge each server instance registers)
   * and its formatter asks for the zone rules, the two threads wait for each other forever: the
   * server answers nothing and no longer stops on SIGTERM (its shutdown waits for the same lock).
   */
  private static void loadTimeZoneRules() {
    java.time.zone.ZoneRulesProvider.getAvailableZoneIds();
    ZoneId.systemDefault();
  }

  /**
   * Starts {@code instances} servers on one port. Vert.x shares a port between servers that ask for
   * the same one, but not a port asked for as 0, so a free port is chosen first in that case (and
   * chosen again if another process takes it in between).
   */
  private static Future<HttpServer> listenAll(Vertx vertx, ServerConfig config, int instances,
      java.util.function.Supplier<HttpServer> make, int attempts, java.util.function.IntConsumer onPort) {
    int port = config.port();
    if (port == 0) {
      try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(config.host()))) {
        port = probe.getLocalPort();
      } catch (java.io.IOException e) {
        return Future.failedFuture(e);
      }
    }
    int chosen = port;
    onPort.accept(chosen);
    // A verticle per instance: each creates its server on its own event-loop context, which is what
    // makes Vert.x hand connections to every event loop in turn (servers created outside Vert.x all
    // share the first loop).
    var servers = new java.util.concurrent.CopyOnWriteArrayList<HttpServer>();
    return vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
          @Override
          public Future<?> start() {
            return make.get().listen(chosen, config.host()).onSuccess(servers::add);
          }
        }, new io.vertx.core.DeploymentOptions().setInstances(instances))
        .map(id -> servers.get(0))
        .recover(e -> {
          if (config.port() == 0 && attempts > 1 && e instanceof java.net.BindException) {
            return listenAll(vertx, config, instances, make, attempts - 1, onPort);
          }
          return Future.failedFuture(e);
        });
  }

  /**
   * The management port's server ({@code /metrics}, {@code /health/*}) on {@code management.host},
   * one instance; none (null) if the management port is -1.
   */
  private static Future<HttpServer> management(Vertx vertx, ServerConfig config, OperatorEndpoints operator) {
    ServerConfig.Management m = config.management();
    if (m.port() < 0) {
      return Future.succeededFuture(null);
    }
    Router router = Router.router(vertx);
    operator.mountManagement(router);
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)
            .setIdleTimeout((int) config.limits().httpIdleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(router).listen(m.port(), m.host());
  }

  /** One HTTP server with its own router; every instance shares the injector's services. */
  private static HttpServer httpServer(Vertx vertx, Injector injector, ServerConfig config, OperatorEndpoints operator,
      WebSockets ws) {
    ServerConfig.Limits limits = config.limits();
    Router router = Router.router(vertx);
    // Who the client is, decided once per request for every limit per client (and /metrics' loopback rule).
    router.route().handler(injector.getInstance(ClientAddress.class).handler());
    router.route().handler(ctx -> {
      ctx.response()
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer") // invite codes travel in links
          .putHeader("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; "
              + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
      ctx.next();
    });
    operator.mountPublic(router);
    // An API request not answered within request-timeout-seconds gets 503 REQUEST_TIMEOUT (HttpApi).
    router.route("/api/*").handler(TimeoutHandler.create(limits.requestTimeout().toMillis(), 503));
    injector.getInstance(CreationLimits.class).mount(router);
    router.route("/api/*").handler(io.peerwork.server.internal.Refusals.onApi(
        injector.getInstance(io.micrometer.core.instrument.MeterRegistry.class)));
    injector.getInstance(HttpApi.class).mount(router, injector.getInstance(SeriesApi.class));
    // Vert.x has no MIME type for .mjs (the vendored fast-json-patch): browsers load modules only as JavaScript.
    router.get("/vendor/*").handler(ctx -> {
      if (ctx.normalizedPath().endsWith(".mjs")) {
        ctx.response().putHeader("content-type", "text/javascript; charset=utf-8");
      }
      ctx.next();
    });
    router.route("/*").handler(StaticHandler.create("web").setIndexPage("index.html").setCachingEnabled(false));
    return vertx.createHttpServer(new HttpServerOptions()
            // Plain HTTP/1.1 and WebSockets: no client needs HTTP/2 upgrades over cleartext, and the
            // JDK's HttpClient attempts one on every request unless told not to.
            .setHttp2ClearTextEnabled(false)
            // Above the protocol's limit (256 KiB a message), which Connection enforces with a close
            // frame 1009: Vert.x itself would drop a larger message without a word, and a larger frame
            // without a close frame (see InboundMessages).
            .setMaxWebSocketFrameSize(io.peerwork.server.internal.Rooms.MAX_INBOUND_FRAME_BYTES)
            .setMaxWebSocketMessageSize(io.peerwork.server.internal.Rooms.MAX_INBOUND_FRAME_BYTES)
            .setCompressionSupported(true)
            // Closes connections silent for this long: half-sent requests (slowloris). Room sockets
            // are pinged at half of it (WebSockets), so a quiet room is not silent.
            .setIdleTimeout((int) limits.httpIdleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(router)
        .webSocketHandshakeHandler(ws::handshake)
        .webSocketHandler(ws::connected);
  }

  private static Future<List<DemoSession>> seed(Injector injector, String base) {
    HttpApi api = injector.getInstance(HttpApi.class);
    Clock clock = injector.getInstance(Clock.class);
    var futures = new ArrayList<Future<DemoSession>>();
    for (TopicFormat f : injector.getInstance(FormatRegistry.class).all()) {
      // A session has one title, in its host's language: one demo in German, one in English.
      for (String language : List.of("de", "en")) {
        String suffix = language.equals("de") ? "" : "-" + language;
        String idText = "demo-" + f.id();
        idText = (idText.length() > 64 - suffix.length() ? idText.substring(0, 64 - suffix.length()) : idText) + suffix;
        SessionId id = SessionId.of(idText);
        SessionPlan plan = new SessionPlan(id, f.id(), f.name().in(language) + " (Demo)", clock.instant(),
            ZoneId.of("Europe/Vienna"), f.defaultCapacity(), f.agenda(), f.defaultQueuePolicy());
        futures.add(api.schedule(plan).map(n -> {
          var invites = new java.util.EnumMap<Role, String>(Role.class);
          var links = new java.util.EnumMap<Role, String>(Role.class);
          for (Role r : Role.values()) {
            String code = n.path("invites").path(r.name().toLowerCase(Locale.ROOT)).asText();
            invites.put(r, code);
            links.put(r, base + "/?session=" + id.value() + "&code=" + code);
          }
          return new DemoSession(id.value(), f.id(), language, plan.title(), invites, links);
        }));
      }
    }
    return Future.all(futures).map(c -> {
      var list = new ArrayList<DemoSession>();
      for (int i = 0; i < c.size(); i++) {
        list.add(c.resultAt(i));
      }
      return list;
    });
  }

  /** The port the server listens on. */
  public int port() {
    return http.actualPort();
  }

  /** The management port ({@code /metrics}, {@code /health/*}), or -1 if there is none. */
  public int managementPort() {
    return management == null ? -1 : management.actualPort();
  }

  /** The base URL links point to, e.g. {@code http://localhost:8080}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The demo sessions seeded at start, one per format; empty if seeding is off. */
  public List<DemoSession> demoSessions() {
    return demos;
  }

  /** The server's Vert.x instance. */
  public Vertx vertx() {
    return vertx;
  }

  /** The server's Guice injector, for embedders and tests. */
  public Injector injector() {
    return injector;
  }

  /** Stops the server and its rooms. */
  public Future<Void> close() {
    // Drain first: the rooms go to other nodes (on a cluster) with their last requests answered,
    // then the sockets close with 1012 ("service restart"), so clients reconnect (elsewhere) and
    // resume by seq.
    return injector.getInstance(RoomRegistry.class).drain(DRAIN)
        .transform(ar -> {
          sockets.closeAll((short) 1012, "server restarting; reconnect");
          return stop();
        });
  }

  private Future<Void> stop() {
    injector.getInstance(io.peerwork.server.internal.RetentionSweep.class).stop();
    injector.getInstance(SeriesApi.class).buddyMails().stop();
    injector.getInstance(RoomRegistry.class).close();
    injector.getInstance(SeriesRegistry.class).close();
    // While Vert.x still runs, so that the mails being sent are recorded; without blocking this event loop.
    Future<Void> mailStopped = injector.getInstance(io.peerwork.core.series.Outbox.class) instanceof SmtpOutbox mail
        ? mail.stoppingToSend()
        : Future.succeededFuture();
    injector.getInstance(DatabaseHealth.class).close();
    // Vert.x first (the HTTP server, the rooms and their last appends), then the databases' pools.
    return mailStopped.eventually(() -> vertx.close()).andThen(done -> {
      closeQuietly(injector.getInstance(io.peerwork.core.EventJournal.class));
      closeQuietly(injector.getInstance(io.peerwork.core.series.SeriesJournal.class));
      closeQuietly(injector.getInstance(io.peerwork.core.series.Outbox.class)); // an SmtpOutbox's queue
      plugins.close();
    });
  }

  private static void closeQuietly(Object journal) {
    if (journal instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        java.util.logging.Logger.getLogger(PeerworkServer.class.getName())
            .log(java.util.logging.Level.WARNING, "closing " + journal + " failed", e);
      }
    }
  }

  /** The nodes this server sees in its cluster, by name (itself alone when it is no cluster). */
  public List<String> clusterNodes() {
    return injector.getInstance(Membership.class).nodes();
  }

  /** The node that owns the room of session {@code sessionId} now, as this node sees it ("" if none may). */
  public String ownerOf(String sessionId) {
    return injector.getInstance(RoomRegistry.class).ownerOf(io.peerwork.core.SessionId.of(sessionId)).orElse("");
  }
}
