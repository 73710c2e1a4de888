/**
 * An {@link io.peerwork.core.EventJournal} and a {@link io.peerwork.core.series.SeriesJournal} on a
 * relational database: H2 (embedded, a file under {@code ./data} by default) or PostgreSQL. Events
 * are stored as JSON written by {@code peerwork-jackson}, one row each, sessions' in {@code
 * peerwork_event} and series' in {@code peerwork_series_event}, tables that Flyway creates and
 * migrates at start.
 *
 * <p>Start with {@link io.peerwork.jdbc.JdbcEventJournal#builder(String)} or {@link
 * io.peerwork.jdbc.JdbcEventJournal.Builder#fromEnvironment(java.util.Map)}; its {@code open()}
 * gives the session journal, its {@code openSeriesJournal()} the series journal, its {@code
 * openMailQueue()} the {@link io.peerwork.jdbc.MailQueue} of messages waiting to be sent by e-mail
 * (table {@code peerwork_mail_outbox}).
 */
package io.peerwork.jdbc;
