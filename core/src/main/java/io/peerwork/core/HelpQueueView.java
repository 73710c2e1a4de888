package io.peerwork.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The help queue of a session as people see it: who waits in which place, for about how long, and
 * who is being helped. Made by {@link SessionEngine#queue(SessionState)}.
 *
 * <p><b>The typical help.</b> The estimates assume that a help takes {@link #typicalHelpTime()}:
 * the format's {@link io.peerwork.core.spi.TopicFormat#typicalHelpTime() typical help time} (the
 * prior, 10 minutes unless the format says otherwise) blended with the help times finished in this
 * session, the prior counting as {@link #PRIOR_WEIGHT} helps. So the first few helps move it only
 * a little (two helps of 30 seconds after a prior of 10 minutes give 6.2 minutes), and after many
 * it is about their mean. A help counts as at most three times the prior (a help left open over a
 * break does not make every wait look endless), and the typical help is never shorter than {@link
 * #MIN_HELP_TIME}.
 *
 * <p><b>The wait.</b> With {@code e} experts present, {@code b} helps in progress, {@code f = max(0,
 * e - b)} experts free and the typical help {@code t}, the wait of place {@code p} is:
 *
 * <ul>
 *   <li>nothing, from {@code 0} to {@code 0}, if {@code p <= f}: an expert is free for them;
 *   <li>otherwise from {@code low = (p - 1) * max(t / 2, MIN_HELP_TIME) / e} (the helps ahead are
 *       short and those in progress end now) to {@code high = (p - 1 + b) * 1.5 t / e} (every help
 *       ahead and every help in progress takes half as long again as the typical one).
 * </ul>
 *
 * <p>So waits never shrink as the place grows, and only place 1 is {@linkplain Entry#isNext()
 * next}, whatever the estimate. With no expert present, or the queue paused, there is no estimate.
 * Helps by peers are not counted among the {@code b} helps in progress: they do not hold an expert.
 *
 * <p><b>Time-boxes.</b> Where the format sets a {@linkplain
 * io.peerwork.core.spi.TopicFormat#helpTimeBox(String) time-box} for a topic, the prior is the
 * mean, over the requests waiting and in progress, of each one's time-box (or the format's typical
 * help time where its topic has none).
 *
 * @param waiting the waiting requests in the order they will be served, places 1..n
 * @param inProgress the requests experts or peers are working on, in the order hands were raised
 * @param onHold the requests an expert put on hold, in the order hands were raised
 * @param typicalHelpTime the help time the estimates assume
 * @param helpsFinished how many helps in this session have finished
 * @param expertsPresent how many experts are in the room
 */
public record HelpQueueView(
    List<Entry> waiting, List<HelpRequest> inProgress, List<HelpRequest> onHold, Duration typicalHelpTime,
    int helpsFinished, int expertsPresent) {

  /** The typical help time of a format that does not say: 10 minutes. */
  public static final Duration DEFAULT_HELP_TIME = Duration.ofMinutes(10);

  /** The shortest typical help time an estimate assumes, however short the helps so far: 2 minutes. */
  public static final Duration MIN_HELP_TIME = Duration.ofMinutes(2);

  /** How many finished helps the format's typical help time counts as: 3. */
  public static final int PRIOR_WEIGHT = 3;

  /** Copies the lists, checks the numbers. */
  public HelpQueueView {
    waiting = List.copyOf(Objects.requireNonNull(waiting, "waiting"));
    inProgress = List.copyOf(Objects.requireNonNull(inProgress, "inProgress"));
    onHold = List.copyOf(Objects.requireNonNull(onHold, "onHold"));
    Objects.requireNonNull(typicalHelpTime, "typicalHelpTime");
    if (helpsFinished < 0 || expertsPresent < 0) {
      throw new IllegalArgumentException("helpsFinished and expertsPresent must not be negative");
    }
  }

  /** The waiting entry {@code participant} asked or joined, if they are waiting. */
  public Optional<Entry> entryOf(ParticipantId participant) {
    return waiting.stream().filter(e -> e.request().includes(participant)).findFirst();
  }

  /** The first in line, if anyone waits. */
  public Optional<Entry> next() {
    return waiting.isEmpty() ? Optional.empty() : Optional.of(waiting.get(0));
  }

  /**
   * The typical help time after {@code finished} helps, given the format's {@code prior}: see the
   * class comment.
   *
   * @param prior the format's typical help time, positive
   * @param finished the help times finished in the session, in any order
   */
  public static Duration typicalHelpTime(Duration prior, List<Duration> finished) {
    Objects.requireNonNull(prior, "prior");
    Objects.requireNonNull(finished, "finished");
    if (prior.isNegative() || prior.isZero()) {
      throw new IllegalArgumentException("prior must be positive: " + prior);
    }
    Duration cap = prior.multipliedBy(3);
    Duration total = prior.multipliedBy(PRIOR_WEIGHT);
    for (Duration d : finished) {
      Duration counted = d.isNegative() ? Duration.ZERO : d.compareTo(cap) > 0 ? cap : d;
      total = total.plus(counted);
    }
    Duration typical = total.dividedBy(PRIOR_WEIGHT + finished.size());
    return typical.compareTo(MIN_HELP_TIME) < 0 ? MIN_HELP_TIME : typical;
  }

  /**
   * The wait of place {@code place}: see the class comment.
   *
   * @param place 1 for the first in line
   * @param typical the typical help time, at least {@link #MIN_HELP_TIME}
   * @param inProgress how many helps are in progress
   * @param experts how many experts are present, at least 1
   */
  public static Wait estimate(int place, Duration typical, int inProgress, int experts) {
    Objects.requireNonNull(typical, "typical");
    if (place < 1 || inProgress < 0 || experts < 1) {
      throw new IllegalArgumentException("place " + place + ", inProgress " + inProgress + ", experts " + experts);
    }
    int free = Math.max(0, experts - inProgress);
    if (place <= free) {
      return new Wait(Duration.ZERO, Duration.ZERO);
    }
    Duration shortHelp = typical.dividedBy(2);
    if (shortHelp.compareTo(MIN_HELP_TIME) < 0) {
      shortHelp = MIN_HELP_TIME;
    }
    Duration longHelp = typical.multipliedBy(3).dividedBy(2);
    if (longHelp.compareTo(shortHelp) < 0) {
      longHelp = shortHelp;
    }
    Duration low = shortHelp.multipliedBy(place - 1L).dividedBy(experts);
    Duration high = longHelp.multipliedBy(place - 1L + inProgress).dividedBy(experts);
    return new Wait(low, high);
  }

  /**
   * How long a waiting person will probably wait: somewhere from {@code low} to {@code high}. An
   * honest range rather than one number: help times vary, and a help in progress may end any time.
   *
   * @param low the shortest plausible wait, zero or more
   * @param high the longest plausible wait, at least {@code low}
   */
  public record Wait(Duration low, Duration high) {
    /** Checks that {@code 0 <= low <= high}. */
    public Wait {
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
      if (low.isNegative() || high.compareTo(low) < 0) {
        throw new IllegalArgumentException("a wait runs from 0 <= low <= high: " + low + ", " + high);
      }
    }

    /** Whether no wait is expected: an expert is free. */
    public boolean isNone() {
      return high.isZero();
    }
  }

  /**
   * One waiting request and its place.
   *
   * @param place 1 for the next to be served
   * @param request the request
   * @param estimatedWait about how long until an expert takes it; empty while no expert is present
   *     or the queue is paused
   * @param peer the peer suggested to its asker ({@link io.peerwork.core.spi.PeerHelpPolicy}), if any
   */
  public record Entry(int place, HelpRequest request, Optional<Wait> estimatedWait, Optional<ParticipantId> peer) {
    /** Checks for nulls and the place. */
    public Entry {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(estimatedWait, "estimatedWait");
      Objects.requireNonNull(peer, "peer");
      if (place < 1) {
        throw new IllegalArgumentException("place must be 1 or more: " + place);
      }
    }

    /**
     * Whether this request is the next one an expert takes with "claim next": place 1, and only
     * place 1, whatever the estimates say.
     */
    public boolean isNext() {
      return place == 1;
    }
  }
}
