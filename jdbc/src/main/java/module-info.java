/**
 * Peerwork's journals on a relational database (H2 embedded, PostgreSQL in production), with their
 * owner table (the cluster's fence) and Flyway migrations. {@code io.peerwork.jdbc.internal} is not
 * exported.
 *
 * <p>Flyway's jar names no module: the JDK derives {@code flyway.core} from its file name, so on the
 * module path the jar must keep the name Maven gives it ({@code flyway-core-<version>.jar}). The
 * migrations lie outside any package ({@code io/peerwork/jdbc/db-migration/}), where a module does not
 * hide them from Flyway. JDBC drivers are found by {@link java.sql.DriverManager} as services.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.peerwork.jdbc {
  requires transitive io.peerwork.core;
  requires transitive java.sql;
  requires io.peerwork.jackson;
  // EventUpcaster, part of the API, takes and gives Jackson ObjectNodes.
  requires transitive com.fasterxml.jackson.databind;
  requires java.logging;
  requires com.zaxxer.hikari;
  requires flyway.core;

  exports io.peerwork.jdbc;
}
