package io.peerwork.core.series;

import io.peerwork.core.Agenda;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.series.SeriesEvent.*;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of one series: its dates with moves and cancellations, the seats and waitlist of each
 * date, and each participant's routines and outcomes. An immutable value, rebuilt exactly by
 * replaying the series' events.
 */
public final class SeriesState {
  private static final DateTimeFormatter KEY = DateTimeFormatter.BASIC_ISO_DATE;

  private final SeriesId id;
  private final SeriesPlan plan;
  private final long version;
  private final Instant lastEventAt;
  private final Map<LocalDate, LocalDateTime> moved;
  private final Map<LocalDate, String> cancelled;
  private final Map<LocalDate, Integer> revisions;
  private final Map<LocalDate, List<Seat>> seats;
  private final Map<String, Map<String, Cadence>> routines;
  private final Map<String, NavigableMap<LocalDate, List<GoalOutcome>>> outcomes;
  /** Per mailbox ({@link Mailboxes#mailbox}): how often its links were revoked, and when last. */
  private final Map<String, Revocations> revocations;

  private record Revocations(int count, Instant latest) {}

  private SeriesState(SeriesId id, SeriesPlan plan, long version, Instant lastEventAt,
      Map<LocalDate, LocalDateTime> moved, Map<LocalDate, String> cancelled, Map<LocalDate, Integer> revisions,
      Map<LocalDate, List<Seat>> seats,
      Map<String, Map<String, Cadence>> routines, Map<String, NavigableMap<LocalDate, List<GoalOutcome>>> outcomes,
      Map<String, Revocations> revocations) {
    this.id = id;
    this.plan = plan;
    this.version = version;
    this.lastEventAt = lastEventAt;
    this.moved = moved;
    this.cancelled = cancelled;
    this.revisions = revisions;
    this.seats = seats;
    this.routines = routines;
    this.outcomes = outcomes;
    this.revocations = revocations;
  }

