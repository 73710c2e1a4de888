package io.peerwork.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who has joined a session, present or not.
 *
 * @param id who
 * @param displayName the name others see (the latest one given on joining)
 * @param role what they may do; fixed for the session
 * @param presentSince when they (re)joined, if present now
 * @param earlierVisits the spans they were present before, oldest first
 */
public record Member(
    ParticipantId id,
    String displayName,
    Role role,
    Optional<Instant> presentSince,
    List<Span> earlierVisits) {

  /** Checks for nulls and copies the list. */
  public Member {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(presentSince, "presentSince");
    earlierVisits = List.copyOf(Objects.requireNonNull(earlierVisits, "earlierVisits"));
  }

  /** Whether they are in the room now. */
  public boolean isPresent() {
    return presentSince.isPresent();
  }

  /** Every span of presence, the current one ending at {@code asOf}. */
  public List<Span> visits(Instant asOf) {
    if (presentSince.isEmpty()) {
      return earlierVisits;
    }
    var all = new ArrayList<>(earlierVisits);
    Instant from = presentSince.get();
    all.add(new Span(from, asOf.isBefore(from) ? from : asOf));
    return List.copyOf(all);
  }

  Member joined(String name, Instant at) {
    return new Member(id, name, role, Optional.of(at), earlierVisits);
  }

  Member left(Instant at) {
    var visits = new ArrayList<>(earlierVisits);
    visits.add(new Span(presentSince.orElse(at), at));
    return new Member(id, displayName, role, Optional.empty(), visits);
  }

  /**
   * A span of time, start inclusive, end exclusive.
   *
   * @param from start
   * @param to end, not before {@code from}
   */
  public record Span(Instant from, Instant to) {
    /** Checks the order. */
    public Span {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("span ends before it starts: " + from + " > " + to);
      }
    }

    /** The length of the span. */
    public Duration length() {
      return Duration.between(from, to);
    }

    /** The length of the overlap with {@code other}, zero if none. */
    public Duration overlap(Span other) {
      Instant start = from.isAfter(other.from) ? from : other.from;
      Instant end = to.isBefore(other.to) ? to : other.to;
      return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }
  }
}
