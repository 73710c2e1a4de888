package io.peerwork.server;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.Role;
import io.peerwork.server.internal.Cli;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * What the command line asks for: a configuration to start with, or (none) the exit status after
   * {@code --help} (0) or refused options (2).
   *
   * @param config the configuration, if the server is to start
   * @param status the exit status if it is not
   */
  record Invocation(java.util.Optional<ServerConfig> config, int status) {}

  /**
   * Reads {@code args} and {@code env} ({@code PEERWORK_*}): the usage to {@code out} for {@code
   * --help}, one line to {@code err} for an unknown option (with the closest known one) or a bad
   * value.
   */
  static Invocation invocation(String[] args, java.util.Map<String, String> env, PrintStream out, PrintStream err) {
    var options = new ServerOptions();
    try {
      ServerOptions.commandLine(options, env).parseArgs(args);
      if (options.help) {
        out.print(ServerOptions.usage());
        return new Invocation(java.util.Optional.empty(), 0);
      }
      return new Invocation(java.util.Optional.of(options.config()), 0);
    } catch (picocli.CommandLine.ParameterException e) {
      err.println(Cli.problem(e));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
    }
    return new Invocation(java.util.Optional.empty(), 2);
  }

  /**
   * The start message's lines about formats and demo sessions, true in each case: demo sessions
   * seeded (their links), seeding off, or no format installed.
   */
  static List<String> demoLines(ServerConfig config, List<String> formatIds, List<PeerworkServer.DemoSession> demos) {
    var lines = new ArrayList<String>();
    if (formatIds.isEmpty()) {
      lines.add("No topic formats installed" + (config.seedDemo() ? ", so no demo session was created." : "."));
      return lines;
    }
    lines.add("Topic formats: " + String.join(", ", formatIds) + ".");
    if (!config.seedDemo()) {
      lines.add("No demo sessions were created (--seed-demo=false" + (config.profile() == ServerConfig.Profile.PRODUCTION
          ? ", the production profile's default" : "") + ").");
    }
    for (PeerworkServer.DemoSession d : demos) {
      lines.add("");
      lines.add("  " + d.title() + "   [" + d.sessionId() + "]");
      for (Role r : new Role[] {Role.HOST, Role.EXPERT, Role.PARTICIPANT}) {
        lines.add(String.format(Locale.ROOT, "    %-12s %s", r.name().toLowerCase(Locale.ROOT) + ":", d.links().get(r)));
      }
    }
    return lines;
  }

  /** Starts the server with the configuration from {@code args} and the environment. */
  public static void main(String[] args) throws Exception {
    Invocation invocation = invocation(args, System.getenv(), System.out, System.err);
    if (invocation.config().isEmpty()) {
      System.out.flush();
      System.exit(invocation.status());
      return;
    }
    ServerConfig config = invocation.config().get();
    configureLogging();
    PeerworkServer server;
    try {
      server = PeerworkServer.start(config).toCompletionStage().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IllegalStateException refused) {
        // A refusal the operator can act on (a broken plugin with --strict-plugins, the production
        // profile's missing settings): its one line, no stack trace.
        System.err.println(refused.getMessage());
        System.exit(1);
        return;
      }
      throw e;
    }
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
    List<String> formatIds = server.injector().getInstance(FormatRegistry.class).ids();
    demoLines(config, formatIds, server.demoSessions()).forEach(out::println);
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
