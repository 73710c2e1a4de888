package io.peerwork.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which invite link of a role is valid now: generation 0 at first, one more each time a host
 * replaces it ({@link Command.RevokeInvite}). An application derives the link's code from the
 * session, the role and the generation, so an old link stops working without storing codes.
 *
 * @param role whose link
 * @param generation 0 or more
 * @param since when this generation began; empty for generation 0 (since the session was planned)
 */
public record InviteGeneration(Role role, int generation, Optional<Instant> since) {
  /** Checks for nulls and the range. */
  public InviteGeneration {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(since, "since");
    if (generation < 0) {
      throw new IllegalArgumentException("generation must not be negative: " + generation);
    }
  }

  /** The first link of {@code role}. */
  public static InviteGeneration first(Role role) {
    return new InviteGeneration(role, 0, Optional.empty());
  }
}
