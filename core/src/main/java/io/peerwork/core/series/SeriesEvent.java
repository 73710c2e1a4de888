package io.peerwork.core.series;

import io.peerwork.core.TaskResource;
import io.peerwork.core.spi.Cadence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Something that happened in a series. Facts, applied in order by {@link SeriesEngine#evolve}. */
public sealed interface SeriesEvent {

  /** When it took effect. */
  Instant at();

  /** The series was set up. */
  record SeriesCreated(Instant at, SeriesPlan plan) implements SeriesEvent {
    public SeriesCreated {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(plan, "plan");
    }
  }

  /** One date was moved. */
  record DateMoved(Instant at, LocalDate date, LocalDateTime newStart) implements SeriesEvent {
    public DateMoved {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(newStart, "newStart");
    }
  }

  /** One date was cancelled. */
  record DateCancelled(Instant at, LocalDate date, String reason) implements SeriesEvent {
    public DateCancelled {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A person registered: with a seat, or on the waitlist. */
  record Registered(Instant at, LocalDate date, String email, String name, String language,
      Optional<Long> priceCents, boolean waitlisted) implements SeriesEvent {
    public Registered {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(priceCents, "priceCents");
    }
  }

  /** A person cancelled their registration. */
  record RegistrationCancelled(Instant at, LocalDate date, String email) implements SeriesEvent {
    public RegistrationCancelled {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** The first on the waitlist got a seat. */
  record PromotedFromWaitlist(Instant at, LocalDate date, String email) implements SeriesEvent {
    public PromotedFromWaitlist {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** A person with a seat arrived. */
  record CheckedIn(Instant at, LocalDate date, String email) implements SeriesEvent {
    public CheckedIn {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** A person with a seat did not come. */
  record NoShowRecorded(Instant at, LocalDate date, String email) implements SeriesEvent {
    public NoShowRecorded {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** A seat was marked paid or unpaid. */
  record PaymentMarked(Instant at, LocalDate date, String email, boolean paid) implements SeriesEvent {
    public PaymentMarked {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** A person chose a routine (or changed its cadence). */
  record RoutineChosen(Instant at, String email, String taskId, Cadence cadence) implements SeriesEvent {
    public RoutineChosen {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(cadence, "cadence");
    }
  }

  /** A person dropped a routine. */
  record RoutineDropped(Instant at, String email, String taskId) implements SeriesEvent {
    public RoutineDropped {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(taskId, "taskId");
    }
  }

  /** How a person's goals ended at a date. Recording again for the same date replaces it. */
  record OutcomesRecorded(Instant at, LocalDate date, String email, List<GoalOutcome> outcomes)
      implements SeriesEvent {
    public OutcomesRecorded {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    }
  }

  /**
   * How many helps {@code email} received and gave as a peer at a date (recorded with its outcomes
   * when either is more than 0; a date without it had none).
   */
  record HelpsRecorded(Instant at, LocalDate date, String email, HelpTally helps) implements SeriesEvent {
    public HelpsRecorded {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(helps, "helps");
    }
  }

  /**
   * The personal and calendar links of the mailbox of {@code email} handed out before this event were
   * revoked ({@link SeriesState#linkRevocations}).
   */
  record PersonalLinksRevoked(Instant at, String email) implements SeriesEvent {
    public PersonalLinksRevoked {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(email, "email");
    }
  }

  /**
   * The resources of one task were set ({@link SeriesState#resources}); they replace what the format
   * ships and what was set before. Empty: none.
   */
  record TaskResourcesSet(Instant at, String taskId, List<TaskResource> resources) implements SeriesEvent {
    public TaskResourcesSet {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(taskId, "taskId");
      resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    }
  }

  /** A person shared a post on the series' wall ({@link SeriesCommand.SharePost}). */
  record PostShared(Instant at, String postId, LocalDate date, String email, WallPost.Kind kind, String text,
      Optional<String> taskId) implements SeriesEvent {
    public PostShared {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(postId, "postId");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(taskId, "taskId");
    }
  }

  /** A person cheered a post. */
  record PostCheered(Instant at, String postId, String email) implements SeriesEvent {
    public PostCheered {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(postId, "postId");
      Objects.requireNonNull(email, "email");
    }
  }

  /** A post left the wall (its author or the host removed it). */
  record PostRemoved(Instant at, String postId) implements SeriesEvent {
    public PostRemoved {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(postId, "postId");
    }
  }

  /**
   * A tip was made a resource of its task; recorded right after the {@link TaskResourcesSet} that
   * added it.
   */
  record TipPromoted(Instant at, String postId) implements SeriesEvent {
    public TipPromoted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(postId, "postId");
    }
  }

  /** A person seated at a date is looking for a buddy for its month ({@link SeriesCommand.LookForBuddy}). */
  record LookingForBuddy(Instant at, LocalDate date, String email) implements SeriesEvent {
    public LookingForBuddy {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** Two people seated at a date became buddies for its month; neither is looking any more. */
  record BuddiesPaired(Instant at, LocalDate date, String a, String b) implements SeriesEvent {
    public BuddiesPaired {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
    }
  }

  /**
   * A person left their pair of a date (which ends it for both) or stopped looking for a buddy (also
   * recorded when they give up their seat).
   */
  record BuddyLeft(Instant at, LocalDate date, String email) implements SeriesEvent {
    public BuddyLeft {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }

  /** A person told their buddy how their month is going. */
  record BuddyCheckedIn(Instant at, LocalDate date, String email, BuddyMood how) implements SeriesEvent {
    public BuddyCheckedIn {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(how, "how");
    }
  }

  /** The mid-month buddy mail of a date went out to a person. */
  record BuddyMailSent(Instant at, LocalDate date, String email) implements SeriesEvent {
    public BuddyMailSent {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
    }
  }
}
