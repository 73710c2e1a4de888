package io.peerwork.simulator.internal;

import io.peerwork.core.Goal;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.QueueStatus;
import io.peerwork.core.Recap;
import io.peerwork.core.Recap.ParticipantRecap;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes a simulation's recap as plain text, in German or English. */
public final class RecapPrinter {
  private static final Map<String, String> DE = Map.ofEntries(
      Map.entry("simulated", "Simulierte Sitzung"),
      Map.entry("seed", "Seed"),
      Map.entry("when", "Zeit"),
      Map.entry("status.ENDED", "beendet"),
      Map.entry("status.CANCELLED", "abgesagt"),
      Map.entry("participants", "Teilnehmende"),
      Map.entry("col.name", "Name"),
      Map.entry("col.done", "Erledigt"),
      Map.entry("col.partly", "Teilweise"),
      Map.entry("col.carried", "Übertragen"),
      Map.entry("col.helps", "Hilfen"),
      Map.entry("col.focus", "Min. im Fokus"),
      Map.entry("col.peer", "Anderen geholfen"),
      Map.entry("goals", "Ziele"),
      Map.entry("goal.DONE", "erledigt"),
      Map.entry("goal.PARTLY_DONE", "teilweise"),
      Map.entry("goal.CARRIED_OVER", "übertragen"),
      Map.entry("goal.OPEN", "offen"),
      Map.entry("session", "Sitzung"),
      Map.entry("attendance", "Anwesenheit"),
      Map.entry("attendance.value", "Teilnehmende %d, Expert:innen %d, Gastgeber:innen %d"),
      Map.entry("requests", "Hilfeanfragen"),
      Map.entry("requests.value", "%d gestellt, %d abgeschlossen"),
      Map.entry("wait", "Median Wartezeit"),
      Map.entry("helptime", "Median Hilfedauer"),
      Map.entry("timebox", "Über der Zeitbox"),
      Map.entry("timebox.value", "%d von %d Hilfen"),
      Map.entry("holds", "Zurückgestellt"),
      Map.entry("holds.value", "%s, zum Ausprobieren"),
      Map.entry("groups", "Gruppenhilfen"),
      Map.entry("groups.value", "%d, zusammen für %d Personen"),
      Map.entry("peers", "Peer-Hilfen"),
      Map.entry("peers.value", "%d der %d abgeschlossenen Hilfen (Helfende: %d)"),
      Map.entry("feedback", "Rückmeldungen"),
      Map.entry("feedback.value", "%d gelöst, %d teilweise, %d noch nicht"),
      Map.entry("paused", "Warteschlange pausiert"),
      Map.entry("times.zero", "nie"),
      Map.entry("times.one", "1 Mal"),
      Map.entry("times.other", "%d Mal"),
      Map.entry("none", "keine"),
      Map.entry("min", "Min."),
      Map.entry("check", "Engine-Prüfung"),
      Map.entry("check.ok", "%d absichtlich ungültige Befehle wie erwartet abgelehnt, keine Überraschungen"),
      Map.entry("check.bad", "%d Überraschungen:"));

