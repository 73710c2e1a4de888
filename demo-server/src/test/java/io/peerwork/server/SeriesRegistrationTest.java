package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.server.internal.RegistrationLimits;
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
      assertThat(m.body()).contains("Hallo,", "Dienstag, 1. Jänner 2030", "24 Stunden",
          t.base() + "/series.html?series=" + sid + "&confirm="); // a whole link, as a mail needs
      assertThat(m.body()).as("the asker chose the name: it is not put into mail to others").doesNotContain("Anna");
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
    assertThat(mail.to("anna@example.org").get(0).body()).contains("Hello,", "valid for 24 hours");

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
  void aLinkRegistersOnceEvenAfterTheSeatWasGivenUp() throws Exception {
    String token = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    String link = mail.confirmationToken("anna@example.org");
    assertThat(t.post("/api/series/" + sid + "/me/registrations/" + JAN + "/cancel", "{}", token).status())
        .isEqualTo(200);

    TestServer.Response replayed = confirm(link);

    assertThat(replayed.status()).isEqualTo(200);
    assertThat(replayed.body().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(seated()).isEmpty();
    // a new request, confirmed, registers again
    now.set(now.get().plusSeconds(60));
    TestServer.Response again = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de");
    assertThat(again.body().path("status").asText()).isEqualTo("SEATED");
  }

  @Test
  void aKnownPersonKeepsTheirNameWhateverTheAskerTyped() throws Exception {
    String token = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    t.post("/api/series/" + sid + "/me/registrations/" + JAN + "/cancel", "{}", token);
    now.set(now.get().plusSeconds(5));

    mail.register(t, sid, JAN, "Mallory's pick", "anna@example.org", "de");

    assertThat(seated()).extracting(n -> n.path("name").asText()).containsExactly("Anna");
  }

  @Test
  void theLinkInTheMailNamesTheServerNotTheHostTheAskerClaims() throws Exception {
    TestServer.Response r = raw("127.0.0.1", "evil.example", "/api/series/" + sid + "/registrations",
        "{\"date\":\"" + JAN + "\",\"name\":\"Anna\",\"email\":\"anna@example.org\"}");

    assertThat(r.status()).isEqualTo(202);
    assertThat(mail.to("anna@example.org")).singleElement().satisfies(m -> assertThat(m.body())
        .contains(t.base() + "/series.html?series=" + sid + "&confirm=").doesNotContain("evil.example"));
  }

  @Test
  void someoneElseAskingForAnAddressDoesNotUseUpItsOwnersMessages() throws Exception {
    String body = "{\"date\":\"" + JAN + "\",\"name\":\"X\",\"email\":\"%s\"}";
    String path = "/api/series/" + sid + "/registrations";
    for (String variant : List.of("anna@example.org", " ANNA@example.org", "anna+1@example.org", "Anna+2@Example.org",
        "anna+3@example.org")) {
      assertThat(raw("127.0.0.2", "localhost", path, body.formatted(variant)).status()).isEqualTo(202);
    }
    assertThat(mail.all()).as("one mailbox, however it is spelled").hasSize(RegistrationLimits.MESSAGES_PER_ADDRESS_BURST);

    assertThat(ask("Anna", "anna@example.org", "de").status()).isEqualTo(202);
    assertThat(mail.all()).as("the owner, from elsewhere, still gets theirs")
        .hasSize(RegistrationLimits.MESSAGES_PER_ADDRESS_BURST + 1);

    for (int client = 3; client < 10; client++) {
      for (int i = 0; i < RegistrationLimits.MESSAGES_PER_ADDRESS_BURST; i++) {
        raw("127.0.0." + client, "localhost", path, body.formatted("anna@example.org"));
      }
    }
    assertThat(mail.all()).as("all clients together").hasSize(RegistrationLimits.MESSAGES_PER_ADDRESS_ALL_BURST);
  }

  /** A request from {@code from} (any 127.x address) with the given Host header, on a plain socket. */
  private TestServer.Response raw(String from, String host, String path, String json) throws Exception {
    try (var socket = new java.net.Socket()) {
      socket.bind(new java.net.InetSocketAddress(from, 0));
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", t.server.port()));
      byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + host
          + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(b);
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      String text = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      return new TestServer.Response(Integer.parseInt(answer.substring(9, 12)),
          text.isEmpty() ? null : TestServer.JSON.readTree(text));
    }
  }

  @Test
  void anAddressGetsAFewMessagesAtMostAndAClientAFewRequests() throws Exception {
    int asked = 0;
    List<JsonNode> answers = new ArrayList<>();
    List<String> spellings = List.of("anna@example.org", "Anna@Example.org", " anna@example.org ", "anna+x@example.org",
        "ANNA@EXAMPLE.ORG", "anna+y@example.org");
    for (int i = 0; i < spellings.size(); i++, asked++) {
      answers.add(ask("Anna", spellings.get(i), "de").body());
    }
    assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(answers.get(0)));
    assertThat(mail.all()).as("one mailbox, however it is spelled").hasSize(RegistrationLimits.MESSAGES_PER_ADDRESS_BURST);

    TestServer.Response last = null;
    for (int i = 0; asked < RegistrationLimits.REGISTRATIONS_PER_CLIENT_BURST + 3; i++, asked++) {
      last = ask("Someone", "someone" + i + "@example.org", "de");
      if (last.status() == 429) {
        break;
      }
    }
    assertThat(last.status()).as("the client is stopped before it gets far past its burst").isEqualTo(429);
    assertThat(code(last)).isEqualTo("RATE_LIMITED");
    assertThat(asked).isGreaterThanOrEqualTo(RegistrationLimits.REGISTRATIONS_PER_CLIENT_BURST);
    int messages = mail.all().size();
    assertThat(ask("Zoe", "zoe@example.org", "de").status()).isEqualTo(429);
    assertThat(mail.all()).as("a refused request sends nothing").hasSize(messages);
  }

  @Test
  void aSeatGivenUpTakesItsSessionTokenWithItAndThePromotedPersonGetsIn() throws Exception {
    String anna = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    mail.register(t, sid, JAN, "Bea", "bea@example.org", "de");
    String cem = mail.register(t, sid, JAN, "Cem", "cem@example.net", "de").body().path("token").asText(); // waits
    // The host opens the date's room; Anna joins it with her seat's session token.
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + JAN + "/session", "{}", hostKey).body();
    String sessionId = session.path("sessionId").asText();
    TestServer.Client host = t.connect(t.join(sessionId, session.path("invites").path("host").asText(), "Hanna"));
    host.ok("OpenSession");
    JsonNode annaJoin = t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", anna).body();
    TestServer.Client annaSocket = t.connect(annaJoin);
    annaSocket.await(f -> f.path("type").asText().equals("snapshot"));

    assertThat(t.post("/api/series/" + sid + "/me/registrations/" + JAN + "/cancel", "{}", anna).status())
        .isEqualTo(200);

    // Her socket is closed and her session token no longer connects: the seat is Cem's now.
    await().atMost(10, java.util.concurrent.TimeUnit.SECONDS).until(() -> annaSocket.closed);
    assertThat(annaSocket.closeStatusCode()).isEqualTo((short) 4403);
    TestServer.Client again = t.connect(annaJoin);
    await().atMost(10, java.util.concurrent.TimeUnit.SECONDS).until(() -> again.closed);
    assertThat(again.closeStatusCode()).isEqualTo((short) 4403);
    JsonNode cemJoin = t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", cem).body();
    TestServer.Client cemSocket = t.connect(cemJoin);
    cemSocket.await(f -> f.path("type").asText().equals("snapshot"));
    assertThat(host.closed).isFalse();
    // Registering again and taking a seat lets Anna back in with a fresh session token.
    assertThat(t.post("/api/series/" + sid + "/me/registrations", "{\"date\":\"" + JAN + "\"}", anna).status())
        .isEqualTo(201);
  }

  @Test
  void aMailServerThatIsDownChangesNoAnswerAndLosesNoChange() throws Exception {
    String anna = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    mail.register(t, sid, JAN, "Bea", "bea@example.org", "de");
    mail.register(t, sid, JAN, "Cem", "cem@example.net", "de"); // capacity 2: Cem waits
    mail.down(true);

    try (LogCapture log = LogCapture.of(Class.forName("io.peerwork.server.internal.SeriesMails"))) {
      assertThat(ask("Dora", "dora@example.net", "de").status()).isEqualTo(202);
      TestServer.Response cancelled = t.post("/api/series/" + sid + "/me/registrations/" + JAN + "/cancel", "{}", anna);

      assertThat(cancelled.status()).isEqualTo(200);
      assertThat(seated()).extracting(n -> n.path("name").asText()).containsExactly("Bea", "Cem");
      // The operator is told of each message the Outbox could not take.
      assertThat(log.records()).extracting(java.util.logging.LogRecord::getMessage)
          .anyMatch(m -> m.contains("the Outbox failed for a message to dora@example.net"));
    }
  }

  @Test
  void theCalendarLinkReadsTheFeedButCannotAct() throws Exception {
    String token = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    String calendarLink = t.get("/api/series/" + sid + "/me", token).body().path("calendarLink").asText();
    assertThat(calendarLink).startsWith(t.base() + "/api/series/" + sid + "/me/calendar.ics?token=")
        .doesNotContain(token); // whole, for calendar apps

    var feed = t.getText(calendarLink.substring(t.base().length()));
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
