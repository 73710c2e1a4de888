package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Agenda;
import io.peerwork.core.Command;
import io.peerwork.core.JournalException;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.TextRules;
import io.peerwork.core.spi.TopicFormat;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The JSON HTTP API (see docs/api.md). Handlers parse, ask the room over the event bus, answer. */
public final class HttpApi {
  private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ObjectMapper json;
  private final FormatRegistry formats;
  private final RoomRegistry rooms;
  private final Tokens tokens;
  private final Views views;
  private final Clock clock;
  private final ApiAuth auth;

  private final RateLimits joinsPerClient;
  private final SessionPersonalData personal;

  HttpApi(ObjectMapper json, FormatRegistry formats, RoomRegistry rooms, Tokens tokens, Clock clock, ApiAuth auth,
      JoinLimits joinLimits, io.vertx.core.Vertx vertx, io.peerwork.core.EventJournal journal, SeriesSessions series) {
    this.personal = new SessionPersonalData(vertx, this, json, tokens, rooms, journal, clock, series);
    this.auth = auth;
    this.joinsPerClient = joinLimits.perClient();
    this.json = json;
    this.formats = formats;
    this.rooms = rooms;
    this.tokens = tokens;
    this.views = new Views(json);
    this.clock = clock;
  }

  /** Mounts the API on {@code router}. */
  public void mount(Router router) {
    mount(router, null);
  }

  /** Mounts the API on {@code router}, with the series endpoints of {@code series} if not null. */
  public void mount(Router router, SeriesApi series) {
    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.get("/api/formats").handler(this::listFormats);
    router.get("/api/formats/:id").handler(this::getFormat);
    router.post("/api/sessions").handler(this::createSession);
    router.get("/api/sessions/:id").handler(this::sessionInfo);
    router.post("/api/sessions/:id/join").handler(this::join);
    router.get("/api/sessions/:id/recap").handler(this::recap);
    // a person's own data in the session (people who joined by an invite link): a copy of it, and erasing it
    router.get("/api/sessions/:id/me/data").handler(personal::export);
    router.post("/api/sessions/:id/me/erase").handler(personal::erase);
    if (series != null) {
      series.mount(router);
    }
    router.route("/api/*").handler(ctx -> fail(ctx, new ApiError(ApiError.Code.NOT_FOUND, "no such endpoint")));
    router.route("/api/*").failureHandler(ctx -> {
      Throwable t = ctx.failure();
      if (t instanceof ApiError e) {
        fail(ctx, e);
      } else if (RoomFailures.journalFailure(t).isPresent()) {
        // Rooms answer their failures as replies (see requireOk); what is left is a series' journal.
        JournalException j = RoomFailures.journalFailure(t).get();
        fail(ctx, j instanceof JournalException.UnreadableEvent
            ? new ApiError(ApiError.Code.SERIES_DATA_UNREADABLE,
                "this series' saved data cannot be read; the organiser can see why in the server log")
            : j instanceof JournalException.OutcomeUnknown
                ? new ApiError(ApiError.Code.OUTCOME_UNKNOWN, "the database failed while saving this; it may or"
                    + " may not be saved: look before you try again")
                : new ApiError(ApiError.Code.STORAGE_UNAVAILABLE, "the database is not reachable; try again shortly"));
      } else if (t == null && ctx.statusCode() == 503) {
        // Vert.x Web's TimeoutHandler, after request-timeout-seconds (PeerworkServer)
        fail(ctx, new ApiError(ApiError.Code.REQUEST_TIMEOUT, "the server did not answer in time; try again"));
      } else if (ctx.statusCode() == 413) {
        fail(ctx, new ApiError(ApiError.Code.FRAME_TOO_LARGE, "the body may have at most 64 KiB"));
      } else {
        // Not an answer anyone meant: the log says what it was, so that it can be found and fixed.
        java.util.logging.Logger.getLogger(HttpApi.class.getName()).log(java.util.logging.Level.WARNING,
            "unexpected failure of " + ctx.request().method() + " " + ctx.request().path(), t);
        fail(ctx, new ApiError(ApiError.Code.INTERNAL, "something went wrong"));
      }
    });
  }

  private void listFormats(RoutingContext ctx) {
    ArrayNode a = json.createArrayNode();
    formats.all().forEach(f -> a.add(views.format(f)));
    ok(ctx, 200, a);
  }

  private void getFormat(RoutingContext ctx) {
    TopicFormat f = formats.find(ctx.pathParam("id"))
        .orElseThrow(() -> new ApiError(ApiError.Code.UNKNOWN_FORMAT, "no such format"));
    ok(ctx, 200, views.format(f));
  }

