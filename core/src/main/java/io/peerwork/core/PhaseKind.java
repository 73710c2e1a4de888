package io.peerwork.core;

/**
 * The kinds of phase an agenda is made of. Which phases a session has, in which order and for how
 * long, is the format's choice; the kinds themselves are core's.
 */
public enum PhaseKind {
  /** Doors open: people arrive, settle and say hello. */
  ARRIVAL,
  /** Everyone names what they will get done in the coming focus block(s). */
  GOAL_ROUND,
  /** Timed, quiet work on one's own goals; the expert answers help requests. */
  FOCUS_BLOCK,
  /** A pause between focus blocks. */
  BREAK,
  /** A short talk by the expert on a topic of the format. */
  EXPERT_INPUT,
  /** Everyone reports what got done; unfinished goals carry over. */
  CLOSING_ROUND;

  /** Whether goals are worked on (and minutes in focus counted) during this kind of phase. */
  public boolean isFocus() {
    return this == FOCUS_BLOCK;
  }
}
