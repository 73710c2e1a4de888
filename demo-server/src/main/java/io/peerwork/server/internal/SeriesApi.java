package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.calendar.CalendarFeeds;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.Routine;
import io.peerwork.core.series.Seat;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesDate;
import io.peerwork.core.series.SeriesDecision;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The series part of the HTTP API (see docs/api.md, "Series"): the host's endpoints (guarded by
 * the series' host key or the organizer key), a participant's endpoints (guarded by their personal
 * token), and the calendar feeds. Handlers parse, hand the work to the series' owner ({@link
 * SeriesRegistry#call}), and answer.
 */
public final class SeriesApi {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SeriesApi.class.getName());
  /** How many dates back and ahead lists and feeds show. */
  static final int MONTHS_BACK = 3;
  static final int MONTHS_AHEAD = 13;
  /** Registration requests one client address may make at once, and how fast that refills. */
  public static final int REGISTRATIONS_PER_CLIENT_BURST = 30;
  public static final java.time.Duration REGISTRATION_INTERVAL_PER_CLIENT = java.time.Duration.ofSeconds(20);
  /**
   * Confirmation messages one e-mail address may receive at once, asked for from one client, and
   * how fast that refills; from all clients together it may receive {@link #MESSAGES_PER_ADDRESS_ALL_BURST}.
   * (Keyed per client as well, so that someone else asking for an address does not use up its
   * owner's messages; addresses count without {@code +tags}.)
   */
  public static final int MESSAGES_PER_ADDRESS_BURST = 3;
  public static final int MESSAGES_PER_ADDRESS_ALL_BURST = 10;
  public static final java.time.Duration MESSAGE_INTERVAL_PER_ADDRESS = java.time.Duration.ofMinutes(20);

  private final ObjectMapper json;
  private final FormatRegistry formats;
  private final SeriesRegistry series;
  private final HttpApi sessions;
  private final Tokens tokens;
  private final Clock clock;
  private final Outbox outbox;
  private final String organizerKey;
  private final PublicUrl publicUrl;
  private final RateLimits perClient = new RateLimits(
      1.0 / REGISTRATION_INTERVAL_PER_CLIENT.toSeconds(), REGISTRATIONS_PER_CLIENT_BURST);
  private final RateLimits perAddress = new RateLimits(
      1.0 / MESSAGE_INTERVAL_PER_ADDRESS.toSeconds(), MESSAGES_PER_ADDRESS_BURST);
  private final RateLimits perAddressAll = new RateLimits(
      1.0 / MESSAGE_INTERVAL_PER_ADDRESS.toSeconds(), MESSAGES_PER_ADDRESS_ALL_BURST);

  public SeriesApi(ObjectMapper json, FormatRegistry formats, SeriesRegistry series, HttpApi sessions, Tokens tokens,
      Clock clock, Outbox outbox, String organizerKey, PublicUrl publicUrl) {
    this.json = json;
    this.formats = formats;
    this.series = series;
    this.sessions = sessions;
    this.tokens = tokens;
    this.clock = clock;
    this.outbox = outbox;
    this.organizerKey = organizerKey;
    this.publicUrl = publicUrl;
  }

  /** Mounts the series endpoints on {@code router} (after the body handler, before the fallbacks). */
  public void mount(Router router) {
    router.post("/api/series").handler(this::create);
    router.get("/api/series/:sid").handler(this::info);
    router.get("/api/series/:sid/calendar.ics").handler(this::seriesCalendar);
    router.post("/api/series/:sid/registrations").handler(this::register);
    router.post("/api/series/:sid/confirmations").handler(this::confirm);
    // the host's
    router.get("/api/series/:sid/dates/:date").handler(this::hostDate);
    router.post("/api/series/:sid/dates/:date/session").handler(this::hostSession);
    router.post("/api/series/:sid/dates/:date/move").handler(this::move);
    router.post("/api/series/:sid/dates/:date/cancel").handler(this::cancelDate);
    router.post("/api/series/:sid/dates/:date/check-in").handler(this::checkIn);
    router.post("/api/series/:sid/dates/:date/no-shows").handler(this::noShows);
    router.post("/api/series/:sid/dates/:date/paid").handler(this::paid);
    // a participant's
    router.get("/api/series/:sid/me").handler(this::me);
    router.get("/api/series/:sid/me/calendar.ics").handler(this::myCalendar);
    router.post("/api/series/:sid/me/registrations").handler(this::registerMore);
    router.post("/api/series/:sid/me/registrations/:date/cancel").handler(this::cancelMine);
    router.post("/api/series/:sid/me/routines").handler(this::chooseRoutine);
    router.post("/api/series/:sid/me/routines/:task/drop").handler(this::dropRoutine);
    router.post("/api/series/:sid/me/dates/:date/join").handler(this::join);
  }

  // ---------------------------------------------------------------- organiser

  private void create(RoutingContext ctx) {
    if (!organizerKey.isEmpty() && !bearerIs(ctx, organizerKey)) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "creating a series needs the organizer key");
    }
    JsonNode b = sessions.body(ctx);
    String formatId = b.path("formatId").asText("");
    TopicFormat f = formats.find(formatId)
        .orElseThrow(() -> new ApiError(ApiError.Code.UNKNOWN_FORMAT, "no format '" + formatId + "'; known: " + formats.ids()));
    SeriesId id = SeriesId.of("sr-" + HttpApi.random(8));
    SeriesPlan plan;
    try {
      if (!b.path("recurrence").isObject()) {
        throw new IllegalArgumentException("recurrence is required");
      }
      Recurrence recurrence = json.treeToValue(b.path("recurrence"), Recurrence.class);
      var experts = new ArrayList<String>();
      for (JsonNode e : b.path("experts")) {
        experts.add(e.asText());
      }
      JsonNode p = b.path("place");
      Place place = new Place(Optional.ofNullable(p.path("address").asText(null)),
          Optional.ofNullable(p.path("onlineLink").asText(null)));
      plan = new SeriesPlan(id, f.id(), b.path("title").asText(f.name().de()), recurrence,
          ZoneId.of(b.path("zone").asText("Europe/Vienna")), b.path("capacity").asInt(f.defaultCapacity()), experts,
          place);
    } catch (DateTimeException | IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, String.valueOf(e.getMessage()).split("\n")[0]);
    }
    command(id, new SeriesCommand.CreateSeries(plan)).onSuccess(s -> {
      ObjectNode n = json.createObjectNode();
      n.put("seriesId", id.value());
      n.put("hostKey", tokens.seriesHostKey(id));
      n.put("hostLink", "/host.html?series=" + id.value() + "&key=" + tokens.seriesHostKey(id));
      n.put("registerLink", "/series.html?series=" + id.value());
      n.set("series", info(s));
      HttpApi.ok(ctx, 201, n);
    }).onFailure(ctx::fail);
  }

  private void info(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    series.call(id, live -> info(existing(live.state()))).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private void hostDate(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    series.call(id, live -> {
      SeriesState s = existing(live.state());
      SeriesDate d = s.date(key).orElseThrow(() -> new ApiError(RejectionCode.UNKNOWN_DATE.name(), 404, "no date " + key));
      ObjectNode n = dateView(s, d);
      ArrayNode seated = n.putArray("seated");
      s.seated(key).forEach(seat -> seated.add(seatView(seat)));
      ArrayNode waitlist = n.putArray("waitlist");
      s.waitlist(key).forEach(seat -> waitlist.add(seatView(seat)));
      ArrayNode cancelled = n.putArray("cancelled");
      s.registrations(key).stream().filter(seat -> seat.status() == Seat.Status.CANCELLED)
          .forEach(seat -> cancelled.add(seatView(seat)));
      ArrayNode checkIn = n.putArray("checkIn");
      s.seated(key).stream().sorted(java.util.Comparator.comparing(seat -> seat.name().toLowerCase(Locale.ROOT)))
          .forEach(seat -> checkIn.add(seatView(seat)));
      return n;
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** Schedules the date's session (if it is not yet) and answers the host's and expert's invites. */
  private void hostSession(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    ensureSession(id, key).onSuccess(n -> {
      ObjectNode invites = (ObjectNode) n.path("invites");
      invites.remove("participant"); // participants come with their personal link
      HttpApi.ok(ctx, 200, n);
    }).onFailure(ctx::fail);
  }

  private void move(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    JsonNode b = sessions.body(ctx);
    LocalDateTime start;
    try {
      start = LocalDateTime.parse(b.path("start").asText(""));
    } catch (DateTimeException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, "start is a local date-time, e.g. 2027-03-09T09:00");
    }
    command(id, new SeriesCommand.MoveDate(key, start))
        .compose(s -> followedBySession(s, key,
            new io.peerwork.core.Command.RescheduleSession(s.date(key).orElseThrow().start().toInstant())))
        .onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private void cancelDate(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    String reason = sessions.body(ctx).path("reason").asText("");
    command(id, new SeriesCommand.CancelDate(key, reason))
        .compose(s -> followedBySession(s, key, new io.peerwork.core.Command.CallOffSession(reason)))
        .onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private void checkIn(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    String email = sessions.body(ctx).path("email").asText("");
    command(id, new SeriesCommand.CheckIn(key, email)).onSuccess(s -> HttpApi.ok(ctx, 200, seatOf(s, key, email)))
        .onFailure(ctx::fail);
  }

  private void noShows(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    command(id, new SeriesCommand.RecordNoShows(key)).onSuccess(s -> {
      ArrayNode a = json.createArrayNode();
      s.seated(key).stream().filter(Seat::noShow).forEach(seat -> a.add(seatView(seat)));
      ObjectNode n = json.createObjectNode();
      n.set("noShows", a);
      HttpApi.ok(ctx, 200, n);
    }).onFailure(ctx::fail);
  }

  private void paid(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    JsonNode b = sessions.body(ctx);
    String email = b.path("email").asText("");
    command(id, new SeriesCommand.MarkPaid(key, email, b.path("paid").asBoolean(true)))
        .onSuccess(s -> HttpApi.ok(ctx, 200, seatOf(s, key, email))).onFailure(ctx::fail);
  }

  // ---------------------------------------------------------------- participant

  /**
   * Asks for a seat: checks the request against the series, then sends a confirmation link to the
   * address (the Outbox) and answers {@code 202 CONFIRMATION_SENT}. Nothing is registered and no
   * personal link is handed out until the link is opened, so nobody obtains another person's link by
   * typing their address. The answer is the same whether the series knows the address or not, and
   * whether or not a message was actually sent (at most {@link #MESSAGES_PER_ADDRESS_BURST} per
   * address, then one per {@link #MESSAGE_INTERVAL_PER_ADDRESS}); a client address that asks too
   * often is answered {@code 429 RATE_LIMITED}.
   */
  private void register(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String client = clientNetwork(ctx);
    if (!perClient.tryAcquire(client)) {
      throw new ApiError(ApiError.Code.RATE_LIMITED, "too many registrations from this network; try again in a minute");
    }
    JsonNode b = sessions.body(ctx);
    LocalDate key = date(b.path("date").asText(""));
    String email = b.path("email").asText("");
    String name = b.path("name").asText("");
    String language = b.path("language").asText("de");
    series.call(id, live -> {
      SeriesState s = existing(live.state());
      var asked = new SeriesCommand.Register(key, name, email, language, Optional.empty());
      // ALREADY_REGISTERED is decided last, after everything that does not depend on who asks.
      if (live.check(asked, clock.instant()) instanceof SeriesDecision.Rejected r
          && r.code() != RejectionCode.ALREADY_REGISTERED) {
        throw new ApiError(r.code().name(), status(r.code()), r.rejection().message());
      }
      String mailbox = mailbox(email);
      if (perAddress.tryAcquire(mailbox + "|" + client) && perAddressAll.tryAcquire(mailbox)) {
        send(confirmationMessage(s, key, SeriesState.normalize(email), name.strip(), language));
      }
      ObjectNode n = json.createObjectNode();
      n.put("status", "CONFIRMATION_SENT");
      n.put("date", key.toString());
      n.put("validHours", Tokens.CONFIRMATION_TTL.toHours());
      return n;
    }).onSuccess(n -> HttpApi.ok(ctx, 202, n)).onFailure(ctx::fail);
  }

  /**
   * Opens a confirmation link: registers the person as they asked (seated or waitlisted) and
   * answers their personal token. A link registers once: if the person holds a seat or waitlist
   * place for the date, or gave up one taken since the link was made, nothing changes. A person the
   * series knows keeps the name they have there (the asker chose the one in the link).
   */
  private void confirm(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    Tokens.Confirmation c = tokens.verifyConfirmation(sessions.body(ctx).path("token").asText(""), id);
    series.call(id, live -> {
      SeriesState s = existing(live.state());
      boolean used = s.registrations(c.date()).stream()
          .anyMatch(seat -> seat.email().equals(c.email()) && !seat.registeredAt().isBefore(c.issued()));
      if (s.registration(c.date(), c.email()).isEmpty() && !used) {
        String name = lastSeat(s, c.email()).map(Seat::name).orElse(c.name());
        s = handle(live, new SeriesCommand.Register(c.date(), name, c.email(), c.language(), Optional.empty()));
      }
      return registered(id, s, c.date(), c.email());
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** The confirmation message: greets nobody by name, since the asker chose the name (it rides in the link). */
  private OutgoingMessage confirmationMessage(SeriesState s, LocalDate key, String email, String name,
      String language) {
    String title = s.plan().orElseThrow().title();
    String link = publicUrl.of("/series.html?series=" + s.id().value() + "&confirm="
        + tokens.issueConfirmation(s.id(), key, email, name, language));
    boolean de = !"en".equals(language);
    String when = when(s.date(key).orElseThrow(), de);
    long hours = Tokens.CONFIRMATION_TTL.toHours();
    return de
        ? new OutgoingMessage(email, "de", "Bitte bestätigen: " + title + ", " + when,
            "Hallo,\n\nbitte bestätige deine Anmeldung zu " + title + " am " + when
                + " mit diesem Link (gültig " + hours + " Stunden):\n" + link
                + "\n\nDanach siehst du dort deine Termine und Routinen. Falls du dich nicht angemeldet hast,"
                + " ignoriere diese Nachricht einfach.\n")
        : new OutgoingMessage(email, "en", "Please confirm: " + title + ", " + when,
            "Hello,\n\nplease confirm your registration for " + title + " on " + when
                + " with this link (valid for " + hours + " hours):\n" + link
                + "\n\nIt then shows your dates and routines. If you did not register, just ignore this"
                + " message.\n");
  }

  private static String when(SeriesDate d, boolean de) {
    return d.start().format(java.time.format.DateTimeFormatter.ofLocalizedDateTime(
        java.time.format.FormatStyle.FULL, java.time.format.FormatStyle.SHORT)
        .withLocale(de ? Locale.forLanguageTag("de-AT") : Locale.UK));
  }

  /** Hands a message to the Outbox; a failing mailer is logged and changes no answer. */
  private void send(OutgoingMessage m) {
    try {
      outbox.send(m);
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "the Outbox failed for a message to " + m.to(), e);
    }
  }

  /** An address as the mailbox it reaches, for the limits: lower case, without a {@code +tag}. */
  static String mailbox(String email) {
    String e = SeriesState.normalize(email);
    int at = e.lastIndexOf('@');
    int plus = e.indexOf('+');
    return at > 0 && plus > 0 && plus < at ? e.substring(0, plus) + e.substring(at) : e;
  }

  /**
   * The client's network, for {@link #perClient}: its IPv4 address, or the /64 of its IPv6 address
   * (one household or host gets a whole /64). Behind a reverse proxy this is the proxy's.
   */
  private static String clientNetwork(RoutingContext ctx) {
    var a = ctx.request().remoteAddress();
    return a == null || a.hostAddress() == null ? "?" : network(a.hostAddress());
  }

  /** An IPv4 address as it is; an IPv6 address as its /64. */
  static String network(String hostAddress) {
    if (hostAddress.indexOf(':') >= 0) {
      try {
        byte[] ip = java.net.InetAddress.getByName(hostAddress).getAddress();
        if (ip.length == 16) {
          return java.util.HexFormat.of().formatHex(ip, 0, 8) + "::/64";
        }
      } catch (java.net.UnknownHostException e) {
        // not a literal address; use it as it is
      }
    }
    return hostAddress;
  }

  private void registerMore(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String email = personal(ctx, id);
    JsonNode b = sessions.body(ctx);
    LocalDate key = date(b.path("date").asText(""));
    series.call(id, live -> {
      SeriesState s = existing(live.state());
      Optional<Seat> last = lastSeat(s, email);
      String name = b.path("name").asText(last.map(Seat::name).orElse(""));
      String language = b.path("language").asText(last.map(Seat::language).orElse("de"));
      return handle(live, new SeriesCommand.Register(key, name, email, language, Optional.empty()));
    }).onSuccess(s -> HttpApi.ok(ctx, 201, registered(id, s, key, email))).onFailure(ctx::fail);
  }

  /** Gives up a seat or waitlist place; whoever moves up from the waitlist is told through the Outbox. */
  private void cancelMine(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String email = personal(ctx, id);
    LocalDate key = dateParam(ctx);
    series.call(id, live -> {
      existing(live.state());
      var out = live.handle(new SeriesCommand.CancelRegistration(key, email), clock.instant());
      if (out.decision() instanceof SeriesDecision.Rejected r) {
        throw new ApiError(r.code().name(), status(r.code()), r.rejection().message());
      }
      SeriesState s = live.state();
      for (var recorded : out.recorded()) {
        if (recorded.event() instanceof io.peerwork.core.series.SeriesEvent.PromotedFromWaitlist p) {
          s.registration(key, p.email()).ifPresent(seat -> send(promotedMessage(s, key, seat)));
        }
      }
      return me(s, email);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private OutgoingMessage promotedMessage(SeriesState s, LocalDate key, Seat seat) {
    String title = s.plan().orElseThrow().title();
    String link = publicUrl.of("/series.html?series=" + s.id().value() + "&t=" + tokens.issueSeries(s.id(), seat.email()));
    boolean de = "de".equals(seat.language());
    String when = when(s.date(key).orElseThrow(), de);
    return de
        ? new OutgoingMessage(seat.email(), "de", "Du hast einen Platz: " + title,
            "Hallo " + seat.name() + ",\n\njemand hat abgesagt, und du bist von der Warteliste nachgerückt: " + title
                + ", " + when + ".\n\nDeine Termine und Routinen: " + link + "\n")
        : new OutgoingMessage(seat.email(), "en", "You have a seat: " + title,
            "Hello " + seat.name() + ",\n\nsomeone cancelled, and you moved up from the waitlist: " + title + ", "
                + when + ".\n\nYour dates and routines: " + link + "\n");
  }

  private void me(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String email = personal(ctx, id);
    series.call(id, live -> me(existing(live.state()), email)).onSuccess(n -> HttpApi.ok(ctx, 200, n))
        .onFailure(ctx::fail);
  }

  private void chooseRoutine(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String email = personal(ctx, id);
    JsonNode b = sessions.body(ctx);
    String task = b.path("taskId").asText("");
    series.call(id, live -> {
      SeriesState s = existing(live.state());
      Cadence cadence;
      try {
        cadence = b.hasNonNull("cadence") ? Cadence.valueOf(b.path("cadence").asText().toUpperCase(Locale.ROOT))
            : format(s).task(task).map(RecurringTask::cadence).orElse(Cadence.MONTHLY);
      } catch (IllegalArgumentException e) {
        throw new ApiError(ApiError.Code.INVALID_REQUEST, "cadence is WEEKLY, MONTHLY, QUARTERLY or YEARLY");
      }
      return me(handle(live, new SeriesCommand.ChooseRoutine(email, task, cadence)), email);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  private void dropRoutine(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String email = personal(ctx, id);
    String task = ctx.pathParam("task");
    series.call(id, live -> me(handle(live, new SeriesCommand.DropRoutine(email, task)), email))
        .onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /**
   * A seated person joins the date's session: the session is scheduled if it is not yet, and they get
   * a session token as a participant, with the participant id the series derives from their address.
   */
  private void join(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String email = personal(ctx, id);
    LocalDate key = dateParam(ctx);
    series.call(id, live -> {
      SeriesState s = existing(live.state());
      Seat seat = s.registration(key, email)
          .orElseThrow(() -> new ApiError(RejectionCode.NOT_REGISTERED.name(), 404, "not registered for " + key));
      if (seat.status() != Seat.Status.SEATED) {
        throw new ApiError(RejectionCode.NOT_SEATED.name(), 409, "still on the waitlist for " + key);
      }
      return seat;
    }).compose(seat -> ensureSession(id, key).map(n -> {
      SessionId session = SessionId.of(n.path("sessionId").asText());
      ParticipantId who = tokens.seriesParticipant(id, email);
      ObjectNode out = json.createObjectNode();
      out.put("token", tokens.issue(session, who, Role.PARTICIPANT, seat.name()));
      out.put("sessionId", session.value());
      out.put("participantId", who.value());
      out.put("role", Role.PARTICIPANT.name());
      out.put("displayName", seat.name());
      return out;
    })).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  // ---------------------------------------------------------------- calendars

  private void seriesCalendar(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String lang = "en".equals(ctx.queryParams().get("lang")) ? "en" : "de";
    series.call(id, live -> {
      SeriesState s = existing(live.state());
      LocalDate today = today(s);
      return CalendarFeeds.series(s, format(s), lang, today.minusMonths(MONTHS_BACK), today.plusMonths(MONTHS_AHEAD));
    }).onSuccess(text -> calendar(ctx, text)).onFailure(ctx::fail);
  }

  /** A person's feed: opened by their read-only calendar token (or their personal token). */
  private void myCalendar(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    String token = bearer(ctx);
    String email = tokens.verifySeriesCalendar(token != null ? token : ctx.queryParams().get("token"), id);
    series.call(id, live -> {
      SeriesState s = existing(live.state());
      LocalDate today = today(s);
      return CalendarFeeds.participant(s, format(s), email, today.minusMonths(MONTHS_BACK),
          today.plusMonths(MONTHS_AHEAD));
    }).onSuccess(text -> calendar(ctx, text)).onFailure(ctx::fail);
  }

  private static void calendar(RoutingContext ctx, String text) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, CalendarFeeds.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(text);
  }

  // ---------------------------------------------------------------- shared

  /** Schedules the session of a date if needed: answers {@code {sessionId, title, formatId, invites}}. */
  Future<ObjectNode> ensureSession(SeriesId id, LocalDate key) {
    return series.call(id, live -> {
      SeriesState s = existing(live.state());
      SeriesDate d = s.date(key).orElseThrow(() -> new ApiError(RejectionCode.UNKNOWN_DATE.name(), 404, "no date " + key));
      if (d.isCancelled()) {
        throw new ApiError(RejectionCode.DATE_CANCELLED.name(), 409, "the date " + key + " is cancelled");
      }
      return s.sessionPlan(key, format(s));
    }).compose(sessions::schedule);
  }

  /**
   * The date as changed, after its session (if it was prepared) followed: moved to the new start, or
   * called off. {@code "session"} says what became of the session: {@code "none"} (not prepared),
   * {@code "followed"}, or the code that stopped it (e.g. {@code SESSION_ALREADY_OPEN} for a lobby
   * that is open already; the host then decides in the room).
   */
  private Future<ObjectNode> followedBySession(SeriesState s, LocalDate key, io.peerwork.core.Command change) {
    ObjectNode view = dateView(s, s.date(key).orElseThrow());
    return sessions.organiserCommand(s.sessionId(key), change).map(r -> {
      String code = r instanceof RoomReply.Refused refused ? refused.code()
          : r instanceof RoomReply.Failed f ? f.code() : "";
      view.put("session", code.isEmpty() ? "followed" : code.equals("SESSION_NOT_FOUND") ? "none" : code);
      return view;
    });
  }

  private Future<SeriesState> command(SeriesId id, SeriesCommand c) {
    return series.call(id, live -> handle(live, c));
  }

  /** Handles {@code c} on the owner's context: the new state, or an {@link ApiError} with core's code. */
  private SeriesState handle(io.peerwork.core.series.LiveSeries live, SeriesCommand c) {
    var out = live.handle(c, clock.instant());
    if (out.decision() instanceof SeriesDecision.Rejected r) {
      throw new ApiError(r.code().name(), status(r.code()), r.rejection().message());
    }
    return live.state();
  }

  static int status(RejectionCode code) {
    return switch (code) {
      case SERIES_NOT_FOUND, UNKNOWN_DATE, NOT_REGISTERED, NO_SUCH_ROUTINE -> 404;
      case SERIES_ALREADY_EXISTS, DATE_CANCELLED, DATE_PASSED, DATE_NOT_STARTED, ALREADY_REGISTERED, NOT_SEATED,
          DATE_CONFLICT -> 409;
      default -> 400;
    };
  }

  private static SeriesState existing(SeriesState s) {
    if (s.plan().isEmpty()) {
      throw new ApiError(ApiError.Code.SERIES_NOT_FOUND, "no such series");
    }
    return s;
  }

  private TopicFormat format(SeriesState s) {
    return formats.require(s.plan().orElseThrow().formatId());
  }

  private LocalDate today(SeriesState s) {
    return LocalDate.ofInstant(clock.instant(), s.plan().orElseThrow().zone());
  }

  private ObjectNode info(SeriesState s) {
    SeriesPlan p = s.plan().orElseThrow();
    TopicFormat f = format(s);
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    n.put("title", p.title());
    n.put("formatId", p.formatId());
    n.set("formatName", json.valueToTree(f.name().byLanguage()));
    n.put("zone", p.zone().getId());
    n.put("capacity", p.capacity());
    n.set("experts", json.valueToTree(p.experts()));
    ObjectNode place = n.putObject("place");
    p.place().address().ifPresent(a -> place.put("address", a));
    p.place().onlineLink().ifPresent(a -> place.put("onlineLink", a));
    n.set("recurrence", json.valueToTree(p.recurrence()));
    ArrayNode tasks = n.putArray("tasks");
    for (RecurringTask t : f.tasks()) {
      ObjectNode tn = tasks.addObject();
      tn.put("id", t.id());
      tn.set("title", json.valueToTree(t.title().byLanguage()));
      tn.put("cadence", t.cadence().name());
    }
    ArrayNode dates = n.putArray("dates");
    LocalDate today = today(s);
    for (SeriesDate d : s.dates(today.minusMonths(MONTHS_BACK), today.plusMonths(MONTHS_AHEAD))) {
      dates.add(dateView(s, d));
    }
    return n;
  }

  private ObjectNode dateView(SeriesState s, SeriesDate d) {
    ObjectNode n = json.createObjectNode();
    n.put("date", d.key().toString());
    n.put("start", d.start().toOffsetDateTime().toString());
    n.put("end", d.end().toOffsetDateTime().toString());
    n.put("moved", d.moved());
    d.cancelled().ifPresentOrElse(r -> n.put("cancelled", r), () -> n.putNull("cancelled"));
    n.put("revision", d.revision());
    n.put("past", !clock.instant().isBefore(d.start().toInstant()));
    n.put("sessionId", s.sessionId(d.key()).value());
    n.put("capacity", s.plan().orElseThrow().capacity());
    n.put("seated", s.seated(d.key()).size());
    n.put("waitlisted", s.waitlist(d.key()).size());
    return n;
  }

  private ObjectNode seatView(Seat seat) {
    ObjectNode n = json.createObjectNode();
    n.put("name", seat.name());
    n.put("email", seat.email());
    n.put("language", seat.language());
    n.put("status", seat.status().name());
    n.put("registeredAt", seat.registeredAt().toString());
    n.put("checkedIn", seat.checkedIn());
    n.put("noShow", seat.noShow());
    seat.priceCents().ifPresent(c -> n.put("priceCents", c));
    n.put("paid", seat.paid());
    return n;
  }

  private ObjectNode seatOf(SeriesState s, LocalDate key, String email) {
    return seatView(s.registration(key, email).orElseThrow());
  }

  private ObjectNode registered(SeriesId id, SeriesState s, LocalDate key, String email) {
    Optional<Seat> seat = s.registration(key, email);
    String token = tokens.issueSeries(id, email);
    ObjectNode n = json.createObjectNode();
    n.put("date", key.toString());
    n.put("status", seat.map(x -> x.status().name()).orElse(Seat.Status.CANCELLED.name()));
    if (seat.filter(x -> x.status() == Seat.Status.WAITLISTED).isPresent()) {
      n.put("waitlistPlace", s.waitlist(key).indexOf(seat.get()) + 1);
    }
    n.put("token", token);
    n.put("link", "/series.html?series=" + id.value() + "&t=" + token);
    return n;
  }

  /** What a participant sees of the series: their dates, routines with history, the catalogue. */
  private ObjectNode me(SeriesState s, String email) {
    String e = SeriesState.normalize(email);
    TopicFormat f = format(s);
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    n.put("title", s.plan().orElseThrow().title());
    n.put("email", e);
    n.put("calendarLink", publicUrl.of("/api/series/" + s.id().value() + "/me/calendar.ics?token="
        + tokens.issueSeriesCalendar(s.id(), e)));
    lastSeat(s, e).ifPresent(seat -> {
      n.put("name", seat.name());
      n.put("language", seat.language());
    });
    ArrayNode dates = n.putArray("dates");
    for (LocalDate key : s.datesOf(e)) {
      Seat seat = s.registration(key, e).orElseThrow();
      ObjectNode d = dateView(s, s.date(key).orElseThrow());
      d.put("status", seat.status().name());
      if (seat.status() == Seat.Status.WAITLISTED) {
        d.put("waitlistPlace", s.waitlist(key).indexOf(seat) + 1);
      }
      d.put("checkedIn", seat.checkedIn());
      dates.add(d);
    }
    Optional<LocalDate> next = s.datesOf(e).stream()
        .filter(k -> s.date(k).map(d -> !d.isCancelled() && d.end().toInstant().isAfter(clock.instant())).orElse(false))
        .findFirst();
    ArrayNode routines = n.putArray("routines");
    for (Routine r : s.routines(e)) {
      ObjectNode rn = routines.addObject();
      rn.put("taskId", r.taskId());
      f.task(r.taskId()).ifPresent(t -> rn.set("title", json.valueToTree(t.title().byLanguage())));
      rn.put("cadence", r.cadence().name());
      int last = Math.min(6, r.history().size());
      rn.put("doneInLast", r.doneInLast(last));
      rn.put("of", last);
      r.lastDone().ifPresent(d -> rn.put("lastDone", d.toString()));
      next.ifPresent(k -> rn.put("dueNext", s.offeredGoals(e, k).stream()
          .anyMatch(o -> o.taskId().equals(Optional.of(r.taskId())))));
      ArrayNode h = rn.putArray("history");
      for (Routine.Entry entry : r.history()) {
        ObjectNode hn = h.addObject();
        hn.put("date", entry.date().toString());
        entry.status().ifPresentOrElse(st -> hn.put("status", st.name()), () -> hn.putNull("status"));
      }
    }
    ArrayNode tasks = n.putArray("tasks");
    for (RecurringTask t : f.tasks()) {
      ObjectNode tn = tasks.addObject();
      tn.put("id", t.id());
      tn.set("title", json.valueToTree(t.title().byLanguage()));
      tn.put("cadence", t.cadence().name());
    }
    return n;
  }

  /** The person's most recent registration, cancelled or not: their name and language. */
  static Optional<Seat> lastSeat(SeriesState s, String email) {
    String e = SeriesState.normalize(email);
    Seat last = null;
    for (LocalDate key : allKeys(s)) {
      for (Seat seat : s.registrations(key)) {
        if (seat.email().equals(e) && (last == null || seat.registeredAt().isAfter(last.registeredAt()))) {
          last = seat;
        }
      }
    }
    return Optional.ofNullable(last);
  }

  private static List<LocalDate> allKeys(SeriesState s) {
    var keys = new ArrayList<LocalDate>();
    LocalDate start = LocalDate.of(2000, 1, 1);
    for (SeriesDate d : s.dates(start, start.plusYears(200))) {
      if (!s.registrations(d.key()).isEmpty()) {
        keys.add(d.key());
      }
    }
    return keys;
  }

  private void requireHost(RoutingContext ctx, SeriesId id) {
    String given = bearer(ctx);
    if (given == null) {
      given = ctx.queryParams().get("key");
    }
    boolean organizer = !organizerKey.isEmpty() && given != null && MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), organizerKey.getBytes(StandardCharsets.UTF_8));
    if (!organizer && !tokens.isSeriesHostKey(id, given)) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "this needs the series' host key (or the organizer key)");
    }
  }

  private String personal(RoutingContext ctx, SeriesId id) {
    String token = bearer(ctx);
    return tokens.verifySeries(token != null ? token : ctx.queryParams().get("token"), id);
  }

  private static String bearer(RoutingContext ctx) {
    String auth = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : null;
  }

  private static boolean bearerIs(RoutingContext ctx, String key) {
    String given = bearer(ctx);
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        key.getBytes(StandardCharsets.UTF_8));
  }

  private static SeriesId seriesId(RoutingContext ctx) {
    try {
      return SeriesId.of(ctx.pathParam("sid"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.SERIES_NOT_FOUND, "no such series");
    }
  }

  private static LocalDate dateParam(RoutingContext ctx) {
    return date(ctx.pathParam("date"));
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, "a date is written 2027-03-02");
    }
  }
}
