package io.peerwork.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.jackson.PeerworkJackson;
import io.peerwork.jdbc.EventUpcaster;
import io.peerwork.jdbc.UnreadableEventException;
import java.util.Objects;

/** Turns events into the JSON and type name stored in a row, and rows back into events. */
public final class EventCodec {
  private final ObjectMapper json;
  private final EventUpcaster upcaster;

  /** With Peerwork's mapper and {@code upcaster}. */
  public EventCodec(EventUpcaster upcaster) {
    this.json = PeerworkJackson.newObjectMapper();
    this.upcaster = Objects.requireNonNull(upcaster, "upcaster");
  }

  /** The type name stored with {@code event}. */
  public String typeName(SessionEvent event) {
    return PeerworkJackson.typeName(event.getClass());
  }

  /** The JSON stored for {@code event}. */
  public String encode(SessionEvent event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + event + " as JSON", e);
    }
  }

  /**
   * The event stored in a row.
   *
   * @throws UnreadableEventException if the row cannot be read, naming session, version and cause
   */
  public SessionEvent decode(SessionId session, long version, String type, int schemaVersion, String payload) {
    JsonNode node;
    try {
      node = json.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new UnreadableEventException(session, version, "corrupt JSON for a " + type, e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new UnreadableEventException(session, version, "the JSON of a " + type + " is not an object", null);
    }
    JsonNode storedType = object.get("type");
    if (storedType == null || !type.equals(storedType.asText())) {
      throw new UnreadableEventException(session, version,
          "the row says " + type + " but its JSON says " + storedType, null);
    }
    ObjectNode current;
    try {
      current = upcaster.upcast(type, schemaVersion, object);
    } catch (RuntimeException e) {
      throw new UnreadableEventException(session, version,
          "cannot upcast a " + type + " of schema version " + schemaVersion, e);
    }
    try {
      return json.treeToValue(Objects.requireNonNull(current, "the upcaster returned null"), SessionEvent.class);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new UnreadableEventException(session, version, "not a valid " + type + ": " + e.getMessage(), e);
    }
  }
}
