package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The series' message texts: in every language, with the same keys and placeholders, read as UTF-8. */
class SeriesMailsTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

  @Test
  void everyLanguageHasTheSameKeysAndNoEmptyText() {
    Properties de = SeriesMails.load("de");
    assertThat(de.stringPropertyNames()).isNotEmpty();
    for (String lang : SeriesMails.LANGUAGES) {
      Properties texts = SeriesMails.load(lang);
      assertThat(texts.stringPropertyNames()).as(lang).isEqualTo(de.stringPropertyNames());
      texts.stringPropertyNames().forEach(k -> assertThat(texts.getProperty(k)).as(lang + " " + k).isNotBlank());
    }
  }

  @Test
  void everyTextTheCodeAsksForExistsWithTheSamePlaceholdersInEveryLanguage() {
    for (SeriesMails.Text t : SeriesMails.Text.values()) {
      String german = SeriesMails.load("de").getProperty(t.key);
      assertThat(german).as("de " + t.key).isNotBlank();
      for (String lang : SeriesMails.LANGUAGES) {
        String text = SeriesMails.load(lang).getProperty(t.key);
        assertThat(text).as(lang + " " + t.key).isNotBlank();
        assertThat(placeholders(text)).as(lang + " " + t.key).isEqualTo(placeholders(german));
        String filled = SeriesMails.text(lang, t, "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7");
        assertThat(filled).as(lang + " " + t.key).doesNotContain("{").doesNotContain("  ");
      }
    }
  }

  @Test
  void textsAreReadAsUtf8AndApostrophesSurvive() {
    assertThat(SeriesMails.text("de", SeriesMails.Text.CONFIRMATION_SUBJECT, "Anna's Küche", "Di"))
        .isEqualTo("Bitte bestätigen: Anna's Küche, Di");
    assertThat(SeriesMails.text("de", SeriesMails.Text.PROMOTED_BODY, "Bea", "Küche", "Di", "L"))
        .contains("nachgerückt: Küche, Di.");
  }

  private static TreeSet<String> placeholders(String text) {
    var found = new TreeSet<String>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
