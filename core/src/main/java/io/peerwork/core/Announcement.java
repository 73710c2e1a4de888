package io.peerwork.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A short message a host or an expert pinned at the top of the room ({@link
 * Command.PostAnnouncement}); a new one replaces it.
 *
 * @param text the message, 1 to 280 characters, line breaks allowed
 * @param audience who is shown it
 * @param by the host or expert who posted it
 * @param at when
 */
public record Announcement(String text, Audience audience, ParticipantId by, Instant at) {

  /** Who is shown an announcement. */
  public enum Audience {
    /** Everyone in the room. */
    EVERYONE,
    /** Only those with an open help request (and the staff). */
    WAITING
  }

  /** Checks for nulls. */
  public Announcement {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }

  /** Whether {@code who} is shown it in {@code state}: staff always, participants by audience. */
  public boolean shownTo(SessionState state, ParticipantId who) {
    if (audience == Audience.EVERYONE) {
      return true;
    }
    return state.member(who).map(m -> m.role() != Role.PARTICIPANT).orElse(false)
        || state.openRequestOf(who).isPresent();
  }
}
