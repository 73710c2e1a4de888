package io.peerwork.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The help queue of a session as people see it: who waits in which place, for about how long, and
 * who is being helped. Made by {@link SessionEngine#queue(SessionState)}.
 *
 * <p>The estimated wait of the request in place {@code p} is {@code averageHelpTime * (p - 1 +
 * inProgress) / expertsPresent}: every request ahead of it, and every help under way, takes an
 * average help's time, and the experts present work in parallel. The average is the mean of the
 * help times finished in this session; before the first one finishes it is {@link
 * #DEFAULT_HELP_TIME}. With no expert present there is no estimate.
 *
 * @param waiting the waiting requests in the order they will be served, places 1..n
 * @param inProgress the requests experts are working on, in the order hands were raised
 * @param averageHelpTime the help time the estimate assumes
 * @param expertsPresent how many experts are in the room
 */
public record HelpQueueView(
    List<Entry> waiting, List<HelpRequest> inProgress, Duration averageHelpTime, int expertsPresent) {

  /** The help time assumed before any help in the session has finished: 10 minutes. */
  public static final Duration DEFAULT_HELP_TIME = Duration.ofMinutes(10);

  /** Copies the lists. */
  public HelpQueueView {
    waiting = List.copyOf(Objects.requireNonNull(waiting, "waiting"));
    inProgress = List.copyOf(Objects.requireNonNull(inProgress, "inProgress"));
    Objects.requireNonNull(averageHelpTime, "averageHelpTime");
  }

  /** The waiting entry of {@code participant}, if they are waiting. */
  public Optional<Entry> entryOf(ParticipantId participant) {
    return waiting.stream().filter(e -> e.request().participant().equals(participant)).findFirst();
  }

  /** The first in line, if anyone waits. */
  public Optional<Entry> next() {
    return waiting.isEmpty() ? Optional.empty() : Optional.of(waiting.get(0));
  }

  /**
   * One waiting request and its place.
   *
   * @param place 1 for the next to be served
   * @param request the request
   * @param estimatedWait about how long until an expert takes it; empty while no expert is present
   */
  public record Entry(int place, HelpRequest request, Optional<Duration> estimatedWait) {
    /** Checks for nulls. */
    public Entry {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(estimatedWait, "estimatedWait");
    }
  }
}
