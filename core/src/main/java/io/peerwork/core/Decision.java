package io.peerwork.core;

import java.util.List;
import java.util.Objects;

/**
 * The engine's answer to a command: the events it causes, or a rejection.
 *
 * <p>An accepted command may cause no events at all (a {@link Command.Tick} before the deadline).
 */
public sealed interface Decision {

  /** Whether the command was accepted. */
  boolean isAccepted();

  /** The events to append and apply, in order; empty for a rejection. */
  List<SessionEvent> events();

  /** The command was accepted; apply {@code events} in order. */
  record Accepted(List<SessionEvent> events) implements Decision {
    public Accepted {
      events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    @Override
    public boolean isAccepted() {
      return true;
    }
  }

  /** The command was rejected; the session is unchanged. */
  record Rejected(Rejection rejection) implements Decision {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    /** Shorthand for a rejection with {@code code} and {@code message}. */
    public static Rejected of(RejectionCode code, String message) {
      return new Rejected(new Rejection(code, message));
    }

    @Override
    public boolean isAccepted() {
      return false;
    }

    @Override
    public List<SessionEvent> events() {
      return List.of();
    }

    /** The rejection's code. */
    public RejectionCode code() {
      return rejection.code();
    }
  }
}
