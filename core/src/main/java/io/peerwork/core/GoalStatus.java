package io.peerwork.core;

/** How far a goal got. */
public enum GoalStatus {
  /** Declared, not yet reported on. */
  OPEN,
  /** Done. */
  DONE,
  /** Partly done. */
  PARTLY_DONE,
  /** Not done in this session; carried over to the next. */
  CARRIED_OVER
}
