package io.peerwork.testkit.internal;

import java.util.List;
import java.util.Random;

/**
 * The words simulated people use: names, free-text goals, help notes, "me too" notes, announcements
 * and reasons for pausing the queue, in German and English.
 */
final class Phrases {
  private Phrases() {}

  private static final List<String> NAMES = List.of(
      "Anna", "Bernhard", "Clara", "Dominik", "Elif", "Florian", "Gül", "Hannes", "Irene", "Jakob",
      "Katharina", "Lukas", "Magdalena", "Nikola", "Olga", "Paul", "Resi", "Stefan", "Theresa", "Valentin",
      "Wanda", "Xaver", "Yasemin", "Zoran");

  private static final List<String> EXPERTS = List.of("Sabine", "Mehmet", "Johanna", "Markus", "Ines");

  private static final List<String> FREE_DE = List.of(
      "Angebot für die Anfrage von letzter Woche fertig schreiben",
      "Newsletter-Entwurf für den Frühling beginnen",
      "E-Mail-Postfach auf null bringen",
      "Preisliste für das neue Paket entwerfen",
      "Texte für den Messestand vorbereiten",
      "Kundenfeedback der letzten Aufträge sammeln",
      "Ablage der letzten zwei Monate sortieren",
      "Termine für das nächste Quartal eintragen");

  private static final List<String> FREE_EN = List.of(
      "Finish the quote for last week's enquiry",
      "Start the spring newsletter draft",
      "Get the inbox down to zero",
      "Draft the price list for the new package",
      "Prepare the texts for the trade fair stand",
      "Collect feedback from recent clients",
      "Sort the filing of the last two months",
      "Put next quarter's dates in the calendar");

  private static final List<String> NOTES_DE = List.of(
      "Ich komme hier nicht weiter, kannst du kurz draufschauen?",
      "Kurze Frage, dauert sicher nur fünf Minuten.",
      "Ich weiß nicht, welche Variante besser ist.",
      "Das Tool macht nicht, was ich will.",
      "Ist das so überhaupt erlaubt?");

  private static final List<String> NOTES_EN = List.of(
      "I'm stuck here, could you have a quick look?",
      "Quick question, five minutes at most.",
      "I can't decide which option is better.",
      "The tool doesn't do what I want.",
      "Is this even allowed?");

  private static final List<String> ME_TOO_DE = List.of(
      "Geht mir genauso!",
      "Die gleiche Frage habe ich auch.",
      "Ich hänge an derselben Stelle.");

  private static final List<String> ME_TOO_EN = List.of(
      "Same here!",
      "I have the same question.",
      "I'm stuck at the same point.");

  static String meToo(Random rnd, String lang) {
    List<String> pool = lang.equals("de") ? ME_TOO_DE : ME_TOO_EN;
    return pool.get(rnd.nextInt(pool.size()));
  }

  /** The host's welcome, pinned for everyone when the agenda starts. */
  static String welcome(String expertName, String lang) {
    return lang.equals("de")
        ? "Willkommen! " + expertName + " hilft heute am Tisch beim Fenster. Hand heben über die Warteschlange, "
            + "„ich auch“ drücken, wenn jemand schon deine Frage hat."
        : "Welcome! " + expertName + " helps at the table by the window today. Raise your hand in the queue, "
            + "and press \"me too\" if someone has asked your question already.";
  }

  /** An expert's reason for pausing the queue for {@code minutes}. */
  static String pauseReason(int minutes, String lang) {
    return lang.equals("de")
        ? "Kurze Pause, in " + minutes + " Minuten geht es weiter."
        : "Short break, back in " + minutes + " minutes.";
  }

  /** An expert's note to those waiting while the queue is paused. */
  static String pauseNotice(String lang) {
    return lang.equals("de")
        ? "Die Warteschlange ist kurz pausiert; alle behalten ihren Platz."
        : "The queue is paused for a moment; everyone keeps their place.";
  }

  static String participantName(int i) {
    String n = NAMES.get((i - 1) % NAMES.size());
    int round = (i - 1) / NAMES.size();
    return round == 0 ? n : n + " " + (round + 1);
  }

  static String expertName(int i, String lang) {
    String n = EXPERTS.get((i - 1) % EXPERTS.size());
    int round = (i - 1) / EXPERTS.size();
    return (lang.equals("de") ? "Expertin " : "Expert ") + n + (round == 0 ? "" : " " + (round + 1));
  }

  static String hostName(String lang) {
    return lang.equals("de") ? "Gastgeberin Maria" : "Host Maria";
  }

  static String title(String formatName, String lang) {
    return clip(formatName, 100) + (lang.equals("de") ? ", Simulation" : ", simulated");
  }

  static String freeGoal(Random rnd, String lang) {
    List<String> pool = lang.equals("de") ? FREE_DE : FREE_EN;
    return pool.get(rnd.nextInt(pool.size()));
  }

  static String note(Random rnd, String lang) {
    List<String> pool = lang.equals("de") ? NOTES_DE : NOTES_EN;
    return pool.get(rnd.nextInt(pool.size()));
  }

  /** {@code text} cut to at most {@code max} code points. */
  static String clip(String text, int max) {
    String s = text.strip();
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)).strip() + "…";
  }
}
