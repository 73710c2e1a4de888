package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Erasure;
import io.peerwork.core.series.Outbox;
import io.peerwork.server.TestServer.Client;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A person's own data in a series, through the HTTP API and real rooms: they download everything
 * stored about them (and nothing about anyone else), and erase it. Afterwards their name, address
 * and texts are gone from the room everyone else is in, from the host's lists and from the series,
 * their seat at the next date is free, and the others' data is as it was.
 */
class SeriesPersonalDataTest {
  static final String JAN = "2030-01-01";
  static final String FEB = "2030-02-05";
  static final String ANA = "ana.beispiel@example.org";

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  TestServer t;

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void aPersonDownloadsEverythingAboutThemAndErasesIt() throws Exception {
    JsonNode created = startWithASeries();
    String sid = created.path("seriesId").asText();
    String hostKey = created.path("hostKey").asText();
    String ana = register(sid, JAN, "Ana Beispiel", ANA);
    String ben = register(sid, JAN, "Ben", "ben@posteo.de");
    assertThat(t.post("/api/series/" + sid + "/me/registrations", "{\"date\":\"" + FEB + "\"}", ana).status())
        .isEqualTo(201);
    String cem = register(sid, FEB, "Cem", "cem@gmx.at");
    register(sid, FEB, "Dora", "dora@web.de"); // waitlisted: Ana and Cem hold February's two seats
    assertThat(names(t.get("/api/series/" + sid + "/dates/" + FEB, hostKey).body().path("waitlist")))
        .containsExactly("Dora");

    // January's session: both write goals, Ana asks for help.
    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + JAN + "/session", "{}", hostKey).body();
    String sessionId = session.path("sessionId").asText();
    Client host = t.connect(t.join(sessionId, session.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    Client a = t.connect(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", ana).body());
    Client b = t.connect(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", ben).body());
    host.ok("StartSession");
    host.ok("AdvancePhase");
    a.ok("DeclareGoal", "text", "Newsletter an Kundin Huber schreiben");
    b.ok("DeclareGoal", "text", "Impressum prüfen");
    host.ok("AdvancePhase");
    a.ok("RaiseHand", "topicId", "images", "note", "Wie geht Mailchimp mit Huber?");
    b.view(v -> v.toString().contains("Ana Beispiel") && v.toString().contains("Kundin Huber"));

    // The download: everything about Ana, nothing about Ben.
    HttpResponse<String> download = t.getText("/api/series/" + sid + "/me/data?token=" + ana);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("content-disposition").orElse(""))
        .startsWith("attachment; filename=\"peerwork-" + sid);
    JsonNode data = TestServer.JSON.readTree(download.body());
    assertThat(data.path("kind").asText()).isEqualTo("peerwork-personal-data");
    assertThat(data.path("email").asText()).isEqualTo(ANA);
    assertThat(data.path("notStored").path("de").asText()).contains("Chatzeilen");
    assertThat(data.path("notStored").path("en").asText()).contains("Chat lines");
    assertThat(data.path("seriesEvents").toString()).contains(ANA, "Ana Beispiel");
    assertThat(data.path("sessions").get(0).path("events").toString())
        .contains("Ana Beispiel", "Newsletter an Kundin Huber schreiben", "Wie geht Mailchimp mit Huber?")
        .doesNotContain("Impressum prüfen", "ben@posteo.de");
    assertThat(download.body()).doesNotContain("ben@posteo.de", "Cem", "Impressum");

    // Erasing needs her own address typed again; a wrong one changes nothing.
    TestServer.Response refused = t.post("/api/series/" + sid + "/me/erase", "{\"email\":\"ben@posteo.de\"}", ana);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("error").path("code").asText()).isEqualTo("ERASURE_NOT_CONFIRMED");
    assertThat(t.get("/api/series/" + sid + "/me", ana).body().path("dates")).hasSize(2);

    TestServer.Response erased = t.post("/api/series/" + sid + "/me/erase",
        "{\"email\":\" Ana.Beispiel@Example.org \"}", ana);
    assertThat(erased.status()).as(String.valueOf(erased.body())).isEqualTo(200);
    assertThat(erased.body().path("erased").asBoolean()).isTrue();
    assertThat(erased.body().path("sessionEvents").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(erased.body().path("seriesEvents").asInt()).isGreaterThanOrEqualTo(3);

    // The room Ben is still in shows her erased; his own goal is as it was.
    JsonNode view = b.view(v -> !v.toString().contains("Ana Beispiel"));
    assertThat(view.toString()).doesNotContain("Kundin Huber", "Mailchimp").contains("Impressum prüfen");
    assertThat(view.path("members").toString()).contains(Erasure.ERASED);
    assertThat(host.view(v -> !v.toString().contains("Ana Beispiel")).toString()).doesNotContain("Kundin Huber");

    // The host's lists: her January seat counts under no name; her February seat went to Dora.
    JsonNode janList = t.get("/api/series/" + sid + "/dates/" + JAN, hostKey).body();
    assertThat(janList.toString()).doesNotContainIgnoringCase(ANA).doesNotContain("Ana Beispiel");
    assertThat(janList.path("seated")).hasSize(2);
    JsonNode febList = t.get("/api/series/" + sid + "/dates/" + FEB, hostKey).body();
    assertThat(names(febList.path("seated"))).containsExactly("Cem", "Dora");
    // Everyone else's data is unchanged.
    JsonNode bens = TestServer.JSON.readTree(t.getText("/api/series/" + sid + "/me/data?token=" + ben).body());
    assertThat(bens.path("sessions").get(0).path("events").toString()).contains("Impressum prüfen", "Ben");
    assertThat(t.get("/api/series/" + sid + "/me", cem).body().path("dates")).hasSize(1);
    // The series knows nothing about her address any more: her old link no longer works, for anything.
    TestServer.Response afterwards = t.get("/api/series/" + sid + "/me", ana);
    assertThat(afterwards.status()).isEqualTo(401);
    assertThat(afterwards.body().path("error").path("code").asText()).isEqualTo("TOKEN_REVOKED");
    assertThat(t.post("/api/series/" + sid + "/me/registrations", "{\"date\":\"" + FEB + "\"}", ana).status())
        .isEqualTo(401);
    // Dora, who moved up to Ana's February seat, was told so.
    assertThat(mail.to("dora@web.de")).anySatisfy(m -> assertThat(m.subject()).startsWith("Du hast einen Platz"));
    // A room's export of another person never holds her notes: Ben's copy names no text of hers.
    assertThat(bens.toString()).doesNotContain("Mailchimp", "Kundin Huber");
  }

  /**
   * Someone who can no longer open their mailbox asks the organiser: the host, with the host key,
   * downloads their copy and erases them by address, as their own erasure would.
   */
  @Test
  void theHostHandsOverAndErasesTheDataOfAPersonWhoAskedThem() throws Exception {
    JsonNode created = startWithASeries();
    String sid = created.path("seriesId").asText();
    String hostKey = created.path("hostKey").asText();
    String ana = register(sid, JAN, "Ana Beispiel", ANA);
    String ben = register(sid, JAN, "Ben", "ben@posteo.de");
    String data = "/api/series/" + sid + "/people/data?email=";

    // Only with the host key; only for someone the series has.
    assertThat(t.get(data + ANA).status()).isEqualTo(401);
    assertThat(t.get(data + ANA, ana).status()).isEqualTo(401); // her own link is not the host key
    TestServer.Response nobody = t.get(data + "nobody@example.org", hostKey);
    assertThat(nobody.status()).isEqualTo(404);
    assertThat(nobody.body().path("error").path("code").asText()).isEqualTo("NOT_REGISTERED");

    TestServer.Response blank = t.get(data, hostKey);
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body().path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");

    // Any spelling of her mailbox finds her (a +tag, URL-encoded as a query needs it; case).
    JsonNode copy = t.get(data + "Ana.Beispiel%2Bkurs@Example.org", hostKey).body();
    assertThat(copy.path("kind").asText()).isEqualTo("peerwork-personal-data");
    assertThat(copy.path("email").asText()).isEqualTo(ANA);
    assertThat(copy.toString()).contains("Ana Beispiel").doesNotContain("ben@posteo.de");
    // Her own copy has her working calendar link; the host's has none of her links.
    assertThat(TestServer.JSON.readTree(t.getText("/api/series/" + sid + "/me/data?token=" + ana).body())
        .path("overview").has("calendarLink")).isTrue();
    assertThat(copy.path("overview").has("calendarLink")).isFalse();
    assertThat(copy.toString()).doesNotContain("token=");

    assertThat(t.post("/api/series/" + sid + "/people/erase", "{\"email\":\"" + ANA + "\"}", ana).status())
        .isEqualTo(401);
    TestServer.Response erased = t.post("/api/series/" + sid + "/people/erase", "{\"email\":\"" + ANA + "\"}", hostKey);
    assertThat(erased.status()).as(String.valueOf(erased.body())).isEqualTo(200);
    assertThat(erased.body().path("erased").asBoolean()).isTrue();
    assertThat(erased.body().path("seriesEvents").asInt()).isGreaterThanOrEqualTo(1);

    // She is gone from the host's list and from the series; her link no longer works; Ben is as he was.
    JsonNode janList = t.get("/api/series/" + sid + "/dates/" + JAN, hostKey).body();
    assertThat(janList.toString()).doesNotContainIgnoringCase(ANA).doesNotContain("Ana Beispiel").contains("Ben");
    assertThat(t.get("/api/series/" + sid + "/me", ana).body().path("error").path("code").asText())
        .isEqualTo("TOKEN_REVOKED");
    assertThat(t.get("/api/series/" + sid + "/me", ben).status()).isEqualTo(200);
    // Asked again, the series no longer knows the address.
    assertThat(t.post("/api/series/" + sid + "/people/erase", "{\"email\":\"" + ANA + "\"}", hostKey).status())
        .isEqualTo(404);
    assertThat(t.get(data + ANA, hostKey).status()).isEqualTo(404);
  }

  /** A server (on H2) with a series of two places a month; its creation's answer. */
  private JsonNode startWithASeries() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false)
        .withDataDirectory(Files.createTempDirectory("peerwork-personal")), List.of(binder -> {
          binder.bind(Clock.class).toInstance(new TestClock(now));
          binder.bind(Outbox.class).toInstance(mail);
        }));
    return t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","zone":"Europe/Vienna","capacity":2,
         "place":{"address":"Gumpendorfer Straße 12, 1060 Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""").body();
  }

  private String register(String sid, String date, String name, String email) throws Exception {
    TestServer.Response r = mail.register(t, sid, date, name, email, "de");
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    return r.body().path("token").asText();
  }

  private static List<String> names(JsonNode seats) {
    var names = new java.util.ArrayList<String>();
    seats.forEach(s -> names.add(s.path("name").asText()));
    return names;
  }
}
