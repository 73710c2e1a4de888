package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

/**
 * Every calendar feed the server serves passes ical4j's own validator (RFC 5545): the series' feed
 * in both languages, and a person's feed seated, waitlisted, after cancelling, and with no dates left;
 * with moved and cancelled dates in them. Issue 15 found {@code DTSTAMP} twice in every event.
 */
class CalendarFeedValidityTest {
  static final String SERIES = """
      {"formatId":"test-kitchen","title":"Küche am Dienstag","capacity":1,"experts":["Erika"],
       "place":{"address":"Gumpendorfer Straße 12, 1060 Wien","onlineLink":"https://meet.example.org/k"},
       "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""";

  @Test
  void everyFeedTheServerServesIsValid() throws Exception {
    var now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
    var mail = new Mailbox();
    try (TestServer t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false)
        .withDataDirectory(Files.createTempDirectory("peerwork-feeds")), List.of(binder -> {
          binder.bind(Clock.class).toInstance(new TestClock(now));
          binder.bind(io.peerwork.core.series.Outbox.class).toInstance(mail);
        }))) {
      TestServer.Response created = t.post("/api/series", SERIES);
      String sid = created.body().path("seriesId").asText();
      String hostKey = created.body().path("hostKey").asText();
      String anna = mail.register(t, sid, "2030-01-01", "Anna", "anna@example.org", "de").body().path("token").asText();
      String ben = mail.register(t, sid, "2030-01-01", "Ben", "ben@example.org", "en").body().path("token").asText();
      assertThat(t.post("/api/series/" + sid + "/me/registrations", "{\"date\":\"2030-02-05\"}", anna).status())
          .isIn(200, 201);
      String cem = mail.register(t, sid, "2030-03-05", "Cem", "cem@example.org", "de").body().path("token").asText();
      assertThat(t.post("/api/series/" + sid + "/me/registrations/2030-03-05/cancel", "{}", cem).status())
          .isEqualTo(200); // Cem has no date left
      assertThat(t.post("/api/series/" + sid + "/dates/2030-02-05/move", "{\"start\":\"2030-02-12T14:00\"}", hostKey)
          .status()).isEqualTo(200);
      assertThat(t.post("/api/series/" + sid + "/dates/2030-04-02/cancel", "{\"reason\":\"Feiertag\"}", hostKey)
          .status()).isEqualTo(200);

      Map<String, String> feeds = new LinkedHashMap<>();
      feeds.put("series de", "/api/series/" + sid + "/calendar.ics?lang=de");
      feeds.put("series en", "/api/series/" + sid + "/calendar.ics?lang=en");
      // A person's feed, opened with their personal token (seated, waitlisted, no date left).
      Map<String, String> people = Map.of("Anna", anna, "Ben", ben, "Cem", cem);
      people.forEach((who, token) -> feeds.put(who, "/api/series/" + sid + "/me/calendar.ics?token="
          + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)));
      for (var feed : feeds.entrySet()) {
        HttpResponse<String> r = t.getText(feed.getValue());
        assertThat(r.statusCode()).as(feed.getKey()).isEqualTo(200);
        String text = r.body();
        ValidationResult result = new CalendarBuilder().build(new StringReader(text)).validate(true);
        assertThat(result.getEntries()).as("ical4j's validation of the feed of %s:%n%s", feed.getKey(), text).isEmpty();
        assertThat(text.split("DTSTAMP:", -1)).as("one DTSTAMP per event").hasSameSizeAs(text.split("BEGIN:VEVENT", -1));
      }
    }
  }
}