  private static final Map<String, String> EN = Map.ofEntries(
      Map.entry("simulated", "Simulated session"),
      Map.entry("seed", "seed"),
      Map.entry("when", "Time"),
      Map.entry("status.ENDED", "ended"),
      Map.entry("status.CANCELLED", "cancelled"),
      Map.entry("participants", "Participants"),
      Map.entry("col.name", "Name"),
      Map.entry("col.done", "Done"),
      Map.entry("col.partly", "Partly"),
      Map.entry("col.carried", "Carried over"),
      Map.entry("col.helps", "Helps"),
      Map.entry("col.focus", "Min. in focus"),
      Map.entry("col.peer", "Helped others"),
      Map.entry("goals", "Goals"),
      Map.entry("goal.DONE", "done"),
      Map.entry("goal.PARTLY_DONE", "partly"),
      Map.entry("goal.CARRIED_OVER", "carried over"),
      Map.entry("goal.OPEN", "open"),
      Map.entry("session", "Session"),
      Map.entry("attendance", "Attendance"),
      Map.entry("attendance.value", "participants %d, experts %d, hosts %d"),
      Map.entry("requests", "Help requests"),
      Map.entry("requests.value", "%d raised, %d finished"),
      Map.entry("wait", "Median wait"),
      Map.entry("helptime", "Median help time"),
      Map.entry("timebox", "Over the time-box"),
      Map.entry("timebox.value", "%d of %d helps"),
      Map.entry("holds", "On hold"),
      Map.entry("holds.value", "%s, to try something out"),
      Map.entry("groups", "Group helps"),
      Map.entry("groups.value", "%d, for %d people together"),
      Map.entry("peers", "Peer helps"),
      Map.entry("peers.value", "%d of %d finished helps (helpers: %d)"),
      Map.entry("feedback", "After-help answers"),
      Map.entry("feedback.value", "%d solved, %d partly, %d not yet"),
      Map.entry("paused", "Queue paused"),
      Map.entry("times.zero", "never"),
      Map.entry("times.one", "once"),
      Map.entry("times.other", "%d times"),
      Map.entry("none", "none"),
      Map.entry("min", "min"),
      Map.entry("check", "Engine check"),
      Map.entry("check.ok", "%d deliberately invalid commands rejected as expected, no surprises"),
      Map.entry("check.bad", "%d surprises:"));

  private final String lang;
  private final Map<String, String> labels;
  private final Locale locale;

  /** A printer for {@code lang}, {@code de} or {@code en}. */
  public RecapPrinter(String lang) {
    this.lang = lang;
    this.labels = lang.equals("de") ? DE : EN;
    this.locale = lang.equals("de") ? Locale.forLanguageTag("de-AT") : Locale.forLanguageTag("en-GB");
  }

  /** The recap of {@code sim}, a session of {@code format}, as text. */
  public String print(TopicFormat format, Simulation sim) {
    Recap recap = sim.recap();
    SessionPlan plan = sim.state().requirePlan();
    var sb = new StringBuilder();
    String heading = recap.title();
    sb.append(heading).append('\n').append("=".repeat(heading.length())).append('\n');
    sb.append(label("simulated")).append(": ").append(format.name().in(lang)).append(" (").append(format.id())
        .append("), ").append(label("seed")).append(' ').append(sim.seed()).append('\n');
    sb.append(label("when")).append(": ").append(when(recap, plan)).append(", ")
        .append(label("status." + recap.status().name())).append("\n\n");

    sb.append(label("participants")).append('\n');
    int nameWidth = Math.max(label("col.name").length(),
        recap.participants().stream().mapToInt(p -> p.displayName().length()).max().orElse(0));
    String[] cols = {label("col.done"), label("col.partly"), label("col.carried"), label("col.helps"), label("col.focus"),
        label("col.peer")};
    sb.append("  ").append(pad(label("col.name"), nameWidth));
    for (String c : cols) {
      sb.append("  ").append(c);
    }
    sb.append('\n');
    for (ParticipantRecap p : recap.participants()) {
      sb.append("  ").append(pad(p.displayName(), nameWidth));
      long[] values = {p.done(), p.partlyDone(), p.carriedOver(), p.helpsReceived(), p.minutesInFocus(),
          p.peerHelpsGiven()};
      for (int i = 0; i < cols.length; i++) {
        sb.append("  ").append(leftPad(Long.toString(values[i]), cols[i].length()));
      }
      sb.append('\n');
    }
    sb.append('\n').append(label("goals")).append('\n');
    for (ParticipantRecap p : recap.participants()) {
      sb.append("  ").append(p.displayName()).append('\n');
      for (Goal g : p.goals()) {
        sb.append("    [").append(label("goal." + g.status().name())).append("] ").append(g.text().replace('\n', ' '))
            .append('\n');
      }
    }

    sb.append('\n').append(label("session")).append('\n');
    var rows = new java.util.LinkedHashMap<String, String>();
    rows.put(label("attendance"), String.format(label("attendance.value"), recap.attendance().participants(),
        recap.attendance().experts(), recap.attendance().hosts()));
    rows.put(label("requests"), String.format(label("requests.value"), recap.helpRequests(), recap.helpsFinished()));
    rows.put(label("wait"), minutes(recap.medianWait()));
    rows.put(label("helptime"), minutes(recap.medianHelpTime()));
    helpRows(format, sim, rows);
    int w = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
    rows.forEach((k, v) -> sb.append("  ").append(pad(k + ":", w + 1)).append(' ').append(v).append('\n'));

    sb.append('\n').append(label("check")).append(": ");
    if (sim.asExpected()) {
      sb.append(String.format(label("check.ok"), sim.provoked().size())).append('\n');
    } else {
      sb.append(String.format(label("check.bad"), sim.unexpected().size())).append('\n');
      sim.unexpected().forEach(i -> sb.append("  - ").append(i).append('\n'));
    }
    return sb.toString();
  }

