package io.peerwork.server;

import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's PostgreSQL for server tests (the URL in {@code PEERWORK_TEST_PG_URL}, which CI
 * sets): each test gets a schema of its own, so nodes of one test share it and tests do not.
 */
final class TestPostgres {
  static final String ENV = "PEERWORK_TEST_PG_URL";

  private TestPostgres() {}

  /** Held, so that their levels stay set (JUL keeps loggers only weakly). */
  private static final List<java.util.logging.Logger> QUIET = List.of(
      java.util.logging.Logger.getLogger("com.hazelcast"), java.util.logging.Logger.getLogger("com.zaxxer.hikari"),
      java.util.logging.Logger.getLogger("org.flywaydb"), java.util.logging.Logger.getLogger("io.micrometer"),
      java.util.logging.Logger.getLogger("io.peerwork.server.internal.ClusterNodes"),
      java.util.logging.Logger.getLogger("io.peerwork.server.internal.RoomRegistry"));

  /** Hazelcast's, the pool's and Flyway's start-up chatter off: a passing cluster test is quiet. */
  static void quietLibraries() {
    QUIET.forEach(l -> l.setLevel(java.util.logging.Level.SEVERE));
  }

  /** The base URL, or the test is skipped (in CI it must run: then it fails instead). */
  static String urlOrSkip() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(ENV + " is not set; in CI the cluster tests must run (.ci/run sets it)");
      }
      Assumptions.abort("PostgreSQL not configured (" + ENV + "): the cluster needs it");
    }
    return url;
  }

  /** A URL whose connections work in a new, empty schema of their own. */
  static String newSchemaUrl(String purpose) throws Exception {
    String url = urlOrSkip();
    String schema = ("pw_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** A free TCP port on 127.0.0.1 (for Hazelcast, which is given a fixed member list). */
  static int freePort() throws Exception {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
