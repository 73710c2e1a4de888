package io.peerwork.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Command;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.TextRules;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a client's text frame, once, into a typed {@link ClientFrame}, strictly as protocol.md
 * says: one JSON object and nothing after it, a text {@code id}, every field of its type (nothing
 * coerced), required fields present. A frame that is not so becomes {@link ClientFrame.Invalid} with
 * a stable code and a message that names the field, never a Java class.
 *
 * <p>The actor of a command is the token's person: a frame naming anyone else is {@code
 * FORBIDDEN_ACTOR}; a {@code Join} gets the token's name and role.
 */
final class ClientFrames {
  static final int MAX_ID = 64;

  /** Commands a client may send; the actor is always the token's person. */
  static final Set<String> CLIENT_COMMANDS = Set.of("OpenSession", "StartSession", "AdvancePhase", "ExtendPhase",
      "EndSession", "CancelSession", "Join", "Leave", "DeclareGoal", "EditGoal", "MarkGoal", "RaiseHand",
      "WithdrawHand", "ClaimNext", "ClaimRequest", "FinishHelp", "RemoveMember", "ReadmitMember", "SetNoShowMinutes",
      "RevokeInvite", "SetHelpPlace", "HoldHelp", "ReadyAgain", "JoinRequest", "SetQueueState", "PostAnnouncement",
      "RemoveAnnouncement", "RateHelp", "SetExpertTopics", "OfferPeerHelp", "AcceptPeerHelp", "DeclinePeerHelp");
  /** Commands only the server sends. */
  static final Set<String> SERVER_COMMANDS = Set.of("ScheduleSession", "Tick", "RescheduleSession", "CallOffSession",
      "ReleaseSeat");

  private static final Map<String, Class<?>> COMMAND_TYPES = new HashMap<>();

  static {
    for (Class<?> c : Command.class.getPermittedSubclasses()) {
      COMMAND_TYPES.put(c.getSimpleName(), c);
    }
  }

  private final ObjectMapper strict;

  /** {@code strict} is the mapper for client input ({@code PeerworkJackson.newStrictObjectMapper()}). */
  ClientFrames(ObjectMapper strict) {
    this.strict = Objects.requireNonNull(strict, "strict");
  }

