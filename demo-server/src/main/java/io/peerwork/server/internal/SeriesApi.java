package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.series.Outbox;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * The series part of the HTTP API (see docs/api.md, "Series"): puts its parts together and mounts
 * its routes. The host's endpoints are in {@link SeriesHostRoutes}, the public and participant's in
 * {@link SeriesMemberRoutes}, the wall's (participant's and host's) in {@link SeriesWallRoutes}, the
 * buddy ones in {@link SeriesBuddyRoutes}, those about personal links themselves (a fresh one by
 * mail, revoking) in {@link SeriesLinkRoutes}, a person's own data in {@link SeriesPersonalData};
 * they share {@link SeriesCalls} (the owner, parsing, error codes), the JSON ({@link SeriesViews},
 * {@link WallViews}, {@link StatsViews}), {@link SeriesMails} (the messages), {@link
 * RegistrationLimits} and {@link ApiAuth}.
 */
public final class SeriesApi {
  private final SeriesHostRoutes host;
  private final SeriesMemberRoutes member;
  private final SeriesWallRoutes wall;
  private final SeriesBuddyRoutes buddy;
  private final SeriesLinkRoutes links;
  private final BuddyMails buddyMails;
  private final SeriesPersonalData personal;

  SeriesApi(ObjectMapper json, FormatRegistry formats, SeriesRegistry series, HttpApi sessions, Tokens tokens,
      SeriesTokens seriesTokens, Clock clock, Outbox outbox, ApiAuth auth, PublicUrl publicUrl, SeriesSessions seats,
      io.vertx.core.Vertx vertx, RoomRegistry rooms, io.peerwork.core.EventJournal journal,
      io.peerwork.core.series.SeriesJournal seriesJournal) {
    SeriesCalls calls = new SeriesCalls(series, formats, sessions, clock);
    SeriesViews views = new SeriesViews(json, calls, seriesTokens, publicUrl);
    StatsViews stats = new StatsViews(json, calls);
    this.host = new SeriesHostRoutes(json, formats, sessions, seriesTokens, auth, calls, views, stats);
    this.wall = new SeriesWallRoutes(sessions, auth, calls, new WallViews(json, calls), tokens, seats, rooms);
    SeriesMails mails = new SeriesMails(seriesTokens, publicUrl, outbox, formats);
    this.buddyMails = new BuddyMails(vertx, series, seriesJournal, mails, clock);
    RegistrationLimits limits = new RegistrationLimits();
    this.member = new SeriesMemberRoutes(json, sessions, tokens, seriesTokens, auth, calls, views, stats, mails, limits,
        seats);
    this.buddy = new SeriesBuddyRoutes(sessions, seriesTokens, auth, calls, views, mails);
    this.links = new SeriesLinkRoutes(json, sessions, seriesTokens, auth, calls, mails, limits, seats);
    // Mails to the log cannot be taken back (the log is the operator's); queued e-mail can.
    SeriesPersonalData.MailForgetting forget = email -> 0;
    if (outbox instanceof SmtpOutbox smtp) {
      forget = smtp::forget;
    }
    this.personal = new SeriesPersonalData(vertx, sessions, json, auth, calls, views, seriesTokens, rooms, journal,
        seriesJournal, series::rewrite, forget, mails, clock);
  }

  /** The mid-month buddy mails ({@link BuddyMails#start} once the server runs). */
  public BuddyMails buddyMails() {
    return buddyMails;
  }

  /** Mounts the series endpoints on {@code router} (after the body handler, before the fallbacks). */
  public void mount(Router router) {
    router.post("/api/series").handler(host::create);
    router.get("/api/series/:sid").handler(member::info);
    router.get("/api/series/:sid/calendar.ics").handler(member::seriesCalendar);
    router.post("/api/series/:sid/registrations").handler(member::register);
    router.post("/api/series/:sid/confirmations").handler(member::confirm);
    // the host's
    router.get("/api/series/:sid/dates/:date").handler(host::hostDate);
    router.get("/api/series/:sid/resources").handler(host::resources);
    router.get("/api/series/:sid/stats").handler(host::stats);
    router.get("/api/series/:sid/stats.csv").handler(host::statsCsv);
    router.post("/api/series/:sid/dates/:date/session").handler(host::hostSession);
    router.post("/api/series/:sid/dates/:date/move").handler(host::move);
    router.post("/api/series/:sid/dates/:date/cancel").handler(host::cancelDate);
    router.post("/api/series/:sid/dates/:date/check-in").handler(host::checkIn);
    router.post("/api/series/:sid/dates/:date/no-shows").handler(host::noShows);
    router.post("/api/series/:sid/dates/:date/paid").handler(host::paid);
    router.get("/api/series/:sid/wall").handler(wall::hostWall);
    router.post("/api/series/:sid/wall/:post/promote").handler(wall::promote);
    router.post("/api/series/:sid/wall/:post/remove").handler(wall::removePost);
    // a participant's
    router.get("/api/series/:sid/me").handler(member::me);
    router.get("/api/series/:sid/me/calendar.ics").handler(member::myCalendar);
    router.get("/api/series/:sid/me/months").handler(member::months);
    router.get("/api/series/:sid/me/months.csv").handler(member::monthsCsv);
    router.post("/api/series/:sid/me/registrations").handler(member::registerMore);
    router.post("/api/series/:sid/me/registrations/:date/cancel").handler(member::cancelMine);
    router.post("/api/series/:sid/me/routines").handler(member::chooseRoutine);
    router.post("/api/series/:sid/me/routines/:task/drop").handler(member::dropRoutine);
    router.post("/api/series/:sid/me/dates/:date/join").handler(member::join);
    router.post("/api/series/:sid/me/buddy/:date/look").handler(buddy::lookForBuddy);
    router.post("/api/series/:sid/me/buddy/:date/pair").handler(buddy::pairBuddies);
    router.post("/api/series/:sid/me/buddy/:date/leave").handler(buddy::leaveBuddy);
    router.post("/api/series/:sid/me/buddy/:date/check-in").handler(buddy::buddyCheckIn);
    router.get("/api/series/:sid/me/wall").handler(wall::wall);
    router.post("/api/series/:sid/me/wall").handler(wall::share);
    router.post("/api/series/:sid/me/wall/:post/cheer").handler(wall::cheer);
    router.post("/api/series/:sid/me/wall/:post/remove").handler(wall::removeMine);
    // personal links: a fresh one by mail, signing out, and the host key after a key rotation
    router.post("/api/series/:sid/me/link").handler(links::sendLink);
    router.post("/api/series/:sid/me/revoke").handler(links::revokeMine);
    // a participant's own data: a copy of it, and erasing it
    router.get("/api/series/:sid/me/data").handler(personal::export);
    router.post("/api/series/:sid/me/erase").handler(personal::erase);
    router.get("/api/series/:sid/people/data").handler(personal::exportFor);
    router.post("/api/series/:sid/people/erase").handler(personal::eraseFor);
    router.post("/api/series/:sid/links/revoke").handler(links::revokeFor);
    router.get("/api/series/:sid/host-key").handler(links::hostKey);
  }
}
