package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.series.SeriesStats;
import io.peerwork.core.spi.TopicFormat;
import java.time.LocalDate;
import java.util.List;

/**
 * The figures of a series as JSON and CSV (see docs/api.md, "Series"), built by {@link
 * SeriesStats} from the immutable {@link SeriesState}: a person's months (figures, goals done,
 * routines kept) and the host's figures per date.
 */
final class StatsViews {
  /** How many months back the host's figures per date go ({@link #stats}). */
  static final int STATS_MONTHS_BACK = 12;

  private final ObjectMapper json;
  private final SeriesCalls calls;

  StatsViews(ObjectMapper json, SeriesCalls calls) {
    this.json = json;
    this.calls = calls;
  }

  /**
   * A person's months ({@link SeriesStats#months}) up to today: the figures of each month, the goals
   * done and the routines kept (with their titles), for the chart, the done-log and the CSV.
   */
  ObjectNode months(SeriesState s, String email) {
    String e = SeriesState.normalize(email);
    TopicFormat f = calls.format(s);
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    n.put("title", s.plan().orElseThrow().title());
    n.put("email", e);
    SeriesViews.lastSeat(s, e).ifPresent(seat -> n.put("name", seat.name()));
    ArrayNode months = n.putArray("months");
    for (SeriesStats.MemberMonth m : SeriesStats.months(s, e, calls.today(s))) {
      ObjectNode mn = months.addObject();
      mn.put("month", m.month().toString());
      mn.put("sessions", m.sessions());
      mn.put("attended", m.attended());
      mn.put("routinesDue", m.routinesDue());
      mn.put("routinesOnTime", m.routinesOnTime());
      mn.put("goalsDone", m.goalsDone());
      mn.put("goalsPartly", m.goalsPartly());
      mn.put("goalsCarriedOver", m.goalsCarriedOver());
      mn.put("helpsReceived", m.helpsReceived());
      mn.put("helpsGiven", m.helpsGiven());
      ArrayNode done = mn.putArray("done");
      for (SeriesStats.DoneGoal g : m.done()) {
        ObjectNode gn = done.addObject();
        gn.put("date", g.date().toString());
        gn.put("text", g.text());
        g.taskId().ifPresent(t -> gn.put("taskId", t));
      }
      ArrayNode kept = mn.putArray("routinesKept");
      for (String task : m.routinesKept()) {
        ObjectNode kn = kept.addObject();
        kn.put("taskId", task);
        f.task(task).ifPresent(t -> kn.set("title", json.valueToTree(t.title().byLanguage())));
      }
    }
    return n;
  }

  /** {@link #months} as CSV: one row per month; the goals done and routines kept joined by " | ". */
  String monthsCsv(SeriesState s, String email, String language) {
    TopicFormat f = calls.format(s);
    Csv csv = new Csv(List.of("month", "sessions", "attended", "routines_due", "routines_on_time", "goals_done",
        "goals_partly", "goals_carried_over", "helps_received", "helps_given", "done_goals", "routines_kept"));
    for (SeriesStats.MemberMonth m : SeriesStats.months(s, email, calls.today(s))) {
      csv.row(List.of(m.month(), m.sessions(), m.attended(), m.routinesDue(), m.routinesOnTime(), m.goalsDone(),
          m.goalsPartly(), m.goalsCarriedOver(), m.helpsReceived(), m.helpsGiven(),
          String.join(" | ", m.done().stream().map(SeriesStats.DoneGoal::text).toList()),
          String.join(" | ", m.routinesKept().stream().map(task -> f.task(task)
              .map(t -> "en".equals(language) ? t.title().en() : t.title().de()).orElse(task)).toList())));
    }
    return csv.text();
  }

  /**
   * The host's figures per date ({@link SeriesStats#dates}) from {@link #STATS_MONTHS_BACK} months
   * back to today.
   */
  ObjectNode stats(SeriesState s) {
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    n.put("title", s.plan().orElseThrow().title());
    ArrayNode dates = n.putArray("dates");
    LocalDate today = calls.today(s);
    for (SeriesStats.DateFigures d : SeriesStats.dates(s, today.minusMonths(STATS_MONTHS_BACK), today)) {
      ObjectNode dn = dates.addObject();
      dn.put("date", d.date().toString());
      d.cancelled().ifPresentOrElse(r -> dn.put("cancelled", r), () -> dn.putNull("cancelled"));
      dn.put("seated", d.seated());
      dn.put("attended", d.attended());
      dn.put("noShows", d.noShows());
      dn.put("waitlisted", d.waitlisted());
      dn.put("goalsSet", d.goalsSet());
      dn.put("goalsDone", d.goalsDone());
    }
    return n;
  }

  /** {@link #stats} as CSV: one row per date. */
  String statsCsv(SeriesState s) {
    Csv csv = new Csv(List.of("date", "cancelled", "seated", "attended", "no_shows", "waitlisted", "goals_set",
        "goals_done"));
    LocalDate today = calls.today(s);
    for (SeriesStats.DateFigures d : SeriesStats.dates(s, today.minusMonths(STATS_MONTHS_BACK), today)) {
      csv.row(List.of(d.date(), d.cancelled().orElse(""), d.seated(), d.attended(), d.noShows(), d.waitlisted(),
          d.goalsSet(), d.goalsDone()));
    }
    return csv.text();
  }
}
