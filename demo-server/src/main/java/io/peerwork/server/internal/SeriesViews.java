package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.Routine;
import io.peerwork.core.series.Seat;
import io.peerwork.core.series.SeriesDate;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON the series API answers (see docs/api.md, "Series"), built from the immutable {@link
 * SeriesState}: the series with its dates, a date, a seat, a person's own view (with its buddy
 * section), and the answer to a registration with its personal link. The wall's JSON is built by
 * {@link WallViews}, the figures (JSON and CSV) by {@link StatsViews}.
 */
final class SeriesViews {
  /** How many months back and ahead lists and feeds show dates. */
  static final int MONTHS_BACK = 3;
  static final int MONTHS_AHEAD = 13;

  private final ObjectMapper json;
  private final SeriesCalls calls;
  private final SeriesTokens tokens;
  private final PublicUrl publicUrl;

  SeriesViews(ObjectMapper json, SeriesCalls calls, SeriesTokens tokens, PublicUrl publicUrl) {
    this.json = json;
    this.calls = calls;
    this.tokens = tokens;
    this.publicUrl = publicUrl;
  }

  /** The series: its plan, its format's tasks, and its dates from {@link #MONTHS_BACK} to {@link #MONTHS_AHEAD}. */
  ObjectNode info(SeriesState s) {
    SeriesPlan p = s.plan().orElseThrow();
    TopicFormat f = calls.format(s);
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    n.put("title", p.title());
    n.put("formatId", p.formatId());
    n.set("formatName", json.valueToTree(f.name().byLanguage()));
    n.put("zone", p.zone().getId());
    n.put("capacity", p.capacity());
    n.put("retentionMonths", p.retentionMonths());
    n.set("experts", json.valueToTree(p.experts()));
    ObjectNode place = n.putObject("place");
    p.place().address().ifPresent(a -> place.put("address", a));
    p.place().onlineLink().ifPresent(a -> place.put("onlineLink", a));
    n.set("recurrence", json.valueToTree(p.recurrence()));
    tasks(json, n.putArray("tasks"), f);
    ArrayNode dates = n.putArray("dates");
    LocalDate today = calls.today(s);
    for (SeriesDate d : s.dates(today.minusMonths(MONTHS_BACK), today.plusMonths(MONTHS_AHEAD))) {
      dates.add(dateView(s, d));
    }
    return n;
  }

  ObjectNode dateView(SeriesState s, SeriesDate d) {
    ObjectNode n = json.createObjectNode();
    n.put("date", d.key().toString());
    n.put("start", d.start().toOffsetDateTime().toString());
    n.put("end", d.end().toOffsetDateTime().toString());
    n.put("moved", d.moved());
    d.cancelled().ifPresentOrElse(r -> n.put("cancelled", r), () -> n.putNull("cancelled"));
    n.put("revision", d.revision());
    n.put("past", !calls.now().isBefore(d.start().toInstant()));
    n.put("sessionId", s.sessionId(d.key()).value());
    n.put("capacity", s.plan().orElseThrow().capacity());
    n.put("seated", s.seated(d.key()).size());
    n.put("waitlisted", s.waitlist(d.key()).size());
    return n;
  }

  /** The host's view of a date: the date with who is seated, waiting, cancelled, and a check-in list by name. */
  ObjectNode hostDate(SeriesState s, SeriesDate d) {
    LocalDate key = d.key();
    ObjectNode n = dateView(s, d);
    ArrayNode seated = n.putArray("seated");
    s.seated(key).forEach(seat -> seated.add(seatView(seat)));
    ArrayNode waitlist = n.putArray("waitlist");
    s.waitlist(key).forEach(seat -> waitlist.add(seatView(seat)));
    ArrayNode cancelled = n.putArray("cancelled");
    s.registrations(key).stream().filter(seat -> seat.status() == Seat.Status.CANCELLED)
        .forEach(seat -> cancelled.add(seatView(seat)));
    ArrayNode checkIn = n.putArray("checkIn");
    s.seated(key).stream().sorted(Comparator.comparing(seat -> seat.name().toLowerCase(Locale.ROOT)))
        .forEach(seat -> checkIn.add(seatView(seat)));
    return n;
  }

  /** {@code {noShows: [seat...]}} of the date. */
  ObjectNode noShows(SeriesState s, LocalDate key) {
    ArrayNode a = json.createArrayNode();
    s.seated(key).stream().filter(Seat::noShow).forEach(seat -> a.add(seatView(seat)));
    ObjectNode n = json.createObjectNode();
    n.set("noShows", a);
    return n;
  }

