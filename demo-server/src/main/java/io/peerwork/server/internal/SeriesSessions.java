package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Command;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Recap;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionStatus;
import io.peerwork.core.series.GoalOutcome;
import io.peerwork.core.series.OfferedGoal;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.RecapMessages;
import io.peerwork.core.series.Seat;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesDate;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.TopicFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where series and rooms meet. A session of a series is named {@code <series id>-<yyyyMMdd>}
 * ({@link SeriesState#sessionId}); its participants' ids are derived from their e-mail addresses
 * ({@link SeriesTokens#seriesParticipant}), so the series can tell who is who:
 *
 * <ul>
 *   <li>{@link #offers}: what the goal round offers a participant who connects (carry-overs, then
 *       due routines), as an {@code offers} frame.
 *   <li>When a room publishes on {@link Rooms#ENDED}, each registered participant's goals are
 *       recorded in the series ({@code RecordOutcomes}) and their recap message goes to the {@link
 *       Outbox}, once: only for people with no outcomes recorded for that date yet, so a restart or
 *       a second notice sends nothing twice. {@link #recover} does the same at start for sessions
 *       that ended while nobody was listening.
 *   <li>{@link #resources} and {@link #setResources}: the resources per task of the series, as a
 *       {@code resources} frame for everyone who connects, and set by an expert or host in a room
 *       (published to that room).
 *   <li>{@link #seatGivenUp} and {@link #seatHeld}: a seat of a date given up or held again reaches
 *       the date's session, if it exists (the organiser removes or readmits the person there).
 * </ul>
 */
public final class SeriesSessions {
  private static final Logger LOG = Logger.getLogger(SeriesSessions.class.getName());
  private static final Pattern SESSION = Pattern.compile("(.{1,48})-(\\d{8})");

  private final Vertx vertx;
  private final ObjectMapper json;
  private final FormatRegistry formats;
  private final SeriesRegistry series;
  private final SeriesJournal journal;
  private final RoomRegistry rooms;
  private final SeriesTokens tokens;
  private final Clock clock;
  private final Outbox outbox;
  private final Views views;

  public SeriesSessions(Vertx vertx, ObjectMapper json, FormatRegistry formats, SeriesRegistry series,
      SeriesJournal journal, RoomRegistry rooms, SeriesTokens tokens, Clock clock, Outbox outbox) {
    this.vertx = vertx;
    this.json = json;
    this.formats = formats;
    this.series = series;
    this.journal = journal;
    this.rooms = rooms;
    this.tokens = tokens;
    this.clock = clock;
    this.outbox = outbox;
    this.views = new Views(json);
  }

  /**
   * The reason of the organiser's removal when someone gives up their seat of a series date (the
   * page shows its own words for it).
   */
  public static final String SEAT_GIVEN_UP = "SEAT_GIVEN_UP";

  /**
   * {@code email} gave up their seat on {@code date} of {@code series} (cancelled their
   * registration): in that date's session, if it exists, the organiser removes them (reason {@link
   * #SEAT_GIVEN_UP}), so their seat is free, their open sockets close and their session token no
   * longer connects. Completes with true if the session has them removed now, false if the date has
   * no session (never prepared) or it is over; fails if the room could not be reached.
   */
  public Future<Boolean> seatGivenUp(SeriesId series, LocalDate date, String email) {
    ParticipantId who = tokens.seriesParticipant(series, email);
    return organiser(series, date, new Command.RemoveMember(Optional.empty(), who, SEAT_GIVEN_UP));
  }

  /** How many times, and how long apart at first, a seat given up is tried again in a room that did not answer. */
  static final int SEAT_RETRIES = 6;
  static final long SEAT_RETRY_FIRST_MS = 2_000;

  /**
   * {@link #seatGivenUp}, and if the room cannot be reached now, again later (after 2 s, 4 s, ... about
   * 2 minutes in all): the cancellation is stored already, so its answer does not wait for the room,
   * and the person's session token must still stop working. Completes as {@link #seatGivenUp}, or
   * with false when a retry was scheduled.
   */
  public Future<Boolean> seatGivenUpEventually(SeriesId series, LocalDate date, String email) {
    return seatGivenUp(series, date, email).recover(e -> {
      retrySeatGivenUp(series, date, email, 1, e);
      return Future.succeededFuture(false);
    });
  }

  private void retrySeatGivenUp(SeriesId series, LocalDate date, String email, int attempt, Throwable last) {
    if (attempt > SEAT_RETRIES) {
      LOG.warning("the session of " + series + " on " + date + " did not take a seat given up after " + SEAT_RETRIES
          + " tries (" + last.getMessage() + "); the person's session token works until it expires");
      return;
    }
    LOG.fine(() -> "seat given up on " + date + " of " + series + ": trying again (" + last.getMessage() + ")");
    vertx.setTimer(SEAT_RETRY_FIRST_MS << (attempt - 1), t -> seatGivenUp(series, date, email)
        .onFailure(e -> retrySeatGivenUp(series, date, email, attempt + 1, e)));
  }

  /**
   * {@code email} holds a seat on {@code date} of {@code series} (again): in that date's session, if
   * it exists, an earlier removal for a given-up seat is lifted, so their token connects. Call it
   * before handing out a session token to a seated person. Completes with true if the session exists
   * and they may join it, false if the date has no session yet or it is over.
   */
  public Future<Boolean> seatHeld(SeriesId series, LocalDate date, String email) {
    ParticipantId who = tokens.seriesParticipant(series, email);
    return organiser(series, date, new Command.ReadmitMember(Optional.empty(), who));
  }

  private Future<Boolean> organiser(SeriesId series, LocalDate date, Command command) {
    SessionId session = SessionId.of(series.value() + "-" + DateTimeFormatter.BASIC_ISO_DATE.format(date));
    return rooms.request(session, RoomRequest.Execute.bySystem(command)).map(r -> {
      if (r instanceof RoomReply.Done) {
        return true;
      }
      if (r instanceof RoomReply.Failed f && f.code().equals(ApiError.Code.SESSION_NOT_FOUND.name())
          || r instanceof RoomReply.Refused refused && refused.code().equals("SESSION_ENDED")) {
        return false;
      }
      String code = r instanceof RoomReply.Failed f ? f.code() : r instanceof RoomReply.Refused x ? x.code() : "?";
      throw new ApiError(code, 503, "the session " + session + " did not take the seat change: " + code);
    });
  }

  /** Listens for sessions that end. */
  public void start() {
    vertx.eventBus().<String>localConsumer(Rooms.ENDED, m -> sessionEnded(SessionId.of(m.body())));
  }

  /** The series and date a session id names, if it has the form of a series session. */
  static Optional<Dated> dated(SessionId session) {
    Matcher m = SESSION.matcher(session.value());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Dated(SeriesId.of(m.group(1)),
          LocalDate.parse(m.group(2), DateTimeFormatter.BASIC_ISO_DATE)));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  record Dated(SeriesId series, LocalDate date) {}

  /**
   * Whether a session token made from a personal link when the person's links had been signed out
   * {@code generation} times ({@link Tokens.Claims#linkGeneration}) was signed out since: true if the
   * series of {@code session} holds {@code who} on its date and has signed out their links more often.
   * False for sessions that are not of a series and for people it does not hold there (a given-up
   * seat removes them from the session; an erasure, too).
   */
  public Future<Boolean> linkSignedOut(SessionId session, ParticipantId who, int generation) {
    Optional<Dated> d = dated(session);
    if (d.isEmpty()) {
      return Future.succeededFuture(false);
    }
    SeriesId id = d.get().series();
    LocalDate key = d.get().date();
    return series.call(id, live -> {
      SeriesState s = live.state();
      if (!s.sessionId(key).equals(session)) {
        return false;
      }
      for (Seat seat : s.registrations(key)) {
        if (tokens.seriesParticipant(id, seat.email()).equals(who)) {
          return generation < s.linkRevocations(seat.email());
        }
      }
      return false;
    });
  }

  /** The close status of sockets whose token was signed out (as for an expired one). */
  static final short CLOSE_SIGNED_OUT = 4401;

  /** The {@code error} frame a socket gets before it is closed for links signed out: code {@code TOKEN_REVOKED}. */
  static String signedOutError(ObjectMapper json) {
    ObjectNode f = json.createObjectNode();
    f.put("type", "error");
    f.putNull("id");
    f.put("code", ApiError.Code.TOKEN_REVOKED.name());
    f.put("message", "your links were signed out; open the new link sent to you by mail");
    return f.toString();
  }

  /**
   * {@code email}'s links of {@code s} were signed out: their open sockets in the sessions of their
   * dates, on every node, get an {@code error} frame {@code TOKEN_REVOKED} and are closed with {@link
   * #CLOSE_SIGNED_OUT}. Their session tokens no longer connect ({@link #linkSignedOut}); a fresh
   * personal link makes new ones.
   */
  public void signOut(SeriesState s, String email) {
    ParticipantId who = tokens.seriesParticipant(s.id(), email);
    String text = signedOutError(json);
    for (LocalDate key : s.datesOf(email)) {
      SessionId session = s.sessionId(key);
      RoomFrame close = RoomFrame.of(RoomFrame.Kind.CLOSE, CLOSE_SIGNED_OUT, java.util.OptionalLong.empty(),
          Optional.empty(), Optional.of(who.value()), text);
      vertx.eventBus().publish(Rooms.events(session), close);
      vertx.eventBus().publish(Rooms.staffEvents(session), close);
    }
  }

  /**
   * The {@code offers} frame for a participant of a series session who has a seat on its date; empty
   * for anyone else and for sessions that are not of a series.
   */
  public Future<Optional<String>> offers(SessionId session, ParticipantId who) {
    Optional<Dated> d = dated(session);
    if (d.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    SeriesId id = d.get().series();
    LocalDate key = d.get().date();
    return series.call(id, live -> {
      SeriesState s = live.state();
      if (s.plan().isEmpty() || !s.sessionId(key).equals(session)) {
        return Optional.<String>empty();
      }
      TopicFormat format = formats.find(s.plan().get().formatId()).orElse(null);
      for (Seat seat : s.seated(key)) {
        if (tokens.seriesParticipant(id, seat.email()).equals(who)) {
          ObjectNode f = json.createObjectNode();
          f.put("type", "offers");
          f.put("seriesId", id.value());
          f.put("date", key.toString());
          ArrayNode goals = f.putArray("goals");
          for (OfferedGoal o : s.offeredGoals(seat.email(), key)) {
            ObjectNode g = goals.addObject();
            g.put("reason", o.reason().name());
            o.taskId().ifPresent(t -> g.put("taskId", t));
            String text = o.text().orElseGet(() -> o.taskId()
                .flatMap(t -> format == null ? Optional.empty() : format.task(t))
                .map(t -> t.title().in(seat.language())).orElse(""));
            g.put("text", text);
          }
          return Optional.of(f.toString());
        }
      }
      return Optional.<String>empty();
    });
  }

  /**
   * A {@code resources} frame ({@code text}) at the series' {@code version}: the resources of the
   * tasks of a series, as everyone in a room of one of its sessions sees them.
   */
  record Resources(long version, String text) {}

  /**
   * The {@code resources} frame for everyone in the session, if it is a session of a series: each
   * task's resources as the series has them (curated there, else the format's defaults). Empty for
   * sessions that are not of a series; their page takes the format's defaults from the format.
   */
  public Future<Optional<Resources>> resources(SessionId session) {
    Optional<Dated> d = dated(session);
    if (d.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return series.call(d.get().series(), live -> {
      SeriesState s = live.state();
      if (s.plan().isEmpty() || !s.sessionId(d.get().date()).equals(session)) {
        return Optional.<Resources>empty();
      }
      return formats.find(s.plan().get().formatId()).map(f -> resourcesFrame(s, f));
    });
  }

  private Resources resourcesFrame(SeriesState s, TopicFormat format) {
    ObjectNode f = json.createObjectNode();
    f.put("type", "resources");
    f.setAll(views.seriesResources(s, format));
    return new Resources(s.version(), f.toString());
  }

  /**
   * An expert or host of {@code session} sets the resources of task {@code taskId} in the session's
   * series ({@link SeriesCommand.SetTaskResources}), as written: a text written once is the same in
   * every language, one sent per language (as the {@code resources} frame has it) stays so.
   * Completes with empty if the series took them (and then publishes the new {@code resources} frame
   * to the session's room, its sockets on every node), or with core's refusal: {@code
   * SERIES_NOT_FOUND} for a session that is not of a series, {@code INVALID_RESOURCE} for a blank
   * title or item, and what the series engine says. Fails with the series' storage failures. The
   * caller has checked the role.
   */
  public Future<Optional<RoomReply.Refused>> setResources(SessionId session, String taskId,
      List<ClientFrame.ResourceInput> inputs) {
    Optional<Dated> d = dated(session);
    if (d.isEmpty()) {
      return Future.succeededFuture(Optional.of(notOfASeries()));
    }
    var written = new ArrayList<io.peerwork.core.TaskResource>();
    for (ClientFrame.ResourceInput in : inputs) {
      if (blank(in.title()) || in.checklist().stream().anyMatch(SeriesSessions::blank)) {
        return Future.succeededFuture(Optional.of(new RoomReply.Refused(RejectionCode.INVALID_RESOURCE.name(),
            "a resource has a title, and no checklist item is empty")));
      }
      written.add(new io.peerwork.core.TaskResource(new io.peerwork.core.LocalizedText(in.title()),
          in.link().filter(l -> !l.isBlank()), in.checklist().stream().map(io.peerwork.core.LocalizedText::new).toList()));
    }
    return series.call(d.get().series(), live -> {
      SeriesState s = live.state();
      if (s.plan().isEmpty() || !s.sessionId(d.get().date()).equals(session)) {
        return new SetOutcome(Optional.of(notOfASeries()), Optional.empty());
      }
      var out = live.handle(new SeriesCommand.SetTaskResources(taskId, written), clock.instant());
      if (out.decision() instanceof io.peerwork.core.series.SeriesDecision.Rejected r) {
        return new SetOutcome(Optional.of(new RoomReply.Refused(r.code().name(), r.rejection().message())),
            Optional.empty());
      }
      Optional<Resources> frame = out.recorded().isEmpty() ? Optional.empty()
          : formats.find(s.plan().get().formatId()).map(f -> resourcesFrame(live.state(), f));
      return new SetOutcome(Optional.empty(), frame);
    }).map(o -> {
      o.frame().ifPresent(f -> publishResources(session, f));
      return o.refused();
    });
  }

  /**
   * Sends the series' resources as they are now to everyone in the room of {@code session} (after
   * a tip became a resource on the wall): nothing for a session that is not of a series.
   */
  Future<Void> refreshResources(SessionId session) {
    return resources(session).map(r -> {
      r.ifPresent(frame -> publishResources(session, frame));
      return null;
    });
  }

  private static boolean blank(java.util.Map<String, String> texts) {
    return texts.values().stream().anyMatch(String::isBlank);
  }

  private record SetOutcome(Optional<RoomReply.Refused> refused, Optional<Resources> frame) {}

  private static RoomReply.Refused notOfASeries() {
    return new RoomReply.Refused(RejectionCode.SERIES_NOT_FOUND.name(),
        "this session is not one of a series; resources are set per series");
  }

  /**
   * Sends a {@code resources} frame to everyone in the room of {@code session} (both audiences, on
   * every node). Other rooms of the series get the resources when their people connect.
   */
  private void publishResources(SessionId session, Resources r) {
    RoomFrame f = RoomFrame.of(RoomFrame.Kind.RESOURCES, r.version(), java.util.OptionalLong.empty(),
        Optional.empty(), r.text());
    vertx.eventBus().publish(Rooms.events(session), f);
    vertx.eventBus().publish(Rooms.staffEvents(session), f);
  }

  /** A session ended: record its series participants' outcomes and send their recaps, once. */
  void sessionEnded(SessionId session) {
    Optional<Dated> d = dated(session);
    if (d.isEmpty()) {
      return;
    }
    rooms.request(session, new RoomRequest.Recap()).compose(r -> {
      if (!(r instanceof RoomReply.Recap answer)) {
        return Future.succeededFuture(0); // not there, or not over
      }
      Recap recap = answer.recap();
      if (recap.status() != SessionStatus.ENDED) {
        return Future.succeededFuture(0);
      }
      return series.call(d.get().series(), live -> record(live, d.get().date(), session, recap));
    }).onSuccess(n -> {
      if (n > 0) {
        LOG.info(() -> "session " + session + ": outcomes of " + n + " participants recorded in their series");
      }
    }).onFailure(e -> LOG.log(Level.WARNING, "session " + session + ": outcomes not recorded; they will be at the"
        + " next start", e));
  }

  /** On the series' owner: records outcomes and sends recaps for everyone who has none yet. */
  private int record(io.peerwork.core.series.LiveSeries live, LocalDate key, SessionId session, Recap recap) {
    SeriesState s = live.state();
    if (s.plan().isEmpty() || !s.sessionId(key).equals(session)) {
      return 0;
    }
    Optional<TopicFormat> format = formats.find(s.plan().get().formatId());
    Optional<SeriesDate> date = s.date(key);
    if (format.isEmpty() || date.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (Seat seat : s.seated(key)) {
      Optional<Recap.ParticipantRecap> mine = recap.of(tokens.seriesParticipant(s.id(), seat.email()));
      if (mine.isEmpty() || live.state().outcomes(seat.email(), key).isPresent()) {
        continue;
      }
      var outcomes = new ArrayList<GoalOutcome>();
      mine.get().goals().forEach(g -> outcomes.add(new GoalOutcome(g.text(), g.taskId(), g.status())));
      var helps = new io.peerwork.core.series.HelpTally(mine.get().helpsReceived(), mine.get().peerHelpsGiven());
      var out = live.handle(new SeriesCommand.RecordOutcomes(key, seat.email(), outcomes, helps), clock.instant());
      if (!out.decision().isAccepted()) {
        LOG.warning(() -> "series " + s.id() + ": outcomes of " + key + " not recorded: " + out.decision());
        continue;
      }
      if (out.recorded().isEmpty()) {
        continue;
      }
      n++;
      if (io.peerwork.core.Erasure.isPseudonym(seat.email())) {
        continue; // erased: nothing goes to the pseudonym
      }
      Optional<SeriesDate> next = live.state().dates(key.plusDays(1), key.plusYears(2)).stream()
          .filter(x -> !x.isCancelled()).findFirst();
      try {
        outbox.send(RecapMessages.forParticipant(seat.email(), seat.language(), format.get(), date.get(),
            mine.get(), next));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "series " + s.id() + ": the recap for a participant of " + key + " was not sent", e);
      }
    }
    return n;
  }

  /**
   * At start: for every series, the dates of the last two months whose sessions may have ended while
   * the server was down or before their outcomes were recorded. Blocking; call off the event loop.
   */
  public void recover() {
    List<SeriesId> all;
    try {
      all = journal.series();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "series outcomes not recovered at start", e);
      return;
    }
    recoverFrom(all.iterator());
  }

  /**
   * One series after another, so that recovering never holds more series than one at a time (a
   * start with more series than {@code --max-series} would otherwise be refused for the cap).
   */
  private void recoverFrom(java.util.Iterator<SeriesId> ids) {
    if (!ids.hasNext()) {
      return;
    }
    SeriesId id = ids.next();
    series.call(id, live -> {
      SeriesState s = live.state();
      var due = new ArrayList<SessionId>();
      if (s.plan().isEmpty()) {
        return due;
      }
      LocalDate today = LocalDate.ofInstant(clock.instant(), s.plan().get().zone());
      for (SeriesDate d : s.dates(today.minusMonths(2), today.plusDays(1))) {
        boolean missing = s.seated(d.key()).stream().anyMatch(seat -> s.outcomes(seat.email(), d.key()).isEmpty());
        if (!d.isCancelled() && missing && d.start().toInstant().isBefore(clock.instant())) {
          due.add(s.sessionId(d.key()));
        }
      }
      return due;
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        ar.result().forEach(this::sessionEnded);
      } else {
        LOG.log(Level.WARNING, "series " + id + ": outcomes not recovered at start (" + ar.cause().getMessage() + ")");
      }
      recoverFrom(ids);
    });
  }
}
