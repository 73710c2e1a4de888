package io.peerwork.core;

/** What a person may do in a session. A person keeps one role for the whole session. */
public enum Role {
  /** Works on their own goals and may ask for help. */
  PARTICIPANT,
  /** Answers help requests: claims them from the queue and finishes them. */
  EXPERT,
  /** Runs the agenda: opens, starts, advances, extends and ends the session. */
  HOST
}
