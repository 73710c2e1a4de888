package io.peerwork.core.series;

import io.peerwork.core.Agenda;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.TaskResource;
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
 * date, each participant's routines and outcomes, the resources set per task, and the wall of wins and tips. An immutable value, rebuilt exactly by
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
  /** Per task id: the resources set in this series ({@link TaskResourcesSet}), replacing the format's. */
  private final Map<String, List<TaskResource>> resources;
  /** Per e-mail: the helps received and given at each date that had any ({@link HelpsRecorded}). */
  private final Map<String, NavigableMap<LocalDate, HelpTally>> helps;
  /** The posts on the wall by id, in the order shared ({@link PostShared}); removed ones are gone. */
  private final Map<String, WallPost> posts;
  /** How many posts were ever shared (removed ones too): the next post's number is one more. */
  private final int postsShared;

  /** Per date: who looks for a buddy, the pairs, their latest check-ins and who got the mid-month mail. */
  private final Map<LocalDate, Buddies> buddies;

  private record Revocations(int count, Instant latest) {}

  /** The buddies of one date; every collection unmodifiable. */
  private record Buddies(List<String> looking, Map<String, String> pairs, Map<String, BuddyCheck> checks,
      Set<String> mailed) {
    static final Buddies NONE = new Buddies(List.of(), Map.of(), Map.of(), Set.of());

    Buddies without(String email) {
      var l = new ArrayList<>(looking);
      l.remove(email);
      var p = new LinkedHashMap<>(pairs);
      String other = p.remove(email);
      var c = new LinkedHashMap<>(checks);
      c.remove(email);
      var m = new java.util.LinkedHashSet<>(mailed);
      m.remove(email);
      if (other != null) {
        p.remove(other);
        c.remove(other);
        m.remove(other);
      }
      return new Buddies(List.copyOf(l), Collections.unmodifiableMap(p), Collections.unmodifiableMap(c),
          Collections.unmodifiableSet(m));
    }
  }

  private SeriesState(SeriesId id, SeriesPlan plan, long version, Instant lastEventAt,
      Map<LocalDate, LocalDateTime> moved, Map<LocalDate, String> cancelled, Map<LocalDate, Integer> revisions,
      Map<LocalDate, List<Seat>> seats,
      Map<String, Map<String, Cadence>> routines, Map<String, NavigableMap<LocalDate, List<GoalOutcome>>> outcomes,
      Map<String, Revocations> revocations, Map<String, List<TaskResource>> resources,
      Map<String, NavigableMap<LocalDate, HelpTally>> helps, Map<String, WallPost> posts, int postsShared,
      Map<LocalDate, Buddies> buddies) {
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
    this.resources = resources;
    this.helps = helps;
    this.posts = posts;
    this.postsShared = postsShared;
    this.buddies = buddies;
  }

  /** A series with no events yet. */
  public static SeriesState initial(SeriesId id) {
    return new SeriesState(Objects.requireNonNull(id, "id"), null, 0, null, Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0, Map.of());
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

  /** The dates anyone ever registered for (seated or waitlisted), in order: those that may have had a session. */
  public List<LocalDate> registeredDates() {
    return seats.keySet().stream().sorted().toList();
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

  /**
   * The helps {@code email} received and gave as a peer, per date that had any, oldest first (the
   * series' history of helps: a date not in it had none, or its outcomes are not recorded yet).
   */
  public NavigableMap<LocalDate, HelpTally> helps(String email) {
    return helps.getOrDefault(normalize(email), Collections.emptyNavigableMap());
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
   * The resources set for task {@code taskId} in this series, if they were ever set (an empty list:
   * set to none); empty if the format's defaults apply.
   */
  public Optional<List<TaskResource>> curatedResources(String taskId) {
    return Optional.ofNullable(resources.get(taskId));
  }

  /**
   * The resources of task {@code taskId} of {@code format} (the series' format) in this series: the
   * ones set here ({@link SeriesCommand.SetTaskResources}), else the format's defaults ({@link
   * TopicFormat#defaultResources}). They belong to the series, so every date has the same, and a
   * change holds for the dates after it.
   */
  public List<TaskResource> resources(String taskId, TopicFormat format) {
    List<TaskResource> set = resources.get(taskId);
    return set != null ? set : format.defaultResources(taskId);
  }

  /**
   * {@link #resources(String, TopicFormat)} of every task of {@code format}'s catalogue that has
   * any, in the catalogue's order.
   */
  public Map<String, List<TaskResource>> resources(TopicFormat format) {
    var out = new LinkedHashMap<String, List<TaskResource>>();
    for (var task : format.tasks()) {
      List<TaskResource> list = resources(task.id(), format);
      if (!list.isEmpty()) {
        out.put(task.id(), list);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The people seated at date {@code key} who look for a buddy and have none yet, in the order they
   * said so ({@link SeriesCommand.LookForBuddy}).
   */
  public List<String> lookingForBuddy(LocalDate key) {
    return buddies.getOrDefault(key, Buddies.NONE).looking();
  }

  /** Whether {@code email} looks for a buddy at date {@code key} (and has none yet). */
  public boolean isLookingForBuddy(LocalDate key, String email) {
    return lookingForBuddy(key).contains(normalize(email));
  }

  /** The buddy of {@code email} for the month of date {@code key}, if they paired. */
  public Optional<String> buddy(LocalDate key, String email) {
    return Optional.ofNullable(buddies.getOrDefault(key, Buddies.NONE).pairs().get(normalize(email)));
  }

  /** The pairs of date {@code key}: each person to their buddy (so every pair twice). */
  public Map<String, String> buddyPairs(LocalDate key) {
    return buddies.getOrDefault(key, Buddies.NONE).pairs();
  }

  /** The latest check-in of {@code email} with their buddy of date {@code key}, if any. */
  public Optional<BuddyCheck> buddyCheck(LocalDate key, String email) {
    return Optional.ofNullable(buddies.getOrDefault(key, Buddies.NONE).checks().get(normalize(email)));
  }

  /** Whether {@code email} was sent the mid-month buddy mail of date {@code key} (for their current pair). */
  public boolean buddyMailSent(LocalDate key, String email) {
    return buddies.getOrDefault(key, Buddies.NONE).mailed().contains(normalize(email));
  }

  /** The first date after {@code key} that is not cancelled (within a year), if any. */
  public Optional<SeriesDate> nextDateAfter(LocalDate key) {
    return dates(key.plusDays(1), key.plusYears(1)).stream().filter(d -> !d.isCancelled()).findFirst();
  }

  /**
   * The middle of the month of date {@code key}: halfway between its start and the next date's; empty
   * if there is no such date or no next one.
   */
  public Optional<Instant> buddyMidMonth(LocalDate key) {
    Optional<SeriesDate> date = date(key);
    Optional<SeriesDate> next = nextDateAfter(key);
    if (date.isEmpty() || next.isEmpty()) {
      return Optional.empty();
    }
    Instant from = date.get().start().toInstant();
    Instant to = next.get().start().toInstant();
    return Optional.of(from.plus(java.time.Duration.between(from, to).dividedBy(2)));
  }

  /**
   * The mid-month buddy mails due at {@code now}: for each pair of a date whose middle of the month
   * ({@link #buddyMidMonth}) has passed while its next date has not started yet, each of the two who
   * was not sent one ({@link SeriesCommand.RecordBuddyMail}). In date order, then pairing order.
   */
  public List<BuddyMailDue> buddyMailsDue(Instant now) {
    var out = new ArrayList<BuddyMailDue>();
    for (var entry : new TreeMap<>(buddies).entrySet()) {
      Buddies b = entry.getValue();
      if (b.pairs().isEmpty()) {
        continue;
      }
      LocalDate key = entry.getKey();
      Optional<SeriesDate> next = nextDateAfter(key);
      Optional<Instant> mid = buddyMidMonth(key);
      if (next.isEmpty() || mid.isEmpty() || now.isBefore(mid.get())
          || !now.isBefore(next.get().start().toInstant()) || date(key).map(SeriesDate::isCancelled).orElse(true)) {
        continue;
      }
      b.pairs().forEach((email, buddy) -> {
        if (!b.mailed().contains(email)) {
          out.add(new BuddyMailDue(key, email, buddy, next.get().start().toInstant()));
        }
      });
    }
    return out;
  }

  /**
   * What the mid-month buddy mail of date {@code key} names for {@code email}: the first goal the
   * next date would offer them ({@link #offeredGoals}: something left open at {@code key}, or a
   * routine that is due), else their first routine; empty if they have neither.
   */
  public Optional<OfferedGoal> buddyFocus(String email, LocalDate key) {
    Optional<SeriesDate> next = nextDateAfter(key);
    if (next.isPresent()) {
      List<OfferedGoal> offered = offeredGoals(email, next.get().key());
      if (!offered.isEmpty()) {
        return Optional.of(offered.get(0));
      }
    }
    return routines(email).stream().findFirst()
        .map(r -> new OfferedGoal(OfferedGoal.Reason.ROUTINE_DUE, Optional.of(r.taskId()), Optional.empty()));
  }

  /**
   * Whether {@code email} has (or had) a seat, not a waitlist place, at some date of the series: a
   * member, who may read the wall, share on it and cheer.
   */
  public boolean isMember(String email) {
    String e = normalize(email);
    return seats.values().stream().anyMatch(list -> list.stream()
        .anyMatch(seat -> seat.email().equals(e) && seat.status() == Seat.Status.SEATED));
  }

  /**
   * The wall as {@code email} may read it: every post, newest first, if they are a {@linkplain
   * #isMember member}; else empty. Only people with a seat in the series see its wall.
   */
  public List<WallPost> wall(String email) {
    return isMember(email) ? wall() : List.of();
  }

  /** Every post on the wall, newest first, for the host. */
  public List<WallPost> wall() {
    var out = new ArrayList<>(posts.values());
    Collections.reverse(out);
    return List.copyOf(out);
  }

  /** The post with id {@code postId}, if it is on the wall. */
  public Optional<WallPost> post(String postId) {
    return Optional.ofNullable(posts.get(postId));
  }

  /** The id the next post shared gets. */
  public String nextPostId() {
    return "p" + (postsShared + 1);
  }

  /**
   * What {@code email} may share as wins: the outcomes with status DONE of the latest date they
   * recorded outcomes for (not yet shared as a win of that date), with that date. Nothing is shared
   * until they choose to.
   */
  public Optional<Map.Entry<LocalDate, List<GoalOutcome>>> winSuggestions(String email) {
    String e = normalize(email);
    var latest = outcomes.getOrDefault(e, Collections.emptyNavigableMap()).lastEntry();
    if (latest == null) {
      return Optional.empty();
    }
    Set<String> shared = new HashSet<>();
    posts.values().stream().filter(p -> p.email().equals(e) && p.kind() == WallPost.Kind.WIN
        && p.date().equals(latest.getKey())).forEach(p -> shared.add(p.text()));
    List<GoalOutcome> done = latest.getValue().stream()
        .filter(o -> o.status() == GoalStatus.DONE && !shared.contains(o.text())).toList();
    return Optional.of(Map.entry(latest.getKey(), done));
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
          // A text erased (at the person's request, or after the retention) is offered by its task alone.
          Optional<String> text = Optional.of(o.text()).filter(x -> !io.peerwork.core.Erasure.isErased(x));
          if (text.isPresent() || o.taskId().isPresent()) {
            out.add(new OfferedGoal(OfferedGoal.Reason.CARRIED_OVER, o.taskId(), text));
          }
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
    var rs = resources;
    var hp = helps;
    var bd = buddies;
    var ps = posts;
    int shared = postsShared;
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
    } else if (event instanceof TaskResourcesSet e) {
      rs = copy(resources);
      rs.put(e.taskId(), e.resources());
    } else if (event instanceof SeriesEvent.HelpsRecorded e) {
      hp = copy(helps);
      var mine = new TreeMap<>(hp.getOrDefault(e.email(), Collections.emptyNavigableMap()));
      mine.put(e.date(), e.helps());
      hp.put(e.email(), Collections.unmodifiableNavigableMap(mine));
    } else if (event instanceof LookingForBuddy e) {
      bd = withBuddies(e.date(), b -> {
        var l = new ArrayList<>(b.looking());
        l.add(e.email());
        return new Buddies(List.copyOf(l), b.pairs(), b.checks(), b.mailed());
      });
    } else if (event instanceof BuddiesPaired e) {
      bd = withBuddies(e.date(), b -> {
        var l = new ArrayList<>(b.looking());
        l.remove(e.a());
        l.remove(e.b());
        var pairs = new LinkedHashMap<>(b.pairs());
        pairs.put(e.a(), e.b());
        pairs.put(e.b(), e.a());
        return new Buddies(List.copyOf(l), Collections.unmodifiableMap(pairs), b.checks(), b.mailed());
      });
    } else if (event instanceof BuddyLeft e) {
      bd = withBuddies(e.date(), b -> b.without(e.email()));
    } else if (event instanceof BuddyCheckedIn e) {
      bd = withBuddies(e.date(), b -> {
        var checks = new LinkedHashMap<>(b.checks());
        checks.put(e.email(), new BuddyCheck(e.how(), e.at()));
        return new Buddies(b.looking(), b.pairs(), Collections.unmodifiableMap(checks), b.mailed());
      });
    } else if (event instanceof BuddyMailSent e) {
      bd = withBuddies(e.date(), b -> {
        var mailed = new java.util.LinkedHashSet<>(b.mailed());
        mailed.add(e.email());
        return new Buddies(b.looking(), b.pairs(), b.checks(), Collections.unmodifiableSet(mailed));
      });
    } else if (event instanceof PostShared e) {
      ps = copy(posts);
      ps.put(e.postId(), new WallPost(e.postId(), e.kind(), e.email(), e.date(), e.text(), e.taskId(), e.at(),
          Set.of(), false));
      shared++;
    } else if (event instanceof PostCheered e) {
      ps = copy(posts);
      ps.computeIfPresent(e.postId(), (k, post) -> post.cheeredBy(e.email()));
    } else if (event instanceof PostRemoved e) {
      ps = copy(posts);
      ps.remove(e.postId());
    } else if (event instanceof TipPromoted e) {
      ps = copy(posts);
      ps.computeIfPresent(e.postId(), (k, post) -> post.asPromoted());
    }
    return new SeriesState(id, p, version + 1, event.at(), mv, cc, rv, st, rt, oc, rk, rs, hp, ps, shared, bd);
  }

  private Map<LocalDate, List<Seat>> withSeats(LocalDate date, java.util.function.Consumer<List<Seat>> change) {
    var all = new TreeMap<>(seats);
    var list = new ArrayList<>(all.getOrDefault(date, List.of()));
    change.accept(list);
    all.put(date, List.copyOf(list));
    return Collections.unmodifiableMap(all);
  }

  private Map<LocalDate, Buddies> withBuddies(LocalDate date, java.util.function.UnaryOperator<Buddies> change) {
    var all = new TreeMap<>(buddies);
    all.put(date, change.apply(all.getOrDefault(date, Buddies.NONE)));
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
        && revocations.equals(s.revocations) && resources.equals(s.resources) && helps.equals(s.helps)
        && posts.equals(s.posts) && postsShared == s.postsShared
        && buddies.equals(s.buddies);
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