  /** Time-boxes, holds, group and peer helps, answers after helps, pauses of the queue. */
  private void helpRows(TopicFormat format, Simulation sim, Map<String, String> rows) {
    Recap recap = sim.recap();
    int boxed = 0;
    int over = 0;
    for (Recap.Help h : recap.helps()) {
      Optional<Duration> box = format.helpTimeBox(h.topicId());
      if (box.isPresent()) {
        boxed++;
        over += h.length().compareTo(box.get()) > 0 ? 1 : 0;
      }
    }
    if (boxed > 0) {
      rows.put(label("timebox"), String.format(label("timebox.value"), over, boxed));
    }
    rows.put(label("holds"), recap.holds() == 0
        ? label("none")
        : String.format(label("holds.value"), times(recap.holds())));
    int together = recap.helps().stream().filter(h -> h.helped().size() > 1).mapToInt(h -> h.helped().size()).sum();
    rows.put(label("groups"), recap.groupHelps() == 0
        ? label("none")
        : String.format(label("groups.value"), recap.groupHelps(), together));
    long helpers = recap.helps().stream().filter(Recap.Help::byPeer).map(Recap.Help::helper).distinct().count();
    rows.put(label("peers"), recap.peerHelps() == 0
        ? label("none")
        : String.format(label("peers.value"), recap.peerHelps(), recap.helpsFinished(), helpers));
    Recap.Feedback f = recap.feedback();
    rows.put(label("feedback"), f.solved() + f.partly() + f.notYet() == 0
        ? label("none")
        : String.format(label("feedback.value"), f.solved(), f.partly(), f.notYet()));
    long pauses = sim.events().stream()
        .filter(e -> e instanceof SessionEvent.QueueStateSet q && q.status() == QueueStatus.PAUSED).count();
    rows.put(label("paused"), times((int) pauses));
  }

  /** "never", "once", "3 times"; "nie", "1 Mal", "3 Mal". */
  private String times(int n) {
    return n == 0 ? label("times.zero") : n == 1 ? label("times.one") : String.format(label("times.other"), n);
  }

  private String when(Recap recap, SessionPlan plan) {
    DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale);
    Instant start = recap.startedAt().orElse(plan.plannedStart());
    ZonedDateTime from = start.atZone(plan.zone());
    String text = date.format(from) + ", " + time.format(from);
    if (recap.endedAt().isPresent()) {
      text += "–" + time.format(recap.endedAt().get().atZone(plan.zone()));
    }
    return text + " (" + plan.zone().getId() + ")";
  }

  /** Whole minutes, and seconds if there are any: "7 min", "7 min 30 s". */
  private String minutes(Optional<Duration> d) {
    if (d.isEmpty()) {
      return label("none");
    }
    Duration v = d.get();
    String s = v.toMinutes() + " " + label("min");
    return v.toSecondsPart() == 0 ? s : s + " " + v.toSecondsPart() + " s";
  }

  private String label(String key) {
    return labels.get(key);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String leftPad(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
