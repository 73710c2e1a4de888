package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.series.Outbox;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * The series part of the HTTP API (see docs/api.md, "Series"): puts its parts together and mounts
 * its routes. The host's endpoints are in {@link SeriesHostRoutes}, the public and participant's in
 * {@link SeriesMemberRoutes}, those about personal links themselves (a fresh one by mail, revoking)
 * in {@link SeriesLinkRoutes}; they share {@link SeriesCalls} (the owner, parsing, error codes), {@link
 * SeriesViews} (the JSON), {@link SeriesMails} (the messages), {@link RegistrationLimits} and
 * {@link ApiAuth}.
 */
public final class SeriesApi {
  private final SeriesHostRoutes host;
  private final SeriesMemberRoutes member;
  private final SeriesLinkRoutes links;

  SeriesApi(ObjectMapper json, FormatRegistry formats, SeriesRegistry series, HttpApi sessions, Tokens tokens,
      SeriesTokens seriesTokens, Clock clock, Outbox outbox, ApiAuth auth, PublicUrl publicUrl, SeriesSessions seats) {
    SeriesCalls calls = new SeriesCalls(series, formats, sessions, clock);
    SeriesViews views = new SeriesViews(json, calls, seriesTokens, publicUrl);
    this.host = new SeriesHostRoutes(json, formats, sessions, seriesTokens, auth, calls, views);
    SeriesMails mails = new SeriesMails(seriesTokens, publicUrl, outbox);
    RegistrationLimits limits = new RegistrationLimits();
    this.member = new SeriesMemberRoutes(json, sessions, tokens, seriesTokens, auth, calls, views, mails, limits, seats);
    this.links = new SeriesLinkRoutes(json, sessions, seriesTokens, auth, calls, mails, limits);
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
    router.post("/api/series/:sid/dates/:date/session").handler(host::hostSession);
    router.post("/api/series/:sid/dates/:date/move").handler(host::move);
    router.post("/api/series/:sid/dates/:date/cancel").handler(host::cancelDate);
    router.post("/api/series/:sid/dates/:date/check-in").handler(host::checkIn);
    router.post("/api/series/:sid/dates/:date/no-shows").handler(host::noShows);
    router.post("/api/series/:sid/dates/:date/paid").handler(host::paid);
    // a participant's
    router.get("/api/series/:sid/me").handler(member::me);
    router.get("/api/series/:sid/me/calendar.ics").handler(member::myCalendar);
    router.post("/api/series/:sid/me/registrations").handler(member::registerMore);
    router.post("/api/series/:sid/me/registrations/:date/cancel").handler(member::cancelMine);
    router.post("/api/series/:sid/me/routines").handler(member::chooseRoutine);
    router.post("/api/series/:sid/me/routines/:task/drop").handler(member::dropRoutine);
    router.post("/api/series/:sid/me/dates/:date/join").handler(member::join);
    // personal links: a fresh one by mail, signing out, and the host key after a key rotation
    router.post("/api/series/:sid/me/link").handler(links::sendLink);
    router.post("/api/series/:sid/me/revoke").handler(links::revokeMine);
    router.post("/api/series/:sid/links/revoke").handler(links::revokeFor);
    router.get("/api/series/:sid/host-key").handler(links::hostKey);
  }
}
