package io.peerwork.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the demo server runs. Every setting has an embedded default; {@link #from(String[], Map)}
 * reads overrides from {@code --name=value} arguments first, then {@code PEERWORK_NAME}
 * environment variables.
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
 * @param seedDemo whether to create one demo session per format at start
 * @param organizerKey if not empty, creating sessions needs {@code Authorization: Bearer <key>}
 * @param dbUrl the JDBC URL of the event journal; empty means an H2 file {@code <dataDir>/peerwork},
 *     {@value #IN_MEMORY} keeps events in memory only (lost on restart)
 * @param dbUser the database user, if the URL does not name one
 * @param dbPassword the database password, if the URL does not carry one
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
    String dbPassword) {

  /** The {@code db-url} that keeps events in memory only. */
  public static final String IN_MEMORY = "memory";

  /** Checks for nulls and copies the list. */
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
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** The embedded defaults: port 8080, data in {@code ./data}, demo sessions seeded. */
  public static ServerConfig defaults() {
    return new ServerConfig("0.0.0.0", 8080, "", Path.of("data"), "", List.of(), Duration.ofHours(12),
        Duration.ofMinutes(10), true, "", "", "", "");
  }

  /**
   * The defaults, overridden by {@code --port=9000}-style arguments and {@code PEERWORK_PORT}-style
   * environment variables (arguments win). Names: host, port, public-url, data-dir, secret,
   * allowed-origins (comma-separated), token-ttl-minutes, room-idle-minutes, seed-demo,
   * organizer-key, db-url, db-user, db-password (so {@code PEERWORK_DB_URL} names the database).
   */
  public static ServerConfig from(String[] args, Map<String, String> env) {
    ServerConfig d = defaults();
    var values = new java.util.HashMap<String, String>();
    env.forEach((k, v) -> {
      if (k.startsWith("PEERWORK_")) {
        values.put(k.substring(9).toLowerCase(java.util.Locale.ROOT).replace('_', '-'), v);
      }
    });
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        values.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      } else if (a.startsWith("--")) {
        values.put(a.substring(2), "true");
      } else {
        throw new IllegalArgumentException("unknown argument '" + a + "'; use --name=value");
      }
    }
    var origins = new ArrayList<String>();
    for (String o : values.getOrDefault("allowed-origins", "").split(",")) {
      if (!o.isBlank()) {
        origins.add(o.strip());
      }
    }
    return new ServerConfig(
        values.getOrDefault("host", d.host()),
        Integer.parseInt(values.getOrDefault("port", String.valueOf(d.port()))),
        values.getOrDefault("public-url", d.publicUrl()),
        Path.of(values.getOrDefault("data-dir", d.dataDir().toString())),
        values.getOrDefault("secret", d.secret()),
        origins,
        Optional.ofNullable(values.get("token-ttl-minutes")).map(m -> Duration.ofMinutes(Long.parseLong(m)))
            .orElse(d.tokenTtl()),
        Optional.ofNullable(values.get("room-idle-minutes")).map(m -> Duration.ofMinutes(Long.parseLong(m)))
            .orElse(d.roomIdle()),
        Boolean.parseBoolean(values.getOrDefault("seed-demo", String.valueOf(d.seedDemo()))),
        values.getOrDefault("organizer-key", d.organizerKey()),
        values.getOrDefault("db-url", d.dbUrl()),
        values.getOrDefault("db-user", d.dbUser()),
        values.getOrDefault("db-password", d.dbPassword()));
  }

  /** A copy listening on {@code newPort}. */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, publicUrl, dataDir, secret, allowedOrigins, tokenTtl, roomIdle, seedDemo, organizerKey, dbUrl, dbUser, dbPassword);
  }

  /** A copy with {@code newSecret}. */
  public ServerConfig withSecret(String newSecret) {
    return new ServerConfig(host, port, publicUrl, dataDir, newSecret, allowedOrigins, tokenTtl, roomIdle, seedDemo, organizerKey, dbUrl, dbUser, dbPassword);
  }

  /** A copy that does or does not seed demo sessions. */
  public ServerConfig withSeedDemo(boolean seed) {
    return new ServerConfig(host, port, publicUrl, dataDir, secret, allowedOrigins, tokenTtl, roomIdle, seed, organizerKey, dbUrl, dbUser, dbPassword);
  }

  /** A copy whose journal is at {@code url} ({@value #IN_MEMORY} for none). */
  public ServerConfig withDatabase(String url) {
    return new ServerConfig(host, port, publicUrl, dataDir, secret, allowedOrigins, tokenTtl, roomIdle, seedDemo,
        organizerKey, url, dbUser, dbPassword);
  }

  /** The journal's JDBC URL: {@link #dbUrl()}, or the embedded H2 file under {@link #dataDir()}. */
  public String journalUrl() {
    return dbUrl.isBlank() ? "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("peerwork") : dbUrl;
  }

  /** A copy keeping its data in {@code dir}. */
  public ServerConfig withDataDirectory(Path dir) {
    return new ServerConfig(host, port, publicUrl, dir, secret, allowedOrigins, tokenTtl, roomIdle, seedDemo, organizerKey, dbUrl, dbUser, dbPassword);
  }

  /** A copy that keeps idle rooms in memory for {@code idle}. */
  public ServerConfig withRoomIdle(Duration idle) {
    return new ServerConfig(host, port, publicUrl, dataDir, secret, allowedOrigins, tokenTtl, idle, seedDemo, organizerKey, dbUrl, dbUser, dbPassword);
  }

  /** A copy whose join tokens are valid for {@code ttl}. */
  public ServerConfig withTokenTtl(Duration ttl) {
    return new ServerConfig(host, port, publicUrl, dataDir, secret, allowedOrigins, ttl, roomIdle, seedDemo, organizerKey, dbUrl, dbUser, dbPassword);
  }

  /** A copy that requires {@code key} to create sessions. */
  public ServerConfig withOrganizerKey(String key) {
    return new ServerConfig(host, port, publicUrl, dataDir, secret, allowedOrigins, tokenTtl, roomIdle, seedDemo, key, dbUrl, dbUser, dbPassword);
  }

  /** A copy with these allowed origins. */
  public ServerConfig withAllowedOrigins(List<String> origins) {
    return new ServerConfig(host, port, publicUrl, dataDir, secret, origins, tokenTtl, roomIdle, seedDemo, organizerKey, dbUrl, dbUser, dbPassword);
  }
}
