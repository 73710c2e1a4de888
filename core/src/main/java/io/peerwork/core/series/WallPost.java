package io.peerwork.core.series;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One post on the wall of a series ({@link SeriesState#wall}): a win or a tip a person with a seat
 * shared after a date, with who cheered it. Posts are shared one by one by their author; nothing is
 * posted for anybody.
 *
 * @param id the engine's id for it, e.g. {@code p3}
 * @param kind a win or a tip
 * @param email the author's address
 * @param date the date (its key) it is about: one the author had a seat at
 * @param text what they wrote ({@link io.peerwork.core.TextRules.Field#GOAL})
 * @param taskId the task of the format it is about: always for a tip, for a win if its goal had one
 * @param at when it was shared
 * @param cheers the addresses of those who cheered it, each once
 * @param promoted whether the host made this tip a resource of its task
 */
public record WallPost(String id, Kind kind, String email, LocalDate date, String text, Optional<String> taskId,
    Instant at, Set<String> cheers, boolean promoted) {

  /** What a post is. */
  public enum Kind {
    /** Something the author got done: a goal they marked done at the date. */
    WIN,
    /** Advice for a task of the format, which the host may make a resource of that task. */
    TIP
  }

  /** Checks for nulls and copies the cheers. */
  public WallPost {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(at, "at");
    cheers = Set.copyOf(Objects.requireNonNull(cheers, "cheers"));
  }

  /** This post with one more cheer. */
  WallPost cheeredBy(String who) {
    var more = new java.util.HashSet<>(cheers);
    more.add(who);
    return new WallPost(id, kind, email, date, text, taskId, at, more, promoted);
  }

  /** This post, made a resource of its task. */
  WallPost asPromoted() {
    return new WallPost(id, kind, email, date, text, taskId, at, cheers, true);
  }
}
