package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import com.flipkart.zjsonpatch.JsonPatch;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * A room's views as JSON Patch (RFC 6902) frames: holds the last view sent to each audience (staff,
 * participants) and makes the frames that bring it to the next one, so a change costs each member
 * about the size of the change, not of the room (see protocol.md, "patch").
 *
 * <p>The patches apply to the view's <em>patch form</em> ({@link #patchForm}), not to the view as
 * {@code view} frames carry it: zjsonpatch diffs arrays by position, so a request leaving the help
 * queue would shift every entry behind it and each would be rewritten field by field. In the patch
 * form each list of things with an {@code id} (members, goals, waiting and in-progress requests) is
 * {@code {"ids":[...], "byId":{...}}}: the order as a list of ids (one op when one moves) and each
 * thing under its id (one op per changed field). The waiting list keeps {@code place} and the wait
 * ({@code waitLowMinutes}, {@code waitHighMinutes}), which belong to a position rather than to a
 * request, as lists by position: a request leaving the queue shortens them by one. {@link #view}
 * turns a patch form back into the view (with those as the last fields of each waiting request);
 * both are exact, and the page does the same
 * (web/viewpatch.js).
 *
 * <p>Not thread-safe: a room uses its own on its own context.
 */
public final class ViewPatches {
  /** Plain add, remove and replace operations: no move or copy, no removed values. */
  static final EnumSet<DiffFlags> FLAGS = EnumSet.of(
      DiffFlags.OMIT_VALUE_ON_REMOVE, DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] KEYED = {"members", "goals"};
  private static final String[] BY_PLACE = {"place", "waitLowMinutes", "waitHighMinutes"};

  private long base = -1;
  private ObjectNode lastStaff;
  private ObjectNode lastParticipants;

  /** The seq of the last view a frame was made for (the base of the next patch); -1 before the first. */
  public long base() {
    return base;
  }

  /**
   * The frames to send, one per audience.
   *
   * @param kind {@code patch}, or {@code view} for the first view after the room was loaded (there
   *     is nothing to patch yet)
   * @param seq the session's sequence number the frames bring the view to
   * @param base the sequence number of the view the patches apply to; -1 for {@code view} frames
   * @param staff the frame for hosts and experts
   * @param participants the frame for participants (the same string when nothing differs)
   */
  public record Frames(String kind, long seq, long base, String staff, String participants) {
    public Frames {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(staff, "staff");
      Objects.requireNonNull(participants, "participants");
    }
  }

  /**
   * Makes the frames that bring each audience from the last views to these, which become the base of
   * the next ones. Pass the same object twice when both audiences see the same view: it is diffed
   * and encoded once.
   */
  public Frames next(long seq, ObjectNode staffView, ObjectNode participantView) {
    ObjectNode staffForm = patchForm(staffView);
    ObjectNode participantForm = participantView == staffView ? staffForm : patchForm(participantView);
    Frames frames;
    if (base < 0) {
      String staff = viewFrame(seq, staffView);
      frames = new Frames("view", seq, -1, staff,
          participantView == staffView ? staff : viewFrame(seq, participantView));
    } else {
      String staff = patchFrame(seq, base, JsonDiff.asJson(lastStaff, staffForm, FLAGS));
      String participants = participantForm == staffForm && lastParticipants == lastStaff
          ? staff : patchFrame(seq, base, JsonDiff.asJson(lastParticipants, participantForm, FLAGS));
      frames = new Frames("patch", seq, base, staff, participants);
    }
    base = seq;
    lastStaff = staffForm;
    lastParticipants = participantForm;
    return frames;
  }

  private static String viewFrame(long seq, ObjectNode view) {
    ObjectNode f = NODES.objectNode();
    f.put("type", "view");
    f.put("seq", seq);
    f.set("view", view);
    return f.toString();
  }

  private static String patchFrame(long seq, long base, JsonNode ops) {
    ObjectNode f = NODES.objectNode();
    f.put("type", "patch");
    f.put("seq", seq);
    f.put("base", base);
    f.set("ops", ops);
    return f.toString();
  }

  /**
   * The patch form of a view. The view is not changed, but the form shares its unchanged parts
   * (members, goals, requests in progress) with it rather than copying a large room: change neither
   * afterwards.
   */
  public static ObjectNode patchForm(ObjectNode view) {
    ObjectNode f = NODES.objectNode().setAll(view);
    for (String field : KEYED) {
      keyed(f, field);
    }
    if (f.get("queue") instanceof ObjectNode queue) {
      ObjectNode q = NODES.objectNode().setAll(queue);
      f.set("queue", q);
      keyed(q, "inProgress");
      if (q.get("waiting") instanceof ArrayNode waiting) {
        ArrayNode entries = NODES.arrayNode();
        waiting.forEach(e -> entries.add(((ObjectNode) e).deepCopy().remove(List.of(BY_PLACE))));
        q.set("waiting", entries);
        ObjectNode w = keyed(q, "waiting");
        for (String field : BY_PLACE) {
          ArrayNode values = w.putArray(field);
          for (JsonNode e : waiting) {
            values.add(e.path(field).isMissingNode() ? NODES.nullNode() : e.get(field));
          }
        }
      }
    }
    return f;
  }

  /** The view a patch form stands for: the inverse of {@link #patchForm}. */
  public static ObjectNode view(ObjectNode patchForm) {
    ObjectNode v = patchForm.deepCopy();
    for (String field : KEYED) {
      listed(v, field);
    }
    if (v.get("queue") instanceof ObjectNode q) {
      listed(q, "inProgress");
      if (q.get("waiting") instanceof ObjectNode w) {
        ArrayNode waiting = listed(q, "waiting");
        for (String field : BY_PLACE) {
          JsonNode values = w.path(field);
          for (int i = 0; i < waiting.size(); i++) {
            JsonNode value = values.path(i);
            if (!value.isMissingNode() && !value.isNull()) {
              ((ObjectNode) waiting.get(i)).set(field, value);
            }
          }
        }
      }
    }
    return v;
  }

  /** Applies a patch frame's {@code ops} to a view (as a client does): the new view. */
  public static ObjectNode apply(ObjectNode view, JsonNode ops) {
    return view((ObjectNode) JsonPatch.apply(ops, patchForm(view)));
  }

  /** Replaces the list {@code parent.field} by {@code {"ids": [...], "byId": {...}}}; null if absent. */
  private static ObjectNode keyed(ObjectNode parent, String field) {
    if (!(parent.get(field) instanceof ArrayNode list)) {
      return null;
    }
    ObjectNode k = NODES.objectNode();
    ArrayNode ids = k.putArray("ids");
    ObjectNode byId = k.putObject("byId");
    for (JsonNode e : list) {
      String id = e.path("id").asText();
      ids.add(id);
      byId.set(id, e);
    }
    parent.set(field, k);
    return k;
  }

  /** The inverse of {@link #keyed}: the list in the order of {@code ids}. */
  private static ArrayNode listed(ObjectNode parent, String field) {
    ArrayNode list = NODES.arrayNode();
    if (!(parent.get(field) instanceof ObjectNode k)) {
      return list;
    }
    JsonNode byId = k.path("byId");
    for (JsonNode id : k.path("ids")) {
      JsonNode e = byId.get(id.asText());
      if (e == null) {
        throw new IllegalArgumentException(field + " lists id " + id + " but has no entry for it");
      }
      list.add(e.deepCopy());
    }
    parent.set(field, list);
    return list;
  }
}
