package io.peerwork.server.internal;

import static io.peerwork.server.internal.SeriesCalls.date;
import static io.peerwork.server.internal.SeriesCalls.existing;
import static io.peerwork.server.internal.SeriesCalls.seriesId;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.series.WallPost;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The wall's endpoints of the series API (see docs/api.md, "Series"): with the personal token,
 * reading the wall, sharing a win or a tip, cheering a post and removing one's own; with the host
 * key (or the organizer key), every post with its author's address, making a tip a resource, and
 * taking a post off. An expert (or host) of one of the series' sessions, with their session token,
 * reads the tips without addresses and makes a tip a resource too. Each answers the wall as its
 * caller reads it ({@link WallViews}).
 */
final class SeriesWallRoutes {
  private final HttpApi sessions;
  private final ApiAuth auth;
  private final SeriesCalls calls;
  private final WallViews views;
  private final Tokens tokens;
  private final SeriesSessions rooms;
  private final RoomRegistry registry;

  /**
   * @param rooms the rooms of the series' sessions, sent a promoted tip's new resources
   * @param registry the rooms themselves: asked whether an expert is still allowed in
   */
  SeriesWallRoutes(HttpApi sessions, ApiAuth auth, SeriesCalls calls, WallViews views, Tokens tokens,
      SeriesSessions rooms, RoomRegistry registry) {
    this.sessions = sessions;
    this.auth = auth;
    this.calls = calls;
    this.views = views;
    this.tokens = tokens;
    this.rooms = java.util.Objects.requireNonNull(rooms, "rooms");
    this.registry = java.util.Objects.requireNonNull(registry, "registry");
  }

  /**
   * Who curates the wall: empty for the host key (or the organizer key), else the session of the
   * expert's (or session host's) token, a session of {@code id}. Throws {@code INVALID_TOKEN} (and
   * a token's own codes) for neither, {@code WRONG_SERIES} for a token of another series' session,
   * {@code ROLE_NOT_ALLOWED} (403) for a participant's token; fails with {@code WRONG_SERIES} for a
   * session the series does not have, and with {@code MEMBER_REMOVED} (403) once a host has removed
   * the token's holder from their session (the room is asked, and answers its own errors, such as
   * {@code ROOM_UNAVAILABLE}).
   */
  private Future<Optional<SessionId>> curator(RoutingContext ctx, SeriesId id) {
    try {
      auth.requireHost(ctx, id);
      return Future.succeededFuture(Optional.empty());
    } catch (ApiError notHost) {
      String token = ApiAuth.token(ctx);
      Tokens.Claims c;
      try {
        c = tokens.verifyAnySession(token);
      } catch (ApiError e) {
        throw e.code().equals(ApiError.Code.INVALID_TOKEN.name()) ? notHost : e;
      }
      Optional<SeriesSessions.Dated> d = SeriesSessions.dated(c.session());
      if (d.isEmpty() || !d.get().series().equals(id)) {
        throw new ApiError(ApiError.Code.WRONG_SERIES, "the token is for a session of another series");
      }
      if (c.role() == Role.PARTICIPANT) {
        throw new ApiError(RejectionCode.ROLE_NOT_ALLOWED.name(), 403,
            "only an expert or a host of the series makes a tip a resource");
      }
      Optional<SessionId> session = Optional.of(c.session());
      // A session the series has (WRONG_SERIES else); then, as the token outlives a removal, the
      // room says whether its holder may still act for it.
      return calls.call(id, live -> ofSeries(existing(live.state()), session))
          .compose(s -> registry.notRemoved(c.session(), c.participant())).map(ok -> session);
    }
  }

  /** Throws {@code WRONG_SERIES} unless {@code session} is the session of one of the dates of {@code s}. */
  private static SeriesState ofSeries(SeriesState s, Optional<SessionId> session) {
    session.ifPresent(sid -> {
      LocalDate date = SeriesSessions.dated(sid).orElseThrow().date();
      if (s.date(date).isEmpty() || !s.sessionId(date).equals(sid)) {
        throw new ApiError(ApiError.Code.WRONG_SERIES, "the token is for a session this series does not have");
      }
    });
    return s;
  }

