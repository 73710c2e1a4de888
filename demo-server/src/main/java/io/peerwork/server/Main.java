package io.peerwork.server;

import io.peerwork.core.Role;
import java.util.Locale;

/** Starts the demo server: {@code java -jar peerwork-demo-server.jar [--port=8080] ...}. */
public final class Main {
  private Main() {}

  /** Keeps libraries' start-up chatter out of the way, unless the operator configured logging. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    try (var in = Main.class.getResourceAsStream("/peerwork-logging.properties")) {
      if (in != null) {
        java.util.logging.LogManager.getLogManager().readConfiguration(in);
      }
    } catch (java.io.IOException e) {
      System.err.println("logging configuration not read: " + e.getMessage());
    }
  }

  /** Starts the server with the configuration from {@code args} and the environment. */
  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.println("""
          java -jar peerwork-demo-server.jar [--name=value ...]   (or PEERWORK_NAME=value in the environment)
            --port=8080                 HTTP port, 0 for any free one
            --host=0.0.0.0              interface to listen on
            --public-url=http://...     base URL of the printed links
            --data-dir=data             where the secret, the pseudonym key and the H2 database are kept
            --secret=...                HMAC secret (default: generated once, kept in <data-dir>/secret)
            --allowed-origins=a,b       origins that may open a WebSocket (default: the server's own)
            --token-ttl-minutes=720     how long a join token is valid
            --room-idle-minutes=10      how long an idle room stays in memory
            --seed-demo=true            create a German and an English demo session per format
            --organizer-key=...         if set, creating sessions and series needs "Authorization: Bearer <key>";
                                        if not, anyone can create them (the server warns at start)
            --profile=demo              or "production": refuses to start without an organizer key, a secret
                                        and a database, and seeds no demo sessions
            --db-url=jdbc:...           the event journal's database (default: an H2 file in <data-dir>;
                                        PostgreSQL: jdbc:postgresql://host:5432/db; "memory" keeps nothing)
            --db-user=... --db-password=...   if the URL does not carry them
          Limits (each refused with a coded error when reached; docs/operations.md, "Running it in public"):
            --max-rooms=2000 --max-series=2000   rooms and series loaded at once on this node
            --max-members-per-session=200        people who may ever join one session
            --max-sockets-per-person=4 --max-sockets-per-address=60   open WebSockets
            --creations-per-client-per-hour=20   sessions and series one client address may create
            --joins-per-client-at-once=10 --joins-per-client-per-minute=1   joins one client network may make
                                        to one session at once, then per minute
            --http-idle-timeout-seconds=30 --request-timeout-seconds=10
            --trusted-proxies=127.0.0.1,::1,10.0.0.0/8   reverse proxies whose X-Forwarded-For names the client
                                        (default: none; each client is its TCP peer)
          Keys:
            --previous-secret=... --previous-secret-until=2027-01-31T00:00:00Z   accepted during a key rotation
            --personal-token-ttl-days=180        how long a personal series link is valid (renewable by mail)
          Operations:
            --management-port=9090 --management-host=127.0.0.1   /metrics and /health/* on their own port
            --metrics-key=...                    else /metrics on the public port needs this key (or loopback)
            /health/live: the process answers; /health/ready (and /health): it can serve, DOWN while the
                                        database is unreachable, or (on a cluster) while this node sees
                                        fewer nodes than the quorum (on the public and the management port)
          Cluster (docs/operations.md, "Several nodes"; needs PostgreSQL, shared by every node):
            --cluster-members=10.0.0.1:5701,10.0.0.2:5701,10.0.0.3:5701   every node's Hazelcast address
            --cluster-host=10.0.0.1 --cluster-port=5701   this node's address among them
            --cluster-bus-port=0                 the event bus between nodes (0: any free port)
            --cluster-heartbeat-seconds=5        a node silent this long is gone; its rooms move
            --cluster-quorum=0                   nodes that must see each other to serve rooms (0: a majority)
            --node-name=berlin-1                 this node's name (default: made up at each start)
          Mail (default: messages are written to the log):
            --smtp-url=smtp://host:587 (or smtps://host:465) --smtp-user=... --smtp-password=... --mail-from=...
          """);
      return;
    }
    configureLogging();
    ServerConfig config;
    try {
      config = ServerConfig.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    PeerworkServer server = PeerworkServer.start(config).toCompletionStage().toCompletableFuture().get();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close().toCompletionStage().toCompletableFuture().get();
      } catch (Exception e) {
        // shutting down anyway
      }
    }, "peerwork-shutdown"));
    var out = System.out;
    out.println();
    out.println("Peerwork demo server: " + server.baseUrl());
    if (server.demoSessions().isEmpty()) {
      out.println("No topic formats installed, so no demo session was created.");
    }
    for (PeerworkServer.DemoSession d : server.demoSessions()) {
      out.println();
      out.println("  " + d.title() + "   [" + d.sessionId() + "]");
      for (Role r : new Role[] {Role.HOST, Role.EXPERT, Role.PARTICIPANT}) {
        out.printf("    %-12s %s%n", r.name().toLowerCase(Locale.ROOT) + ":", d.links().get(r));
      }
    }
    out.println();
    out.println("A monthly series (dates, registrations, waitlist, routines): " + server.baseUrl() + "/host.html");
    if (config.mail().smtpUrl().isEmpty()) {
      out.println("Messages to people (confirmation links, recaps) are written to this log, marked \"message to\".");
    } else {
      out.println("Messages to people are sent by e-mail through " + config.mail().smtpUrl()
          + " (kept in the database until the mail server takes them).");
    }
    if (config.organizerKey().isEmpty()) {
      out.println();
      out.println("!! " + PeerworkServer.OPEN_CREATION_WARNING);
    }
    out.println("Health: " + server.baseUrl() + "/health/live  " + server.baseUrl() + "/health/ready   Metrics: "
        + (server.managementPort() >= 0 ? "http://" + config.management().host() + ":" + server.managementPort()
            + "/metrics" : server.baseUrl() + "/metrics" + (config.management().metricsKey().isEmpty()
                ? " (from this machine only)" : " (with the metrics key)")));
  }
}
