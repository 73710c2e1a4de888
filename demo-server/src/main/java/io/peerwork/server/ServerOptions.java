package io.peerwork.server;

import io.peerwork.server.internal.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo server's command-line options: the one place they are defined (name, description,
 * default). Each also reads {@code PEERWORK_<NAME>} from the environment ({@link Cli}); a value on
 * the command line wins. Defaults come from {@link ServerConfig#defaults()}. To add an option, add
 * one field here and use it in {@link #config()}.
 */
@Command(name = "peerwork-demo-server", sortOptions = false, usageHelpAutoWidth = true, usageHelpWidth = 110,
    customSynopsis = "java -jar peerwork-demo-server.jar [--name=value ...]   (or PEERWORK_NAME=value in the environment)",
    footer = {"",
        "/health/live: the process answers; /health/ready (and /health): it can serve, DOWN while the database is"
            + " unreachable, or (on a cluster) while this node sees fewer nodes than the quorum (on the public and"
            + " the management port).",
        "Every option --some-name can also be set as the environment variable PEERWORK_SOME_NAME; the command line"
            + " wins."})
final class ServerOptions {
  private static final ServerConfig D = ServerConfig.defaults();
  private static final ClusterSettings C = ClusterSettings.none();

  /** A heading before the option it names; the options follow in their declared order. */
  static final Map<String, String> HEADINGS = Map.of(
      "--max-rooms", "Limits (each refused with a coded error when reached; docs/operations.md, \"Running it in public\"):",
      "--previous-secret", "Keys:",
      "--management-port", "Operations:",
      "--cluster-members", "Cluster (docs/operations.md, \"Several nodes\"; needs PostgreSQL, shared by every node):",
      "--plugins-dir", "Plugins (docs/operations.md, \"Plugins\"):",
      "--smtp-url", "Mail (default: messages are written to the log):");

  @Option(names = "--help", usageHelp = true, description = "show this text")
  boolean help;

  @Option(names = "--port", paramLabel = "8080", description = "HTTP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port = D.port();

  @Option(names = "--host", paramLabel = "0.0.0.0", description = "interface to listen on (default: ${DEFAULT-VALUE})")
  String host = D.host();

  @Option(names = "--public-url", paramLabel = "http://...",
      description = "base URL of the printed links (default: http://localhost:<port>)")
  String publicUrl = D.publicUrl();

  @Option(names = "--data-dir", paramLabel = "data",
      description = "where the secret, the pseudonym key and the H2 database are kept (default: ${DEFAULT-VALUE})")
  Path dataDir = D.dataDir();

  @Option(names = "--secret", paramLabel = "...",
      description = "HMAC secret (default: generated once, kept in <data-dir>/secret)")
  String secret = D.secret();

  @Option(names = "--allowed-origins", paramLabel = "a,b",
      description = "origins that may open a WebSocket (default: the server's own)")
  String allowedOrigins = "";

  @Option(names = "--token-ttl-minutes", paramLabel = "720",
      description = "how long a join token is valid (default: ${DEFAULT-VALUE})")
  long tokenTtlMinutes = D.tokenTtl().toMinutes();

  @Option(names = "--room-idle-minutes", paramLabel = "10",
      description = "how long an idle room stays in memory (default: ${DEFAULT-VALUE})")
  long roomIdleMinutes = D.roomIdle().toMinutes();

  @Option(names = "--seed-demo", paramLabel = "true", arity = "0..1",
      description = "create a German and an English demo session per format (default: true;"
          + " with --profile=production false)")
  Boolean seedDemo;

  @Option(names = "--organizer-key", paramLabel = "...",
      description = "if set, creating sessions and series needs \"Authorization: Bearer <key>\";"
          + " if not, anyone can create them (the server warns at start)")
  String organizerKey = D.organizerKey();

  @Option(names = "--profile", paramLabel = "demo",
      description = "or \"production\": refuses to start without an organizer key, a secret and a database,"
          + " and seeds no demo sessions (default: demo)")
  ServerConfig.Profile profile = D.profile();

  @Option(names = "--db-url", paramLabel = "jdbc:...",
      description = "the event journal's database (default: an H2 file in <data-dir>;"
          + " PostgreSQL: jdbc:postgresql://host:5432/db; \"memory\" keeps nothing)")
  String dbUrl = D.dbUrl();

  @Option(names = "--db-user", paramLabel = "...", description = "the database user, if the URL does not carry it")
  String dbUser = D.dbUser();

  @Option(names = "--db-password", paramLabel = "...", description = "the database password, if the URL does not carry it")
  String dbPassword = D.dbPassword();

  @Option(names = "--max-rooms", paramLabel = "2000", description = "rooms loaded at once on this node (default: ${DEFAULT-VALUE})")
  int maxRooms = D.limits().maxRooms();

  @Option(names = "--max-series", paramLabel = "2000", description = "series loaded at once on this node (default: ${DEFAULT-VALUE})")
  int maxSeries = D.limits().maxSeriesOwners();

  @Option(names = "--max-members-per-session", paramLabel = "200",
      description = "people who may ever join one session (default: ${DEFAULT-VALUE})")
  int maxMembersPerSession = D.limits().maxMembersPerSession();

  @Option(names = "--max-sockets-per-person", paramLabel = "4",
      description = "open WebSockets of one person in one session (default: ${DEFAULT-VALUE})")
  int maxSocketsPerPerson = D.limits().maxSocketsPerPerson();

  @Option(names = "--max-sockets-per-address", paramLabel = "60",
      description = "open WebSockets from one client address (default: ${DEFAULT-VALUE})")
  int maxSocketsPerAddress = D.limits().maxSocketsPerAddress();

  @Option(names = "--creations-per-client-per-hour", paramLabel = "20",
      description = "sessions and series one client address may create (default: ${DEFAULT-VALUE})")
  int creationsPerClientPerHour = D.limits().creationsPerClientPerHour();

  @Option(names = "--joins-per-client-at-once", paramLabel = "10",
      description = "joins one client network may make to one session at once (default: ${DEFAULT-VALUE})")
  int joinsPerClientAtOnce = D.limits().joinsPerClientAtOnce();

  @Option(names = "--joins-per-client-per-minute", paramLabel = "1",
      description = "then per minute (default: ${DEFAULT-VALUE})")
  int joinsPerClientPerMinute = D.limits().joinsPerClientPerMinute();

  @Option(names = "--http-idle-timeout-seconds", paramLabel = "30",
      description = "how long an HTTP connection may stay silent (default: ${DEFAULT-VALUE})")
  long httpIdleTimeoutSeconds = D.limits().httpIdleTimeout().toSeconds();

  @Option(names = "--request-timeout-seconds", paramLabel = "10",
      description = "how long an HTTP request may take before it is answered with 503 (default: ${DEFAULT-VALUE})")
  long requestTimeoutSeconds = D.limits().requestTimeout().toSeconds();

  @Option(names = "--trusted-proxies", paramLabel = "127.0.0.1,::1,10.0.0.0/8",
      description = "reverse proxies whose X-Forwarded-For names the client"
          + " (default: none; each client is its TCP peer)")
  String trustedProxies = "";

  @Option(names = "--previous-secret", paramLabel = "...", description = "accepted during a key rotation")
  String previousSecret = D.keys().previousSecret();

  @Option(names = "--previous-secret-until", paramLabel = "2027-01-31T00:00:00Z",
      description = "until when the previous secret is accepted")
  Instant previousSecretUntil;

  @Option(names = "--personal-token-ttl-days", paramLabel = "180",
      description = "how long a personal series link is valid, renewable by mail (default: ${DEFAULT-VALUE})")
  long personalTokenTtlDays = D.keys().personalTokenTtl().toDays();

  @Option(names = "--management-port", paramLabel = "9090",
      description = "/metrics and /health/* on their own port (default: none)")
  int managementPort = D.management().port();

  @Option(names = "--management-host", paramLabel = "127.0.0.1",
      description = "the management port's interface (default: ${DEFAULT-VALUE})")
  String managementHost = D.management().host();

  @Option(names = "--metrics-key", paramLabel = "...",
      description = "else /metrics on the public port needs this key (or loopback)")
  String metricsKey = D.management().metricsKey();

  @Option(names = "--cluster-members", paramLabel = "10.0.0.1:5701,10.0.0.2:5701,10.0.0.3:5701",
      description = "every node's Hazelcast address (default: none, no cluster)")
  String clusterMembers = "";

  @Option(names = "--cluster-host", paramLabel = "10.0.0.1",
      description = "this node's address among them (default: ${DEFAULT-VALUE})")
  String clusterHost = C.host();

  @Option(names = "--cluster-port", paramLabel = "5701", description = "this node's Hazelcast port (default: ${DEFAULT-VALUE})")
  int clusterPort = C.port();

  @Option(names = "--cluster-bus-port", paramLabel = "0",
      description = "the event bus between nodes (0: any free port; default: ${DEFAULT-VALUE})")
  int clusterBusPort = C.busPort();

  @Option(names = "--cluster-heartbeat-seconds", paramLabel = "5",
      description = "a node silent this long is gone; its rooms move (default: ${DEFAULT-VALUE})")
  long clusterHeartbeatSeconds = C.heartbeat().toSeconds();

  @Option(names = "--cluster-quorum", paramLabel = "0",
      description = "nodes that must see each other to serve rooms (0: a majority; default: ${DEFAULT-VALUE})")
  int clusterQuorum = C.quorum();

  @Option(names = "--node-name", paramLabel = "berlin-1", description = "this node's name (default: made up at each start)")
  String nodeName = C.nodeName();

  @Option(names = "--plugins-dir", paramLabel = "plugins",
      description = "topic format jars loaded at start, each in a class loader of its own (default: ${DEFAULT-VALUE})")
  java.nio.file.Path pluginsDir = D.plugins().dir();

  @Option(names = "--strict-plugins", paramLabel = "true", arity = "0..1", fallbackValue = "true",
      description = "refuse to start if a jar there is broken (default: leave it out, warn)")
  boolean strictPlugins = D.plugins().strict();

  @Option(names = "--smtp-url", paramLabel = "smtp://host:587", description = "or smtps://host:465")
  String smtpUrl = D.mail().smtpUrl();

  @Option(names = "--smtp-user", paramLabel = "...", description = "the mail server's user")
  String smtpUser = D.mail().user();

  @Option(names = "--smtp-password", paramLabel = "...", description = "the mail server's password")
  String smtpPassword = D.mail().password();

  @Option(names = "--mail-from", paramLabel = "...", description = "the sender of messages (default: ${DEFAULT-VALUE})")
  String mailFrom = D.mail().from();

  /** A command line over fresh options, defaulting to {@code env}. */
  static CommandLine commandLine(ServerOptions options, Map<String, String> env) {
    return Cli.of(options, env);
  }

  /** The usage text {@code --help} prints. */
  static String usage() {
    return Cli.usage(commandLine(new ServerOptions(), Map.of()), HEADINGS);
  }

  /**
   * The configuration these options make.
   *
   * @throws IllegalArgumentException naming the option whose value is not valid
   */
  ServerConfig config() {
    var limits = new ServerConfig.Limits(maxRooms, maxSeries, maxMembersPerSession, maxSocketsPerPerson,
        maxSocketsPerAddress, creationsPerClientPerHour, Duration.ofSeconds(httpIdleTimeoutSeconds),
        Duration.ofSeconds(requestTimeoutSeconds), joinsPerClientAtOnce, joinsPerClientPerMinute);
    var keys = new ServerConfig.Keys(previousSecret, Optional.ofNullable(previousSecretUntil),
        Duration.ofDays(personalTokenTtlDays));
    var management = new ServerConfig.Management(managementPort, managementHost, metricsKey);
    var mail = new ServerConfig.Mail(smtpUrl, smtpUser, smtpPassword, mailFrom);
    var cluster = new ClusterSettings(list(clusterMembers), clusterHost, clusterPort, clusterBusPort,
        Duration.ofSeconds(clusterHeartbeatSeconds), nodeName, clusterQuorum);
    boolean seed = seedDemo != null ? seedDemo : profile != ServerConfig.Profile.PRODUCTION && D.seedDemo();
    return new ServerConfig(host, port, publicUrl, dataDir, secret, list(allowedOrigins),
        Duration.ofMinutes(tokenTtlMinutes), Duration.ofMinutes(roomIdleMinutes), seed, organizerKey, dbUrl, dbUser,
        dbPassword, profile, limits, keys, management, mail, trustedProxyList(trustedProxies), cluster,
        new ServerConfig.Plugins(pluginsDir, strictPlugins));
  }

  /** A comma-separated list, blanks left out. */
  private static List<String> list(String value) {
    var entries = new ArrayList<String>();
    for (String e : value.split(",")) {
      if (!e.isBlank()) {
        entries.add(e.strip());
      }
    }
    return entries;
  }

  /** {@code --trusted-proxies}: addresses and CIDR ranges, each checked. */
  private static List<String> trustedProxyList(String value) {
    List<String> entries = list(value);
    try {
      io.peerwork.server.internal.ClientAddress.trusting(entries);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--trusted-proxies=" + value + " is not a valid value (" + e.getMessage() + ")", e);
    }
    return entries;
  }
}
