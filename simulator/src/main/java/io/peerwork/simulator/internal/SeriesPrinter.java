package io.peerwork.simulator.internal;

import io.peerwork.core.series.BuddyCheck;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.series.SeriesStats;
import io.peerwork.core.series.WallPost;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a simulated series ({@link SeriesSimulation}) as plain text, in German or English: each
 * person's months as bars (routines on time, goals done, partly, carried over, helps received and
 * given), the series' dates as bars (attended, no-shows, goals done), the wall (wins, tips, cheers)
 * and the buddies of each month with their mid-month answers.
 */
public final class SeriesPrinter {
  private static final Map<String, String> DE = Map.ofEntries(
      Map.entry("title", "Simulierte Reihe"),
      Map.entry("summary", "%d Termine, %d Personen, Seed %d"),
      Map.entry("dates", "Termine"),
      Map.entry("months", "Verlauf je Person"),
      Map.entry("legend", "R = Routinen pünktlich, E = Ziele erledigt, T = teilweise, Ü = übertragen,"
          + " H = Hilfen erhalten, G = anderen geholfen"),
      Map.entry("series", "Die Reihe je Termin"),
      Map.entry("seriesLegend", "A = anwesend, N = nicht erschienen, E = Ziele erledigt"),
      Map.entry("wall", "Pinnwand"),
      Map.entry("wallSummary", "%d Beiträge: %d Erfolge, %d Tipps; %d Cheers"),
      Map.entry("kind.WIN", "Erfolg"),
      Map.entry("kind.TIP", "Tipp"),
      Map.entry("cheers", "%d Cheers"),
      Map.entry("buddies", "Buddies"),
      Map.entry("nobody", "niemand"),
      Map.entry("noAnswer", "keine Antwort"),
      Map.entry("mood.GOING_WELL", "läuft gut"),
      Map.entry("mood.STUCK", "hängt"),
      Map.entry("mood.DONE", "erledigt"),
      Map.entry("surprises", "Überraschungen der Engine"));
  private static final Map<String, String> EN = Map.ofEntries(
      Map.entry("title", "Simulated series"),
      Map.entry("summary", "%d dates, %d people, seed %d"),
      Map.entry("dates", "Dates"),
      Map.entry("months", "Each person's months"),
      Map.entry("legend", "R = routines on time, D = goals done, P = partly, C = carried over,"
          + " H = helps received, G = helps given"),
      Map.entry("series", "The series per date"),
      Map.entry("seriesLegend", "A = attended, N = no-shows, D = goals done"),
      Map.entry("wall", "Wall"),
      Map.entry("wallSummary", "%d posts: %d wins, %d tips; %d cheers"),
      Map.entry("kind.WIN", "Win"),
      Map.entry("kind.TIP", "Tip"),
      Map.entry("cheers", "%d cheers"),
      Map.entry("buddies", "Buddies"),
      Map.entry("nobody", "nobody"),
      Map.entry("noAnswer", "no answer"),
      Map.entry("mood.GOING_WELL", "going well"),
      Map.entry("mood.STUCK", "stuck"),
      Map.entry("mood.DONE", "done"),
      Map.entry("surprises", "Surprises of the engine"));

  private final String language;
  private final Map<String, String> texts;
  private final Locale locale;

  /** A printer in {@code language} ({@code de} or {@code en}). */
  public SeriesPrinter(String language) {
    this.language = language;
    this.texts = language.equals("de") ? DE : EN;
    this.locale = Locale.forLanguageTag(language);
  }

  private String t(String key, Object... args) {
    return String.format(locale, texts.get(key), args);
  }

