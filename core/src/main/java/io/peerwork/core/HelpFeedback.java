package io.peerwork.core;

/**
 * What a helped participant says of a finished help, with one tap ({@link Command.RateHelp}).
 * Beside the expert's {@link HelpOutcome}: it is the participant's own answer.
 */
public enum HelpFeedback {
  /** It is solved: I can go on alone. */
  SOLVED,
  /** Partly: some of it remains. */
  PARTLY,
  /** Not yet: it still does not work (the page offers to carry the goal over). */
  NOT_YET
}
