package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.EventJournal;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.TextRules;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A person's own data in one session, for people who joined it with an invite link (no series, no
 * address), under their control as {@link SeriesPersonalData} is for a series: with their session
 * token, {@code GET /api/sessions/<id>/me/data} hands them everything stored about them in the
 * session, as JSON, and {@code POST /api/sessions/<id>/me/erase} erases it (see docs/api.md, "Your
 * data", and docs/architecture.md, "Erasure").
 *
 * <p>Erasure is the room's ({@link RoomRequest.Erase}): the organiser removes the person if the
 * session is still on (their sockets close, their seat is free), the session's journal is
 * rewritten with {@link io.peerwork.core.Erasure#session} and the room loads itself again, so that
 * everyone else's views and recap show them erased. Safe to ask again.
 */
final class SessionPersonalData {
  private static final Logger LOG = Logger.getLogger(SessionPersonalData.class.getName());

  private final Vertx vertx;
  private final HttpApi http;
  private final ObjectMapper json;
  private final Tokens tokens;
  private final RoomRegistry rooms;
  private final EventJournal journal;
  private final Clock clock;
  private final SeriesSessions series;

  SessionPersonalData(Vertx vertx, HttpApi http, ObjectMapper json, Tokens tokens, RoomRegistry rooms,
      EventJournal journal, Clock clock, SeriesSessions series) {
    this.series = series;
    this.vertx = vertx;
    this.http = http;
    this.json = json;
    this.tokens = tokens;
    this.rooms = rooms;
    this.journal = journal;
    this.clock = clock;
  }

  /** {@code GET /api/sessions/<id>/me/data}: everything stored about the token's person in the session. */
  void export(RoutingContext ctx) {
    SessionId id = HttpApi.sessionId(ctx);
    Tokens.Claims token = tokens.verify(ApiAuth.token(ctx), id);
    notSignedOut(id, token).compose(me -> vertx.executeBlocking(() -> document(id, me), false)).onSuccess(doc -> {
      ctx.response().putHeader("Content-Disposition", "attachment; filename=\"peerwork-" + id.value() + "-"
          + LocalDate.now(clock) + ".json\"");
      HttpApi.ok(ctx, 200, doc);
    }).onFailure(ctx::fail);
  }

  private ObjectNode document(SessionId id, Tokens.Claims me) {
    ObjectNode doc = json.createObjectNode();
    doc.put("kind", "peerwork-personal-data");
    doc.put("version", 1);
    doc.put("exportedAt", clock.instant().toString());
    doc.put("sessionId", id.value());
    doc.put("participantId", me.participant().value());
    doc.put("role", me.role().name());
    doc.put("displayName", me.displayName());
    doc.set("events", theirEvents(json, journal.read(id, 0), me.participant()));
    ObjectNode notStored = doc.putObject("notStored");
    notStored.put("de", "Chatzeilen und Cheers im Raum stehen nur während der Session im Speicher des Raums;"
        + " sie werden nicht gespeichert. Eine Pinnwand gibt es nur in Reihen.");
    notStored.put("en", "Chat lines and cheers in a room live only in the room's memory during a session; they"
        + " are not stored. Only series have a wall.");
    return doc;
  }

  /**
   * The events of a session about {@code who}, each as {@code {"version", "event"}}: those naming
   * them, and those about goals and requests of their own (declared or asked by them) that name
   * nobody else (an expert's claim, a status); never another person's note.
   */
  static ArrayNode theirEvents(ObjectMapper json, List<RecordedEvent> events, ParticipantId who) {
    String me = who.value();
    Set<String> theirs = new HashSet<>();
    List<JsonNode> trees = new ArrayList<>();
    for (RecordedEvent r : events) {
      trees.add(json.valueToTree(r.event()));
      if (r.event() instanceof SessionEvent.GoalDeclared g && g.owner().value().equals(me)) {
        theirs.add(g.goal().value());
      } else if (r.event() instanceof SessionEvent.HandRaised h && h.participant().value().equals(me)) {
        theirs.add(h.request().value());
      }
    }
    ArrayNode out = json.createArrayNode();
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = trees.get(i);
      boolean named = SeriesPersonalData.mentions(e, Set.of(me));
      boolean aboutTheirs = !named && SeriesPersonalData.mentions(e, theirs) && !e.has("participant")
          && !e.has("owner");
      if (named || aboutTheirs) {
        out.addObject().put("version", events.get(i).version()).set("event", e);
      }
    }
    return out;
  }

  /**
   * {@code POST /api/sessions/<id>/me/erase} with {@code {"displayName": "<their name>"}} (typed
   * again to confirm, as they joined with it; case and spaces aside): erases the person from the
   * session; answers {@code {"erased": true, "sessionEvents": <events changed>}}.
   */
  void erase(RoutingContext ctx) {
    SessionId id = HttpApi.sessionId(ctx);
    Tokens.Claims me = tokens.verify(ApiAuth.token(ctx), id);
    String typed = http.body(ctx).path("displayName").asText("");
    if (!folded(typed).equals(folded(me.displayName()))) {
      throw new ApiError(ApiError.Code.ERASURE_NOT_CONFIRMED,
          "type your name as you joined with it to confirm that everything about you is to be erased");
    }
    notSignedOut(id, me).compose(ok -> erase(rooms, id, me.participant())).onSuccess(n -> {
      LOG.info(() -> "session " + id + ": a person's data was erased at their request (" + n + " event(s))");
      ObjectNode answer = json.createObjectNode();
      answer.put("erased", true);
      answer.put("sessionEvents", n);
      HttpApi.ok(ctx, 200, answer);
    }).onFailure(ctx::fail);
  }

  /**
   * {@code me}, unless the token was made from a series' personal link that has been signed out
   * since ({@code TOKEN_REVOKED}, as the room's socket answers): a leaked token must not reach a
   * person's data after they signed their links out. Fails too if the series cannot be asked now.
   */
  private Future<Tokens.Claims> notSignedOut(SessionId id, Tokens.Claims me) {
    if (me.linkGeneration().isEmpty()) {
      return Future.succeededFuture(me);
    }
    return series.linkSignedOut(id, me.participant(), me.linkGeneration().getAsInt()).compose(out -> out
        ? Future.failedFuture(new ApiError(ApiError.Code.TOKEN_REVOKED,
            "your links were signed out; open the new link sent to you by mail"))
        : Future.succeededFuture(me));
  }

  private static String folded(String name) {
    return TextRules.normalize(name).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /**
   * Erases {@code who} from the session {@code sid} ({@link RoomRequest.Erase}) and loads the room
   * again at once, so that every connection catches up with the erased views: the events changed
   * (0 if the session was never held); fails with {@code ERASURE_UNAVAILABLE} where the journal
   * cannot rewrite, or the room's failure.
   */
  static Future<Integer> erase(RoomRegistry rooms, SessionId sid, ParticipantId who) {
    return rooms.request(sid, new RoomRequest.Erase(who)).compose(reply -> {
      if (reply instanceof RoomReply.Erased e) {
        return rooms.request(sid, new RoomRequest.Info()).map(info -> e.events());
      } else if (reply instanceof RoomReply.Failed f && f.code().equals(ApiError.Code.SESSION_NOT_FOUND.name())) {
        return Future.succeededFuture(0); // no session was held
      } else if (reply instanceof RoomReply.Failed f && f.code().equals(ApiError.Code.ERASURE_UNAVAILABLE.name())) {
        return Future.failedFuture(new ApiError(ApiError.Code.ERASURE_UNAVAILABLE, f.message()));
      } else if (reply instanceof RoomReply.Failed f) {
        return Future.failedFuture(new ApiError(f.code(), ApiError.Code.ROOM_UNAVAILABLE.status(), f.message()));
      }
      return Future.failedFuture(new ApiError(ApiError.Code.ROOM_UNAVAILABLE, "the room did not erase; try again"));
    });
  }
}
