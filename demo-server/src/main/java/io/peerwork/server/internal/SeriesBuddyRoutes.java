package io.peerwork.server.internal;

import static io.peerwork.server.internal.SeriesCalls.dateParam;
import static io.peerwork.server.internal.SeriesCalls.existing;
import static io.peerwork.server.internal.SeriesCalls.seriesId;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesState;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;

/**
 * The buddy endpoints of the series API (see docs/api.md, "Series"), with the personal token, for
 * a date the person is seated at: looking for a buddy, pairing with someone who looks, leaving the
 * pair (or the looking), and checking in with the buddy (optionally by mail). Each answers the
 * person's view ({@link SeriesViews#me}), whose buddy section shows the result.
 */
final class SeriesBuddyRoutes {
  private final HttpApi sessions;
  private final SeriesTokens seriesTokens;
  private final ApiAuth auth;
  private final SeriesCalls calls;
  private final SeriesViews views;
  private final SeriesMails mails;

  SeriesBuddyRoutes(HttpApi sessions, SeriesTokens seriesTokens, ApiAuth auth, SeriesCalls calls, SeriesViews views,
      SeriesMails mails) {
    this.sessions = sessions;
    this.seriesTokens = seriesTokens;
    this.auth = auth;
    this.calls = calls;
    this.views = views;
    this.mails = mails;
  }

  /** {@code LookForBuddy}: the person looks for a buddy at a date they are seated at. */
  void lookForBuddy(RoutingContext ctx) {
    buddyCommand(ctx, (date, email, body, s) -> new SeriesCommand.LookForBuddy(date, email));
  }

  /**
   * {@code PairBuddies} with the one named by {@code {"with": id}}: an id of the buddy section
   * ({@link SeriesViews#buddy}), never an address; an id of nobody looking is {@code BUDDY_NOT_LOOKING}.
   */
  void pairBuddies(RoutingContext ctx) {
    buddyCommand(ctx, (date, email, body, s) -> {
      String with = body.path("with").asText("");
      String other = s.lookingForBuddy(date).stream()
          .filter(e -> seriesTokens.seriesParticipant(s.id(), e).value().equals(with)).findFirst()
          .orElseThrow(() -> new ApiError(RejectionCode.BUDDY_NOT_LOOKING.name(), 409,
              "nobody with that id looks for a buddy at " + date));
      return new SeriesCommand.PairBuddies(date, email, other);
    });
  }

  /** {@code LeaveBuddy}: ends the person's pair of a date, or their looking. */
  void leaveBuddy(RoutingContext ctx) {
    buddyCommand(ctx, (date, email, body, s) -> new SeriesCommand.LeaveBuddy(date, email));
  }

  /**
   * {@code BuddyCheckIn} with {@code {"how": "GOING_WELL"|"STUCK"|"DONE", "mail": true|false}}: with
   * {@code mail}, the buddy also gets a short mail saying so.
   */
  void buddyCheckIn(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    LocalDate key = dateParam(ctx);
    JsonNode b = sessions.body(ctx);
    io.peerwork.core.series.BuddyMood how;
    try {
      how = io.peerwork.core.series.BuddyMood.valueOf(b.path("how").asText(""));
    } catch (IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, "how is GOING_WELL, STUCK or DONE");
    }
    boolean mail = b.path("mail").asBoolean(false);
    calls.call(id, live -> {
      String email = me.holder(existing(live.state()));
      SeriesState s = calls.handle(live, new SeriesCommand.BuddyCheckIn(key, email, how));
      if (mail) {
        s.buddy(key, email).ifPresent(buddy -> mails.send(mails.buddyCheckedIn(s, key, email, buddy, how)));
      }
      return views.me(s, email);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private interface BuddyCommand {
    SeriesCommand of(LocalDate date, String email, JsonNode body, SeriesState s);
  }

  private void buddyCommand(RoutingContext ctx, BuddyCommand command) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    LocalDate key = dateParam(ctx);
    JsonNode b = sessions.body(ctx);
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      String email = me.holder(s);
      return views.me(calls.handle(live, command.of(key, email, b, s)), email);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }
}
