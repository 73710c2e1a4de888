package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host's side of the series API, and its errors: keys, moves, cancellations, check-in, no-shows, paid. */
class SeriesApiTest {
  static final String JAN = "2030-01-01";
  static final String FEB = "2030-02-05";
  static final String MAR = "2030-03-05";
  static final String SERIES = """
      {"formatId":"test-kitchen","title":"Küche","capacity":1,"place":{"onlineLink":"https://meet.example.org/k"},
       "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""";

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  TestServer t;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withOrganizerKey("organizer-secret").withDataDirectory(Files.createTempDirectory("peerwork-series-api")),
        List.of(binder -> {
          binder.bind(Clock.class).toInstance(new TestClock(now));
          binder.bind(io.peerwork.core.series.Outbox.class).toInstance(mail);
        }));
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private static String code(TestServer.Response r) {
    return r.body().path("error").path("code").asText();
  }

  @Test
  void hostEndpointsNeedTheHostKeyOrTheOrganizerKey() throws Exception {
    assertThat(t.post("/api/series", SERIES).status()).isEqualTo(401);
    TestServer.Response created = t.post("/api/series", SERIES, "organizer-secret");
    assertThat(created.status()).isEqualTo(201);
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    assertThat(t.get("/api/series/" + sid + "/dates/" + JAN, hostKey).status()).isEqualTo(200);
    assertThat(t.get("/api/series/" + sid + "/dates/" + JAN, "organizer-secret").status()).isEqualTo(200);
    assertThat(code(t.get("/api/series/" + sid + "/dates/" + JAN, "wrong"))).isEqualTo("INVALID_TOKEN");
    assertThat(t.get("/api/series/" + sid + "/dates/" + JAN + "?key=" + hostKey).status()).isEqualTo(200);

    String other = t.post("/api/series", SERIES, "organizer-secret").body().path("seriesId").asText();
    assertThat(code(t.get("/api/series/" + other + "/dates/" + JAN, hostKey))).isEqualTo("INVALID_TOKEN");
    TestServer.Response missing = t.get("/api/series/sr-nothing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(code(missing)).isEqualTo("SERIES_NOT_FOUND");
    TestServer.Response bad = t.post("/api/series", "{\"formatId\":\"test-kitchen\",\"place\":{\"address\":\"x\"}}",
        "organizer-secret");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(code(bad)).isEqualTo("INVALID_REQUEST");
  }

  /** A date's session that was prepared already follows when the date moves or is cancelled. */
  @Test
  void aPreparedSessionFollowsItsDate() throws Exception {
    JsonNode created = t.post("/api/series", SERIES, "organizer-secret").body();
    String series = "/api/series/" + created.path("seriesId").asText();
    String key = created.path("hostKey").asText();

    String feb = t.post(series + "/dates/" + FEB + "/session", "{}", key).body().path("sessionId").asText();
    TestServer.Response moved = t.post(series + "/dates/" + FEB + "/move", "{\"start\":\"2030-02-12T14:00\"}", key);
    assertThat(moved.body().path("session").asText()).isEqualTo("followed");
    assertThat(t.get("/api/sessions/" + feb).body().path("plannedStart").asText()).isEqualTo("2030-02-12T13:00:00Z");

    // A date without a prepared session moves alone.
    assertThat(t.post(series + "/dates/" + MAR + "/move", "{\"start\":\"2030-03-12T09:00\"}", key).body()
        .path("session").asText()).isEqualTo("none");

    TestServer.Response cancelled = t.post(series + "/dates/" + FEB + "/cancel", "{\"reason\":\"Grippewelle\"}", key);
    assertThat(cancelled.body().path("session").asText()).isEqualTo("followed");
    assertThat(t.get("/api/sessions/" + feb).body().path("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void movesCancellationsSeatsAndTheirErrors() throws Exception {
    JsonNode created = t.post("/api/series", SERIES, "organizer-secret").body();
    String sid = created.path("seriesId").asText();
    String key = created.path("hostKey").asText();
    String series = "/api/series/" + sid;

    TestServer.Response anna = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de");
    TestServer.Response bea = mail.register(t, sid, JAN, "Bea", "bea@example.org", "en");
    assertThat(bea.body().path("status").asText()).isEqualTo("WAITLISTED");
    assertThat(bea.body().path("waitlistPlace").asInt()).isEqualTo(1);
    assertThat(code(t.post(series + "/registrations",
        "{\"date\":\"" + JAN + "\",\"name\":\"X\",\"email\":\"not-an-address\",\"language\":\"de\"}")))
        .isEqualTo("INVALID_EMAIL");
    assertThat(t.get(series + "/dates/2030-01-02", key).status()).isEqualTo(404);
    assertThat(code(t.get(series + "/dates/2030-01-02", key))).isEqualTo("UNKNOWN_DATE");

    // Personal tokens: only for their own series.
    String other = t.post("/api/series", SERIES, "organizer-secret").body().path("seriesId").asText();
    String annaToken = anna.body().path("token").asText();
    assertThat(code(t.get("/api/series/" + other + "/me", annaToken))).isEqualTo("WRONG_SERIES");
    assertThat(code(t.get(series + "/me", "nonsense.token"))).isEqualTo("INVALID_TOKEN");
    assertThat(code(t.post(series + "/me/dates/" + JAN + "/join", "{}", bea.body().path("token").asText())))
        .isEqualTo("NOT_SEATED");

    // Check-in, paid.
    assertThat(t.post(series + "/dates/" + JAN + "/check-in", "{\"email\":\"Anna@Example.org\"}", key).body()
        .path("checkedIn").asBoolean()).isTrue();
    assertThat(code(t.post(series + "/dates/" + JAN + "/check-in", "{\"email\":\"bea@example.org\"}", key)))
        .isEqualTo("NOT_SEATED");
    assertThat(t.post(series + "/dates/" + JAN + "/paid", "{\"email\":\"anna@example.org\",\"paid\":true}", key)
        .body().path("paid").asBoolean()).isTrue();

    // Move one date; the others stay. The calendar follows.
    TestServer.Response moved = t.post(series + "/dates/" + JAN + "/move", "{\"start\":\"2030-01-08T10:00\"}", key);
    assertThat(moved.status()).as(String.valueOf(moved.body())).isEqualTo(200);
    assertThat(moved.body().path("moved").asBoolean()).isTrue();
    assertThat(moved.body().path("start").asText()).isEqualTo("2030-01-08T10:00+01:00");
    assertThat(moved.body().path("revision").asInt()).isEqualTo(1);
    assertThat(code(t.post(series + "/dates/" + FEB + "/move", "{\"start\":\"2030-01-08T11:00\"}", key)))
        .isEqualTo("DATE_CONFLICT");
    String cal = t.getText(series + "/calendar.ics").body();
    assertThat(cal).contains("DTSTART:20300108T090000Z", "SEQUENCE:1", "DTSTART:20300205T080000Z");

    // Cancel one date.
    JsonNode cancelled = t.post(series + "/dates/" + MAR + "/cancel", "{\"reason\":\"Krank\"}", key).body();
    assertThat(cancelled.path("cancelled").asText()).isEqualTo("Krank");
    assertThat(code(t.post(series + "/me/registrations", "{\"date\":\"" + MAR + "\"}", annaToken)))
        .isEqualTo("DATE_CANCELLED");
    assertThat(t.getText(series + "/calendar.ics").body()).contains("STATUS:CANCELLED");
    assertThat(code(t.post(series + "/dates/" + MAR + "/session", "{}", key))).isEqualTo("DATE_CANCELLED");

    // No-shows once the (moved) date has started.
    assertThat(code(t.post(series + "/dates/" + JAN + "/no-shows", "{}", key))).isEqualTo("DATE_NOT_STARTED");
    t.post(series + "/dates/" + JAN + "/check-in", "{\"email\":\"anna@example.org\"}", key);
    now.set(Instant.parse("2030-01-08T09:30:00Z"));
    JsonNode noShows = t.post(series + "/dates/" + JAN + "/no-shows", "{}", key).body();
    assertThat(noShows.path("noShows")).isEmpty(); // Anna came; Bea never had a seat
    assertThat(code(t.post(series + "/me/registrations/" + JAN + "/cancel", "{}", annaToken))).isEqualTo("DATE_PASSED");

    // The date's session follows the moved start.
    JsonNode session = t.post(series + "/dates/" + JAN + "/session", "{}", key).body();
    assertThat(session.path("sessionId").asText()).isEqualTo(sid + "-20300101");
    assertThat(t.get("/api/sessions/" + sid + "-20300101").body().path("plannedStart").asText())
        .isEqualTo("2030-01-08T09:00:00Z");
  }
}
