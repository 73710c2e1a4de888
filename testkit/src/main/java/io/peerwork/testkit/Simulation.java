package io.peerwork.testkit;

import io.peerwork.core.Command;
import io.peerwork.core.Recap;
import io.peerwork.core.Rejection;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link SessionSimulator#run()}: the session as it ended, its recap, every
 * event, and how the engine answered the commands the simulator sent.
 *
 * <p>The simulator sends mostly valid commands, and a few invalid ones on purpose (a second raised
 * hand, a participant trying to run the agenda or pin an announcement, an expert taking the next
 * while the queue is paused, a hand raised too soon after a help, a goal after the end, ...) for
 * which it knows the rejection to expect. {@link #provoked()} lists those that were rejected as
 * expected; {@link #unexpected()} lists every surprise: a rejection of a command meant to be valid,
 * a rejection with another code than expected, or an invalid command that was accepted. A sound
 * engine and format give an empty {@link #unexpected()}.
 *
 * @param seed the seed the run was made from
 * @param state the session's final state
 * @param recap its recap
 * @param events every event, in order, as appended to the journal
 * @param provoked the deliberately invalid commands, rejected with the expected code
 * @param unexpected every surprise, in the order it happened; empty if none
 */
public record Simulation(
    long seed,
    SessionState state,
    Recap recap,
    List<SessionEvent> events,
    List<Incident> provoked,
    List<Incident> unexpected) {

  /** Checks for nulls and copies the lists. */
  public Simulation {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(recap, "recap");
    events = List.copyOf(Objects.requireNonNull(events, "events"));
    provoked = List.copyOf(Objects.requireNonNull(provoked, "provoked"));
    unexpected = List.copyOf(Objects.requireNonNull(unexpected, "unexpected"));
  }

  /** Whether the engine answered every command as the simulator expected. */
  public boolean asExpected() {
    return unexpected.isEmpty();
  }

  /**
   * A command and the engine's answer to it, where the answer was a rejection, or a rejection was
   * expected.
   *
   * @param at when the command was sent
   * @param command the command
   * @param expected the rejection code the simulator provoked on purpose; empty for a command meant
   *     to be valid
   * @param rejection the engine's rejection; empty if it accepted the command
   */
  public record Incident(Instant at, Command command, Optional<RejectionCode> expected, Optional<Rejection> rejection) {
    /** Checks for nulls. */
    public Incident {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(rejection, "rejection");
    }

    /** Whether the engine answered as expected. */
    public boolean asExpected() {
      return expected.equals(rejection.map(Rejection::code));
    }

    @Override
    public String toString() {
      return at + " " + command + ": expected "
          + expected.map(RejectionCode::name).orElse("acceptance") + ", got "
          + rejection.map(r -> r.code() + " (" + r.message() + ")").orElse("acceptance");
    }
  }
}
