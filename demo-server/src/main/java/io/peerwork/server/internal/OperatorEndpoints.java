package io.peerwork.server.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.peerwork.server.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What operators read: {@code /health/live} (the process answers), {@code /health/ready} (it can
 * serve: the database answers and, on a cluster, this node sees a quorum of it; {@code /health} is
 * the same, for monitors set up before), built on
 * Vert.x Health Checks, and {@code /metrics} (Prometheus), on the public port or on the management
 * port. On the public port, {@code /metrics} follows {@link #metricsAccess}, for the client {@link
 * ClientAddress} names.
 */
public final class OperatorEndpoints {
  /** Who may read {@code /metrics} on the public port. */
  public enum Access {
    /** Serve it. */
    ALLOW,
    /** There is a management port: {@code /metrics} is only there (404 here). */
    ELSEWHERE,
    /** A metrics key is set and the request does not carry it (401). */
    KEY_REQUIRED,
    /** Neither a management port nor a key: only loopback clients (403 for others). */
    LOOPBACK_ONLY
  }

  private final ServerConfig.Management management;
  private final PrometheusMeterRegistry registry;
  private final HealthChecks live;
  private final HealthChecks ready;

  /**
   * @param cluster the nodes this one sees, reported by {@code /health/ready} as the check {@code
   *     cluster}; empty for a server that is no cluster (no such check)
   */
  public OperatorEndpoints(Vertx vertx, ServerConfig.Management management, PrometheusMeterRegistry registry,
      DatabaseHealth database, int formats, java.util.Optional<Membership> cluster) {
    this.management = management;
    this.registry = registry;
    Refusals.registerAll(registry);
    this.live = HealthChecks.create(vertx)
        .register("server", p -> p.complete(Status.OK(new JsonObject().put("formats", formats))));
    this.ready = HealthChecks.create(vertx)
        .register("server", p -> p.complete(Status.OK(new JsonObject().put("formats", formats))))
        .register("database", p -> p.complete(database.problem()
            .map(reason -> Status.KO(new JsonObject().put("reason", reason)))
            .orElseGet(Status::OK)));
    cluster.ifPresent(m -> ready.register("cluster", p -> p.complete(clusterStatus(m))));
  }

  /**
   * The check {@code cluster}: this node's name, the nodes it sees, and whether they are enough to
   * serve rooms (a quorum); DOWN while they are not, so that a load balancer sends nobody to a node
   * cut off from the others.
   */
  static Status clusterStatus(Membership m) {
    boolean quorate = m.quorate();
    JsonObject data = new JsonObject().put("node", m.self())
        .put("nodes", new io.vertx.core.json.JsonArray(new java.util.ArrayList<Object>(m.nodes())))
        .put("quorate", quorate);
    if (!quorate) {
      data.put("reason", "this node sees too few of the cluster to serve rooms");
    }
    return quorate ? Status.OK(data) : Status.KO(data);
  }

  /** Mounts the health endpoints and {@code /metrics} on the public router. */
  public void mountPublic(Router router) {
    mountHealth(router);
    var scrape = PrometheusScrapingHandler.create(registry);
    router.get("/metrics").handler(ctx -> {
      // The client as ClientAddress decides it: a request a trusted proxy forwarded is the forwarded
      // client's, not the proxy's (which is often on loopback).
      switch (metricsAccess(management, ClientAddress.of(ctx), ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
        case ALLOW -> scrape.handle(ctx);
        case ELSEWHERE -> ctx.response().setStatusCode(404).end();
        case KEY_REQUIRED -> ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
        case LOOPBACK_ONLY -> ctx.response().setStatusCode(403).end();
      }
    });
  }

  /** Mounts the health endpoints and {@code /metrics}, open to whoever reaches it, on the management router. */
  public void mountManagement(Router router) {
    mountHealth(router);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
  }

  private void mountHealth(Router router) {
    router.get("/health/live").handler(ctx -> answer(ctx, live));
    router.get("/health/ready").handler(ctx -> answer(ctx, ready));
    router.get("/health").handler(ctx -> answer(ctx, ready));
  }

  /** {@code {"status":"UP"|"DOWN","checks":[{"id":...,"status":...,"data":{...}}]}}, 200 or 503. */
  private static void answer(RoutingContext ctx, HealthChecks checks) {
    checks.checkStatus().onComplete(ar -> {
      boolean up = ar.succeeded() && CheckResult.isUp(ar.result());
      JsonObject body = ar.succeeded() ? ar.result().toJson() : new JsonObject().put("status", "DOWN");
      body.remove("outcome");
      ctx.response().setStatusCode(up ? 200 : 503)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(body.encode());
    });
  }

  /**
   * Who may read {@code /metrics} on the public port: nobody if there is a management port (it is
   * there), the bearer of the metrics key if one is set, else loopback clients only.
   *
   * @param remoteHost the client's address ({@link ClientAddress}; null or {@code ?} if unknown)
   * @param authorization the {@code Authorization} header, or null
   */
  public static Access metricsAccess(ServerConfig.Management management, String remoteHost, String authorization) {
    if (management.port() >= 0) {
      return Access.ELSEWHERE;
    }
    if (!management.metricsKey().isEmpty()) {
      byte[] given = (authorization == null ? "" : authorization).getBytes(StandardCharsets.UTF_8);
      byte[] expected = ("Bearer " + management.metricsKey()).getBytes(StandardCharsets.UTF_8);
      return MessageDigest.isEqual(given, expected) ? Access.ALLOW : Access.KEY_REQUIRED;
    }
    return loopback(remoteHost) ? Access.ALLOW : Access.LOOPBACK_ONLY;
  }

  private static boolean loopback(String host) {
    if (host == null || !(host.indexOf(':') >= 0 || Character.isDigit(host.charAt(0)))) {
      return false; // only literal addresses: never a name lookup
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
