package io.peerwork.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.peerwork.core.SessionSnapshot;
import io.peerwork.jackson.PeerworkJackson;

/**
 * Turns a {@link SessionSnapshot} into the JSON stored in a row, and back: the record's components
 * as properties, with peerwork-jackson's shapes for ids, times and plans. The shape has a schema
 * version, {@link #SCHEMA_VERSION}, stored beside it; a row of another version is not read (its
 * session loads from its events instead), so a change of the shape raises the version and needs
 * no upcaster. Thread-safe.
 */
public final class SnapshotCodec {
  /** The schema version of the JSON this code writes and reads. */
  public static final int SCHEMA_VERSION = 3;

  private final ObjectWriter writer;
  private final ObjectReader reader;

  /** With Peerwork's strict mapper: a snapshot with a wrongly typed value is not read. */
  public SnapshotCodec() {
    ObjectMapper json = PeerworkJackson.newStrictObjectMapper();
    this.writer = json.writerFor(SessionSnapshot.class);
    this.reader = json.readerFor(SessionSnapshot.class);
  }

  /** The JSON of {@code snapshot}. */
  public String encode(SessionSnapshot snapshot) {
    try {
      return writer.writeValueAsString(snapshot);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the snapshot of " + snapshot.id() + " as JSON", e);
    }
  }

  /**
   * The snapshot stored as {@code json} in {@code schemaVersion}.
   *
   * @throws EventCodec.Undecodable if it cannot be read: another schema version, corrupt JSON, or
   *     values that are not a valid state
   */
  public SessionSnapshot decode(int schemaVersion, String json) {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new EventCodec.Undecodable("it is written in schema version " + schemaVersion + "; this code reads "
          + SCHEMA_VERSION, null);
    }
    try {
      SessionSnapshot s = reader.readValue(json);
      if (s == null) {
        throw new EventCodec.Undecodable("its JSON is null", null);
      }
      return s;
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new EventCodec.Undecodable("not a valid snapshot: " + e.getMessage(), e);
    }
  }
}
