package io.peerwork.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it: hand it to code that takes a clock, then
 * {@link #advance} or {@link #set} it to make time pass without waiting.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2026-03-03T08:00:00Z"));
 * LiveSession live = ...;
 * live.handle(new Command.StartSession(host), clock.instant());
 * clock.advance(Duration.ofMinutes(15));
 * live.handle(new Command.Tick(), clock.instant()); // the first phase has ended
 * }</pre>
 *
 * <p>The zone is fixed when the clock is made. {@link #withZone} gives a view in another zone that
 * shares this clock's time: moving one moves both. Safe to read and move from several threads.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock showing {@code start}, in UTC. */
  public static ManualClock at(Instant start) {
    return at(start, ZoneOffset.UTC);
  }

  /** A clock showing {@code start}, in {@code zone}. */
  public static ManualClock at(Instant start, ZoneId zone) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(zone, "zone");
    return new ManualClock(new AtomicReference<>(start), zone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in {@code newZone}; it shares the time, so moving either moves both. */
  @Override
  public ManualClock withZone(ZoneId newZone) {
    Objects.requireNonNull(newZone, "zone");
    return newZone.equals(zone) ? this : new ManualClock(now, newZone);
  }

  /**
   * Moves the clock forward by {@code amount}.
   *
   * @return the new instant
   * @throws IllegalArgumentException if {@code amount} is negative (use {@link #set} to step back)
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a clock advances by zero or more, not " + amount + "; use set() to step back");
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /** Moves the clock forward by {@code minutes} minutes; see {@link #advance(Duration)}. */
  public Instant advanceMinutes(long minutes) {
    return advance(Duration.ofMinutes(minutes));
  }

  /**
   * Sets the clock to {@code instant}, forward or back. Stepping back is allowed on purpose: real
   * clocks do it, and code under test should cope.
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + ", " + zone + "]";
  }
}
