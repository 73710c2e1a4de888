/**
 * The JDBC journal's implementation details. Nothing here is API: it may change in any release
 * without notice. Use {@link io.peerwork.jdbc.JdbcEventJournal} and
 * {@link io.peerwork.jdbc.JdbcSeriesJournal}.
 */
package io.peerwork.jdbc.internal;
