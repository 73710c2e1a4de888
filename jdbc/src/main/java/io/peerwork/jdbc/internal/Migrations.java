package io.peerwork.jdbc.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Creates or migrates the journal's tables with Flyway. */
public final class Migrations {
  /** Where the journal's migrations are, on the class path. */
  public static final String LOCATION = "classpath:io/peerwork/jdbc/db-migration";
  /** Flyway's history table for the journal, named so it does not meet an application's own. */
  public static final String HISTORY_TABLE = "peerwork_schema_history";

  private Migrations() {}

  /**
   * Brings the schema up to date.
   *
   * @param schema the schema to create and use, or {@code null} for the connection's default
   */
  public static void migrate(DataSource dataSource, String schema) {
    var config = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(false)
        .validateMigrationNaming(true);
    if (schema != null) {
      config = config.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    config.load().migrate();
  }
}