  /** The wall as the person reads it ({@link WallViews#wall}): empty unless they have a seat. */
  void wall(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      return views.wall(s, me.holder(s));
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /**
   * Shares a win or a tip: {@code {"kind":"WIN"|"TIP","text","taskId"?,"date"?}}; without a date,
   * the person's latest date with a seat that has started. Answers the wall.
   */
  void share(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    JsonNode b = sessions.body(ctx);
    WallPost.Kind kind;
    try {
      kind = WallPost.Kind.valueOf(b.path("kind").asText("WIN").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, "kind is WIN or TIP");
    }
    String text = b.path("text").asText("");
    Optional<String> task = Optional.ofNullable(b.path("taskId").asText(null)).filter(t -> !t.isBlank());
    String dateText = b.path("date").asText("");
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      String email = me.holder(s);
      // Without a date (or a started one with a seat), the core decides against the latest date they know.
      LocalDate key = !dateText.isEmpty() ? date(dateText)
          : views.shareDate(s, email).or(() -> s.datesOf(email).stream().reduce((x, y) -> y))
              .orElseThrow(() -> new ApiError(RejectionCode.NOT_SEATED.name(), 409, "no seat in this series"));
      return views.wall(calls.handle(live, new SeriesCommand.SharePost(key, email, kind, text, task)), email);
    }).onSuccess(n -> HttpApi.ok(ctx, 201, n)).onFailure(ctx::fail);
  }

  /** Cheers a post of someone else (once; again changes nothing). Answers the wall. */
  void cheer(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    String post = ctx.pathParam("post");
    calls.call(id, live -> {
      String email = me.holder(existing(live.state()));
      return views.wall(calls.handle(live, new SeriesCommand.CheerPost(post, email)), email);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** Removes one of the person's own posts. Answers the wall. */
  void removeMine(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    String post = ctx.pathParam("post");
    calls.call(id, live -> {
      String email = me.holder(existing(live.state()));
      return views.wall(calls.handle(live, new SeriesCommand.RemovePost(post, Optional.of(email))), email);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** Every post on the series' wall, with its author's name and address ({@link WallViews#hostWall}). */
  void hostWall(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    curator(ctx, id).compose(expert -> calls.call(id, live -> curated(ofSeries(existing(live.state()), expert), expert)))
        .onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** The host's wall for the host key; the tips without addresses ({@link WallViews#expertWall}) for an expert. */
  private com.fasterxml.jackson.databind.node.ObjectNode curated(SeriesState s, Optional<SessionId> expert) {
    return expert.isPresent() ? views.expertWall(s) : views.hostWall(s);
  }

  /**
   * Makes a tip a resource of its task: {@code {"title","link"?}} (without a link, the tip's text is
   * the resource's checklist). Answers the host's wall.
   */
  void promote(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    Future<Optional<SessionId>> curator = curator(ctx, id);
    JsonNode b = sessions.body(ctx);
    String title = b.path("title").asText("");
    Optional<String> link = Optional.ofNullable(b.path("link").asText(null)).filter(l -> !l.isBlank());
    String post = ctx.pathParam("post");
    curator.compose(expert -> calls.call(id, live -> {
      ofSeries(existing(live.state()), expert);
      SeriesState s = calls.handle(live, new SeriesCommand.PromoteTip(post, title, link));
      // Everyone in the expert's room (and in a session of today's date) gets the task's new resources.
      java.util.Set<SessionId> open = new java.util.LinkedHashSet<>();
      expert.ifPresent(open::add);
      LocalDate today = calls.today(s);
      if (s.date(today).isPresent()) {
        open.add(s.sessionId(today));
      }
      return new Promoted(curated(s, expert), open);
    })).onSuccess(p -> {
      p.rooms().forEach(rooms::refreshResources);
      HttpApi.ok(ctx, 200, p.wall());
    }).onFailure(ctx::fail);
  }

  private record Promoted(com.fasterxml.jackson.databind.node.ObjectNode wall, java.util.Set<SessionId> rooms) {}

  /** Takes a post off the wall. Answers the host's wall. */
  void removePost(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    calls.command(id, new SeriesCommand.RemovePost(ctx.pathParam("post"), Optional.empty()))
        .onSuccess(s -> HttpApi.ok(ctx, 200, views.hostWall(s))).onFailure(ctx::fail);
  }
}
