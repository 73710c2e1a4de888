package io.peerwork.core;

/** Why a participant's seat was freed for absence ({@link Command.ReleaseSeat}). */
public enum SeatReleaseReason {
  /** They took the seat (e.g. with an invite link) and never connected. */
  NEVER_CONNECTED,
  /** They were connected, and their last connection closed and did not come back. */
  CONNECTION_LOST
}
