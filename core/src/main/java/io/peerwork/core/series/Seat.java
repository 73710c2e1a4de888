package io.peerwork.core.series;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One person's registration for one date.
 *
 * @param email their address, lower-case
 * @param name their name
 * @param language {@code de} or {@code en}
 * @param status seated, waitlisted or cancelled
 * @param registeredAt when they registered; the waitlist's order
 * @param checkedIn whether they arrived
 * @param noShow whether they were recorded as not coming
 * @param priceCents the price of the seat, if any
 * @param paid whether the organiser marked it paid
 */
public record Seat(String email, String name, String language, Status status, Instant registeredAt,
    boolean checkedIn, boolean noShow, Optional<Long> priceCents, boolean paid) {

  /** Where a registration stands. */
  public enum Status {
    /** Has a seat. */
    SEATED,
    /** Waits for a seat. */
    WAITLISTED,
    /** Gave it up. */
    CANCELLED
  }

  /** Checks for nulls. */
  public Seat {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(priceCents, "priceCents");
  }

  Seat with(Status s) {
    return new Seat(email, name, language, s, registeredAt, checkedIn, noShow, priceCents, paid);
  }

  Seat arrived() {
    return new Seat(email, name, language, status, registeredAt, true, false, priceCents, paid);
  }

  Seat missing() {
    return new Seat(email, name, language, status, registeredAt, false, true, priceCents, paid);
  }

  Seat withPaid(boolean p) {
    return new Seat(email, name, language, status, registeredAt, checkedIn, noShow, priceCents, p);
  }
}
