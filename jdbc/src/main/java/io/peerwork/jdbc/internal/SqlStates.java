package io.peerwork.jdbc.internal;

import java.sql.SQLException;

/** What a database's error means, for H2 and PostgreSQL alike. */
public final class SqlStates {
  private SqlStates() {}

  /** SQLSTATE 23505: a unique key (here: stream and version, or stream and command id) is taken. */
  public static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
      if ("23505".equals(next.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code e} (or a cause) says the database cannot be reached: no connection from the pool
   * in time, a connection lost (SQLSTATE class 08), or H2's "database closed" (90098).
   */
  public static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().equals("90098"))) {
        return true;
      }
    }
    return false;
  }
}
