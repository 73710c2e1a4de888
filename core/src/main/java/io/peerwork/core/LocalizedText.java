package io.peerwork.core;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A text in several languages, keyed by ISO 639 language code ({@code de}, {@code en}, ...).
 *
 * <p>Every text carries German and English; other languages are optional. Immutable.
 *
 * @param byLanguage the texts by language code; must contain non-blank {@code de} and {@code en}
 */
public record LocalizedText(Map<String, String> byLanguage) {
  /** The language every text has and falls back to. */
  public static final String FALLBACK = "en";

  /** Copies the map and checks that German and English are present. */
  public LocalizedText {
    Objects.requireNonNull(byLanguage, "byLanguage");
    var copy = new TreeMap<String, String>();
    byLanguage.forEach(
        (lang, text) -> {
          Objects.requireNonNull(lang, "language");
          Objects.requireNonNull(text, "text for " + lang);
          if (text.isBlank()) {
            throw new IllegalArgumentException("text for '" + lang + "' is blank");
          }
          copy.put(lang.toLowerCase(Locale.ROOT), text.strip());
        });
    for (String required : new String[] {"de", "en"}) {
      if (!copy.containsKey(required)) {
        throw new IllegalArgumentException("text has no '" + required + "' version: " + copy);
      }
    }
    byLanguage = Map.copyOf(copy);
  }

  /** A text in German and English. */
  public static LocalizedText of(String de, String en) {
    return new LocalizedText(Map.of("de", de, "en", en));
  }

  /**
   * The same text in every language: for what a person writes in the room (an expert's resources),
   * which is shown as written, whatever language the reader's page is in.
   *
   * @throws IllegalArgumentException if {@code text} is blank
   */
  public static LocalizedText same(String text) {
    return of(text, text);
  }

  /** The text in {@code language} (a code such as {@code de}), or in English if there is none. */
  public String in(String language) {
    String text = byLanguage.get(language.toLowerCase(Locale.ROOT));
    return text != null ? text : byLanguage.get(FALLBACK);
  }

  /** The text in the locale's language, or in English if there is none. */
  public String in(Locale locale) {
    return in(locale.getLanguage());
  }

  /** The German text. */
  public String de() {
    return byLanguage.get("de");
  }

  /** The English text. */
  public String en() {
    return byLanguage.get("en");
  }
}
