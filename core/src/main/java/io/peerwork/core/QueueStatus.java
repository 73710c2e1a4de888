package io.peerwork.core;

/** Whether the help queue takes new requests and serves them ({@link Command.SetQueueState}). */
public enum QueueStatus {
  /** New hands go up and experts take them. */
  OPEN,
  /**
   * The experts are away for a while ("back in 10 minutes"): hands still go up and everyone keeps
   * their place, but nobody is taken until the queue opens again.
   */
  PAUSED,
  /** No new hands; those already waiting are still served. */
  CLOSED
}
