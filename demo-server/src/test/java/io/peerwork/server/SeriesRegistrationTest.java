package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.server.internal.SeriesApi;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registering for a series proves the address first: nobody receives a personal link (which acts for
 * its person) for an address whose mail they cannot read, nobody learns from the answers whether an
 * address is registered, and nobody floods an address or the server with requests.
 */
class SeriesRegistrationTest {
  static final String JAN = "2030-01-01";
  static final String SERIES = """
      {"formatId":"test-kitchen","title":"Küche","capacity":2,"place":{"address":"Gumpendorfer Straße 12"},
       "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""";

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  TestServer t;
  String sid;
  String hostKey;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-registration")),
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

  private TestServer.Response ask(String name, String email, String language) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("date", JAN);
    b.put("name", name);
    b.put("email", email);
    b.put("language", language);
    return t.post("/api/series/" + sid + "/registrations", b.toString());
  }

  private TestServer.Response confirm(String token) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("token", token);
    return t.post("/api/series/" + sid + "/confirmations", b.toString());
  }

  private JsonNode seated() throws Exception {
    return t.get("/api/series/" + sid + "/dates/" + JAN, hostKey).body().path("seated");
  }

  private static String code(TestServer.Response r) {
    return r.body().path("error").path("code").asText();
  }

  @Test
  void aSeatAndAPersonalLinkOnlyForWhoeverOpensTheMailedLink() throws Exception {
    TestServer.Response asked = ask("Anna", "Anna@Example.org", "de");

    assertThat(asked.status()).isEqualTo(202);
    assertThat(asked.body().path("status").asText()).isEqualTo("CONFIRMATION_SENT");
    assertThat(asked.body().has("token")).isFalse();
    assertThat(seated()).as("nothing registered before the address is proven").isEmpty();
    List<OutgoingMessage> sent = mail.to("anna@example.org");
    assertThat(sent).singleElement().satisfies(m -> {
      assertThat(m.language()).isEqualTo("de");
      assertThat(m.subject()).startsWith("Bitte bestätigen: Küche");
      assertThat(m.body()).contains("Hallo Anna", "Dienstag, 1. Jänner 2030", "24 Stunden",
          t.base() + "/series.html?series=" + sid + "&confirm="); // a whole link, as a mail needs
    });

    TestServer.Response confirmed = confirm(mail.confirmationToken("anna@example.org"));
    assertThat(confirmed.status()).as(String.valueOf(confirmed.body())).isEqualTo(200);
    assertThat(confirmed.body().path("status").asText()).isEqualTo("SEATED");
    String token = confirmed.body().path("token").asText();
    JsonNode me = t.get("/api/series/" + sid + "/me", token).body();
    assertThat(me.path("email").asText()).isEqualTo("anna@example.org");
    assertThat(me.path("name").asText()).isEqualTo("Anna");
    assertThat(seated()).extracting(n -> n.path("name").asText()).containsExactly("Anna");

    // Opening the link again registers nothing more and shows the same person.
    TestServer.Response again = confirm(mail.confirmationToken("anna@example.org"));
    assertThat(again.body().path("token").asText()).isEqualTo(token);
    assertThat(seated()).hasSize(1);
  }

  @Test
  void aKnownAddressGetsTheSameAnswerAsANewOneAndItsLinkGoesOnlyToItsMail() throws Exception {
    String annaToken = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    int annasMessages = mail.to("anna@example.org").size();

    TestServer.Response forKnown = ask("Not Anna", "ANNA@example.org", "en");
    TestServer.Response forNew = ask("Zoe", "zoe@example.org", "en");

    assertThat(forKnown.status()).isEqualTo(forNew.status()).isEqualTo(202);
    assertThat(forKnown.body()).isEqualTo(forNew.body());
    assertThat(forKnown.body().toString()).doesNotContain(annaToken);
    assertThat(mail.to("anna@example.org")).hasSize(annasMessages + 1); // to Anna's mailbox, not to the asker
    // Anna, opening that link, is still Anna, registered once.
    TestServer.Response opened = confirm(mail.confirmationToken("anna@example.org"));
    assertThat(opened.body().path("token").asText()).isEqualTo(annaToken);
    assertThat(seated()).extracting(n -> n.path("name").asText()).containsExactly("Anna");
  }

  @Test
  void checksThatDoNotDependOnWhoAsksAnswerAtOnceAndSendNothing() throws Exception {
    assertThat(code(ask("X", "not-an-address", "de"))).isEqualTo("INVALID_EMAIL");
    assertThat(code(ask("", "x@example.org", "de"))).isEqualTo("INVALID_NAME");
    TestServer.Response unknownDate = t.post("/api/series/" + sid + "/registrations",
        "{\"date\":\"2030-01-02\",\"name\":\"X\",\"email\":\"x@example.org\"}");
    assertThat(unknownDate.status()).isEqualTo(404);
    assertThat(code(unknownDate)).isEqualTo("UNKNOWN_DATE");
    t.post("/api/series/" + sid + "/dates/" + JAN + "/cancel", "{\"reason\":\"Krank\"}", hostKey);
    assertThat(code(ask("X", "x@example.org", "de"))).isEqualTo("DATE_CANCELLED");
    assertThat(mail.all()).isEmpty();
  }

  @Test
  void confirmationLinksExpireAndCannotBeForgedOrUsedAsAnotherKindOfToken() throws Exception {
    ask("Anna", "anna@example.org", "en");
    String link = mail.confirmationToken("anna@example.org");
    assertThat(mail.to("anna@example.org").get(0).body()).contains("Hello Anna", "valid for 24 hours");

    String body = link.substring(0, link.indexOf('.'));
    String forged = body.substring(0, body.length() - 2) + (body.endsWith("AA") ? "BB" : "AA") + link.substring(
        link.indexOf('.'));
    assertThat(code(confirm(forged))).isEqualTo("INVALID_TOKEN");
    assertThat(code(t.get("/api/series/" + sid + "/me", link))).as("a confirmation is no personal link")
        .isEqualTo("INVALID_TOKEN");
    String other = t.post("/api/series", SERIES).body().path("seriesId").asText();
    TestServer.Response elsewhere = t.post("/api/series/" + other + "/confirmations",
        "{\"token\":\"" + link + "\"}");
    assertThat(code(elsewhere)).isEqualTo("WRONG_SERIES");

    now.set(now.get().plus(Duration.ofHours(24)).plusSeconds(1));
    TestServer.Response late = confirm(link);
    assertThat(late.status()).isEqualTo(401);
    assertThat(code(late)).isEqualTo("TOKEN_EXPIRED");
    assertThat(seated()).isEmpty();

    String personal = mail.register(t, sid, JAN, "Anna", "anna@example.org", "en").body().path("token").asText();
    assertThat(code(confirm(personal))).as("a personal link is no confirmation").isEqualTo("INVALID_TOKEN");
  }

  @Test
  void anAddressGetsAFewMessagesAtMostAndAClientAFewRequests() throws Exception {
    int asked = 0;
    List<JsonNode> answers = new ArrayList<>();
    for (int i = 0; i < SeriesApi.MESSAGES_PER_ADDRESS_BURST + 3; i++, asked++) {
      answers.add(ask("Anna", "anna@example.org", "de").body());
    }
    assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(answers.get(0)));
    assertThat(mail.to("anna@example.org")).hasSize(SeriesApi.MESSAGES_PER_ADDRESS_BURST);

    TestServer.Response last = null;
    for (int i = 0; asked < SeriesApi.REGISTRATIONS_PER_CLIENT_BURST + 3; i++, asked++) {
      last = ask("Someone", "someone" + i + "@example.org", "de");
      if (last.status() == 429) {
        break;
      }
    }
    assertThat(last.status()).as("the client is stopped before it gets far past its burst").isEqualTo(429);
    assertThat(code(last)).isEqualTo("RATE_LIMITED");
    assertThat(asked).isGreaterThanOrEqualTo(SeriesApi.REGISTRATIONS_PER_CLIENT_BURST);
    int messages = mail.all().size();
    assertThat(ask("Zoe", "zoe@example.org", "de").status()).isEqualTo(429);
    assertThat(mail.all()).as("a refused request sends nothing").hasSize(messages);
  }

  @Test
  void theCalendarLinkReadsTheFeedButCannotAct() throws Exception {
    String token = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    String calendarLink = t.get("/api/series/" + sid + "/me", token).body().path("calendarLink").asText();
    assertThat(calendarLink).startsWith("/api/series/" + sid + "/me/calendar.ics?token=").doesNotContain(token);

    var feed = t.getText(calendarLink);
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.body()).contains("BEGIN:VCALENDAR", "DTSTART:20300101T080000Z");

    String calendarToken = java.net.URLDecoder.decode(calendarLink.substring(calendarLink.indexOf("token=") + 6),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(code(t.get("/api/series/" + sid + "/me", calendarToken))).isEqualTo("INVALID_TOKEN");
    assertThat(code(t.post("/api/series/" + sid + "/me/registrations/" + JAN + "/cancel", "{}", calendarToken)))
        .isEqualTo("INVALID_TOKEN");
    assertThat(code(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", calendarToken)))
        .isEqualTo("INVALID_TOKEN");
    assertThat(seated()).hasSize(1);
  }
}
