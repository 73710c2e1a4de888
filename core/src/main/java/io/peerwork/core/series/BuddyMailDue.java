package io.peerwork.core.series;

import java.time.Instant;
import java.util.Objects;

/**
 * A mid-month buddy mail that is due ({@link SeriesState#buddyMailsDue}): {@code email} and {@code
 * buddy} paired at {@code date}, half the time to the next date has passed, and {@code email} was
 * not sent one yet.
 *
 * @param date the date the pair belongs to
 * @param email who gets the mail
 * @param buddy their buddy
 * @param nextDate when the series' next date starts (the pair's month ends)
 */
public record BuddyMailDue(java.time.LocalDate date, String email, String buddy, Instant nextDate) {
  public BuddyMailDue {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(buddy, "buddy");
    Objects.requireNonNull(nextDate, "nextDate");
  }
}
