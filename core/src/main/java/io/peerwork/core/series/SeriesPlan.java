package io.peerwork.core.series;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A series of sessions of one format: when, where, for how many, with which experts.
 *
 * @param id the series' id
 * @param formatId the topic format of every session
 * @param title for people, 1 to 120 characters, e.g. "Social Media Kitchen Wien"
 * @param recurrence when it meets, in local time of {@code zone}
 * @param zone the time zone, e.g. Europe/Vienna
 * @param capacity seats per session, 1 to 500
 * @param experts the experts' names, for announcements; may be empty
 * @param place where it meets
 * @param retentionMonths how long the free texts of a date (goals, help notes, announcements, the
 *     outcomes' goal texts) are kept after it, 1 to 120 months; 0 means the default, {@value
 *     #DEFAULT_RETENTION_MONTHS} (a plan stored before retention existed reads as 0)
 */
public record SeriesPlan(
    SeriesId id,
    String formatId,
    String title,
    Recurrence recurrence,
    ZoneId zone,
    int capacity,
    List<String> experts,
    Place place,
    int retentionMonths) {

  /** How long free texts are kept when a plan names no retention. */
  public static final int DEFAULT_RETENTION_MONTHS = 12;
  /** The longest retention a plan may name. */
  public static final int MAX_RETENTION_MONTHS = 120;

  /** A plan with the default retention ({@value #DEFAULT_RETENTION_MONTHS} months). */
  public SeriesPlan(SeriesId id, String formatId, String title, Recurrence recurrence, ZoneId zone, int capacity,
      List<String> experts, Place place) {
    this(id, formatId, title, recurrence, zone, capacity, experts, place, DEFAULT_RETENTION_MONTHS);
  }

  /** Validates the fields. */
  public SeriesPlan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(formatId, "formatId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(recurrence, "recurrence");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(place, "place");
    experts = List.copyOf(Objects.requireNonNull(experts, "experts"));
    title = title.strip();
    if (title.isEmpty() || title.length() > 120) {
      throw new IllegalArgumentException("title must have 1 to 120 characters");
    }
    if (capacity < 1 || capacity > 500) {
      throw new IllegalArgumentException("capacity must be 1 to 500: " + capacity);
    }
    if (retentionMonths == 0) {
      retentionMonths = DEFAULT_RETENTION_MONTHS;
    }
    if (retentionMonths < 1 || retentionMonths > MAX_RETENTION_MONTHS) {
      throw new IllegalArgumentException("retention must be 1 to " + MAX_RETENTION_MONTHS + " months: "
          + retentionMonths);
    }
  }

  /**
   * The first date whose free texts are still kept on {@code today}: texts of earlier dates are
   * erased ({@link io.peerwork.core.Erasure#expired}).
   */
  public java.time.LocalDate keepsTextsFrom(java.time.LocalDate today) {
    return today.minusMonths(retentionMonths);
  }
}
