/**
 * The monthly rhythm: a series of sessions of one format, with dates from a recurrence (moved or
 * cancelled one at a time), seats and a waitlist per date, check-in and no-shows, and each
 * participant's routines with their history. Pure and event-sourced like the session engine.
 */
package io.peerwork.core.series;
