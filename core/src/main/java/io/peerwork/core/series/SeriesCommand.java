package io.peerwork.core.series;

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

  /** How a person's goals ended at a date, taken from that session's recap. */
  record RecordOutcomes(LocalDate date, String email, List<GoalOutcome> outcomes) implements SeriesCommand {
    public RecordOutcomes {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(email, "email");
      outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
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
}
