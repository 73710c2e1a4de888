package io.peerwork.core;

/** Where a session is in its life. */
public enum SessionStatus {
  /** Not yet scheduled: the state of a session id before its first event. */
  UNSCHEDULED,
  /** Planned, doors not yet open. */
  SCHEDULED,
  /** The lobby is open: people can join; the agenda has not started. */
  OPEN,
  /** The agenda runs: one phase is current. */
  RUNNING,
  /** Over; the recap is final. */
  ENDED,
  /** Called off before it ended. */
  CANCELLED;

  /** Whether the session is over, one way or the other. */
  public boolean isFinal() {
    return this == ENDED || this == CANCELLED;
  }
}
