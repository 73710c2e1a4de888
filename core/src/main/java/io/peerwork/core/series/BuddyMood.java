package io.peerwork.core.series;

/** How a person's month is going, as they tell their buddy in one tap ({@link SeriesCommand.BuddyCheckIn}). */
public enum BuddyMood {
  /** Going well. */
  GOING_WELL,
  /** Stuck: a word from the buddy would help. */
  STUCK,
  /** Done: what they set out to do this month is done. */
  DONE
}
