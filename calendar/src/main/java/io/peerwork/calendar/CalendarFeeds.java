package io.peerwork.calendar;

import io.peerwork.core.series.Seat;
import io.peerwork.core.series.SeriesDate;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.TopicFormat;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import io.peerwork.core.TextRules;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * iCalendar feeds (RFC 5545) of a series, made with ical4j: one for the whole series, and one for
 * the dates a person registered for. Subscribed in a calendar app, a date appears there and moves
 * when it moves: each date keeps its {@code UID} ({@code <session id>@peerwork}) and its {@code
 * SEQUENCE} counts its changes, a cancelled date stays in the feed as {@code STATUS:CANCELLED}.
 *
 * <p>Times are written in UTC, which every calendar shows in its user's zone; the local time in the
 * series' zone is kept by the series itself across daylight-saving changes. The output depends only
 * on the series' state ({@code DTSTAMP} is its latest event), so a feed changes only when the series
 * does. Every feed is valid by ical4j's own validator (RFC 5545: exactly one {@code DTSTAMP}, {@code
 * UID} and {@code DTSTART} per event).
 */
public final class CalendarFeeds {
  private static final String PRODUCT = "-//Peerwork//Peerwork calendar 1.0//EN";

  private CalendarFeeds() {}

  /**
   * Every date of the series whose key lies on or after {@code from} and before {@code until}.
   *
   * @param language {@code de} or {@code en}, for the descriptions
   */
  public static String series(SeriesState series, TopicFormat format, String language, LocalDate from,
      LocalDate until) {
    Calendar cal = calendar();
    Instant stamp = series.lastEventAt().orElse(Instant.EPOCH);
    for (SeriesDate d : series.dates(from, until)) {
      cal.add(event(series, format, language, d, stamp, Optional.empty()));
    }
    return write(cal, series);
  }

  /**
   * The dates of the series that {@code email} is registered for (seated, or on the waitlist as
   * {@code TENTATIVE}), in their language, from {@code from} to before {@code until}.
   */
  public static String participant(SeriesState series, TopicFormat format, String email, LocalDate from,
      LocalDate until) {
    Calendar cal = calendar();
    Instant stamp = series.lastEventAt().orElse(Instant.EPOCH);
    for (LocalDate key : series.datesOf(email)) {
      if (key.isBefore(from) || !key.isBefore(until)) {
        continue;
      }
      Seat seat = series.registration(key, email).orElseThrow();
      SeriesDate d = series.date(key).orElseThrow();
      cal.add(event(series, format, seat.language(), d, stamp, Optional.of(seat)));
    }
    return write(cal, series);
  }

  private static Calendar calendar() {
    Calendar cal = new Calendar();
    cal.add(new ProdId(PRODUCT));
    cal.add(ImmutableVersion.VERSION_2_0);
    cal.add(ImmutableCalScale.GREGORIAN);
    // No METHOD: a subscribed feed is not an iTIP message (RFC 5546), whose PUBLISH would require an
    // ORGANIZER in every event, and a series has no organizer's address to name.
    return cal;
  }

  private static VEvent event(SeriesState series, TopicFormat format, String language, SeriesDate d, Instant stamp,
      Optional<Seat> seat) {
    SeriesPlan plan = series.plan().orElseThrow();
    Properties text = messages(language);
    VEvent ev = new VEvent(d.start().toInstant(), d.end().toInstant(), plan.title());
    ev.add(new Uid(series.sessionId(d.key()).value() + "@peerwork"));
    ev.add(new Sequence(d.revision()));
    // ical4j's VEvent stamps itself with the wall clock; the feed's one DTSTAMP is the series' own.
    ev.getProperties().stream().filter(DtStamp.class::isInstance).toList().forEach(ev::remove);
    ev.add(new DtStamp(stamp));
    plan.place().address().ifPresent(a -> ev.add(new Location(a)));
    // Only a link that is a URI becomes the URL property: a series stored before links were checked
    // (TextRules.Field.LINK) may hold one that is not, and its feed must still work (the link stays
    // in the description as text).
    plan.place().onlineLink().filter(link -> TextRules.isValid(TextRules.Field.LINK, link))
        .ifPresent(link -> ev.add(new Url(URI.create(link))));
    var description = new StringBuilder(format.name().in(language)).append('\n').append(format.description().in(language));
    if (!plan.experts().isEmpty()) {
      description.append("\n\n").append(text.getProperty("experts")).append(": ").append(String.join(", ", plan.experts()));
    }
    plan.place().onlineLink().ifPresent(link -> description.append('\n').append(text.getProperty("online")).append(": ").append(link));
    if (seat.filter(s -> s.status() == Seat.Status.WAITLISTED).isPresent()) {
      description.append("\n\n").append(text.getProperty("waitlist"));
    }
    d.cancelled().ifPresent(reason -> description.insert(0, text.getProperty("cancelled")
        + (reason.isEmpty() ? "" : ": " + reason) + "\n\n"));
    ev.add(new Description(description.toString()));
    Status status = d.isCancelled() ? ImmutableStatus.VEVENT_CANCELLED
        : seat.filter(s -> s.status() == Seat.Status.WAITLISTED).isPresent() ? ImmutableStatus.VEVENT_TENTATIVE
        : ImmutableStatus.VEVENT_CONFIRMED;
    ev.add(status);
    return ev;
  }

  private static Properties messages(String language) {
    String lang = "de".equals(language.toLowerCase(Locale.ROOT)) ? "de" : "en";
    var props = new Properties();
    try (var in = CalendarFeeds.class.getResourceAsStream("messages_" + lang + ".properties")) {
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props;
  }

  /**
   * The feed's text. A calendar without dates (a person who cancelled them all, a window without
   * dates) carries the series' time zone as its one component: RFC 5545 requires at least one.
   */
  private static String write(Calendar cal, SeriesState series) {
    if (cal.getComponents().isEmpty()) {
      String zone = series.plan().map(p -> p.zone().getId()).orElse("UTC");
      Optional.ofNullable(Zones.REGISTRY.getTimeZone(zone)).ifPresent(tz -> cal.add(tz.getVTimeZone()));
    }
    var out = new StringWriter();
    try {
      new CalendarOutputter(false).output(cal, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** ical4j's time zones (read from its own jar), made once: making them takes a while. */
  private static final class Zones {
    static final TimeZoneRegistry REGISTRY = TimeZoneRegistryFactory.getInstance().createRegistry();
  }

  /** The feeds' media type. */
  public static final String MEDIA_TYPE = "text/calendar; charset=utf-8";
}
