package io.peerwork.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/** Where the tests' databases are: H2 files under target/, and PostgreSQL if configured. */
final class TestDatabases {
  /** The environment variable CI sets to the PostgreSQL JDBC URL. */
  static final String PG_ENV = "PEERWORK_TEST_PG_URL";

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Set<String> SCHEMAS_TO_DROP = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger WARNED = new AtomicInteger();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropSchemas, "drop-test-schemas"));
  }

  private TestDatabases() {}

  /** A URL for a new, empty H2 file database under target/. */
  static String newH2FileUrl(String name) {
    Path file = Path.of("target", "h2-test", RUN, name + "-" + COUNTER.incrementAndGet()).toAbsolutePath();
    return "jdbc:h2:file:" + file;
  }

  /** The PostgreSQL URL, or a skip (loud: on stderr too) if it is not configured. */
  static String postgresUrlOrSkip() {
    String url = System.getenv(PG_ENV);
    if (url == null || url.isBlank()) {
      String message = "PostgreSQL was NOT tested: " + PG_ENV + " is not set "
          + "(e.g. " + PG_ENV + "='jdbc:postgresql://127.0.0.1:5432/test?user=postgres')";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message + "; in CI it must run (.ci/run sets it)");
      }
      if (WARNED.getAndIncrement() == 0) {
        System.err.println("WARNING: " + message);
      }
      Assumptions.abort(message);
    }
    return url;
  }

  /** A schema name unique to this test run, dropped when the JVM exits. */
  static String newPostgresSchema(String purpose) {
    String schema = ("peerwork_test_" + purpose + "_" + RUN + "_" + COUNTER.incrementAndGet()).toLowerCase(Locale.ROOT);
    SCHEMAS_TO_DROP.add(schema);
    return schema;
  }

  /** Runs {@code sql} on a plain connection (no pool, no journal), for setting up bad data. */
  static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void dropSchemas() {
    String url = System.getenv(PG_ENV);
    if (url == null || url.isBlank() || SCHEMAS_TO_DROP.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String schema : SCHEMAS_TO_DROP) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    } catch (SQLException e) {
      System.err.println("could not drop the test schemas " + SCHEMAS_TO_DROP + ": " + e);
    }
  }
}
