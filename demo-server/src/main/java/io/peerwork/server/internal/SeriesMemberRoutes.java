package io.peerwork.server.internal;

import static io.peerwork.server.internal.SeriesCalls.date;
import static io.peerwork.server.internal.SeriesCalls.dateParam;
import static io.peerwork.server.internal.SeriesCalls.existing;
import static io.peerwork.server.internal.SeriesCalls.seriesId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.calendar.CalendarFeeds;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.Seat;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesDecision;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.RecurringTask;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The public and the participant's endpoints of the series API (see docs/api.md, "Series"): the
 * series and its calendar feed for anybody, asking for a seat and confirming it, and with the
 * personal token: the person's view, their months (JSON and CSV), more registrations, cancelling,
 * routines, joining a date's session, and their calendar feed. The wall's endpoints are in {@link
 * SeriesWallRoutes}, the buddy ones in {@link SeriesBuddyRoutes}.
 */
final class SeriesMemberRoutes {
  private final ObjectMapper json;
  private final HttpApi sessions;
  private final Tokens tokens;
  private final SeriesTokens seriesTokens;
  private final ApiAuth auth;
  private final SeriesCalls calls;
  private final SeriesViews views;
  private final StatsViews stats;
  private final SeriesMails mails;
  private final RegistrationLimits limits;
  private final SeriesSessions seats;

  SeriesMemberRoutes(ObjectMapper json, HttpApi sessions, Tokens tokens, SeriesTokens seriesTokens, ApiAuth auth,
      SeriesCalls calls, SeriesViews views, StatsViews stats, SeriesMails mails, RegistrationLimits limits,
      SeriesSessions seats) {
    this.seats = seats;
    this.json = json;
    this.sessions = sessions;
    this.tokens = tokens;
    this.seriesTokens = seriesTokens;
    this.auth = auth;
    this.calls = calls;
    this.views = views;
    this.stats = stats;
    this.mails = mails;
    this.limits = limits;
  }

  void info(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    calls.call(id, live -> views.info(existing(live.state()))).onSuccess(n -> HttpApi.ok(ctx, 200, n))
        .onFailure(ctx::fail);
  }

