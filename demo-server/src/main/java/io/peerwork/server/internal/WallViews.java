package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.Seat;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.series.WallPost;
import io.peerwork.core.spi.TopicFormat;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The JSON of a series' wall (see docs/api.md, "Series"), built from the immutable {@link
 * SeriesState}: the wall as a participant reads it, with the date they share about and the wins
 * suggested to them, and the host's wall with every post and its author's address.
 */
final class WallViews {
  private final ObjectMapper json;
  private final SeriesCalls calls;

  WallViews(ObjectMapper json, SeriesCalls calls) {
    this.json = json;
    this.calls = calls;
  }

  /**
   * The wall as {@code email} reads it ({@link SeriesState#wall(String)}): {@code member} (whether
   * they have a seat, and so read and share), the posts newest first, the date they share about
   * (their latest date with a seat that has started) with the wins suggested from the goals they
   * marked done, and the format's tasks a tip names. Authors are shown by name, never by address.
   */
  ObjectNode wall(SeriesState s, String email) {
    String e = SeriesState.normalize(email);
    TopicFormat f = calls.format(s);
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    n.put("member", s.isMember(e));
    ArrayNode posts = n.putArray("posts");
    for (WallPost p : s.wall(e)) {
      ObjectNode pn = post(s, f, p);
      pn.put("mine", p.email().equals(e));
      pn.put("cheered", p.cheers().contains(e));
      posts.add(pn);
    }
    if (s.isMember(e)) {
      Optional<LocalDate> shareDate = shareDate(s, e);
      shareDate.ifPresent(k -> n.put("shareDate", k.toString()));
      ArrayNode wins = n.putArray("suggestions");
      s.winSuggestions(e).filter(w -> shareDate.filter(w.getKey()::equals).isPresent())
          .ifPresent(w -> w.getValue().forEach(o -> {
            ObjectNode wn = wins.addObject();
            wn.put("text", o.text());
            o.taskId().ifPresent(t -> wn.put("taskId", t));
          }));
      SeriesViews.tasks(json, n.putArray("tasks"), f);
    }
    return n;
  }

  /** The latest date {@code email} had a seat at that has started (and was not cancelled): what they share about. */
  Optional<LocalDate> shareDate(SeriesState s, String email) {
    String e = SeriesState.normalize(email);
    return s.datesOf(e).stream()
        .filter(k -> s.registration(k, e).filter(seat -> seat.status() == Seat.Status.SEATED).isPresent())
        .filter(k -> s.date(k).map(d -> !d.isCancelled() && !calls.now().isBefore(d.start().toInstant()))
            .orElse(false))
        .reduce((a, b) -> b);
  }

  /** The host's wall: every post, newest first, with its author's name and address. */
  ObjectNode hostWall(SeriesState s) {
    TopicFormat f = calls.format(s);
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    ArrayNode posts = n.putArray("posts");
    for (WallPost p : s.wall()) {
      ObjectNode pn = post(s, f, p);
      pn.put("email", p.email());
      posts.add(pn);
    }
    return n;
  }

  /**
   * The wall as an expert of the series reads it to curate resources: its tips (each with its task),
   * newest first, by name, never by address; and the format's tasks.
   */
  ObjectNode expertWall(SeriesState s) {
    TopicFormat f = calls.format(s);
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    ArrayNode posts = n.putArray("posts");
    for (WallPost p : s.wall()) {
      if (p.kind() == WallPost.Kind.TIP) {
        posts.add(post(s, f, p));
      }
    }
    SeriesViews.tasks(json, n.putArray("tasks"), f);
    return n;
  }

  private ObjectNode post(SeriesState s, TopicFormat f, WallPost p) {
    ObjectNode pn = json.createObjectNode();
    pn.put("id", p.id());
    pn.put("kind", p.kind().name());
    pn.put("date", p.date().toString());
    pn.put("at", p.at().toString());
    pn.put("author", SeriesViews.lastSeat(s, p.email()).map(Seat::name).orElse(""));
    pn.put("text", p.text());
    p.taskId().ifPresent(t -> {
      pn.put("taskId", t);
      f.task(t).ifPresent(task -> pn.set("taskTitle", json.valueToTree(task.title().byLanguage())));
    });
    pn.put("cheers", p.cheers().size());
    pn.put("promoted", p.promoted());
    return pn;
  }
}
