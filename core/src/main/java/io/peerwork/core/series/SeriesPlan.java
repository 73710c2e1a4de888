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
 */
public record SeriesPlan(
    SeriesId id,
    String formatId,
    String title,
    Recurrence recurrence,
    ZoneId zone,
    int capacity,
    List<String> experts,
    Place place) {

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
  }
}
