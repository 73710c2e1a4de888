package io.peerwork.core;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a session is, as it is scheduled: which format, when, for how many and with which agenda.
 *
 * @param id the session's id
 * @param formatId the id of the {@link io.peerwork.core.spi.TopicFormat} it is a session of
 * @param title a title for people, 1 to 120 characters, e.g. "Social Media Kitchen, March"
 * @param plannedStart when the doors are planned to open
 * @param zone the time zone the session is held in (for display and calendars)
 * @param capacity how many people with role {@link Role#PARTICIPANT} may be present at once, 1 to
 *     {@value #MAX_CAPACITY}; experts and hosts do not take seats
 * @param agenda the phases the session runs through
 * @param queuePolicyId the id of the {@link io.peerwork.core.spi.QueuePolicy} that orders the help
 *     queue, e.g. {@code fcfs} or {@code fair}
 */
public record SessionPlan(
    SessionId id,
    String formatId,
    String title,
    Instant plannedStart,
    ZoneId zone,
    int capacity,
    Agenda agenda,
    String queuePolicyId) {

  /** A copy planned to start at {@code start}. */
  public SessionPlan withPlannedStart(Instant start) {
    return new SessionPlan(id, formatId, title, start, zone, capacity, agenda, queuePolicyId);
  }

  /** The most seats one session may have. */
  public static final int MAX_CAPACITY = 500;
  /** The longest title. */
  public static final int MAX_TITLE = 120;

  /** Validates every field. */
  public SessionPlan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(formatId, "formatId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(plannedStart, "plannedStart");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(agenda, "agenda");
    Objects.requireNonNull(queuePolicyId, "queuePolicyId");
    title = title.strip();
    if (title.isEmpty() || title.length() > MAX_TITLE) {
      throw new IllegalArgumentException("title must have 1 to " + MAX_TITLE + " characters");
    }
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("capacity must be within 1 and " + MAX_CAPACITY + ": " + capacity);
    }
    if (formatId.isBlank()) {
      throw new IllegalArgumentException("formatId must not be blank");
    }
    if (queuePolicyId.isBlank()) {
      throw new IllegalArgumentException("queuePolicyId must not be blank");
    }
  }
}