  private void createSession(RoutingContext ctx) {
    auth.requireOrganizer(ctx, "creating sessions");
    JsonNode b = body(ctx);
    String formatId = b.path("formatId").asText("");
    TopicFormat f = formats.find(formatId)
        .orElseThrow(() -> new ApiError(ApiError.Code.UNKNOWN_FORMAT, "no format '" + formatId + "'; known: " + formats.ids()));
    SessionPlan plan;
    SessionId id = SessionId.of("s-" + random(10));
    ZoneId zone = zone(b.path("zone").asText("Europe/Vienna"));
    Instant start = b.hasNonNull("start") ? parseStart(b.path("start").asText(), zone) : clock.instant();
    String title = b.path("title").asText(f.name().de());
    refuseText(TextRules.Field.TITLE, title, RejectionCode.INVALID_TITLE);
    try {
      int capacity = b.path("capacity").asInt(f.defaultCapacity());
      Agenda agenda = f.agenda();
      if (b.has("agenda")) {
        var phases = new ArrayList<Phase>();
        for (JsonNode p : b.path("agenda")) {
          phases.add(Phase.of(PhaseKind.valueOf(p.path("kind").asText().toUpperCase(Locale.ROOT)),
              p.path("minutes").asInt()));
        }
        agenda = new Agenda(phases);
      }
      plan = new SessionPlan(id, f.id(), title, start, zone, capacity, agenda,
          b.path("queuePolicy").asText(f.defaultQueuePolicy()));
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, e.getMessage());
    }
    schedule(plan)
        .onSuccess(n -> ok(ctx, 201, n))
        .onFailure(ctx::fail);
  }

  /** Schedules {@code plan} in its room; the invites of the new session. */
  /**
   * Sends the organiser's command {@code c} ({@code RescheduleSession}, {@code CallOffSession}) to
   * the room of {@code id}: the room's answer ({@link RoomReply.Failed} with {@code
   * SESSION_NOT_FOUND} if the session was never scheduled).
   */
  public Future<RoomReply> organiserCommand(SessionId id, Command c) {
    return rooms.request(id, RoomRequest.Execute.bySystem(c));
  }

  public Future<ObjectNode> schedule(SessionPlan plan) {
    return rooms.request(plan.id(), RoomRequest.Execute.bySystem(new Command.ScheduleSession(plan))).map(r -> {
      if (!(r instanceof RoomReply.Refused refused && "SESSION_ALREADY_EXISTS".equals(refused.code()))) {
        requireOk(r);
      }
      ObjectNode n = json.createObjectNode();
      n.put("sessionId", plan.id().value());
      n.put("title", plan.title());
      n.put("formatId", plan.formatId());
      ObjectNode inv = n.putObject("invites");
      for (Role role : Role.values()) {
        inv.put(role.name().toLowerCase(Locale.ROOT), tokens.inviteCode(plan.id(), role));
      }
      return n;
    });
  }

  private void sessionInfo(RoutingContext ctx) {
    SessionId id = sessionId(ctx);
    rooms.request(id, new RoomRequest.Info()).map(r -> views.publicInfo(((RoomReply.Info) requireOk(r)).info()))
        .onSuccess(n -> ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private void join(RoutingContext ctx) {
    SessionId id = sessionId(ctx);
    String client = ClientAddress.networkOf(ctx);
    if (!joinsPerClient.tryAcquire("join|" + id.value() + "|" + client)) {
      throw new ApiError(ApiError.Code.JOIN_RATE_LIMITED, "too many joins from your network; try again in a minute");
    }
    JsonNode b = body(ctx);
    refuseText(TextRules.Field.NAME, b.path("displayName").asText(""), RejectionCode.INVALID_NAME);
    String name = TextRules.normalize(b.path("displayName").asText(""));
    String code = b.path("code").asText("");
    if (code.isEmpty() || code.length() > 64) {
      throw new ApiError(ApiError.Code.INVALID_INVITE, "this invite code does not open this session");
    }
    // The room checks the code's link and its limit, refuses a reserved name for a participant and, for a
    // participant of an open session, takes the seat.
    rooms.request(id, new RoomRequest.Admit(name, code, random(12))).map(r -> {
      if (r instanceof RoomReply.Refused refused) {
        throw new ApiError(refused.code(), List.of("SESSION_FULL", "SESSION_MEMBERS_LIMIT").contains(refused.code())
            ? 409 : 400, refused.message());
      }
      RoomReply.Admitted admitted = (RoomReply.Admitted) requireOk(r);
      ParticipantId who = admitted.participant();
      Role role = admitted.role();
      ObjectNode n = json.createObjectNode();
      n.put("token", tokens.issue(id, who, role, name));
      n.put("sessionId", id.value());
      n.put("participantId", who.value());
      n.put("role", role.name());
      n.put("displayName", name);
      n.put("seated", admitted.seated());
      return n;
    }).onSuccess(n -> ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private void recap(RoutingContext ctx) {
    SessionId id = sessionId(ctx);
    Tokens.Claims me = tokens.verify(ApiAuth.token(ctx), id);
    boolean staff = me.role() != io.peerwork.core.Role.PARTICIPANT;
    // Someone a host removed reads no recap. While a node of an older build is in the cluster the
    // room cannot be asked that, and the token alone decides (as before).
    Future<Void> allowed = rooms.carried(new RoomRequest.Standing(me.participant()))
        ? rooms.notRemoved(id, me.participant()) : Future.succeededFuture();
    allowed.compose(ok -> rooms.request(id, new RoomRequest.Recap()))
        .map(r -> {
          JsonNode n = json.valueToTree(((RoomReply.Recap) requireOk(r)).recap());
          if (!staff) {
            // Each help's answers are for its helper and the hosts, as in the room's view.
            n.path("helps").forEach(h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h).remove("answers"));
          }
          return n;
        })
        .onSuccess(n -> ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** {@code r} if the room answered what was asked; else the {@link ApiError} its answer means. */
  static RoomReply requireOk(RoomReply r) {
    if (r instanceof RoomReply.Failed f) {
      int status = switch (f.code()) {
        case "SESSION_NOT_FOUND" -> 404;
        case "SESSION_NOT_OVER", "SESSION_ENDED", "INVITE_EXHAUSTED", "FORMAT_MISSING" -> 409;
        case "INVALID_INVITE" -> 403;
        case "INVITE_REVOKED" -> 410;
        case "STORAGE_UNAVAILABLE", "OUTCOME_UNKNOWN", "SESSION_DATA_UNREADABLE", "SERVER_BUSY", "ROOM_UNAVAILABLE" -> 503;
        case "INTERNAL" -> 500;
        default -> 400;
      };
      throw new ApiError(f.code(), status, f.message());
    }
    if (r instanceof RoomReply.Refused refused) {
      throw new ApiError(refused.code(), 400, refused.message());
    }
    return r;
  }

  /** The start a client gave: with an offset, or local in {@code zone}; a coded 400 if it is neither. */
  private static Instant parseStart(String s, ZoneId zone) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(s).atZone(zone).toInstant();
      } catch (DateTimeException e2) {
        throw new ApiError(ApiError.Code.INVALID_REQUEST,
            "start is a date-time, e.g. 2027-03-03T09:00 (in zone) or 2027-03-03T09:00:00+01:00");
      }
    }
  }

  private static ZoneId zone(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, "zone is a time zone such as Europe/Vienna");
    }
  }

  /** A 400 with {@code code} unless {@code text} is fine for {@code field} (core's {@link TextRules}). */
  private static void refuseText(TextRules.Field field, String text, RejectionCode code) {
    TextRules.check(field, text).ifPresent(p -> {
      throw new ApiError(code.name(), 400, TextRules.describe(field, p));
    });
  }

  static SessionId sessionId(RoutingContext ctx) {
    try {
      return SessionId.of(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.SESSION_NOT_FOUND, "no such session");
    }
  }

  JsonNode body(RoutingContext ctx) {
    try {
      JsonNode n = ctx.body().buffer() == null ? null : json.readTree(ctx.body().buffer().getBytes());
      if (n == null || !n.isObject()) {
        throw new ApiError(ApiError.Code.MALFORMED_JSON, "the body must be a JSON object");
      }
      return n;
    } catch (java.io.IOException e) {
      throw new ApiError(ApiError.Code.MALFORMED_JSON, "the body is not JSON");
    }
  }

  static void ok(RoutingContext ctx, int status, JsonNode body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return; // answered already (a request timeout), or the client has gone
    }
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(body.toString());
  }

  private void fail(RoutingContext ctx, ApiError e) {
    Refusals.countAnswer(ctx, e.code());
    ObjectNode n = json.createObjectNode();
    ObjectNode err = n.putObject("error");
    err.put("code", e.code());
    err.put("message", e.getMessage());
    if (!ctx.response().ended()) {
      ok(ctx, e.status(), n);
    }
  }

  static String random(int n) {
    var sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }
}
