package io.peerwork.core.series;

import io.peerwork.core.GoalStatus;
import io.peerwork.core.spi.Cadence;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recurring task a participant chose for a series, with its history.
 *
 * @param taskId the catalogue task
 * @param cadence how often they want to do it
 * @param history one entry per session they attended, oldest first: how far the task got there
 *     (empty if they did not take it on that day)
 */
public record Routine(String taskId, Cadence cadence, List<Entry> history) {
  /** Checks for nulls and copies the list. */
  public Routine {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(cadence, "cadence");
    history = List.copyOf(Objects.requireNonNull(history, "history"));
  }

  /** How many of the last {@code n} sessions attended it was done in, e.g. "done in 5 of the last 6". */
  public int doneInLast(int n) {
    int from = Math.max(0, history.size() - n);
    int done = 0;
    for (Entry e : history.subList(from, history.size())) {
      if (e.status().filter(s -> s == GoalStatus.DONE).isPresent()) {
        done++;
      }
    }
    return done;
  }

  /** The last date it was done, if ever. */
  public Optional<LocalDate> lastDone() {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).status().filter(s -> s == GoalStatus.DONE).isPresent()) {
        return Optional.of(history.get(i).date());
      }
    }
    return Optional.empty();
  }

  /** Whether it is due at {@code date}: never done, or due again by its cadence ({@link Cadence#isDue}). */
  public boolean isDueOn(LocalDate date) {
    return lastDone().map(d -> cadence.isDue(d, date)).orElse(true);
  }

  /**
   * One session attended.
   *
   * @param date the date's key
   * @param status the best status a goal of this task reached that day; empty if none was set
   */
  public record Entry(LocalDate date, Optional<GoalStatus> status) {
    /** Checks for nulls. */
    public Entry {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(status, "status");
    }
  }
}
