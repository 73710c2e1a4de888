package io.peerwork.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.jackson.PeerworkJackson;
import io.peerwork.jdbc.EventUpcaster;
import java.util.Objects;

/**
 * Turns events into the JSON and type name stored in a row, and rows back into events.
 *
 * @param <E> the events' sealed type ({@code SessionEvent}, {@code SeriesEvent})
 */
public final class EventCodec<E> {
  private final ObjectMapper json;
  private final Class<E> type;
  private final EventUpcaster upcaster;

  /** For events of {@code type}, with Peerwork's mapper and {@code upcaster}. */
  public EventCodec(Class<E> type, EventUpcaster upcaster) {
    this.json = PeerworkJackson.newObjectMapper();
    this.type = Objects.requireNonNull(type, "type");
    this.upcaster = Objects.requireNonNull(upcaster, "upcaster");
  }

  /** The type name stored with {@code event}. */
  public String typeName(E event) {
    return PeerworkJackson.typeName(event.getClass());
  }

  /** The JSON stored for {@code event}. */
  public String encode(E event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + event + " as JSON", e);
    }
  }

  /**
   * The event stored in a row.
   *
   * @throws Undecodable if the row cannot be read; the caller names the stream and version
   */
  public E decode(String typeName, int schemaVersion, String payload) {
    JsonNode node;
    try {
      node = json.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new Undecodable("corrupt JSON for a " + typeName, e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new Undecodable("the JSON of a " + typeName + " is not an object", null);
    }
    JsonNode storedType = object.get("type");
    if (storedType == null || !typeName.equals(storedType.asText())) {
      throw new Undecodable("the row says " + typeName + " but its JSON says " + storedType, null);
    }
    ObjectNode current;
    try {
      current = upcaster.upcast(typeName, schemaVersion, object);
    } catch (RuntimeException e) {
      throw new Undecodable("cannot upcast a " + typeName + " of schema version " + schemaVersion, e);
    }
    try {
      return json.treeToValue(Objects.requireNonNull(current, "the upcaster returned null"), type);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new Undecodable("not a valid " + typeName + ": " + e.getMessage(), e);
    }
  }

  /** A row that cannot be read; {@link StreamTable} turns it into the journal's public exception. */
  public static final class Undecodable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Undecodable(String problem, Throwable cause) {
      super(problem, cause);
    }

    /** What is wrong, for people. */
    public String problem() {
      return getMessage();
    }
  }
}