  /**
   * Asks for a seat: checks the request against the series, then sends a confirmation link to the
   * address (the Outbox) and answers {@code 202 CONFIRMATION_SENT}. Nothing is registered and no
   * personal link is handed out until the link is opened, so nobody obtains another person's link by
   * typing their address. The answer is the same whether the series knows the address or not, and
   * whether or not a message was actually sent (see {@link RegistrationLimits}); a client address
   * that asks too often is answered {@code 429 RATE_LIMITED}.
   */
  void register(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String client = ClientAddress.networkOf(ctx);
    if (!limits.clientMayAsk(client)) {
      throw new ApiError(ApiError.Code.RATE_LIMITED, "too many registrations from this network; try again in a minute");
    }
    JsonNode b = sessions.body(ctx);
    LocalDate key = date(b.path("date").asText(""));
    String email = b.path("email").asText("");
    String name = b.path("name").asText("");
    String language = b.path("language").asText("de");
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      var asked = new SeriesCommand.Register(key, name, email, language, Optional.empty());
      // ALREADY_REGISTERED is decided last, after everything that does not depend on who asks.
      if (live.check(asked, calls.now()) instanceof SeriesDecision.Rejected r
          && r.code() != RejectionCode.ALREADY_REGISTERED) {
        throw SeriesCalls.rejected(r);
      }
      if (limits.mayMail(email, client)) {
        mails.send(mails.confirmation(s, key, SeriesState.normalize(email), name.strip(), language));
      }
      ObjectNode n = json.createObjectNode();
      n.put("status", "CONFIRMATION_SENT");
      n.put("date", key.toString());
      n.put("validHours", SeriesTokens.CONFIRMATION_TTL.toHours());
      return n;
    }).onSuccess(n -> HttpApi.ok(ctx, 202, n)).onFailure(ctx::fail);
  }

  /**
   * Opens a confirmation link: registers the person as they asked (seated or waitlisted) and
   * answers their personal token. A link registers once: if the person holds a seat or waitlist
   * place for the date, or gave up one taken since the link was made, nothing changes. A person the
   * series knows keeps the name they have there (the asker chose the one in the link).
   */
  void confirm(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Confirmation c = seriesTokens.verifyConfirmation(sessions.body(ctx).path("token").asText(""), id);
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      boolean used = s.registrations(c.date()).stream()
          .anyMatch(seat -> seat.email().equals(c.email()) && !seat.registeredAt().isBefore(c.issued()));
      if (s.registration(c.date(), c.email()).isEmpty() && !used) {
        String name = SeriesViews.lastSeat(s, c.email()).map(Seat::name).orElse(c.name());
        s = calls.handle(live, new SeriesCommand.Register(c.date(), name, c.email(), c.language(), Optional.empty()));
      }
      return views.registered(id, s, c.date(), c.email());
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  void registerMore(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    JsonNode b = sessions.body(ctx);
    LocalDate key = date(b.path("date").asText(""));
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      String email = me.holder(s);
      Optional<Seat> last = SeriesViews.lastSeat(s, email);
      String name = b.path("name").asText(last.map(Seat::name).orElse(""));
      String language = b.path("language").asText(last.map(Seat::language).orElse("de"));
      s = calls.handle(live, new SeriesCommand.Register(key, name, email, language, Optional.empty()));
      return views.registered(id, s, key, email);
    }).onSuccess(n -> HttpApi.ok(ctx, 201, n)).onFailure(ctx::fail);
  }

  /** Gives up a seat or waitlist place; whoever moves up from the waitlist is told through the Outbox. */
  void cancelMine(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    LocalDate key = dateParam(ctx);
    var gaveUpSeat = new java.util.concurrent.atomic.AtomicReference<String>();
    calls.call(id, live -> {
      String email = me.holder(existing(live.state()));
      boolean seated = live.state().registration(key, email).map(seat -> seat.status() == Seat.Status.SEATED)
          .orElse(false);
      var out = live.handle(new SeriesCommand.CancelRegistration(key, email), calls.now());
      if (out.decision() instanceof SeriesDecision.Rejected r) {
        throw SeriesCalls.rejected(r);
      }
      SeriesState s = live.state();
      for (var recorded : out.recorded()) {
        if (recorded.event() instanceof SeriesEvent.PromotedFromWaitlist p) {
          s.registration(key, p.email()).ifPresent(seat -> mails.send(mails.promoted(s, key, seat)));
        }
      }
      if (seated) {
        gaveUpSeat.set(email);
      }
      return views.me(s, email);
    }).compose(view -> gaveUpSeat.get() == null ? io.vertx.core.Future.succeededFuture(view)
        // A seat given up leaves the date's session too: the session token made for it stops working
        // (MEMBER_REMOVED, close 4403), so the seat is free for whoever the waitlist promoted.
        : seats.seatGivenUpEventually(id, key, gaveUpSeat.get()).map(done -> view))
        .onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  void me(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      return views.me(s, me.holder(s));
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** The person's months: figures, goals done and routines kept per month (see docs/api.md). */
  void months(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      return stats.months(s, me.holder(s));
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** The person's months as a CSV download; {@code ?lang=en} names the routines in English. */
  void monthsCsv(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    String lang = "en".equals(ctx.queryParams().get("lang")) ? "en" : "de";
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      return stats.monthsCsv(s, me.holder(s), lang);
    }).onSuccess(text -> Csv.send(ctx, "peerwork-" + id.value() + "-months.csv", text)).onFailure(ctx::fail);
  }

  void chooseRoutine(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    JsonNode b = sessions.body(ctx);
    String task = b.path("taskId").asText("");
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      String email = me.holder(s);
      Cadence cadence;
      try {
        cadence = b.hasNonNull("cadence") ? Cadence.valueOf(b.path("cadence").asText().toUpperCase(Locale.ROOT))
            : calls.format(s).task(task).map(RecurringTask::cadence).orElse(Cadence.MONTHLY);
      } catch (IllegalArgumentException e) {
        throw new ApiError(ApiError.Code.INVALID_REQUEST, "cadence is WEEKLY, MONTHLY, QUARTERLY or YEARLY");
      }
      return views.me(calls.handle(live, new SeriesCommand.ChooseRoutine(email, task, cadence)), email);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  void dropRoutine(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    String task = ctx.pathParam("task");
    calls.call(id, live -> {
      String email = me.holder(existing(live.state()));
      return views.me(calls.handle(live, new SeriesCommand.DropRoutine(email, task)), email);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /**
   * A seated person joins the date's session: the session is scheduled if it is not yet, and they get
   * a session token as a participant, with the participant id the series derives from their address.
   */
  void join(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    LocalDate key = dateParam(ctx);
    int[] linkGeneration = new int[1];
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      Seat seat = s.registration(key, me.holder(s))
          .orElseThrow(() -> new ApiError(RejectionCode.NOT_REGISTERED.name(), 404, "not registered for " + key));
      if (seat.status() != Seat.Status.SEATED) {
        throw new ApiError(RejectionCode.NOT_SEATED.name(), 409, "still on the waitlist for " + key);
      }
      linkGeneration[0] = s.linkRevocations(seat.email());
      return seat;
    }).compose(seat -> calls.ensureSession(id, key)
        // A seat held again (given up earlier, registered anew) lifts its removal from the session.
        .compose(n -> seats.seatHeld(id, key, seat.email()).map(held -> n)).map(n -> {
      SessionId session = SessionId.of(n.path("sessionId").asText());
      ParticipantId who = seriesTokens.seriesParticipant(id, seat.email());
      ObjectNode out = json.createObjectNode();
      // Made from the personal link: signing out the links ends it too (SeriesSessions#linkSignedOut).
      out.put("token", tokens.issueFromSeries(session, who, Role.PARTICIPANT, seat.name(), linkGeneration[0]));
      out.put("sessionId", session.value());
      out.put("participantId", who.value());
      out.put("role", Role.PARTICIPANT.name());
      out.put("displayName", seat.name());
      return out;
    })).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  void seriesCalendar(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String lang = "en".equals(ctx.queryParams().get("lang")) ? "en" : "de";
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      LocalDate today = calls.today(s);
      return CalendarFeeds.series(s, calls.format(s), lang, today.minusMonths(SeriesViews.MONTHS_BACK),
          today.plusMonths(SeriesViews.MONTHS_AHEAD));
    }).onSuccess(text -> calendar(ctx, text)).onFailure(ctx::fail);
  }

  /** A person's feed: opened by their read-only calendar token (or their personal token). */
  void myCalendar(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    SeriesTokens.Personal owner = auth.calendarOwner(ctx, id);
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      String email = owner.holder(s);
      LocalDate today = calls.today(s);
      return CalendarFeeds.participant(s, calls.format(s), email, today.minusMonths(SeriesViews.MONTHS_BACK),
          today.plusMonths(SeriesViews.MONTHS_AHEAD));
    }).onSuccess(text -> calendar(ctx, text)).onFailure(ctx::fail);
  }

  private static void calendar(RoutingContext ctx, String text) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, CalendarFeeds.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(text);
  }
}
