/**
 * An {@link io.peerwork.core.EventJournal} on a relational database: H2 (embedded, a file under
 * {@code ./data} by default) or PostgreSQL. Events are stored as JSON written by {@code
 * peerwork-jackson}, one row each, in a table that Flyway creates and migrates at start.
 *
 * <p>Start with {@link io.peerwork.jdbc.JdbcEventJournal#builder(String)} or {@link
 * io.peerwork.jdbc.JdbcEventJournal.Builder#fromEnvironment(java.util.Map)}.
 */
package io.peerwork.jdbc;
