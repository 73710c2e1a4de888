package io.peerwork.core.series;

import io.peerwork.core.TaskResource;
import io.peerwork.core.spi.Cadence;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the organiser of a series, or a person registering, asks of a series. A date of a series is
 * named by the day the recurrence gives it (its key), even after it was moved. People are named by
 * their e-mail address (compared without regard to case). The application authenticates who may
 * send which command; the engine checks the content.
 */
public sealed interface SeriesCommand {

  /** Sets up a series. */
  record CreateSeries(SeriesPlan plan) implements SeriesCommand {
    public CreateSeries {
      Objects.requireNonNull(plan, "plan");
    }
  }

  /** Moves one date to another start; the others stay. */
  record MoveDate(LocalDate date, LocalDateTime newStart) implements SeriesCommand {
    public MoveDate {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(newStart, "newStart");
    }
  }

  /** Cancels one date, with a reason of up to 280 characters; the others stay. */
  record CancelDate(LocalDate date, String reason) implements SeriesCommand {
    public CancelDate {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Registers a person for a date: a seat if one is free, else a place on the waitlist.
   *
   * @param date the date's key
   * @param name 1 to 60 characters
   * @param email their address, which identifies them in the series
   * @param language {@code de} or {@code en}, for messages
   * @param priceCents what the seat costs, in cents, if the organiser charges
   */
  record Register(LocalDate date, String name, String email, String language, Optional<Long> priceCents)
      implements SeriesCommand {
    public Register {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(priceCents, "priceCents");
    }
  }

  /** A person gives up their seat or waitlist place; the first on the waitlist moves up. */
  record CancelRegistration(LocalDate date, String email) implements SeriesCommand {
    public CancelRegistration {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** A person with a seat arrived. */
  record CheckIn(LocalDate date, String email) implements SeriesCommand {
    public CheckIn {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** After a date has started: everyone with a seat who did not check in is recorded as a no-show. */
  record RecordNoShows(LocalDate date) implements SeriesCommand {
    public RecordNoShows {
      Objects.requireNonNull(date, "date");
    }
  }

  /** The organiser marks a seat paid or unpaid. */
  record MarkPaid(LocalDate date, String email, boolean paid) implements SeriesCommand {
    public MarkPaid {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** A person makes a task of the format's catalogue one of their routines, at a cadence. */
  record ChooseRoutine(String email, String taskId, Cadence cadence) implements SeriesCommand {
    public ChooseRoutine {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(cadence, "cadence");
    }
  }

  /** A person drops a routine; its history stays. */
  record DropRoutine(String email, String taskId) implements SeriesCommand {
    public DropRoutine {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(taskId, "taskId");
    }
  }

  /**
   * How a person's goals ended at a date, and how many helps they received and gave as a peer,
   * taken from that session's recap.
   */
  record RecordOutcomes(LocalDate date, String email, List<GoalOutcome> outcomes, HelpTally helps)
      implements SeriesCommand {
    public RecordOutcomes {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
      Objects.requireNonNull(helps, "helps");
    }

    /** The outcomes with no helps received or given. */
    public RecordOutcomes(LocalDate date, String email, List<GoalOutcome> outcomes) {
      this(date, email, outcomes, new HelpTally(0, 0));
    }
  }

  /**
   * Every personal link (and calendar link) handed out for the mailbox of {@code email} so far stops
   * working; links made afterwards work. Asked for by the person (with one of their links) or by the
   * host. The series must know the address (a registration of any status).
   */
  record RevokePersonalLinks(String email) implements SeriesCommand {
    public RevokePersonalLinks {
      Objects.requireNonNull(email, "email");
    }
  }

  /**
   * The expert (or host) of the series sets the resources of one task of the format's catalogue:
   * links and short checklists ({@link TaskResource}), at most {@value TaskResource#MAX_PER_TASK},
   * in the order given. They replace the format's defaults and whatever was set before, and carry
   * over to every later date. An empty list means "none" (not the defaults). Setting what is set
   * already records nothing, so the command may be sent again.
   */
  record SetTaskResources(String taskId, List<TaskResource> resources) implements SeriesCommand {
    public SetTaskResources {
      Objects.requireNonNull(taskId, "taskId");
      resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    }
  }

  /**
   * A person with a seat at {@code date} shares a win or a tip on the series' wall ({@link
   * SeriesState#wall}), after that date has started. The text follows the rules of a goal (1 to
   * 280 characters); a tip names a task of the format's catalogue, a win may. The engine gives the
   * post its id ({@link SeriesEvent.PostShared}). Nothing is shared unless its author sends this.
   */
  record SharePost(LocalDate date, String email, WallPost.Kind kind, String text, Optional<String> taskId)
      implements SeriesCommand {
    public SharePost {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(taskId, "taskId");
    }
  }

  /**
   * A person with a seat in the series cheers a post of someone else; once per person and post
   * (cheering again records nothing).
   */
  record CheerPost(String postId, String email) implements SeriesCommand {
    public CheerPost {
      Objects.requireNonNull(postId, "postId");
      Objects.requireNonNull(email, "email");
    }
  }

  /**
   * A post leaves the wall: asked by its author ({@code email}) or, with no address, by the host.
   */
  record RemovePost(String postId, Optional<String> email) implements SeriesCommand {
    public RemovePost {
      Objects.requireNonNull(postId, "postId");
      Objects.requireNonNull(email, "email");
    }
  }

  /**
   * The host (or expert) makes a tip a resource of its task: the task's resources in the series
   * ({@link SeriesState#resources(String, io.peerwork.core.spi.TopicFormat)}) with one more at the
   * end, titled {@code title}, with {@code link} if given, else with the tip's text as its checklist.
   */
  record PromoteTip(String postId, String title, Optional<String> link) implements SeriesCommand {
    public PromoteTip {
      Objects.requireNonNull(postId, "postId");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(link, "link");
    }
  }

  /**
   * Buddies (opt-in): a person seated at a date says they would like a buddy for the month that
   * starts with it (until the series' next date). Others seated at that date see their first name
   * and may pair with them ({@link PairBuddies}). Saying it again records nothing.
   */
  record LookForBuddy(LocalDate date, String email) implements SeriesCommand {
    public LookForBuddy {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /**
   * A person seated at a date pairs with {@code other}, who is seated at it too and looking for a
   * buddy ({@link LookForBuddy}); the one asking need not have said they look, asking is their
   * opt-in. A person has at most one buddy per date. Pairing again with one's buddy records nothing.
   */
  record PairBuddies(LocalDate date, String email, String other) implements SeriesCommand {
    public PairBuddies {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(other, "other");
    }
  }

  /**
   * A person ends their pair of a date (for both of them) or stops looking for a buddy. Without
   * either, it records nothing.
   */
  record LeaveBuddy(LocalDate date, String email) implements SeriesCommand {
    public LeaveBuddy {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** A person with a buddy at a date says how their month is going; their buddy sees the latest. */
  record BuddyCheckIn(LocalDate date, String email, BuddyMood how) implements SeriesCommand {
    public BuddyCheckIn {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(how, "how");
    }
  }

  /**
   * The application sent {@code email} the mid-month buddy mail of a date ({@link
   * SeriesState#buddyMailsDue}); recorded so it goes once. Recording it again records nothing.
   */
  record RecordBuddyMail(LocalDate date, String email) implements SeriesCommand {
    public RecordBuddyMail {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }
}
