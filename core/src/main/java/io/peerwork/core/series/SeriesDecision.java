package io.peerwork.core.series;

import io.peerwork.core.Rejection;
import io.peerwork.core.RejectionCode;
import java.util.List;
import java.util.Objects;

/** The series engine's answer to a command: the events it causes, or a rejection. */
public sealed interface SeriesDecision {

  /** Whether the command was accepted. */
  boolean isAccepted();

  /** The events to append and apply; empty for a rejection. */
  List<SeriesEvent> events();

  /** Accepted; apply {@code events} in order. */
  record Accepted(List<SeriesEvent> events) implements SeriesDecision {
    public Accepted {
      events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    @Override
    public boolean isAccepted() {
      return true;
    }
  }

  /** Rejected; nothing changes. */
  record Rejected(Rejection rejection) implements SeriesDecision {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    static Rejected of(RejectionCode code, String message) {
      return new Rejected(new Rejection(code, message));
    }

    /** The rejection's code. */
    public RejectionCode code() {
      return rejection.code();
    }

    @Override
    public boolean isAccepted() {
      return false;
    }

    @Override
    public List<SeriesEvent> events() {
      return List.of();
    }
  }
}
