package io.peerwork.core.series;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.series.SeriesVerdicts.accept;
import static io.peerwork.core.series.SeriesVerdicts.reject;

import io.peerwork.core.series.SeriesCommand.BuddyCheckIn;
import io.peerwork.core.series.SeriesCommand.LeaveBuddy;
import io.peerwork.core.series.SeriesCommand.LookForBuddy;
import io.peerwork.core.series.SeriesCommand.PairBuddies;
import io.peerwork.core.series.SeriesCommand.RecordBuddyMail;
import io.peerwork.core.series.SeriesEvent.BuddiesPaired;
import io.peerwork.core.series.SeriesEvent.BuddyCheckedIn;
import io.peerwork.core.series.SeriesEvent.BuddyLeft;
import io.peerwork.core.series.SeriesEvent.BuddyMailSent;
import io.peerwork.core.series.SeriesEvent.LookingForBuddy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Buddies of a date: looking for one, pairing, leaving, checking in with one's buddy, and the buddy
 * mail sent once. {@link SeriesEngine} has checked that the series and the date exist and that the
 * date is not cancelled.
 */
final class BuddyDecider {
  private BuddyDecider() {}

  /** A seated person without a buddy looks for one; saying it again records nothing. */
  static SeriesDecision lookFor(SeriesState s, LookForBuddy cmd, Instant at) {
    LocalDate key = cmd.date();
    String email = SeriesState.normalize(cmd.email());
    SeriesDecision refused = requireSeated(s, key, email);
    if (refused != null) {
      return refused;
    }
    if (s.buddy(key, email).isPresent()) {
      return reject(ALREADY_PAIRED, email + " has a buddy for " + key);
    }
    return s.isLookingForBuddy(key, email) ? accept() : accept(new LookingForBuddy(at, key, email));
  }

  /** A seated person pairs with another who looks for a buddy; pairing again with one's buddy records nothing. */
  static SeriesDecision pair(SeriesState s, PairBuddies cmd, Instant at) {
    LocalDate key = cmd.date();
    String email = SeriesState.normalize(cmd.email());
    SeriesDecision refused = requireSeated(s, key, email);
    if (refused != null) {
      return refused;
    }
    String other = SeriesState.normalize(cmd.other());
    if (other.equals(email)) {
      return reject(CANNOT_PAIR_WITH_SELF, email + " cannot be their own buddy");
    }
    Optional<String> mine = s.buddy(key, email);
    if (mine.filter(other::equals).isPresent()) {
      return accept();
    }
    if (mine.isPresent()) {
      return reject(ALREADY_PAIRED, email + " has a buddy for " + key);
    }
    if (s.buddy(key, other).isPresent()) {
      return reject(ALREADY_PAIRED, other + " has a buddy for " + key);
    }
    if (!s.isLookingForBuddy(key, other)) {
      return reject(BUDDY_NOT_LOOKING, other + " is not looking for a buddy at " + key);
    }
    return accept(new BuddiesPaired(at, key, email, other));
  }

  /** Ends a pair or a search; with neither, records nothing. */
  static SeriesDecision leave(SeriesState s, LeaveBuddy cmd, Instant at) {
    LocalDate key = cmd.date();
    String email = SeriesState.normalize(cmd.email());
    return s.buddy(key, email).isPresent() || s.isLookingForBuddy(key, email)
        ? accept(new BuddyLeft(at, key, email)) : accept();
  }

  /** A person with a buddy says how it went. */
  static SeriesDecision checkIn(SeriesState s, BuddyCheckIn cmd, Instant at) {
    LocalDate key = cmd.date();
    String email = SeriesState.normalize(cmd.email());
    if (s.buddy(key, email).isEmpty()) {
      return reject(NO_BUDDY, email + " has no buddy for " + key);
    }
    return accept(new BuddyCheckedIn(at, key, email, cmd.how()));
  }

  /** The buddy mail to a person with a buddy went out; recording it again records nothing. */
  static SeriesDecision recordMail(SeriesState s, RecordBuddyMail cmd, Instant at) {
    LocalDate key = cmd.date();
    String email = SeriesState.normalize(cmd.email());
    if (s.buddy(key, email).isEmpty()) {
      return reject(NO_BUDDY, email + " has no buddy for " + key);
    }
    return s.buddyMailSent(key, email) ? accept() : accept(new BuddyMailSent(at, key, email));
  }

  /** Null if {@code email} has a seat (not a waitlist place) at {@code key}; else the rejection. */
  private static SeriesDecision requireSeated(SeriesState s, LocalDate key, String email) {
    Optional<Seat> seat = s.registration(key, email);
    if (seat.isEmpty()) {
      return reject(NOT_REGISTERED, email + " is not registered for " + key);
    }
    if (seat.get().status() != Seat.Status.SEATED) {
      return reject(NOT_SEATED, email + " is on the waitlist for " + key);
    }
    return null;
  }
}
