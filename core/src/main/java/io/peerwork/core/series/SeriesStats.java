package io.peerwork.core.series;

import io.peerwork.core.GoalStatus;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Figures derived from a {@link SeriesState}, read-only: a person's months (how regular they are:
 * sessions attended, routines done on time, goals done, partly done or carried over, helps received
 * and given) and the series' figures per date (attendance, no-shows, goals done), for charts, a
 * printable done-log and CSV exports. Nothing here changes the series; every figure is computed
 * from what its events recorded.
 *
 * <p>Definitions used throughout:
 *
 * <ul>
 *   <li>A person <em>attended</em> a date if they held a seat there and were checked in or had
 *       outcomes recorded for it (the session's recap), and were not recorded as a no-show.
 *   <li>A routine is <em>due</em> at a date it has history for if, by its cadence, it was due
 *       judging by the history before that date ({@link Routine#isDueOn}); it was done <em>on
 *       time</em> if it was also done ({@link GoalStatus#DONE}) there. Only routines the person has
 *       now count: a dropped routine's history is not kept by the series.
 *   <li>A goal is <em>carried over</em> if it ended {@link GoalStatus#OPEN} or {@link
 *       GoalStatus#CARRIED_OVER} (not started, or moved on to the next session).
 * </ul>
 */
public final class SeriesStats {
  private SeriesStats() {}

  /**
   * One goal a person got done.
   *
   * @param date the date's key
   * @param text the goal's text
   * @param taskId the catalogue task it came from, if any
   */
  public record DoneGoal(LocalDate date, String text, Optional<String> taskId) {
    /** Checks for nulls. */
    public DoneGoal {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(taskId, "taskId");
    }
  }

  /**
   * One month of one person in a series.
   *
   * @param month the calendar month (of the dates' keys)
   * @param sessions the dates that had started by then at which they held a seat (cancelled dates
   *     do not count)
   * @param attended of those, the ones they attended
   * @param routinesDue how often one of their routines was due at a date they have outcomes for
   * @param routinesOnTime of those, how often it was done there
   * @param goalsDone goals done
   * @param goalsPartly goals partly done
   * @param goalsCarriedOver goals not done and carried over
   * @param helpsReceived helps received, from an expert or a peer
   * @param helpsGiven helps given as a peer
   * @param done the goals done, oldest first (the done-log)
   * @param routinesKept the task ids of the routines done at least once that month, in the order
   *     the routines were chosen
   */
  public record MemberMonth(YearMonth month, int sessions, int attended, int routinesDue, int routinesOnTime,
      int goalsDone, int goalsPartly, int goalsCarriedOver, int helpsReceived, int helpsGiven, List<DoneGoal> done,
      List<String> routinesKept) {
    /** Checks for nulls and copies the lists. */
    public MemberMonth {
      Objects.requireNonNull(month, "month");
      done = List.copyOf(Objects.requireNonNull(done, "done"));
      routinesKept = List.copyOf(Objects.requireNonNull(routinesKept, "routinesKept"));
    }
  }

  /**
   * The series' figures at one date.
   *
   * @param date the date's key
   * @param cancelled why it was cancelled, if it was
   * @param seated how many held a seat
   * @param attended of those, how many attended
   * @param noShows of those, how many were recorded as not coming
   * @param waitlisted how many were still waiting for a seat
   * @param goalsSet how many goals the participants' recorded outcomes have
   * @param goalsDone of those, how many were done
   */
  public record DateFigures(LocalDate date, Optional<String> cancelled, int seated, int attended, int noShows,
      int waitlisted, int goalsSet, int goalsDone) {
    /** Checks for nulls. */
    public DateFigures {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(cancelled, "cancelled");
    }
  }

  /**
   * The months of {@code email} in the series, oldest first: every month from the first to the last
   * in which they held a seat at a date that had started by {@code today} (by its key), or had
   * outcomes or helps recorded; months between without any are there with zeros, so a chart shows
   * the gaps. Empty if there is nothing yet.
   */
  public static List<MemberMonth> months(SeriesState state, String email, LocalDate today) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(today, "today");
    String e = SeriesState.normalize(email);
    TreeSet<LocalDate> keys = new TreeSet<>();
    keys.addAll(seatedDates(state, e, today));
    state.helps(e).keySet().stream().filter(k -> !k.isAfter(today)).forEach(keys::add);
    List<Routine> routines = state.routines(e);
    for (Routine r : routines) {
      r.history().stream().map(Routine.Entry::date).filter(k -> !k.isAfter(today)).forEach(keys::add);
    }
    // Outcomes are in every routine's history, but a person may have none: look at the dates too.
    keys.addAll(recordedDates(state, e, today));
    if (keys.isEmpty()) {
      return List.of();
    }
    var byMonth = new TreeMap<YearMonth, Builder>();
    YearMonth first = YearMonth.from(keys.first());
    YearMonth last = YearMonth.from(keys.last());
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      byMonth.put(m, new Builder());
    }
    for (LocalDate key : seatedDates(state, e, today)) {
      Builder b = byMonth.get(YearMonth.from(key));
      b.sessions++;
      if (attended(state, state.registration(key, e).orElseThrow(), key)) {
        b.attended++;
      }
    }
    for (LocalDate key : keys) {
      Builder b = byMonth.get(YearMonth.from(key));
      for (GoalOutcome o : state.outcomes(e, key).orElse(List.of())) {
        switch (o.status()) {
          case DONE -> {
            b.goalsDone++;
            b.done.add(new DoneGoal(key, o.text(), o.taskId()));
          }
          case PARTLY_DONE -> b.goalsPartly++;
          case OPEN, CARRIED_OVER -> b.goalsCarriedOver++;
        }
      }
      HelpTally h = state.helps(e).get(key);
      if (h != null) {
        b.helpsReceived += h.received();
        b.helpsGiven += h.givenAsPeer();
      }
    }
    for (Routine r : routines) {
      var before = new ArrayList<Routine.Entry>();
      for (Routine.Entry entry : r.history()) {
        if (!entry.date().isAfter(today)) {
          Builder b = byMonth.get(YearMonth.from(entry.date()));
          boolean due = new Routine(r.taskId(), r.cadence(), before).isDueOn(entry.date());
          boolean done = entry.status().filter(s -> s == GoalStatus.DONE).isPresent();
          if (due) {
            b.routinesDue++;
            if (done) {
              b.routinesOnTime++;
            }
          }
          if (done) {
            b.kept.add(r.taskId());
          }
        }
        before.add(entry);
      }
    }
    var out = new ArrayList<MemberMonth>();
    byMonth.forEach((m, b) -> out.add(new MemberMonth(m, b.sessions, b.attended, b.routinesDue, b.routinesOnTime,
        b.goalsDone, b.goalsPartly, b.goalsCarriedOver, b.helpsReceived, b.helpsGiven, b.done,
        routines.stream().map(Routine::taskId).filter(b.kept::contains).toList())));
    return List.copyOf(out);
  }

  /**
   * The series' figures for each of its dates whose key lies on or after {@code from} and on or
   * before {@code today}, oldest first, beginning with the first such date anybody registered for.
   */
  public static List<DateFigures> dates(SeriesState state, LocalDate from, LocalDate today) {
    Objects.requireNonNull(state, "state");
    var out = new ArrayList<DateFigures>();
    for (SeriesDate d : state.dates(from, today.plusDays(1))) {
      LocalDate key = d.key();
      List<Seat> all = state.registrations(key);
      if (out.isEmpty() && all.isEmpty()) {
        continue;
      }
      List<Seat> seated = state.seated(key);
      int attended = (int) seated.stream().filter(seat -> attended(state, seat, key)).count();
      int noShows = (int) seated.stream().filter(Seat::noShow).count();
      int set = 0;
      int done = 0;
      Set<String> people = new LinkedHashSet<>();
      all.forEach(seat -> people.add(seat.email()));
      for (String person : people) {
        for (GoalOutcome o : state.outcomes(person, key).orElse(List.of())) {
          set++;
          if (o.status() == GoalStatus.DONE) {
            done++;
          }
        }
      }
      out.add(new DateFigures(key, d.cancelled(), seated.size(), attended, noShows, state.waitlist(key).size(), set,
          done));
    }
    return List.copyOf(out);
  }

  private static boolean attended(SeriesState state, Seat seat, LocalDate key) {
    return !seat.noShow() && (seat.checkedIn() || state.outcomes(seat.email(), key).isPresent());
  }

  /** The non-cancelled dates up to {@code today} at which {@code email} holds a seat. */
  private static List<LocalDate> seatedDates(SeriesState state, String email, LocalDate today) {
    var out = new ArrayList<LocalDate>();
    for (LocalDate key : state.datesOf(email)) {
      boolean seated = state.registration(key, email).filter(s -> s.status() == Seat.Status.SEATED).isPresent();
      boolean held = state.date(key).filter(d -> !d.isCancelled()).isPresent();
      if (seated && held && !key.isAfter(today)) {
        out.add(key);
      }
    }
    return out;
  }

  /** The dates up to {@code today} that {@code email} registered for (whatever became of it) and has outcomes at. */
  private static List<LocalDate> recordedDates(SeriesState state, String email, LocalDate today) {
    var out = new ArrayList<LocalDate>();
    for (SeriesDate d : state.dates(LocalDate.of(2000, 1, 1), today.plusDays(1))) {
      if (!state.registrations(d.key()).isEmpty() && state.outcomes(email, d.key()).isPresent()) {
        out.add(d.key());
      }
    }
    return out;
  }

  private static final class Builder {
    int sessions;
    int attended;
    int routinesDue;
    int routinesOnTime;
    int goalsDone;
    int goalsPartly;
    int goalsCarriedOver;
    int helpsReceived;
    int helpsGiven;
    final List<DoneGoal> done = new ArrayList<>();
    final Set<String> kept = new LinkedHashSet<>();
  }
}