  /** The frame {@code text} from the person of {@code me}. */
  ClientFrame read(String text, Tokens.Claims me) {
    JsonNode frame;
    try {
      frame = strict.readTree(text);
    } catch (JsonProcessingException e) {
      return invalid(null, ApiError.Code.MALFORMED_JSON, "not one JSON value: " + where(e));
    }
    if (frame == null || !frame.isObject()) {
      return invalid(null, ApiError.Code.MALFORMED_JSON, "a frame is one JSON object");
    }
    JsonNode idNode = frame.get("id");
    if (idNode == null || !idNode.isTextual() || idNode.asText().isEmpty() || idNode.asText().length() > MAX_ID) {
      return invalid(null, ApiError.Code.INVALID_COMMAND,
          "every frame needs an \"id\": text of 1 to " + MAX_ID + " characters");
    }
    String id = idNode.asText();
    try {
      io.peerwork.core.CommandId.of(me.participant().value() + "/" + id); // what the journal keeps
    } catch (IllegalArgumentException e) {
      return invalid(null, ApiError.Code.INVALID_COMMAND, "an \"id\" has no control characters");
    }
    JsonNode typeNode = frame.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      return invalid(id, ApiError.Code.INVALID_COMMAND, "every frame needs a \"type\" (text)");
    }
    String type = typeNode.asText();
    return switch (type) {
      case "Ping" -> new ClientFrame.Ping(id);
      case "Resync" -> new ClientFrame.Resync(id);
      case "Chat" -> chat(id, frame);
      case "Cheer" -> cheer(id, frame);
      case "SetTaskResources" -> taskResources(id, frame);
      default -> {
        if (CLIENT_COMMANDS.contains(type)) {
          yield command(id, type, (ObjectNode) frame, me);
        }
        if (SERVER_COMMANDS.contains(type)) {
          yield invalid(id, ApiError.Code.COMMAND_NOT_ALLOWED, type + " is sent by the server, not by clients");
        }
        yield invalid(id, ApiError.Code.UNKNOWN_TYPE, "unknown frame type");
      }
    };
  }

  private ClientFrame chat(String id, JsonNode frame) {
    JsonNode text = frame.get("text");
    if (text == null || !text.isTextual() || text.asText().isBlank()) {
      return invalid(id, ApiError.Code.INVALID_COMMAND, "a chat message needs a \"text\"");
    }
    Optional<TextRules.Problem> problem = TextRules.check(TextRules.Field.CHAT, text.asText());
    if (problem.isPresent()) {
      return invalid(id, ApiError.Code.INVALID_COMMAND, TextRules.describe(TextRules.Field.CHAT, problem.get()));
    }
    return new ClientFrame.ChatLine(id, TextRules.normalize(text.asText()));
  }

  private ClientFrame cheer(String id, JsonNode frame) {
    JsonNode to = frame.get("to");
    if (to == null || to.isNull()) {
      return new ClientFrame.Cheer(id, Optional.empty());
    }
    if (!to.isTextual()) {
      return invalid(id, ApiError.Code.INVALID_COMMAND, "\"to\" is a participant id (text)");
    }
    try {
      return new ClientFrame.Cheer(id, Optional.of(ParticipantId.of(to.asText())));
    } catch (IllegalArgumentException e) {
      return invalid(id, ApiError.Code.INVALID_COMMAND, "\"to\" is not a participant id");
    }
  }

  /**
   * {@code {"taskId":"...","resources":[{"title":"...","link":"https://...","checklist":["..."]}]}}:
   * the shape is checked here (texts where texts belong, {@code link} and {@code checklist} may be
   * left out); what the texts say is core's to judge.
   */
  private ClientFrame taskResources(String id, JsonNode frame) {
    JsonNode task = frame.get("taskId");
    if (task == null || !task.isTextual()) {
      return invalid(id, ApiError.Code.INVALID_COMMAND, "\"taskId\" is missing: SetTaskResources needs text");
    }
    JsonNode list = frame.get("resources");
    if (list == null || !list.isArray()) {
      return invalid(id, ApiError.Code.INVALID_COMMAND, "\"resources\" must be a list of resources");
    }
    var resources = new java.util.ArrayList<ClientFrame.ResourceInput>();
    for (JsonNode r : list) {
      Map<String, String> title = r.isObject() ? texts(r.get("title")) : null;
      JsonNode link = r.get("link");
      JsonNode checklist = r.get("checklist");
      if (title == null) {
        return invalid(id, ApiError.Code.INVALID_COMMAND,
            "every resource needs a \"title\": text, or {\"de\": text, \"en\": text}");
      }
      if (link != null && !link.isNull() && !link.isTextual()) {
        return invalid(id, ApiError.Code.INVALID_COMMAND, "\"link\" must be text");
      }
      var items = new java.util.ArrayList<Map<String, String>>();
      if (checklist != null && !checklist.isNull()) {
        if (!checklist.isArray()) {
          return invalid(id, ApiError.Code.INVALID_COMMAND, "\"checklist\" must be a list of texts");
        }
        for (JsonNode item : checklist) {
          Map<String, String> text = texts(item);
          if (text == null) {
            return invalid(id, ApiError.Code.INVALID_COMMAND, "\"checklist\" must be a list of texts");
          }
          items.add(text);
        }
      }
      Optional<String> url = link == null || link.isNull() ? Optional.empty() : Optional.of(link.asText());
      resources.add(new ClientFrame.ResourceInput(title, url, items));
    }
    return new ClientFrame.SetResources(id, task.asText(), resources);
  }

  /**
   * A text of a resource: one text for every language ({@code "..."}), or one per language ({@code
   * {"de": "...", "en": "..."}}, as the {@code resources} frame has them, so a page can send back
   * what it got); null if it is neither.
   */
  private static Map<String, String> texts(JsonNode n) {
    if (n != null && n.isTextual()) {
      return Map.of("de", n.asText(), "en", n.asText());
    }
    if (n == null || !n.isObject() || n.size() > 8 || !n.path("de").isTextual() || !n.path("en").isTextual()) {
      return null;
    }
    var out = new HashMap<String, String>();
    for (var e : n.properties()) {
      if (!e.getValue().isTextual() || !e.getKey().matches("[a-z]{2}")) {
        return null;
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private ClientFrame command(String id, String type, ObjectNode frame, Tokens.Claims me) {
    ObjectNode c = frame.deepCopy();
    c.remove("id");
    JsonNode actor = c.get("actor");
    if (actor != null && !actor.isNull() && !(actor.isTextual() && me.participant().value().equals(actor.asText()))) {
      return invalid(id, ApiError.Code.FORBIDDEN_ACTOR, "you can only act for yourself");
    }
    c.put("actor", me.participant().value());
    if ("Join".equals(type)) {
      c.put("displayName", me.displayName());
      c.put("role", me.role().name());
    }
    Class<?> record = COMMAND_TYPES.get(type);
    for (RecordComponent rc : record.getRecordComponents()) {
      JsonNode v = c.get(rc.getName());
      if (rc.getType() != Optional.class && (v == null || v.isNull())) {
        return invalid(id, ApiError.Code.INVALID_COMMAND, "\"" + rc.getName() + "\" is missing: " + type
            + " needs " + expected(rc));
      }
    }
    try {
      return new ClientFrame.Act(id, strict.treeToValue(c, Command.class));
    } catch (JsonMappingException e) {
      String field = field(e);
      RecordComponent rc = component(record, field);
      return invalid(id, ApiError.Code.INVALID_COMMAND, rc == null
          ? "the " + type + " is not valid"
          : "\"" + field + "\" must be " + expected(rc));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return invalid(id, ApiError.Code.INVALID_COMMAND, "the " + type + " is not valid");
    }
  }

  private static final com.fasterxml.jackson.core.JsonFactory PEEK = new com.fasterxml.jackson.core.JsonFactory();

  /**
   * The {@code id} of a frame too large to be read, if its beginning names one: the top-level
   * {@code "id"} field, read with a streaming parser that skips nested values and never builds
   * the long ones, up to the end of {@code beginning} (which may stop in the middle of the frame).
   * Empty if there is none before, or it is not a valid id.
   */
  static Optional<String> peekId(String beginning) {
    try (var p = PEEK.createParser(beginning)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      for (var t = p.nextToken(); t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        var value = p.nextToken();
        if ("id".equals(name)) {
          if (value != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            return Optional.empty();
          }
          String id = p.getText();
          boolean ok = !id.isEmpty() && id.length() <= MAX_ID && id.chars().noneMatch(Character::isISOControl);
          return ok ? Optional.of(id) : Optional.empty();
        }
        p.skipChildren();
      }
      return Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty(); // cut off, or not JSON, before an id
    }
  }

  private static ClientFrame.Invalid invalid(String id, ApiError.Code code, String message) {
    return new ClientFrame.Invalid(Optional.ofNullable(id), code, message);
  }

  /** The first field named in the path of a mapping failure, or "". */
  private static String field(JsonMappingException e) {
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null && !"type".equals(r.getFieldName())) {
        return r.getFieldName();
      }
    }
    return "";
  }

  private static RecordComponent component(Class<?> record, String name) {
    for (RecordComponent rc : record.getRecordComponents()) {
      if (rc.getName().equals(name)) {
        return rc;
      }
    }
    return null;
  }

  /** What a field holds, in the words of protocol.md. */
  private static String expected(RecordComponent rc) {
    Type t = rc.getGenericType();
    Class<?> raw = rc.getType();
    if (raw == Optional.class && t instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
      raw = c;
    }
    if (raw == int.class || raw == long.class || raw == Integer.class) {
      return "a whole number";
    }
    if (raw.isEnum()) {
      var names = new StringBuilder();
      for (Object k : raw.getEnumConstants()) {
        names.append(names.length() == 0 ? "" : ", ").append(((Enum<?>) k).name());
      }
      return "one of " + names;
    }
    if (raw == String.class) {
      return "text";
    }
    if (java.util.List.class.isAssignableFrom(raw)) {
      return "a list of ids (text)";
    }
    return "an id (text)";
  }

  private static String where(JsonProcessingException e) {
    var l = e.getLocation();
    return l == null ? "unreadable" : "unreadable at character " + l.getCharOffset();
  }
}
