package io.peerwork.core.series;

import io.peerwork.core.Goal;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.Recap;
import io.peerwork.core.spi.TopicFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The recap message a participant gets after a session of a series: what they did, what carries
 * over, the next date. German ({@code du}) or English; the texts are in {@code
 * recap_de.properties} and {@code recap_en.properties} beside this class, for translators.
 */
public final class RecapMessages {
  private RecapMessages() {}

  /**
   * The message for one participant.
   *
   * @param email where it goes
   * @param language {@code de} or {@code en} (anything else gets English)
   * @param format the session's format, for its name
   * @param date the date the session was held
   * @param mine the participant's part of the session's recap
   * @param next the series' next date that takes place, if any
   */
  public static OutgoingMessage forParticipant(String email, String language, TopicFormat format, SeriesDate date,
      Recap.ParticipantRecap mine, Optional<SeriesDate> next) {
    String lang = "de".equalsIgnoreCase(language) ? "de" : "en";
    Locale locale = "de".equals(lang) ? Locale.forLanguageTag("de-AT") : Locale.UK;
    Properties t = texts(lang);
    String name = format.name().in(lang);
    String day = date.start().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    var body = new StringBuilder();
    body.append(fill(t, "greeting", mine.displayName())).append("\n\n");
    body.append(fill(t, "thanks", name, day)).append("\n\n");
    if (mine.goals().isEmpty()) {
      body.append(t.getProperty("none")).append("\n\n");
    }
    section(body, t.getProperty("done"), mine.goals(GoalStatus.DONE), "✓");
    section(body, t.getProperty("partly"), mine.goals(GoalStatus.PARTLY_DONE), "◐");
    section(body, t.getProperty("carried"), mine.goals(GoalStatus.CARRIED_OVER), "→");
    body.append(fill(t, "helps", String.valueOf(mine.helpsReceived()))).append('\n');
    if (mine.peerHelpsGiven() > 0) {
      body.append(fill(t, "peer-helps", String.valueOf(mine.peerHelpsGiven()))).append('\n');
    }
    body.append(fill(t, "focus", String.valueOf(mine.minutesInFocus()))).append("\n\n");
    body.append(next.map(n -> fill(t, "next", when(n.start(), locale))).orElse(t.getProperty("no-next")))
        .append("\n\n");
    body.append(t.getProperty("closing")).append('\n');
    return new OutgoingMessage(SeriesState.normalize(email), lang, fill(t, "subject", name, day), body.toString());
  }

  private static void section(StringBuilder body, String title, List<Goal> goals, String mark) {
    if (goals.isEmpty()) {
      return;
    }
    body.append(title).append(" (").append(goals.size()).append("):\n");
    for (Goal g : goals) {
      body.append("  ").append(mark).append(' ').append(g.text().replace('\n', ' ')).append('\n');
    }
    body.append('\n');
  }

  private static String when(ZonedDateTime start, Locale locale) {
    return start.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale))
        + " (" + start.getZone().getId() + ")";
  }

  private static String fill(Properties t, String key, Object... args) {
    return new MessageFormat(t.getProperty(key).replace("'", "''"), Locale.ROOT).format(args);
  }

  private static Properties texts(String lang) {
    var props = new Properties();
    try (InputStream in = RecapMessages.class.getResourceAsStream("recap_" + lang + ".properties")) {
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props;
  }
}
