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
 * @param membersBefore how many members with {@code role} the session had when this generation
 *     began: those who joined since are {@code members - membersBefore}, as an application counts
 *     how many one link admitted
 */
public record InviteGeneration(Role role, int generation, Optional<Instant> since, int membersBefore) {
  /** Checks for nulls and the range. */
  public InviteGeneration {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(since, "since");
    if (generation < 0 || membersBefore < 0) {
      throw new IllegalArgumentException("generation and membersBefore must not be negative: " + generation + ", "
          + membersBefore);
    }
  }

  /** The first link of {@code role}. */
  public static InviteGeneration first(Role role) {
    return new InviteGeneration(role, 0, Optional.empty(), 0);
  }
}
