package io.peerwork.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Brings a stored event's JSON up to the shape the current code reads, before it is turned into a
 * {@link io.peerwork.core.SessionEvent} (or, given to {@link JdbcEventJournal.Builder#seriesUpcaster},
 * a {@link io.peerwork.core.series.SeriesEvent}). The place for future data migrations: when the
 * JSON of an event changes in a way the lenient reader cannot absorb (a field renamed, a type
 * split), raise {@link JdbcEventJournal#SCHEMA_VERSION} (or {@link JdbcSeriesJournal#SCHEMA_VERSION})
 * and rewrite older rows here.
 *
 * <p>Called for every row read, with the schema version the row was written with. Adding a field
 * with a default (an {@code Optional}, say) needs no upcaster: missing optionals read as empty and
 * unknown fields are ignored.
 *
 * <pre>{@code
 * EventUpcaster renameNote = (type, schemaVersion, json) -> {
 *   if (type.equals("HandRaised") && schemaVersion < 2 && json.has("comment")) {
 *     json.set("note", json.remove("comment"));
 *   }
 *   return json;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface EventUpcaster {

  /**
   * The event's JSON in the current shape.
   *
   * @param type the event type stored with the row (e.g. {@code GoalDeclared})
   * @param schemaVersion the schema version stored with the row, 1 or more
   * @param json the stored JSON; the upcaster may change it and return it, or return a new node
   * @return the JSON to read, with a {@code "type"} property naming the event type
   * @throws RuntimeException if the row cannot be brought up to date; the journal reports it as
   *     an {@link UnreadableEventException} (or {@link
   *     UnreadableSeriesEventException})
   */
  ObjectNode upcast(String type, int schemaVersion, ObjectNode json);

  /** The upcaster that changes nothing: every schema version so far reads as it is. */
  static EventUpcaster none() {
    return (type, schemaVersion, json) -> json;
  }
}
