package io.peerwork.server;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the demo server runs. Every setting has an embedded default; {@link #from(String[], Map)}
 * reads overrides from {@code --name=value} arguments first, then {@code PEERWORK_NAME}
 * environment variables. The groups of settings that protect a public server are records of their
 * own: {@link Limits}, {@link Keys}, {@link Management} and {@link Mail}.
 *
 * @param host the interface to listen on
 * @param port the HTTP port; 0 picks a free one
 * @param publicUrl the base URL printed in invite links; empty means {@code http://localhost:<port>}
 * @param dataDir where the generated secret is kept
 * @param secret the HMAC secret for tokens and invite codes; empty means read or create {@code
 *     <dataDir>/secret}
 * @param allowedOrigins origins allowed to open a WebSocket; empty means the page's own host only
 * @param tokenTtl how long a join token is valid
 * @param roomIdle how long a room with no traffic stays in memory
 * @param seedDemo whether to create demo sessions at start, one per format and language
 * @param organizerKey if not empty, creating sessions and series needs {@code Authorization: Bearer
 *     <key>}; empty lets anyone create them (allowed in the {@link Profile#DEMO demo} profile only)
 * @param dbUrl the JDBC URL of the event journal; empty means an H2 file {@code <dataDir>/peerwork},
 *     {@value #IN_MEMORY} keeps events in memory only (lost on restart)
 * @param dbUser the database user, if the URL does not name one
 * @param dbPassword the database password, if the URL does not carry one
 * @param profile demo (open to try) or production (refuses to start without the protections)
 * @param limits the caps on what one server holds and what one client may ask for
 * @param keys the previous secret accepted during a key rotation, and how long personal links last
 * @param management where {@code /metrics} is served and who may read it
 * @param mail how messages to people are sent
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} names the client (IP
 *     addresses or CIDR ranges); empty trusts none, and every client is its TCP peer
 * @param cluster whether and how this server is one node of a cluster ({@link ClusterSettings#none()}: not)
 * @param plugins where format jars are loaded from, and whether a broken one stops the start
 */
public record ServerConfig(
    String host,
    int port,
    String publicUrl,
    Path dataDir,
    String secret,
    List<String> allowedOrigins,
    Duration tokenTtl,
    Duration roomIdle,
    boolean seedDemo,
    String organizerKey,
    String dbUrl,
    String dbUser,
    String dbPassword,
    Profile profile,
    Limits limits,
    Keys keys,
    Management management,
    Mail mail,
    List<String> trustedProxies,
    ClusterSettings cluster,
    Plugins plugins) {

  /** The {@code db-url} that keeps events in memory only. */
  public static final String IN_MEMORY = "memory";

  /** Whether the server is a demo to try out or a service open to the public. */
  public enum Profile {
    /** Anything goes that makes trying it easy: no organizer key needed, demo sessions seeded. */
    DEMO,
    /**
     * A service open to the public: the server refuses to start without an organizer key, a
     * configured secret, a database other than memory, and a management port or metrics key.
     */
    PRODUCTION
  }

  /**
   * The caps that keep one server within its memory and one client within its share. Each cap
   * answers with a coded error when reached (see docs/operations.md, "Running it in public").
   *
   * @param maxRooms rooms loaded at once on this node; idle ones are unloaded first, and when every
   *     loaded room is active a new one is refused with {@code SERVER_BUSY}
   * @param maxSeriesOwners series loaded at once on this node, likewise
   * @param maxMembersPerSession people who may ever have joined one session (present or not)
   * @param maxSocketsPerPerson open WebSockets of one person in one session
   * @param maxSocketsPerAddress open WebSockets from one client address (IPv6: its /64)
   * @param creationsPerClientPerHour sessions and series one client address may create per hour
   * @param httpIdleTimeout how long an HTTP connection may stay silent (slow or half-sent requests)
   * @param requestTimeout how long an HTTP request may take before it is answered with 503
   * @param joinsPerClientAtOnce joins one client network may make to one session at once, before
   *     {@code joinsPerClientPerMinute} applies ({@code JOIN_RATE_LIMITED})
   * @param joinsPerClientPerMinute joins one client network may make to one session per minute
   *     once its {@code joinsPerClientAtOnce} are used up
   */
  public record Limits(
      int maxRooms,
      int maxSeriesOwners,
      int maxMembersPerSession,
      int maxSocketsPerPerson,
      int maxSocketsPerAddress,
      int creationsPerClientPerHour,
      Duration httpIdleTimeout,
      Duration requestTimeout,
      int joinsPerClientAtOnce,
      int joinsPerClientPerMinute) {

    /** Joins per client network and session at once, by default ({@code JoinLimits.DEFAULTS}). */
    public static final int JOINS_AT_ONCE = 10;
    /** Joins per client network and session per minute after those, by default. */
    public static final int JOINS_PER_MINUTE = 1;

    /** Checks the values. */
    public Limits {
      for (int v : new int[] {maxRooms, maxSeriesOwners, maxMembersPerSession, maxSocketsPerPerson,
          maxSocketsPerAddress, creationsPerClientPerHour, joinsPerClientAtOnce, joinsPerClientPerMinute}) {
        if (v < 1) {
          throw new IllegalArgumentException("every limit must be at least 1: " + v);
        }
      }
      requirePositive(httpIdleTimeout, "httpIdleTimeout");
      requirePositive(requestTimeout, "requestTimeout");
    }

    /** These limits with the default joins per client ({@value #JOINS_AT_ONCE} at once, {@value #JOINS_PER_MINUTE} a minute). */
    public Limits(int maxRooms, int maxSeriesOwners, int maxMembersPerSession, int maxSocketsPerPerson,
        int maxSocketsPerAddress, int creationsPerClientPerHour, Duration httpIdleTimeout, Duration requestTimeout) {
      this(maxRooms, maxSeriesOwners, maxMembersPerSession, maxSocketsPerPerson, maxSocketsPerAddress,
          creationsPerClientPerHour, httpIdleTimeout, requestTimeout, JOINS_AT_ONCE, JOINS_PER_MINUTE);
    }

    /** The defaults: room for a few thousand live rooms in a 1 GiB heap, a fair share per client. */
    public static Limits defaults() {
      return new Limits(2_000, 2_000, 200, 4, 60, 20, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
  }

  /**
   * Key rotation and the lifetime of personal links.
   *
   * @param previousSecret the secret used before the current one; tokens signed with it are still
   *     accepted until {@code previousUntil}; empty for none
   * @param previousUntil until when the previous secret is accepted
   * @param personalTokenTtl how long a personal series link stays valid (renewable by mail)
   */
  public record Keys(String previousSecret, Optional<Instant> previousUntil, Duration personalTokenTtl) {
    /** Checks for nulls. */
    public Keys {
      Objects.requireNonNull(previousSecret, "previousSecret");
      Objects.requireNonNull(previousUntil, "previousUntil");
      requirePositive(personalTokenTtl, "personalTokenTtl");
    }

    /** No previous secret; personal links valid for 180 days. */
    public static Keys defaults() {
      return new Keys("", Optional.empty(), Duration.ofDays(180));
    }
  }

  /**
   * Where operators read the server.
   *
   * @param port a separate port for {@code /metrics} and {@code /health/*}, or -1 for none (then
   *     {@code /metrics} on the public port needs {@code metricsKey})
   * @param host the interface of the management port (loopback by default)
   * @param metricsKey if not empty, {@code /metrics} on the public port needs {@code Authorization:
   *     Bearer <key>}; empty and no management port means {@code /metrics} answers loopback clients only
   */
  public record Management(int port, String host, String metricsKey) {
    /** Checks the values. */
    public Management {
      if (port < -1 || port > 65535) {
        throw new IllegalArgumentException("management port out of range: " + port);
      }
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(metricsKey, "metricsKey");
    }

    /** No management port, no metrics key. */
    public static Management defaults() {
      return new Management(-1, "127.0.0.1", "");
    }
  }

  /**
   * How messages to people go out.
   *
   * @param smtpUrl {@code smtp://host:port} (STARTTLS when the server offers it) or {@code
   *     smtps://host:port}; empty writes them to the log (the demo default). Messages are kept in
   *     the database until the mail server takes them.
   * @param user the SMTP user, if the server needs a login
   * @param password the SMTP password
   * @param from the sender address
   */
  public record Mail(String smtpUrl, String user, String password, String from) {
    /**
     * Checks for nulls, and that {@code smtpUrl} is empty or an SMTP URL.
     *
     * @throws IllegalArgumentException naming {@code --smtp-url} if it is neither
     */
    public Mail {
      Objects.requireNonNull(smtpUrl, "smtpUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(from, "from");
      if (!smtpUrl.isEmpty()) {
        io.peerwork.server.internal.SmtpServer.parse(smtpUrl);
      }
    }

    /** Messages to the log. */
    public static Mail defaults() {
      return new Mail("", "", "", "peerwork@localhost");
    }
  }

  /**
   * Format jars from a folder, loaded at start (see docs/operations.md, "Plugins").
   *
   * @param dir the folder whose {@code *.jar} files are loaded, each in a class loader of its own;
   *     one that does not exist holds none
   * @param strict whether a broken jar stops the start ({@code --strict-plugins}); else it is left
   *     out with a warning
   */
  public record Plugins(Path dir, boolean strict) {
    /** Checks for nulls. */
    public Plugins {
      Objects.requireNonNull(dir, "dir");
    }

    /** {@code ./plugins}, broken jars left out with a warning. */
    public static Plugins defaults() {
      return new Plugins(Path.of("plugins"), false);
    }
  }

  /** Checks for nulls and ranges, and copies the list. */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(secret, "secret");
    allowedOrigins = List.copyOf(allowedOrigins);
    Objects.requireNonNull(tokenTtl, "tokenTtl");
    Objects.requireNonNull(roomIdle, "roomIdle");
    Objects.requireNonNull(organizerKey, "organizerKey");
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(dbUser, "dbUser");
    Objects.requireNonNull(dbPassword, "dbPassword");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(management, "management");
    Objects.requireNonNull(mail, "mail");
    trustedProxies = List.copyOf(trustedProxies);
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(plugins, "plugins");
    io.peerwork.server.internal.ClientAddress.trusting(trustedProxies); // each an address or a range
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** The embedded defaults: port 8080, data in {@code ./data}, demo sessions seeded, demo profile. */
  public static ServerConfig defaults() {
    return new ServerConfig("0.0.0.0", 8080, "", Path.of("data"), "", List.of(), Duration.ofHours(12),
        Duration.ofMinutes(10), true, "", "", "", "", Profile.DEMO, Limits.defaults(), Keys.defaults(),
        Management.defaults(), Mail.defaults(), List.of(), ClusterSettings.none(), Plugins.defaults());
  }

  /**
   * What is missing for the {@link Profile#PRODUCTION production} profile, one line each; empty if
   * nothing is (or the profile is the demo's).
   */
  public List<String> productionProblems() {
    var problems = new ArrayList<String>();
    if (profile != Profile.PRODUCTION) {
      return problems;
    }
    if (organizerKey.isBlank()) {
      problems.add("--organizer-key is not set: anyone could create sessions and series");
    } else if (organizerKey.length() < 16) {
      problems.add("--organizer-key has fewer than 16 characters");
    }
    if (secret.isBlank()) {
      problems.add("--secret is not set: tokens would be signed with a key kept only on this machine's disk");
    }
    if (IN_MEMORY.equals(dbUrl)) {
      problems.add("--db-url=memory keeps nothing across a restart");
    }
    if (seedDemo) {
      problems.add("--seed-demo is on: demo sessions with printed invite links would be open to anyone");
    }
    if (management.port() < 0 && management.metricsKey().isBlank()) {
      problems.add("neither --management-port nor --metrics-key is set: /metrics would answer every request"
          + " that reaches the server from this machine, such as one passed on by a reverse proxy here");
    }
    return problems;
  }

  /**
   * The defaults, overridden by {@code --port=9000}-style arguments and {@code PEERWORK_PORT}-style
   * environment variables (arguments win). The options, their descriptions and defaults are those
   * {@code --help} lists (defined in one place, {@code ServerOptions}); {@code --profile=production}
   * turns {@code --seed-demo} off unless it is given.
   *
   * @throws IllegalArgumentException for an unknown option (naming the closest known one), an
   *     argument that is not an option, or a value that is not valid for its setting; its message is
   *     one line for the operator
   */
  public static ServerConfig from(String[] args, Map<String, String> env) {
    var options = new ServerOptions();
    try {
      ServerOptions.commandLine(options, env).parseArgs(args);
    } catch (picocli.CommandLine.ParameterException e) {
      throw new IllegalArgumentException(io.peerwork.server.internal.Cli.problem(e), e);
    }
    return options.config();
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** The journal's JDBC URL: {@link #dbUrl()}, or the embedded H2 file under {@link #dataDir()}. */
  public String journalUrl() {
    return dbUrl.isBlank() ? "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("peerwork") : dbUrl;
  }

  /** A copy listening on the interface {@code newHost} ({@code 127.0.0.1} for this machine only). */
  public ServerConfig withHost(String newHost) {
    return copy(b -> b.host = newHost);
  }

  /** A copy listening on {@code newPort}. */
  public ServerConfig withPort(int newPort) {
    return copy(b -> b.port = newPort);
  }

  /** A copy with {@code newSecret}. */
  public ServerConfig withSecret(String newSecret) {
    return copy(b -> b.secret = newSecret);
  }

  /** A copy that does or does not seed demo sessions. */
  public ServerConfig withSeedDemo(boolean seed) {
    return copy(b -> b.seedDemo = seed);
  }

  /** A copy whose journal is at {@code url} ({@value #IN_MEMORY} for none). */
  public ServerConfig withDatabase(String url) {
    return copy(b -> b.dbUrl = url);
  }

  /** A copy keeping its data in {@code dir}. */
  public ServerConfig withDataDirectory(Path dir) {
    return copy(b -> b.dataDir = dir);
  }

  /** A copy that keeps idle rooms in memory for {@code idle}. */
  public ServerConfig withRoomIdle(Duration idle) {
    return copy(b -> b.roomIdle = idle);
  }

  /** A copy whose join tokens are valid for {@code ttl}. */
  public ServerConfig withTokenTtl(Duration ttl) {
    return copy(b -> b.tokenTtl = ttl);
  }

  /** A copy that requires {@code key} to create sessions and series. */
  public ServerConfig withOrganizerKey(String key) {
    return copy(b -> b.organizerKey = key);
  }

  /** A copy with these allowed origins. */
  public ServerConfig withAllowedOrigins(List<String> origins) {
    return copy(b -> b.allowedOrigins = origins);
  }

  /** A copy with {@code newProfile}. */
  public ServerConfig withProfile(Profile newProfile) {
    return copy(b -> b.profile = newProfile);
  }

  /** A copy with these limits. */
  public ServerConfig withLimits(Limits newLimits) {
    return copy(b -> b.limits = newLimits);
  }

  /** A copy with these key settings. */
  public ServerConfig withKeys(Keys newKeys) {
    return copy(b -> b.keys = newKeys);
  }

  /** A copy with these management settings. */
  public ServerConfig withManagement(Management newManagement) {
    return copy(b -> b.management = newManagement);
  }

  /** A copy with these mail settings. */
  public ServerConfig withMail(Mail newMail) {
    return copy(b -> b.mail = newMail);
  }

  /** A copy trusting the reverse proxies at these addresses and CIDR ranges. */
  public ServerConfig withTrustedProxies(List<String> proxies) {
    return copy(b -> b.trustedProxies = proxies);
  }

  /** A copy loading format jars as {@code newPlugins} says. */
  public ServerConfig withPlugins(Plugins newPlugins) {
    return copy(b -> b.plugins = newPlugins);
  }

  /** This config with {@code newCluster}. */
  public ServerConfig withCluster(ClusterSettings newCluster) {
    return copy(c -> c.cluster = newCluster);
  }

  /**
   * Why this config cannot run as a node of a cluster, if it cannot: a cluster shares one
   * PostgreSQL database (H2 and memory are this process's own). Empty if it can, or is no cluster.
   */
  public java.util.Optional<String> clusterProblem() {
    if (!cluster.enabled()) {
      return java.util.Optional.empty();
    }
    String url = journalUrl();
    if (!url.startsWith("jdbc:postgresql:")) {
      return java.util.Optional.of("a cluster needs PostgreSQL, shared by every node (--db-url=jdbc:postgresql://...);"
          + " this server's database is " + (IN_MEMORY.equals(dbUrl) ? "in memory" : "H2, this node's own"));
    }
    return java.util.Optional.empty();
  }

  private ServerConfig copy(java.util.function.Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return b.build();
  }

  /** The fields of a config being copied with a change; one place to add a new setting. */
  private static final class Copy {
    String host;
    int port;
    String publicUrl;
    Path dataDir;
    String secret;
    List<String> allowedOrigins;
    Duration tokenTtl;
    Duration roomIdle;
    boolean seedDemo;
    String organizerKey;
    String dbUrl;
    String dbUser;
    String dbPassword;
    Profile profile;
    Limits limits;
    Keys keys;
    Management management;
    Mail mail;
    List<String> trustedProxies;
    ClusterSettings cluster;
    Plugins plugins;

    Copy(ServerConfig c) {
      host = c.host;
      port = c.port;
      publicUrl = c.publicUrl;
      dataDir = c.dataDir;
      secret = c.secret;
      allowedOrigins = c.allowedOrigins;
      tokenTtl = c.tokenTtl;
      roomIdle = c.roomIdle;
      seedDemo = c.seedDemo;
      organizerKey = c.organizerKey;
      dbUrl = c.dbUrl;
      dbUser = c.dbUser;
      dbPassword = c.dbPassword;
      profile = c.profile;
      limits = c.limits;
      keys = c.keys;
      management = c.management;
      mail = c.mail;
      trustedProxies = c.trustedProxies;
      cluster = c.cluster;
      plugins = c.plugins;
    }

    ServerConfig build() {
      return new ServerConfig(host, port, publicUrl, dataDir, secret, allowedOrigins, tokenTtl, roomIdle, seedDemo,
          organizerKey, dbUrl, dbUser, dbPassword, profile, limits, keys, management, mail, trustedProxies,
          cluster, plugins);
    }
  }
}
