package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Erasure;
import io.peerwork.core.EventJournal;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.Mailboxes;
import io.peerwork.core.series.RecordedSeriesEvent;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import io.peerwork.core.series.SeriesState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A person's own data in a series, under their control (GDPR articles 15, 17 and 20): {@code GET
 * /api/series/<id>/me/data} hands them everything this server stores about them in the series and
 * its sessions, as JSON; {@code POST /api/series/<id>/me/erase} erases it (see docs/api.md, "Your
 * data", and docs/architecture.md, "Erasure"). The host (or the organiser) does both for a person who
 * asks them instead, naming them by address: {@code GET /api/series/<id>/people/data?email=} and
 * {@code POST /api/series/<id>/people/erase}.
 *
 * <p>Erasure, in this order, each step safe to repeat if a later one fails: each session of their
 * dates erases them from its journal and loads itself again ({@link RoomRequest.Erase}); their
 * future registrations are cancelled (so the waitlist moves up) and their links signed out; the
 * series' journal replaces their address with a pseudonym and their name and texts with {@link
 * Erasure#ERASED}; mails to them still queued or kept are forgotten.
 */
final class SeriesPersonalData {
  private static final Logger LOG = Logger.getLogger(SeriesPersonalData.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private final Vertx vertx;
  private final HttpApi http;
  private final ObjectMapper json;
  private final ApiAuth auth;
  private final SeriesCalls calls;
  private final SeriesViews views;
  private final SeriesTokens tokens;
  private final RoomRegistry rooms;
  private final EventJournal sessions;
  private final SeriesJournal seriesJournal;
  private final SeriesRegistryAccess series;
  private final MailForgetting forget;
  private final SeriesMails mails;
  private final Clock clock;

  /** Forgets the mails to one address (those queued and those kept after sending); none if mails go to the log. */
  @FunctionalInterface
  interface MailForgetting {
    /** @return how many mails were forgotten */
    int forget(String email);
  }

  /** Rewrites a series' events on its owner ({@link SeriesRegistry#rewrite}). */
  @FunctionalInterface
  interface SeriesRegistryAccess {
    Future<Integer> rewrite(SeriesId id,
        java.util.function.UnaryOperator<List<io.peerwork.core.series.SeriesEvent>> change);
  }

  SeriesPersonalData(Vertx vertx, HttpApi http, ObjectMapper json, ApiAuth auth, SeriesCalls calls, SeriesViews views,
      SeriesTokens tokens, RoomRegistry rooms, EventJournal sessions, SeriesJournal seriesJournal,
      SeriesRegistryAccess series, MailForgetting forget, SeriesMails mails, Clock clock) {
    this.vertx = vertx;
    this.http = http;
    this.json = json;
    this.auth = auth;
    this.calls = calls;
    this.views = views;
    this.tokens = tokens;
    this.rooms = rooms;
    this.sessions = sessions;
    this.seriesJournal = seriesJournal;
    this.series = series;
    this.forget = forget;
    this.mails = mails;
    this.clock = clock;
  }

  /** Whose data, and in which sessions: read on the series' owner. */
  private record Person(String email, ParticipantId participant, SeriesState state, List<LocalDate> dates) {}

  private Future<Person> person(SeriesId id, SeriesTokens.Personal me) {
    return person(id, me::holder);
  }

  /**
   * The person the host names by {@code address}: the spelling the series has, or else the one
   * spelling of the same mailbox it has ({@link Mailboxes#mailbox}: {@code +tags} and Gmail's dots
   * aside). Fails with {@code INVALID_REQUEST} (400) for no address, and with {@code NOT_REGISTERED}
   * (404) if the series has no such person (any more: an erased person's pseudonym is nobody), or
   * several spellings of that mailbox, none of them this one (the message says how many).
   */
  private Future<Person> named(SeriesId id, String address) {
    if (address.isBlank()) {
      return Future.failedFuture(new ApiError(ApiError.Code.INVALID_REQUEST, "name the person by their address: email"));
    }
    return person(id, s -> {
      String e = SeriesState.normalize(address);
      if (e.endsWith(ERASED_DOMAIN)) {
        throw notRegistered("this is the pseudonym of an erased person");
      }
      if (s.knows(e)) {
        return e;
      }
      String mailbox = Mailboxes.mailbox(e);
      List<String> spellings = s.registeredDates().stream().flatMap(d -> s.registrations(d).stream())
          .map(io.peerwork.core.series.Seat::email).filter(x -> Mailboxes.mailbox(x).equals(mailbox))
          .distinct().toList();
      if (spellings.size() == 1) {
        return spellings.get(0);
      }
      throw notRegistered(spellings.isEmpty() ? "nobody with this address is registered for a date of this series"
          : spellings.size() + " spellings of this mailbox are registered; name the one the person used");
    });
  }

  /** The domain of an erased person's pseudonym ({@link Erasure#pseudonym}). */
  private static final String ERASED_DOMAIN = "@erased.invalid";

  private static ApiError notRegistered(String message) {
    return new ApiError(io.peerwork.core.RejectionCode.NOT_REGISTERED.name(), 404, message);
  }

  private Future<Person> person(SeriesId id, java.util.function.Function<SeriesState, String> who) {
    return calls.call(id, live -> {
      SeriesState s = SeriesCalls.existing(live.state());
      String email = who.apply(s);
      // Every date they ever registered for, also cancelled ones: they may have been in its lobby.
      String e = SeriesState.normalize(email);
      List<LocalDate> dates = s.registeredDates().stream()
          .filter(d -> s.registrations(d).stream().anyMatch(seat -> seat.email().equals(e))).toList();
      return new Person(email, tokens.seriesParticipant(id, email), s, dates);
    });
  }

  /** {@code GET /api/series/<id>/me/data}: everything stored about the person, as a JSON download. */
  void export(RoutingContext ctx) {
    SeriesId id = SeriesCalls.seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    download(ctx, id, person(id, me), false);
  }

  /**
   * {@code GET /api/series/<id>/people/data?email=<address>} with the host key (or the organizer
   * key): the same copy for a person who asked the organiser for it (by mail, say) rather than on
   * their page.
   */
  void exportFor(RoutingContext ctx) {
    SeriesId id = SeriesCalls.seriesId(ctx);
    auth.requireHost(ctx, id);
    String address = ctx.request().getParam("email", "");
    download(ctx, id, named(id, address), true);
  }

  /** @param forHost the host downloads it: the person's own working links are left out */
  private void download(RoutingContext ctx, SeriesId id, Future<Person> person, boolean forHost) {
    person.compose(p -> vertx.executeBlocking(() -> document(id, p), false)).onSuccess(doc -> {
      if (forHost && doc.get("overview") instanceof ObjectNode overview) {
        overview.remove("calendarLink"); // a working link of theirs, not data about them
      }
      ctx.response().putHeader("Content-Disposition", "attachment; filename=\"peerwork-" + id.value() + "-"
          + LocalDate.now(clock) + ".json\"");
      HttpApi.ok(ctx, 200, doc);
    }).onFailure(ctx::fail);
  }

  /** The export: the person, their overview as the page shows it, and every stored event about them. */
  private ObjectNode document(SeriesId id, Person p) {
    ObjectNode doc = json.createObjectNode();
    doc.put("kind", "peerwork-personal-data");
    doc.put("version", 1);
    doc.put("exportedAt", clock.instant().toString());
    doc.put("series", id.value());
    doc.put("email", p.email());
    doc.put("participantId", p.participant().value());
    com.fasterxml.jackson.databind.node.ObjectNode overview = views.me(p.state(), p.email());
    if (overview.get("buddy") instanceof ObjectNode buddy) {
      buddy.remove("others"); // the first names of other people looking: theirs, not this person's
    }
    doc.set("overview", overview);
    ArrayNode seriesEvents = doc.putArray("seriesEvents");
    String address = SeriesState.normalize(p.email());
    for (RecordedSeriesEvent r : seriesJournal.read(id, 0)) {
      JsonNode e = json.valueToTree(r.event());
      if (r.event() instanceof io.peerwork.core.series.SeriesEvent.BuddiesPaired pair && e instanceof ObjectNode o) {
        // The buddy's address is theirs, not this person's: named by the opaque id their page shows.
        boolean first = SeriesState.normalize(pair.a()).equals(address);
        o.put(first ? "b" : "a", tokens.seriesParticipant(id, first ? pair.b() : pair.a()).value());
      }
      if (mentions(e, Set.of(address))) {
        seriesEvents.addObject().put("version", r.version()).set("event", e);
      }
    }
    ArrayNode sessionsOut = doc.putArray("sessions");
    for (LocalDate date : p.dates()) {
      SessionId sid = p.state().sessionId(date);
      List<RecordedEvent> events = sessions.read(sid, 0);
      if (events.isEmpty()) {
        continue;
      }
      ObjectNode s = sessionsOut.addObject();
      s.put("sessionId", sid.value());
      s.put("date", date.toString());
      s.set("events", SessionPersonalData.theirEvents(json, events, p.participant()));
    }
    // What is not in the copy, and why: for the person, in both languages.
    ObjectNode notStored = doc.putObject("notStored");
    notStored.put("de", "Chatzeilen und Cheers im Raum stehen nur während der Session im Speicher des Raums;"
        + " sie werden nicht gespeichert. E-Mails bleiben, bis sie verschickt sind, dann noch 7 Tage.");
    notStored.put("en", "Chat lines and cheers in a room live only in the room's memory during a session; they"
        + " are not stored. Mails are kept until they are sent, then 7 days more.");
    return doc;
  }

  /** Whether any text value of {@code event} is one of {@code values} (addresses compared normalized). */
  static boolean mentions(JsonNode event, Set<String> values) {
    if (event.isTextual()) {
      return values.contains(event.asText()) || values.contains(SeriesState.normalize(event.asText()));
    }
    for (JsonNode child : event) {
      if (mentions(child, values)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code POST /api/series/<id>/me/erase} with {@code {"email": "<their address>"}} (typed again to
   * confirm): erases the person from the series and its sessions; answers what changed.
   */
  void erase(RoutingContext ctx) {
    SeriesId id = SeriesCalls.seriesId(ctx);
    SeriesTokens.Personal me = auth.personal(ctx, id);
    String typed = http.body(ctx).path("email").asText("");
    erase(ctx, id, person(id, me).compose(p -> {
      if (!SeriesState.normalize(typed).equals(SeriesState.normalize(p.email()))) {
        return Future.failedFuture(new ApiError(ApiError.Code.ERASURE_NOT_CONFIRMED,
            "type your own address to confirm that everything about you is to be erased"));
      }
      return Future.succeededFuture(p);
    }), "at their request");
  }

  /**
   * {@code POST /api/series/<id>/people/erase} with {@code {"email": "<the person's address>"}} and
   * the host key (or the organizer key): erases a person who asked the organiser (say, having lost
   * access to their mailbox) exactly as their own erasure does; answers what changed.
   */
  void eraseFor(RoutingContext ctx) {
    SeriesId id = SeriesCalls.seriesId(ctx);
    auth.requireHost(ctx, id);
    String address = http.body(ctx).path("email").asText("");
    erase(ctx, id, named(id, address), "by the host");
  }

  private void erase(RoutingContext ctx, SeriesId id, Future<Person> person, String how) {
    person.compose(p -> {
      // Each step may be asked again until the last: the series keeps the address until its rewrite.
      String email = p.email();
      ObjectNode answer = json.createObjectNode();
      answer.put("erased", true);
      return eraseSessions(p, 0, 0)
          .compose(n -> {
            answer.put("sessionEvents", n);
            return vertx.executeBlocking(() -> forget.forget(email), false);
          })
          .compose(n -> {
            answer.put("mails", n);
            return leave(id, p);
          })
          .compose(v -> {
            // The address is replaced with a pseudonym in the series' journal; the name and texts with the mark.
            String pseudonym = Erasure.pseudonym(randomPart());
            return series.rewrite(id, events -> Erasure.series(events, email, pseudonym));
          })
          .map(n -> answer.put("seriesEvents", n));
    }).onSuccess(answer -> {
      LOG.info(() -> "series " + id + ": a person's data was erased " + how + " (" + answer + ")");
      HttpApi.ok(ctx, 200, answer);
    }).onFailure(ctx::fail);
  }

  /** Erases the person from the session of each of their dates, one after another; the events changed. */
  private Future<Integer> eraseSessions(Person p, int index, int changed) {
    if (index >= p.dates().size()) {
      return Future.succeededFuture(changed);
    }
    SessionId sid = p.state().sessionId(p.dates().get(index));
    return SessionPersonalData.erase(rooms, sid, p.participant())
        .compose(n -> eraseSessions(p, index + 1, changed + n));
  }

  /**
   * The person leaves the series: their registrations for dates after today are cancelled (the
   * waitlist moves up), and their links are signed out.
   */
  private Future<Void> leave(SeriesId id, Person p) {
    return calls.call(id, live -> {
      String email = p.email();
      LocalDate today = calls.today(live.state());
      for (LocalDate date : live.state().registeredDates()) {
        // A buddy of the month is left (the other is free again); nobody looks for them any more.
        if (live.state().buddy(date, email).isPresent() || live.state().isLookingForBuddy(date, email)) {
          calls.handle(live, new SeriesCommand.LeaveBuddy(date, email));
        }
        if (date.isAfter(today) && live.state().registration(date, email).isPresent()) {
          var out = live.handle(new SeriesCommand.CancelRegistration(date, email), calls.now());
          if (out.decision() instanceof io.peerwork.core.series.SeriesDecision.Rejected r) {
            throw SeriesCalls.rejected(r);
          }
          SeriesState s = live.state();
          for (var recorded : out.recorded()) {
            if (recorded.event() instanceof io.peerwork.core.series.SeriesEvent.PromotedFromWaitlist promoted) {
              s.registration(date, promoted.email()).ifPresent(seat -> mails.send(mails.promoted(s, date, seat)));
            }
          }
        }
      }
      calls.handle(live, new SeriesCommand.RevokePersonalLinks(email));
      return null;
    }).mapEmpty();
  }

  private static String randomPart() {
    var sb = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }
}