  ObjectNode seatView(Seat seat) {
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

  ObjectNode seatOf(SeriesState s, LocalDate key, String email) {
    return seatView(s.registration(key, email).orElseThrow());
  }

  /** A registration's answer: its status (and waitlist place) and the person's personal token and link. */
  ObjectNode registered(SeriesId id, SeriesState s, LocalDate key, String email) {
    Optional<Seat> seat = s.registration(key, email);
    String token = tokens.issueSeries(s, email);
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
  ObjectNode me(SeriesState s, String email) {
    String e = SeriesState.normalize(email);
    TopicFormat f = calls.format(s);
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    n.put("title", s.plan().orElseThrow().title());
    n.put("email", e);
    n.put("calendarLink", publicUrl.of("/api/series/" + s.id().value() + "/me/calendar.ics?token="
        + tokens.issueSeriesCalendar(s, e)));
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
      io.peerwork.core.series.HelpTally helps = s.helps(e).get(key);
      if (helps != null) {
        d.put("helpsReceived", helps.received());
        d.put("peerHelpsGiven", helps.givenAsPeer());
      }
      dates.add(d);
    }
    n.put("helpsReceived", s.helps(e).values().stream().mapToInt(io.peerwork.core.series.HelpTally::received).sum());
    n.put("peerHelpsGiven", s.helps(e).values().stream().mapToInt(io.peerwork.core.series.HelpTally::givenAsPeer).sum());
    Optional<LocalDate> next = s.datesOf(e).stream()
        .filter(k -> s.date(k).map(d -> !d.isCancelled() && d.end().toInstant().isAfter(calls.now())).orElse(false))
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
    buddyDate(s, e).ifPresent(key -> n.set("buddy", buddy(s, key, e)));
    tasks(json, n.putArray("tasks"), f);
    return n;
  }

  /**
   * The date whose buddy month the person's page shows: the first date they are seated at (not
   * cancelled) whose month has not ended, i.e. the series' next date after it has not started yet.
   */
  Optional<LocalDate> buddyDate(SeriesState s, String email) {
    for (LocalDate key : s.datesOf(email)) {
      boolean seated = s.registration(key, email).filter(x -> x.status() == Seat.Status.SEATED).isPresent();
      Optional<SeriesDate> d = s.date(key);
      if (!seated || d.isEmpty() || d.get().isCancelled()) {
        continue;
      }
      Optional<SeriesDate> next = s.nextDateAfter(key);
      if (next.isEmpty() || next.get().start().toInstant().isAfter(calls.now())) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /**
   * The buddy section of a date: whether the person looks, who else looks (first names and an id to
   * pair with, never an address), their buddy (first name) with the buddy's latest check-in, and
   * their own.
   */
  ObjectNode buddy(SeriesState s, LocalDate key, String email) {
    ObjectNode b = json.createObjectNode();
    b.put("date", key.toString());
    b.put("looking", s.isLookingForBuddy(key, email));
    s.buddyMidMonth(key).ifPresent(mid -> b.put("midMonth", mid.toString()));
    s.nextDateAfter(key).ifPresent(next -> b.put("until", next.start().toOffsetDateTime().toString()));
    ArrayNode others = b.putArray("others");
    Optional<String> mine = s.buddy(key, email);
    if (mine.isEmpty()) {
      for (String other : s.lookingForBuddy(key)) {
        if (!other.equals(email)) {
          ObjectNode o = others.addObject();
          o.put("id", tokens.seriesParticipant(s.id(), other).value());
          o.put("name", s.registration(key, other).map(x -> SeriesMails.firstName(x.name())).orElse(""));
        }
      }
    }
    mine.ifPresentOrElse(buddy -> {
      ObjectNode bn = b.putObject("buddy");
      bn.put("name", s.registration(key, buddy).map(x -> SeriesMails.firstName(x.name())).orElse(""));
      s.buddyCheck(key, buddy).ifPresentOrElse(c -> bn.set("check", check(c)), () -> bn.putNull("check"));
    }, () -> b.putNull("buddy"));
    s.buddyCheck(key, email).ifPresentOrElse(c -> b.set("myCheck", check(c)), () -> b.putNull("myCheck"));
    return b;
  }

  private ObjectNode check(io.peerwork.core.series.BuddyCheck c) {
    ObjectNode n = json.createObjectNode();
    n.put("how", c.how().name());
    n.put("at", c.at().toString());
    return n;
  }

  /** The format's catalogue of recurring tasks, added to {@code tasks}. */
  static void tasks(ObjectMapper json, ArrayNode tasks, TopicFormat f) {
    for (RecurringTask t : f.tasks()) {
      ObjectNode tn = tasks.addObject();
      tn.put("id", t.id());
      tn.set("title", json.valueToTree(t.title().byLanguage()));
      tn.put("cadence", t.cadence().name());
    }
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
}
