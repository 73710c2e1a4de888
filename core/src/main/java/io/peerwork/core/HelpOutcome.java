package io.peerwork.core;

/** How a help request ended, as the expert reports it. */
public enum HelpOutcome {
  /** The question is answered; the participant can go on alone. */
  SOLVED,
  /** Part of it is answered; some remains. */
  PARTLY_SOLVED,
  /** It needs more than the session allows: a follow-up, a specialist, another session. */
  FOLLOW_UP
}
