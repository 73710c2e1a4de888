package io.peerwork.server.internal;

import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.core.series.Seat;
import io.peerwork.core.series.SeriesDate;
import io.peerwork.core.series.SeriesState;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The messages the series API sends through the {@link Outbox}: the confirmation link of a
 * registration, the news of a seat freed up from the waitlist, a fresh personal link asked for by
 * mail, and the fresh link after a person's links were revoked. Their texts live in {@code
 * io/peerwork/server/mail/mails_<lang>.properties}, one file per language ({@link #LANGUAGES}),
 * read as UTF-8. (The recap after a session is core's {@code RecapMessages}.)
 */
final class SeriesMails {
  private static final Logger LOG = Logger.getLogger(SeriesMails.class.getName());
  /** The languages messages are written in; the first is the default. */
  static final List<String> LANGUAGES = List.of("de", "en");
  private static final Map<String, Properties> TEXTS = Map.of("de", load("de"), "en", load("en"));

  /** The texts the code asks for, by their key in the properties files. */
  enum Text {
    LOCALE("locale"),
    CONFIRMATION_SUBJECT("confirmation.subject"),
    CONFIRMATION_BODY("confirmation.body"),
    PROMOTED_SUBJECT("promoted.subject"),
    PROMOTED_BODY("promoted.body"),
    LINK_SUBJECT("link.subject"),
    LINK_BODY("link.body"),
    REVOKED_SUBJECT("revoked.subject"),
    REVOKED_BODY("revoked.body"),
    BUDDY_SUBJECT("buddy.subject"),
    BUDDY_BODY("buddy.body"),
    BUDDY_BODY_NO_FOCUS("buddy.bodyNoFocus"),
    BUDDY_GOING_WELL("buddy.going_well"),
    BUDDY_STUCK("buddy.stuck"),
    BUDDY_DONE("buddy.done"),
    BUDDY_CHECKED_IN_SUBJECT("buddyCheckedIn.subject"),
    BUDDY_CHECKED_IN_BODY("buddyCheckedIn.body");

    final String key;

    Text(String key) {
      this.key = key;
    }
  }

  private final SeriesTokens tokens;
  private final PublicUrl publicUrl;
  private final Outbox outbox;
  private final io.peerwork.core.FormatRegistry formats;

  SeriesMails(SeriesTokens tokens, PublicUrl publicUrl, Outbox outbox, io.peerwork.core.FormatRegistry formats) {
    this.formats = formats;
    this.tokens = tokens;
    this.publicUrl = publicUrl;
    this.outbox = outbox;
  }

  /**
   * The confirmation message, in English if {@code language} is {@code en}, else in German: greets
   * nobody by name, since the asker chose the name (it rides in the link).
   */
  OutgoingMessage confirmation(SeriesState s, LocalDate key, String email, String name, String language) {
    String title = s.plan().orElseThrow().title();
    String link = publicUrl.of("/series.html?series=" + s.id().value() + "&confirm="
        + tokens.issueConfirmation(s.id(), key, email, name, language));
    String lang = "en".equals(language) ? "en" : "de";
    String when = when(s.date(key).orElseThrow(), lang);
    String hours = String.valueOf(SeriesTokens.CONFIRMATION_TTL.toHours());
    return new OutgoingMessage(email, lang, text(lang, Text.CONFIRMATION_SUBJECT, title, when),
        text(lang, Text.CONFIRMATION_BODY, title, when, hours, link));
  }

  /** The message to {@code seat}, who moved up from the waitlist: in German if their language is {@code de}, else English. */
  OutgoingMessage promoted(SeriesState s, LocalDate key, Seat seat) {
    String title = s.plan().orElseThrow().title();
    String link = publicUrl.of("/series.html?series=" + s.id().value() + "&t=" + tokens.issueSeries(s, seat.email()));
    String lang = "de".equals(seat.language()) ? "de" : "en";
    String when = when(s.date(key).orElseThrow(), lang);
    return new OutgoingMessage(seat.email(), lang, text(lang, Text.PROMOTED_SUBJECT, seat.name(), title),
        text(lang, Text.PROMOTED_BODY, seat.name(), title, when, link));
  }

  /**
   * A fresh personal link (and calendar link) for {@code email}, whom the series knows, in the
   * language of their latest registration.
   */
  OutgoingMessage link(SeriesState s, String email) {
    return fresh(s, email, Text.LINK_SUBJECT, Text.LINK_BODY);
  }

  /** The fresh links after {@code email}'s links were revoked (by them or the host). */
  OutgoingMessage revoked(SeriesState s, String email) {
    return fresh(s, email, Text.REVOKED_SUBJECT, Text.REVOKED_BODY);
  }

  private OutgoingMessage fresh(SeriesState s, String email, Text subject, Text body) {
    Seat last = SeriesViews.lastSeat(s, email).orElseThrow();
    String title = s.plan().orElseThrow().title();
    String link = publicUrl.of("/series.html?series=" + s.id().value() + "&t=" + tokens.issueSeries(s, email));
    String calendar = publicUrl.of("/api/series/" + s.id().value() + "/me/calendar.ics?token="
        + tokens.issueSeriesCalendar(s, email));
    String lang = "en".equals(last.language()) ? "en" : "de";
    return new OutgoingMessage(last.email(), lang, text(lang, subject, title),
        text(lang, body, title, last.name(), String.valueOf(tokens.personalTtl().toDays()), link, calendar));
  }

  /**
   * The mid-month buddy mail to {@code due.email()}, in the language of their seat at the date: asks
   * how it goes with one of their open goals or routines ({@link SeriesState#buddyFocus}), names
   * their buddy by first name, and has one link per answer ({@link io.peerwork.core.series.BuddyMood}),
   * each opening their series page with their personal token, which checks in with one tap.
   */
  OutgoingMessage buddyMidMonth(SeriesState s, io.peerwork.core.series.BuddyMailDue due) {
    Seat seat = s.registration(due.date(), due.email()).orElseThrow();
    String lang = "en".equals(seat.language()) ? "en" : "de";
    String title = s.plan().orElseThrow().title();
    String buddy = s.registration(due.date(), due.buddy()).map(b -> firstName(b.name())).orElse("");
    String when = when(s.nextDateAfter(due.date()).orElseThrow(), lang);
    String base = "/series.html?series=" + s.id().value() + "&t=" + tokens.issueSeries(s, seat.email())
        + "&buddy=" + due.date() + "&how=";
    String well = publicUrl.of(base + "GOING_WELL");
    String stuck = publicUrl.of(base + "STUCK");
    String done = publicUrl.of(base + "DONE");
    var format = formats.find(s.plan().orElseThrow().formatId());
    String focus = s.buddyFocus(seat.email(), due.date()).flatMap(o -> o.text().or(() -> o.taskId()
        .flatMap(id -> format.flatMap(f -> f.task(id)).map(t -> t.title().in(lang)).or(() -> Optional.of(id)))))
        .orElse("");
    String body = focus.isEmpty()
        ? text(lang, Text.BUDDY_BODY_NO_FOCUS, firstName(seat.name()), title, buddy, when, well, stuck, done)
        : text(lang, Text.BUDDY_BODY, firstName(seat.name()), title, buddy, when, well, stuck, done, focus);
    return new OutgoingMessage(seat.email(), lang, text(lang, Text.BUDDY_SUBJECT, title, buddy), body);
  }

  /** The short note to {@code to} that their buddy {@code from} checked in at {@code date}, saying how. */
  OutgoingMessage buddyCheckedIn(SeriesState s, java.time.LocalDate date, String from, String to,
      io.peerwork.core.series.BuddyMood how) {
    Seat seat = s.registration(date, to).orElseThrow();
    String lang = "en".equals(seat.language()) ? "en" : "de";
    String title = s.plan().orElseThrow().title();
    String buddy = s.registration(date, from).map(b -> firstName(b.name())).orElse("");
    Text mood = switch (how) {
      case GOING_WELL -> Text.BUDDY_GOING_WELL;
      case STUCK -> Text.BUDDY_STUCK;
      case DONE -> Text.BUDDY_DONE;
    };
    String link = publicUrl.of("/series.html?series=" + s.id().value() + "&t=" + tokens.issueSeries(s, seat.email()));
    return new OutgoingMessage(seat.email(), lang, text(lang, Text.BUDDY_CHECKED_IN_SUBJECT, buddy, title),
        text(lang, Text.BUDDY_CHECKED_IN_BODY, firstName(seat.name()), buddy, text(lang, mood), title, link));
  }

  /** The first word of a name: what others see of each other in the buddy section and its mails. */
  static String firstName(String name) {
    String n = name.strip();
    int space = n.indexOf(' ');
    return space < 0 ? n : n.substring(0, space);
  }

  /** Hands a message to the Outbox; a failing mailer is logged and changes no answer. */
  void send(OutgoingMessage m) {
    if (io.peerwork.core.Erasure.isPseudonym(m.to())) {
      return; // a person whose data was erased: their address is gone, and nothing goes to the pseudonym
    }
    try {
      outbox.send(m);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the Outbox failed for a message to " + m.to(), e);
    }
  }

  private static String when(SeriesDate d, String lang) {
    return d.start().format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
        .withLocale(Locale.forLanguageTag(text(lang, Text.LOCALE))));
  }

  /** The text {@code t} in {@code lang} with {@code {0}}, {@code {1}}, ... filled by {@code args}. */
  static String text(String lang, Text t, String... args) {
    String pattern = TEXTS.get(lang).getProperty(t.key);
    return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(args);
  }

  /** The texts of {@code lang} as written in its file. */
  static Properties load(String lang) {
    String path = "/io/peerwork/server/mail/mails_" + lang + ".properties";
    var props = new Properties();
    try (InputStream in = SeriesMails.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props;
  }
}