  /** A series with no events yet. */
  public static SeriesState initial(SeriesId id) {
    return new SeriesState(Objects.requireNonNull(id, "id"), null, 0, null, Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), Map.of(), Map.of());
  }

  /** The series' id. */
  public SeriesId id() {
    return id;
  }

  /** The plan, once created. */
  public Optional<SeriesPlan> plan() {
    return Optional.ofNullable(plan);
  }

  /** The number of events applied. */
  public long version() {
    return version;
  }

  /** When the latest event took effect. */
  public Optional<Instant> lastEventAt() {
    return Optional.ofNullable(lastEventAt);
  }

  /** The date with key {@code key}, if the recurrence has one that day. */
  public Optional<SeriesDate> date(LocalDate key) {
    if (plan == null) {
      return Optional.empty();
    }
    List<LocalDateTime> starts = plan.recurrence().startsBetween(key, key.plusDays(1));
    if (starts.isEmpty()) {
      return Optional.empty();
    }
    LocalDateTime local = moved.getOrDefault(key, starts.get(0));
    ZonedDateTime start = ZonedDateTime.of(local, plan.zone());
    return Optional.of(new SeriesDate(key, start, start.plus(plan.recurrence().length()), moved.containsKey(key),
        Optional.ofNullable(cancelled.get(key)), revisions.getOrDefault(key, 0)));
  }

  /** The dates whose keys fall on or after {@code from} and before {@code until}, in key order. */
  public List<SeriesDate> dates(LocalDate from, LocalDate until) {
    if (plan == null) {
      return List.of();
    }
    var out = new ArrayList<SeriesDate>();
    for (LocalDateTime s : plan.recurrence().startsBetween(from, until)) {
      out.add(date(s.toLocalDate()).orElseThrow());
    }
    return out;
  }

  /** The session id of a date: the series id, a dash, and the key as {@code yyyyMMdd}. */
  public SessionId sessionId(LocalDate key) {
    return SessionId.of(id.value() + "-" + KEY.format(key));
  }

  /**
   * The plan of the session held on a date, with the format's agenda and default queue policy.
   *
   * @throws IllegalArgumentException if there is no such date
   */
  public SessionPlan sessionPlan(LocalDate key, TopicFormat format) {
    SeriesDate d = date(key).orElseThrow(() -> new IllegalArgumentException("no date " + key + " in " + id));
    Agenda agenda = format.agenda();
    return new SessionPlan(sessionId(key), plan.formatId(), plan.title(), d.start().toInstant(), plan.zone(),
        plan.capacity(), agenda, format.defaultQueuePolicy());
  }

  /** Every registration for a date, in the order people registered. */
  public List<Seat> registrations(LocalDate key) {
    return seats.getOrDefault(key, List.of());
  }

  /** The people seated on a date, in the order they registered. */
  public List<Seat> seated(LocalDate key) {
    return registrations(key).stream().filter(s -> s.status() == Seat.Status.SEATED).toList();
  }

  /** The waitlist of a date, first to be promoted first. */
  public List<Seat> waitlist(LocalDate key) {
    return registrations(key).stream().filter(s -> s.status() == Seat.Status.WAITLISTED).toList();
  }

  /** The active (seated or waitlisted) registration of {@code email} for a date. */
  public Optional<Seat> registration(LocalDate key, String email) {
    String e = normalize(email);
    return registrations(key).stream()
        .filter(s -> s.email().equals(e) && s.status() != Seat.Status.CANCELLED)
        .findFirst();
  }

  /** The dates {@code email} is registered for (seated or waitlisted), in order. */
  public List<LocalDate> datesOf(String email) {
    var out = new ArrayList<LocalDate>();
    for (LocalDate key : seats.keySet()) {
      if (registration(key, email).isPresent()) {
        out.add(key);
      }
    }
    return out;
  }

  /** The routines of {@code email}, in the order chosen, with their history up to today. */
  public List<Routine> routines(String email) {
    String e = normalize(email);
    Map<String, Cadence> chosen = routines.getOrDefault(e, Map.of());
    NavigableMap<LocalDate, List<GoalOutcome>> mine = outcomes.getOrDefault(e, Collections.emptyNavigableMap());
    var out = new ArrayList<Routine>();
    chosen.forEach((task, cadence) -> {
      var history = new ArrayList<Routine.Entry>();
      mine.forEach((date, list) -> history.add(new Routine.Entry(date, best(list, task))));
      out.add(new Routine(task, cadence, history));
    });
    return out;
  }

  /** The outcomes {@code email} recorded at a date, if any. */
  public Optional<List<GoalOutcome>> outcomes(String email, LocalDate key) {
    return Optional.ofNullable(outcomes.getOrDefault(normalize(email), Collections.emptyNavigableMap()).get(key));
  }

  /** Whether {@code email} ever registered for a date of this series (whatever became of it). */
  public boolean knows(String email) {
    String e = normalize(email);
    return seats.values().stream().anyMatch(list -> list.stream().anyMatch(seat -> seat.email().equals(e)));
  }

  /**
   * How often the personal links of the mailbox of {@code email} ({@link Mailboxes#mailbox}: {@code
   * +tags} and Gmail's dots do not count) were revoked: a link made when this was {@code n} works
   * while it is still {@code n}. Counting rather than comparing instants keeps a link made in the same
   * millisecond as a revocation, after it, working.
   */
  public int linkRevocations(String email) {
    Revocations r = revocations.get(Mailboxes.mailbox(normalize(email)));
    return r == null ? 0 : r.count();
  }

  /** When the personal links of the mailbox of {@code email} were last revoked, if ever. */
  public Optional<Instant> linksRevokedAt(String email) {
    return Optional.ofNullable(revocations.get(Mailboxes.mailbox(normalize(email)))).map(Revocations::latest);
  }

  /**
   * What the goal round of the date {@code key} offers {@code email}: first what stayed unfinished
   * at their last session before it, then every routine that is due and not offered already.
   */
  public List<OfferedGoal> offeredGoals(String email, LocalDate key) {
    String e = normalize(email);
    var out = new ArrayList<OfferedGoal>();
    Set<String> tasksOffered = new HashSet<>();
    var earlier = outcomes.getOrDefault(e, Collections.emptyNavigableMap()).lowerEntry(key);
    if (earlier != null) {
      for (GoalOutcome o : earlier.getValue()) {
        if (o.isUnfinished()) {
          out.add(new OfferedGoal(OfferedGoal.Reason.CARRIED_OVER, o.taskId(), Optional.of(o.text())));
          o.taskId().ifPresent(tasksOffered::add);
        }
      }
    }
    for (Routine r : routines(e)) {
      var before = new Routine(r.taskId(), r.cadence(),
          r.history().stream().filter(h -> h.date().isBefore(key)).toList());
      if (!tasksOffered.contains(r.taskId()) && before.isDueOn(key)) {
        out.add(new OfferedGoal(OfferedGoal.Reason.ROUTINE_DUE, Optional.of(r.taskId()), Optional.empty()));
      }
    }
    return out;
  }

  private static Optional<GoalStatus> best(List<GoalOutcome> list, String task) {
    Optional<GoalStatus> best = Optional.empty();
    for (GoalOutcome o : list) {
      if (o.taskId().equals(Optional.of(task))) {
        GoalStatus s = o.status();
        if (best.isEmpty() || rank(s) > rank(best.get())) {
          best = Optional.of(s);
        }
      }
    }
    return best;
  }

  private static int rank(GoalStatus s) {
    return switch (s) {
      case DONE -> 3;
      case PARTLY_DONE -> 2;
      case CARRIED_OVER -> 1;
      case OPEN -> 0;
    };
  }

  /** E-mail addresses are compared stripped and in lower case. */
  public static String normalize(String email) {
    return email.strip().toLowerCase(java.util.Locale.ROOT);
  }

  SeriesState apply(SeriesEvent event) {
    SeriesPlan p = plan;
    var mv = moved;
    var cc = cancelled;
    var rv = revisions;
    var st = seats;
    var rt = routines;
    var oc = outcomes;
    var rk = revocations;
    if (event instanceof SeriesCreated e) {
      p = e.plan();
    } else if (event instanceof DateMoved e) {
      mv = copy(moved);
      mv.put(e.date(), e.newStart());
      rv = copy(revisions);
      rv.merge(e.date(), 1, Integer::sum);
    } else if (event instanceof DateCancelled e) {
      cc = copy(cancelled);
      cc.put(e.date(), e.reason());
      rv = copy(revisions);
      rv.merge(e.date(), 1, Integer::sum);
    } else if (event instanceof Registered e) {
      st = withSeats(e.date(), list -> list.add(new Seat(e.email(), e.name(), e.language(),
          e.waitlisted() ? Seat.Status.WAITLISTED : Seat.Status.SEATED, e.at(), false, false, e.priceCents(), false)));
    } else if (event instanceof RegistrationCancelled e) {
      st = withSeats(e.date(), list -> replace(list, e.email(), s -> s.with(Seat.Status.CANCELLED)));
    } else if (event instanceof PromotedFromWaitlist e) {
      st = withSeats(e.date(), list -> replace(list, e.email(), s -> s.with(Seat.Status.SEATED)));
    } else if (event instanceof CheckedIn e) {
      st = withSeats(e.date(), list -> replace(list, e.email(), Seat::arrived));
    } else if (event instanceof NoShowRecorded e) {
      st = withSeats(e.date(), list -> replace(list, e.email(), Seat::missing));
    } else if (event instanceof PaymentMarked e) {
      st = withSeats(e.date(), list -> replace(list, e.email(), s -> s.withPaid(e.paid())));
    } else if (event instanceof RoutineChosen e) {
      rt = copy(routines);
      var mine = new LinkedHashMap<>(rt.getOrDefault(e.email(), Map.of()));
      mine.put(e.taskId(), e.cadence());
      rt.put(e.email(), Collections.unmodifiableMap(mine));
    } else if (event instanceof RoutineDropped e) {
      rt = copy(routines);
      var mine = new LinkedHashMap<>(rt.getOrDefault(e.email(), Map.of()));
      mine.remove(e.taskId());
      rt.put(e.email(), Collections.unmodifiableMap(mine));
    } else if (event instanceof OutcomesRecorded e) {
      oc = copy(outcomes);
      var mine = new TreeMap<>(oc.getOrDefault(e.email(), Collections.emptyNavigableMap()));
      mine.put(e.date(), e.outcomes());
      oc.put(e.email(), Collections.unmodifiableNavigableMap(mine));
    } else if (event instanceof PersonalLinksRevoked e) {
      rk = copy(revocations);
      String mailbox = Mailboxes.mailbox(normalize(e.email()));
      rk.merge(mailbox, new Revocations(1, e.at()), (old, one) -> new Revocations(old.count() + 1, e.at()));
    }
    return new SeriesState(id, p, version + 1, event.at(), mv, cc, rv, st, rt, oc, rk);
  }

  private Map<LocalDate, List<Seat>> withSeats(LocalDate date, java.util.function.Consumer<List<Seat>> change) {
    var all = new TreeMap<>(seats);
    var list = new ArrayList<>(all.getOrDefault(date, List.of()));
    change.accept(list);
    all.put(date, List.copyOf(list));
    return Collections.unmodifiableMap(all);
  }

  private static void replace(List<Seat> list, String email, java.util.function.UnaryOperator<Seat> f) {
    for (int i = 0; i < list.size(); i++) {
      Seat s = list.get(i);
      if (s.email().equals(email) && s.status() != Seat.Status.CANCELLED) {
        list.set(i, f.apply(s));
        return;
      }
    }
  }

  private static <K, V> Map<K, V> copy(Map<K, V> m) {
    return new LinkedHashMap<>(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesState s && version == s.version && id.equals(s.id) && Objects.equals(plan, s.plan)
        && Objects.equals(lastEventAt, s.lastEventAt) && moved.equals(s.moved) && cancelled.equals(s.cancelled) && revisions.equals(s.revisions)
        && seats.equals(s.seats) && routines.equals(s.routines) && outcomes.equals(s.outcomes)
        && revocations.equals(s.revocations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, seats, routines);
  }

  @Override
  public String toString() {
    return "SeriesState[" + id + " v" + version + "]";
  }
}
