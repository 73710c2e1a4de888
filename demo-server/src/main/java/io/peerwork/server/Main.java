package io.peerwork.server;

import io.peerwork.core.Role;
import java.util.Locale;

/** Starts the demo server: {@code java -jar peerwork-demo-server.jar [--port=8080] ...}. */
public final class Main {
  private Main() {}

  /** Starts the server with the configuration from {@code args} and the environment. */
  public static void main(String[] args) throws Exception {
    ServerConfig config = ServerConfig.from(args, System.getenv());
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
      for (Role r : Role.values()) {
        out.printf("    %-12s %s%n", r.name().toLowerCase(Locale.ROOT) + ":", d.links().get(r));
      }
    }
    out.println();
    out.println("Health: " + server.baseUrl() + "/health   Metrics: " + server.baseUrl() + "/metrics");
  }
}
