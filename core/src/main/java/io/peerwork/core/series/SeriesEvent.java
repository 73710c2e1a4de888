package io.peerwork.core.series;

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
   * The personal and calendar links of the mailbox of {@code email} handed out before this event were
   * revoked ({@link SeriesState#linkRevocations}).
   */
  record PersonalLinksRevoked(Instant at, String email) implements SeriesEvent {
    public PersonalLinksRevoked {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(email, "email");
    }
  }
}