  /** The text of {@code r}. */
  public String print(SeriesSimulation.Result r, long seed) {
    var out = new StringBuilder();
    SeriesState s = r.state();
    String title = s.plan().orElseThrow().title();
    out.append(t("title")).append(": ").append(title).append('\n');
    out.append(t("summary", r.dates().size(), r.people().size(), seed)).append('\n');
    DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    out.append(t("dates")).append(": ")
        .append(String.join(", ", r.dates().stream().map(day::format).toList())).append("\n\n");
    LocalDate today = r.dates().get(r.dates().size() - 1);

    // Each person's months: one line of bars per month.
    boolean de = language.equals("de");
    String[] letters = de ? new String[] {"R", "E", "T", "Ü", "H", "G"} : new String[] {"R", "D", "P", "C", "H", "G"};
    out.append(t("months")).append(" (").append(t("legend")).append(")\n");
    DateTimeFormatter month = DateTimeFormatter.ofPattern("LLL yyyy", locale);
    List<String> emails = emails(s, r);
    for (int i = 0; i < emails.size(); i++) {
      out.append("  ").append(r.people().get(i)).append('\n');
      for (SeriesStats.MemberMonth m : SeriesStats.months(s, emails.get(i), today)) {
        int[] values = {m.routinesOnTime(), m.goalsDone(), m.goalsPartly(), m.goalsCarriedOver(), m.helpsReceived(),
            m.helpsGiven()};
        out.append("    ").append(pad(month.format(m.month().atDay(1)), 9));
        for (int k = 0; k < values.length; k++) {
          out.append("  ").append(letters[k]).append(' ').append(pad(bar(values[k]) + " " + values[k], 7));
        }
        out.append('\n');
      }
    }

    // The series per date.
    out.append('\n').append(t("series")).append(" (").append(t("seriesLegend")).append(")\n");
    for (SeriesStats.DateFigures d : SeriesStats.dates(s, r.dates().get(0), today)) {
      out.append("  ").append(pad(day.format(d.date()), 12))
          .append("  A ").append(pad(bar(d.attended()) + " " + d.attended(), 14))
          .append("  N ").append(pad(bar(d.noShows()) + " " + d.noShows(), 6))
          .append("  ").append(de ? "E " : "D ").append(bar(d.goalsDone())).append(' ').append(d.goalsDone()).append('\n');
    }

    // The wall.
    List<WallPost> posts = s.wall();
    long wins = posts.stream().filter(p -> p.kind() == WallPost.Kind.WIN).count();
    int cheers = posts.stream().mapToInt(p -> p.cheers().size()).sum();
    out.append('\n').append(t("wall")).append(": ").append(t("wallSummary", posts.size(), wins, posts.size() - wins, cheers))
        .append('\n');
    posts.stream().sorted(Comparator.comparingInt((WallPost p) -> -p.cheers().size()).thenComparing(WallPost::id))
        .limit(8).forEach(p -> out.append("  [").append(t("kind." + p.kind())).append("] ")
            .append(name(r, emails, p.email())).append(": ").append(p.text())
            .append(" (").append(t("cheers", p.cheers().size())).append(")\n"));

    // Buddies per month, with their mid-month answers.
    out.append('\n').append(t("buddies")).append('\n');
    for (LocalDate key : r.dates()) {
      var pairs = new ArrayList<String>();
      var seen = new java.util.HashSet<String>();
      for (var pair : s.buddyPairs(key).entrySet()) {
        if (seen.add(pair.getKey()) && seen.add(pair.getValue())) {
          pairs.add(name(r, emails, pair.getKey()) + " (" + mood(s.buddyCheck(key, pair.getKey())) + ") & "
              + name(r, emails, pair.getValue()) + " (" + mood(s.buddyCheck(key, pair.getValue())) + ")");
        }
      }
      out.append("  ").append(pad(day.format(key), 12)).append("  ")
          .append(pairs.isEmpty() ? t("nobody") : String.join("; ", pairs)).append('\n');
    }
    if (!r.surprises().isEmpty()) {
      out.append('\n').append(t("surprises")).append('\n');
      r.surprises().forEach(x -> out.append("  ").append(x).append('\n'));
    }
    return out.toString();
  }

  private String mood(Optional<BuddyCheck> check) {
    return check.map(c -> t("mood." + c.how())).orElse(t("noAnswer"));
  }

  private static List<String> emails(SeriesState s, SeriesSimulation.Result r) {
    LocalDate first = r.dates().get(0);
    return s.registrations(first).stream().map(seat -> seat.email()).toList();
  }

  private static String name(SeriesSimulation.Result r, List<String> emails, String email) {
    int i = emails.indexOf(email);
    return i >= 0 && i < r.people().size() ? r.people().get(i) : email;
  }

  private static String bar(int n) {
    return "█".repeat(Math.min(n, 12));
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
