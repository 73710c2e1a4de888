package io.peerwork.core.series;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest one-tap check-in of a person with a buddy ({@link SeriesCommand.BuddyCheckIn}).
 *
 * @param how how their month is going
 * @param at when they said it
 */
public record BuddyCheck(BuddyMood how, Instant at) {
  public BuddyCheck {
    Objects.requireNonNull(how, "how");
    Objects.requireNonNull(at, "at");
  }
}
