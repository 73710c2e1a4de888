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
import io.peerwork.guice.PeerworkModule;
import io.peerwork.server.internal.HttpApi;
import io.peerwork.server.internal.RateLimits;
import io.peerwork.server.internal.RoomRegistry;
import io.peerwork.server.internal.ServerModule;
import io.peerwork.server.internal.Tokens;
import io.peerwork.server.internal.WebSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
  private final Vertx vertx;
  private final HttpServer http;
  private final Injector injector;
  private final String baseUrl;
  private final List<DemoSession> demos;

  /**
   * A seeded demo session and the links to join it.
   *
   * @param sessionId the session
   * @param formatId its format
   * @param title its title
   * @param invites invite codes by role
   * @param links join links by role, with the invite code filled in
   */
  public record DemoSession(String sessionId, String formatId, String title, Map<Role, String> invites,
      Map<Role, String> links) {}

  private PeerworkServer(Vertx vertx, HttpServer http, Injector injector, String baseUrl, List<DemoSession> demos) {
    this.vertx = vertx;
    this.http = http;
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
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    Injector injector;
    try {
      Module server = Modules.override(new ServerModule(config, vertx, registry)).with(overrides);
      injector = Guice.createInjector(new PeerworkModule(), PeerworkModule.discoveredFormats(), server);
    } catch (RuntimeException e) {
      vertx.close();
      return Future.failedFuture(e);
    }
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response()
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer") // invite codes travel in links
          .putHeader("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; "
              + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
      ctx.next();
    });
    router.get("/health").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .end("{\"status\":\"UP\",\"formats\":" + injector.getInstance(FormatRegistry.class).all().size() + "}"));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    injector.getInstance(HttpApi.class).mount(router);
    router.route("/*").handler(StaticHandler.create("web").setIndexPage("index.html").setCachingEnabled(false));

    var ws = new WebSockets(injector.getInstance(Tokens.class), injector.getInstance(ObjectMapper.class),
        injector.getInstance(RoomRegistry.class), injector.getInstance(RateLimits.class), config.allowedOrigins(),
        vertx);
    HttpServer http = vertx.createHttpServer(new HttpServerOptions()
            .setMaxWebSocketFrameSize(256 * 1024)
            .setMaxWebSocketMessageSize(256 * 1024)
            .setCompressionSupported(true))
        .requestHandler(router)
        .webSocketHandshakeHandler(ws::handshake)
        .webSocketHandler(ws::connected);
    return http.listen(config.port(), config.host())
        .compose(s -> {
          String base = config.publicUrl().isEmpty()
              ? "http://localhost:" + s.actualPort()
              : config.publicUrl().replaceAll("/+$", "");
          if (!config.seedDemo()) {
            return Future.succeededFuture(new PeerworkServer(vertx, s, injector, base, List.of()));
          }
          return seed(injector, base).map(d -> new PeerworkServer(vertx, s, injector, base, d));
        })
        .onFailure(e -> vertx.close());
  }

  private static Future<List<DemoSession>> seed(Injector injector, String base) {
    HttpApi api = injector.getInstance(HttpApi.class);
    Clock clock = injector.getInstance(Clock.class);
    var futures = new ArrayList<Future<DemoSession>>();
    for (TopicFormat f : injector.getInstance(FormatRegistry.class).all()) {
      String idText = ("demo-" + f.id());
      SessionId id = SessionId.of(idText.length() > 64 ? idText.substring(0, 64) : idText);
      SessionPlan plan = new SessionPlan(id, f.id(), f.name().de() + " (Demo)", clock.instant(),
          ZoneId.of("Europe/Vienna"), f.defaultCapacity(), f.agenda(), f.defaultQueuePolicy());
      futures.add(api.schedule(plan).map(n -> {
        var invites = new java.util.EnumMap<Role, String>(Role.class);
        var links = new java.util.EnumMap<Role, String>(Role.class);
        for (Role r : Role.values()) {
          String code = n.path("invites").path(r.name().toLowerCase(Locale.ROOT)).asText();
          invites.put(r, code);
          links.put(r, base + "/?session=" + id.value() + "&code=" + code);
        }
        return new DemoSession(id.value(), f.id(), plan.title(), invites, links);
      }));
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
    injector.getInstance(RoomRegistry.class).close();
    return vertx.close(); // closes the HTTP server and undeploys the rooms
  }
}
