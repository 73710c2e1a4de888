package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.server.internal.RegistrationLimits;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Personal links can be taken back: they expire (a fresh one comes by mail to a registered address,
 * asked for without learning who is registered), the person can sign out all their links, and so can
 * the host; a signed-out link answers TOKEN_REVOKED, calendar links included, and the fresh link goes
 * to the address only. (Before, a personal link never expired and could not be revoked.)
 */
class SeriesLinksTest {
  static final String JAN = "2030-01-01";
  static final String FEB = "2030-02-05";
  static final String SERIES = """
      {"formatId":"test-kitchen","title":"Küche","capacity":4,"place":{"address":"Gumpendorfer Straße 12"},
       "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""";

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  TestServer t;
  String sid;
  String hostKey;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-links"))
        .withKeys(new ServerConfig.Keys("", Optional.empty(), Duration.ofDays(14))),
        List.of(binder -> {
          binder.bind(Clock.class).toInstance(new TestClock(now));
          binder.bind(Outbox.class).toInstance(mail);
        }));
    JsonNode created = t.post("/api/series", SERIES).body();
    sid = created.path("seriesId").asText();
    hostKey = created.path("hostKey").asText();
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private TestServer.Response me(String token) throws Exception {
    return t.get("/api/series/" + sid + "/me", token);
  }

  private TestServer.Response askForLink(String email) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("email", email);
    b.put("language", "en");
    return t.post("/api/series/" + sid + "/me/link", b.toString());
  }

  private int calendar(String token) throws Exception {
    return t.getText("/api/series/" + sid + "/me/calendar.ics?token=" + token).statusCode();
  }

  private static String code(TestServer.Response r) {
    return r.body().path("error").path("code").asText();
  }

  @Test
  void anExpiredPersonalLinkIsRenewedByMailToARegisteredAddressOnly() throws Exception {
    String token = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    String calendar = me(token).body().path("calendarLink").asText().replaceAll(".*token=", "");
    now.set(now.get().plus(Duration.ofDays(14)));

    TestServer.Response expired = me(token);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(code(expired)).isEqualTo("TOKEN_EXPIRED");
    assertThat(calendar(calendar)).as("a calendar app cannot renew: its link does not expire").isEqualTo(200);

    int before = mail.all().size();
    TestServer.Response known = askForLink(" Anna@Example.org ");
    TestServer.Response unknown = askForLink("zoe@example.org");
    assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(202);
    assertThat(known.body()).as("the same answer for every address").isEqualTo(unknown.body());
    assertThat(mail.all()).hasSize(before + 1);
    OutgoingMessage m = mail.to("anna@example.org").get(mail.to("anna@example.org").size() - 1);
    assertThat(m.language()).as("in the language of the registration").isEqualTo("de");
    assertThat(m.subject()).isEqualTo("Dein Link: Küche");
    assertThat(m.body()).contains("Hallo Anna", "gültig 14 Tage", t.base() + "/series.html?series=" + sid + "&t=",
        "/me/calendar.ics?token=");

    String fresh = mail.personalToken("anna@example.org");
    assertThat(me(fresh).status()).isEqualTo(200);
    assertThat(calendar(mail.calendarToken("anna@example.org"))).isEqualTo(200);
    assertThat(code(askForLink("not an address"))).isEqualTo("INVALID_EMAIL");
  }

  @Test
  void askingForLinksIsLimitedLikeRegistering() throws Exception {
    mail.register(t, sid, JAN, "Anna", "anna@example.org", "de");
    for (int i = 0; i < 6; i++) {
      assertThat(askForLink("anna@example.org").status()).isEqualTo(202);
    }
    assertThat(mail.to("anna@example.org")).as("the confirmation and the links, from one client")
        .hasSize(RegistrationLimits.MESSAGES_PER_ADDRESS_BURST);
    TestServer.Response last = null;
    for (int i = 0; i < RegistrationLimits.REGISTRATIONS_PER_CLIENT_BURST; i++) {
      last = askForLink("zoe" + i + "@example.org");
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(code(last)).isEqualTo("RATE_LIMITED");
  }

  @Test
  void aPersonSignsOutAllTheirLinksAndGetsBackInByMailOnly() throws Exception {
    String first = mail.register(t, sid, JAN, "Anna", "anna@example.org", "en").body().path("token").asText();
    ObjectNode more = TestServer.JSON.createObjectNode();
    more.put("date", FEB);
    String second = t.post("/api/series/" + sid + "/me/registrations", more.toString(), first).body().path("token")
        .asText();
    String calendar = me(second).body().path("calendarLink").asText().replaceAll(".*token=", "");
    String bens = mail.register(t, sid, JAN, "Ben", "ben@example.org", "en").body().path("token").asText();
    int annasMessages = mail.to("anna@example.org").size();

    TestServer.Response revoked = t.post("/api/series/" + sid + "/me/revoke", "{}", second);
    assertThat(revoked.status()).as(String.valueOf(revoked.body())).isEqualTo(200);
    assertThat(revoked.body().path("status").asText()).isEqualTo("LINKS_REVOKED");

    for (String old : List.of(first, second)) {
      TestServer.Response r = me(old);
      assertThat(r.status()).isEqualTo(401);
      assertThat(code(r)).isEqualTo("TOKEN_REVOKED");
    }
    assertThat(calendar(calendar)).as("the calendar link dies with them").isEqualTo(401);
    assertThat(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", first).status()).isEqualTo(401);
    assertThat(me(bens).status()).as("another person's link is untouched").isEqualTo(200);

    assertThat(mail.to("anna@example.org")).hasSize(annasMessages + 1);
    OutgoingMessage m = mail.to("anna@example.org").get(annasMessages);
    assertThat(m.subject()).isEqualTo("Your links were signed out: Küche");
    String fresh = mail.personalToken("anna@example.org");
    JsonNode back = me(fresh).body();
    assertThat(back.path("dates")).as("her registrations stay").hasSize(2);
    assertThat(calendar(mail.calendarToken("anna@example.org"))).isEqualTo(200);
  }

  /**
   * A session token made from a personal link ends with the link: signing out closes the sockets
   * opened with it (TOKEN_REVOKED, 4401), and it no longer connects; the fresh link makes a new one.
   * Another person's socket in the same room stays open.
   */
  @Test
  void signingOutEndsTheSessionTokensMadeFromTheLinksAndClosesTheirSockets() throws Exception {
    String annas = mail.register(t, sid, JAN, "Anna", "anna@example.org", "en").body().path("token").asText();
    String bens = mail.register(t, sid, JAN, "Ben", "ben@example.org", "en").body().path("token").asText();
    JsonNode anna = join(annas);
    JsonNode ben = join(bens);
    TestServer.Client annaSocket = t.connect(anna);
    TestServer.Client benSocket = t.connect(ben);
    annaSocket.await(f -> f.path("type").asText().equals("snapshot"));
    benSocket.await(f -> f.path("type").asText().equals("snapshot"));

    String annasData = "/api/sessions/" + anna.path("sessionId").asText() + "/me/data";
    String annasSessionToken = anna.path("token").asText();
    assertThat(t.get(annasData, annasSessionToken).status()).isEqualTo(200);

    assertThat(t.post("/api/series/" + sid + "/me/revoke", "{}", annas).status()).isEqualTo(200);

    // Nor does it reach her data in the session any more, or erase it.
    TestServer.Response data = t.get(annasData, annasSessionToken);
    assertThat(data.status()).isEqualTo(401);
    assertThat(code(data)).isEqualTo("TOKEN_REVOKED");
    TestServer.Response erase = t.post("/api/sessions/" + anna.path("sessionId").asText() + "/me/erase",
        "{\"displayName\":\"" + anna.path("displayName").asText("Anna") + "\"}", annasSessionToken);
    assertThat(erase.status()).isEqualTo(401);
    assertThat(code(erase)).isEqualTo("TOKEN_REVOKED");

    assertThat(annaSocket.await(f -> f.path("type").asText().equals("error")).path("code").asText())
        .isEqualTo("TOKEN_REVOKED");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> annaSocket.closed);
    assertThat(annaSocket.closeStatusCode()).isEqualTo((short) 4401);
    TestServer.Client again = t.connect(anna);
    assertThat(again.await(f -> f.path("type").asText().matches("error|snapshot")).path("code").asText())
        .as("the old session token no longer connects").isEqualTo("TOKEN_REVOKED");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> again.closed);
    assertThat(again.closeStatusCode()).isEqualTo((short) 4401);

    assertThat(benSocket.answer(benSocket.send("Ping")).path("type").asText()).isEqualTo("pong");
    assertThat(benSocket.closed).isFalse();
    TestServer.Client back = t.connect(join(mail.personalToken("anna@example.org")));
    assertThat(back.await(f -> f.path("type").asText().matches("error|snapshot")).path("type").asText())
        .isEqualTo("snapshot");
  }

  private JsonNode join(String personalToken) throws Exception {
    TestServer.Response r = t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", personalToken);
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    return r.body();
  }

  @Test
  void theHostSignsOutAPersonsLinks() throws Exception {
    String token = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("email", "ANNA@example.org");

    TestServer.Response refused = t.post("/api/series/" + sid + "/links/revoke", b.toString(), token);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(code(refused)).isEqualTo("INVALID_TOKEN");
    assertThat(me(token).status()).isEqualTo(200);

    TestServer.Response done = t.post("/api/series/" + sid + "/links/revoke", b.toString(), hostKey);
    assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(200);
    assertThat(done.body().path("email").asText()).isEqualTo("anna@example.org");
    assertThat(code(me(token))).isEqualTo("TOKEN_REVOKED");
    assertThat(mail.to("anna@example.org").get(mail.to("anna@example.org").size() - 1).subject())
        .isEqualTo("Deine Links wurden abgemeldet: Küche");
    assertThat(me(mail.personalToken("anna@example.org")).status()).isEqualTo(200);

    b.put("email", "nobody@example.org");
    TestServer.Response unknown = t.post("/api/series/" + sid + "/links/revoke", b.toString(), hostKey);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(code(unknown)).isEqualTo("NOT_REGISTERED");
  }
}
