package io.peerwork.core.series;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.series.SeriesVerdicts.accept;
import static io.peerwork.core.series.SeriesVerdicts.reject;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.TaskResource;
import io.peerwork.core.PlanningWindow;
import io.peerwork.core.TextRules;
import io.peerwork.core.series.SeriesCommand.*;
import io.peerwork.core.series.SeriesEvent.*;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of a series: {@code decide(state, command, now)} gives events or a rejection, {@code
 * evolve(state, event)} the next state. Pure and deterministic, like {@link
 * io.peerwork.core.SessionEngine}.
 *
 * <p>Seats: a person registering gets a seat while fewer than the capacity are seated and nobody
 * waits; otherwise a place at the end of the waitlist. When a seated person cancels, the first on
 * the waitlist is promoted in the same decision, so a free seat and a waiting person never coexist.
 *
 * <p>This class decides the series itself: its creation, dates, registrations and seats, routines,
 * outcomes, personal links and task resources. It checks what every command needs (the series exists,
 * its format is registered, a command's date exists and is not cancelled) and hands the wall to {@link
 * WallDecider} and buddies to {@link BuddyDecider}.
 */
public final class SeriesEngine {
  /** Something@something.tld, without whitespace, separators or invisible characters (no look-alikes). */
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\p{Z}\\p{C}]+@[^@\\s\\p{Z}\\p{C}]+\\.[^@\\s\\p{Z}\\p{C}]+");

  private final FormatRegistry formats;

  /** An engine for series of the given formats. */
  public SeriesEngine(FormatRegistry formats) {
    this.formats = Objects.requireNonNull(formats, "formats");
  }

  /** Decides what {@code command} does to the series at {@code now}. Never throws for a command. */
  public SeriesDecision decide(SeriesState s, SeriesCommand c, Instant now) {
    Objects.requireNonNull(s, "state");
    Objects.requireNonNull(c, "command");
    Objects.requireNonNull(now, "now");
    Instant at = s.lastEventAt().filter(last -> last.isAfter(now)).orElse(now);
    if (c instanceof CreateSeries cmd) {
      if (s.plan().isPresent()) {
        return reject(SERIES_ALREADY_EXISTS, "series " + s.id() + " exists");
      }
      if (!cmd.plan().id().equals(s.id())) {
        return reject(SESSION_ID_MISMATCH, "plan is for " + cmd.plan().id() + ", not " + s.id());
      }
      if (formats.find(cmd.plan().formatId()).isEmpty()) {
        return reject(UNKNOWN_FORMAT, "no format '" + cmd.plan().formatId() + "'");
      }
      SeriesDecision refused = SeriesPlanRules.refusal(cmd.plan(), at);
      return refused != null ? refused : accept(new SeriesCreated(at, SeriesPlanRules.normalized(cmd.plan())));
    }
    if (s.plan().isEmpty()) {
      return reject(SERIES_NOT_FOUND, "series " + s.id() + " does not exist");
    }
    Optional<TopicFormat> known = formats.find(s.plan().get().formatId());
    if (known.isEmpty()) {
      return reject(UNKNOWN_FORMAT, "format '" + s.plan().get().formatId() + "' is no longer registered");
    }
    TopicFormat format = known.get();
    if (c instanceof ChooseRoutine cmd) {
      String email = SeriesState.normalize(cmd.email());
      if (!validEmail(email)) {
        return reject(INVALID_EMAIL, "not an e-mail address");
      }
      if (format.task(cmd.taskId()).isEmpty()) {
        return reject(UNKNOWN_TASK, "format '" + format.id() + "' has no task '" + cmd.taskId() + "'");
      }
      boolean same = s.routines(email).stream()
          .anyMatch(r -> r.taskId().equals(cmd.taskId()) && r.cadence() == cmd.cadence());
      return same ? accept() : accept(new RoutineChosen(at, email, cmd.taskId(), cmd.cadence()));
    }
    if (c instanceof DropRoutine cmd) {
      String email = SeriesState.normalize(cmd.email());
      if (s.routines(email).stream().noneMatch(r -> r.taskId().equals(cmd.taskId()))) {
        return reject(NO_SUCH_ROUTINE, email + " has no routine '" + cmd.taskId() + "'");
      }
      return accept(new RoutineDropped(at, email, cmd.taskId()));
    }
    if (c instanceof SetTaskResources cmd) {
      return setResources(s, cmd, format, at);
    }
    if (c instanceof CheerPost cmd) {
      return WallDecider.cheer(s, cmd, at);
    }
    if (c instanceof RemovePost cmd) {
      return WallDecider.remove(s, cmd, at);
    }
    if (c instanceof PromoteTip cmd) {
      return WallDecider.promote(s, cmd, format, at);
    }
    if (c instanceof RevokePersonalLinks cmd) {
      String email = SeriesState.normalize(cmd.email());
      if (!validEmail(email)) {
        return reject(INVALID_EMAIL, "not an e-mail address");
      }
      if (!s.knows(email)) {
        return reject(NOT_REGISTERED, email + " has never registered for this series");
      }
      return accept(new PersonalLinksRevoked(at, email));
    }

    LocalDate key = dateOf(c);
    Optional<SeriesDate> date = s.date(key);
    if (date.isEmpty()) {
      return reject(UNKNOWN_DATE, "series " + s.id() + " has no date " + key);
    }
    if (date.get().isCancelled()) {
      return reject(DATE_CANCELLED, "the date " + key + " is cancelled");
    }
    boolean started = !at.isBefore(date.get().start().toInstant());
    if (c instanceof RecordOutcomes cmd) {
      String email = SeriesState.normalize(cmd.email());
      if (!started) {
        return reject(DATE_NOT_STARTED, "the date " + key + " has not started");
      }
      if (s.registration(key, email).isEmpty()) {
        return reject(NOT_REGISTERED, email + " is not registered for " + key);
      }
      HelpTally helps = cmd.helps();
      return helps.received() == 0 && helps.givenAsPeer() == 0
          ? accept(new OutcomesRecorded(at, key, email, cmd.outcomes()))
          : accept(new OutcomesRecorded(at, key, email, cmd.outcomes()),
              new SeriesEvent.HelpsRecorded(at, key, email, helps));
    }
    if (c instanceof SharePost cmd) {
      return WallDecider.share(s, cmd, format, started, at);
    }
    if (c instanceof MoveDate cmd) {
      if (cmd.newStart().equals(date.get().start().toLocalDateTime())) {
        return accept();
      }
      if (!PlanningWindow.contains(cmd.newStart(), at)) {
        return reject(DATE_OUT_OF_RANGE, "a date lies between " + PlanningWindow.EARLIEST + " and "
            + PlanningWindow.latest(at) + ", not " + cmd.newStart());
      }
      if (started || !at.isBefore(cmd.newStart().atZone(s.plan().get().zone()).toInstant())) {
        return reject(DATE_PASSED, "a date is moved before it starts, and into the future");
      }
      LocalDate day = cmd.newStart().toLocalDate();
      for (SeriesDate other : s.dates(day.minusMonths(2), day.plusMonths(2))) {
        if (!other.key().equals(key) && !other.isCancelled() && other.start().toLocalDate().equals(day)) {
          return reject(DATE_CONFLICT, "the date " + other.key() + " is on " + day + " already");
        }
      }
      return accept(new DateMoved(at, key, cmd.newStart()));
    }
    if (c instanceof CancelDate cmd) {
      SeriesDecision refused = SeriesPlanRules.text(TextRules.Field.REASON, cmd.reason(), REASON_TOO_LONG);
      return refused != null ? refused : accept(new DateCancelled(at, key, TextRules.normalize(cmd.reason())));
    }
    if (c instanceof Register cmd) {
      String email = SeriesState.normalize(cmd.email());
      SeriesDecision refused = SeriesPlanRules.text(TextRules.Field.NAME, cmd.name(), INVALID_NAME);
      if (refused != null) {
        return refused;
      }
      if (TextRules.isReservedName(cmd.name())) {
        return reject(RESERVED_NAME, "a participant cannot be called '" + TextRules.normalize(cmd.name())
            + "': it reads as a role");
      }
      if (!validEmail(email)) {
        return reject(INVALID_EMAIL, "not an e-mail address");
      }
      if (!cmd.language().equals("de") && !cmd.language().equals("en")) {
        return reject(INVALID_LANGUAGE, "language must be de or en");
      }
      if (cmd.priceCents().filter(p -> p < 0).isPresent()) {
        return reject(INVALID_PRICE, "a price is 0 or more cents");
      }
      if (started) {
        return reject(DATE_PASSED, "the date " + key + " has started");
      }
      if (s.registration(key, email).isPresent()) {
        return reject(ALREADY_REGISTERED, email + " is registered for " + key);
      }
      String mailbox = Mailboxes.mailbox(email);
      var active = s.registrations(key).stream().filter(seat -> seat.status() != Seat.Status.CANCELLED).toList();
      if (active.stream().anyMatch(seat -> Mailboxes.mailbox(seat.email()).equals(mailbox))) {
        return reject(ALREADY_REGISTERED, "the mailbox of " + email + " is registered for " + key
            + " already (under another +tag or spelling)");
      }
      String domain = Mailboxes.domain(email);
      int share = Mailboxes.maxPerDomain(s.plan().get().capacity());
      if (!Mailboxes.isPublicProvider(domain)
          && active.stream().filter(seat -> Mailboxes.domain(seat.email()).equals(domain)).count() >= share) {
        return reject(DOMAIN_SHARE_REACHED, "addresses at " + domain + " hold " + share + " places of " + key
            + " already, the most one mail domain may hold");
      }
      boolean waitlisted = s.seated(key).size() >= s.plan().get().capacity() || !s.waitlist(key).isEmpty();
      return accept(new Registered(at, key, email, TextRules.normalize(cmd.name()), cmd.language(), cmd.priceCents(), waitlisted));
    }
    if (c instanceof CancelRegistration cmd) {
      String email = SeriesState.normalize(cmd.email());
      if (started) {
        return reject(DATE_PASSED, "the date " + key + " has started; record a no-show instead");
      }
      Optional<Seat> seat = s.registration(key, email);
      if (seat.isEmpty()) {
        return reject(NOT_REGISTERED, email + " is not registered for " + key);
      }
      var events = new ArrayList<SeriesEvent>(3);
      events.add(new RegistrationCancelled(at, key, email));
      if (s.buddy(key, email).isPresent() || s.isLookingForBuddy(key, email)) {
        events.add(new BuddyLeft(at, key, email));
      }
      if (seat.get().status() == Seat.Status.SEATED && !s.waitlist(key).isEmpty()) {
        events.add(new PromotedFromWaitlist(at, key, s.waitlist(key).get(0).email()));
      }
      return new SeriesDecision.Accepted(events);
    }
    if (c instanceof CheckIn cmd) {
      Optional<Seat> seat = s.registration(key, cmd.email());
      if (seat.isEmpty()) {
        return reject(NOT_REGISTERED, cmd.email() + " is not registered for " + key);
      }
      if (seat.get().status() != Seat.Status.SEATED) {
        return reject(NOT_SEATED, cmd.email() + " is on the waitlist");
      }
      return seat.get().checkedIn() ? accept() : accept(new CheckedIn(at, key, seat.get().email()));
    }
    if (c instanceof RecordNoShows) {
      if (!started) {
        return reject(DATE_NOT_STARTED, "the date " + key + " has not started");
      }
      var events = new ArrayList<SeriesEvent>();
      for (Seat seat : s.seated(key)) {
        if (!seat.checkedIn() && !seat.noShow()) {
          events.add(new NoShowRecorded(at, key, seat.email()));
        }
      }
      return new SeriesDecision.Accepted(events);
    }
    if (c instanceof MarkPaid cmd) {
      Optional<Seat> seat = s.registration(key, cmd.email());
      if (seat.isEmpty()) {
        return reject(NOT_REGISTERED, cmd.email() + " is not registered for " + key);
      }
      return seat.get().paid() == cmd.paid() ? accept() : accept(new PaymentMarked(at, key, seat.get().email(), cmd.paid()));
    }
    if (c instanceof LookForBuddy cmd) {
      return BuddyDecider.lookFor(s, cmd, at);
    }
    if (c instanceof PairBuddies cmd) {
      return BuddyDecider.pair(s, cmd, at);
    }
    if (c instanceof LeaveBuddy cmd) {
      return BuddyDecider.leave(s, cmd, at);
    }
    if (c instanceof BuddyCheckIn cmd) {
      return BuddyDecider.checkIn(s, cmd, at);
    }
    if (c instanceof RecordBuddyMail cmd) {
      return BuddyDecider.recordMail(s, cmd, at);
    }
    throw new IllegalArgumentException("unknown command " + c);
  }

  /** Applies one event. */
  public SeriesState evolve(SeriesState state, SeriesEvent event) {
    return state.apply(Objects.requireNonNull(event, "event"));
  }

  /** Rebuilds a series from all its events. */
  public SeriesState replay(SeriesId id, Iterable<? extends SeriesEvent> events) {
    SeriesState s = SeriesState.initial(id);
    for (SeriesEvent e : events) {
      s = s.apply(e);
    }
    return s;
  }

  /**
   * Sets a task's curated resources (validated and normalized); the same list again records nothing.
   * Also the last step of {@link WallDecider#promote}.
   */
  static SeriesDecision setResources(SeriesState s, SetTaskResources cmd, TopicFormat format, Instant at) {
    if (format.task(cmd.taskId()).isEmpty()) {
      return reject(UNKNOWN_TASK, "format '" + format.id() + "' has no task '" + cmd.taskId() + "'");
    }
    if (cmd.resources().size() > TaskResource.MAX_PER_TASK) {
      return reject(TOO_MANY_RESOURCES, "a task has at most " + TaskResource.MAX_PER_TASK + " resources, not "
          + cmd.resources().size());
    }
    Optional<String> problem = TaskResource.problemOf(cmd.resources());
    if (problem.isPresent()) {
      return reject(INVALID_RESOURCE, problem.get());
    }
    List<TaskResource> normalized = cmd.resources().stream().map(TaskResource::normalized).toList();
    if (s.curatedResources(cmd.taskId()).filter(normalized::equals).isPresent()) {
      return accept();
    }
    return accept(new TaskResourcesSet(at, cmd.taskId(), normalized));
  }

  private static LocalDate dateOf(SeriesCommand c) {
    if (c instanceof MoveDate m) {
      return m.date();
    } else if (c instanceof CancelDate m) {
      return m.date();
    } else if (c instanceof Register m) {
      return m.date();
    } else if (c instanceof CancelRegistration m) {
      return m.date();
    } else if (c instanceof CheckIn m) {
      return m.date();
    } else if (c instanceof RecordNoShows m) {
      return m.date();
    } else if (c instanceof MarkPaid m) {
      return m.date();
    } else if (c instanceof RecordOutcomes m) {
      return m.date();
    } else if (c instanceof LookForBuddy m) {
      return m.date();
    } else if (c instanceof PairBuddies m) {
      return m.date();
    } else if (c instanceof LeaveBuddy m) {
      return m.date();
    } else if (c instanceof BuddyCheckIn m) {
      return m.date();
    } else if (c instanceof RecordBuddyMail m) {
      return m.date();
    } else if (c instanceof SharePost m) {
      return m.date();
    }
    throw new IllegalArgumentException("command has no date: " + c);
  }

  private static boolean validEmail(String email) {
    return email.length() <= 254 && EMAIL.matcher(email).matches();
  }
}
