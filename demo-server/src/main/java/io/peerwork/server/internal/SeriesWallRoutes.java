package io.peerwork.server.internal;

import static io.peerwork.server.internal.SeriesCalls.date;
import static io.peerwork.server.internal.SeriesCalls.existing;
import static io.peerwork.server.internal.SeriesCalls.seriesId;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.series.WallPost;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The wall's endpoints of the series API (see docs/api.md, "Series"): with the personal token,
 * reading the wall, sharing a win or a tip, cheering a post and removing one's own; with the host
 * key (or the organizer key), every post with its author's address, making a tip a resource, and
 * taking a post off. Each answers the wall as its caller reads it ({@link WallViews}).
 */
final class SeriesWallRoutes {
  private final HttpApi sessions;
  private final ApiAuth auth;
  private final SeriesCalls calls;
  private final WallViews views;

  SeriesWallRoutes(HttpApi sessions, ApiAuth auth, SeriesCalls calls, WallViews views) {
    this.sessions = sessions;
    this.auth = auth;
    this.calls = calls;
    this.views = views;
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
    auth.requireHost(ctx, id);
    calls.call(id, live -> views.hostWall(existing(live.state()))).onSuccess(n -> HttpApi.ok(ctx, 200, n))
        .onFailure(ctx::fail);
  }

  /**
   * Makes a tip a resource of its task: {@code {"title","link"?}} (without a link, the tip's text is
   * the resource's checklist). Answers the host's wall.
   */
  void promote(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    JsonNode b = sessions.body(ctx);
    String title = b.path("title").asText("");
    Optional<String> link = Optional.ofNullable(b.path("link").asText(null)).filter(l -> !l.isBlank());
    calls.command(id, new SeriesCommand.PromoteTip(ctx.pathParam("post"), title, link))
        .onSuccess(s -> HttpApi.ok(ctx, 200, views.hostWall(s))).onFailure(ctx::fail);
  }

  /** Takes a post off the wall. Answers the host's wall. */
  void removePost(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    calls.command(id, new SeriesCommand.RemovePost(ctx.pathParam("post"), Optional.empty()))
        .onSuccess(s -> HttpApi.ok(ctx, 200, views.hostWall(s))).onFailure(ctx::fail);
  }
}
