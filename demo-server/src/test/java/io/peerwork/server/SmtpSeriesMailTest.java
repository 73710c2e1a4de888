package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.server.TestServer.Client;
import io.peerwork.server.internal.MailDelivery;
import io.peerwork.server.internal.SmtpOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server started with {@code --smtp-url} sends its messages as e-mail to a real SMTP server
 * (GreenMail): the confirmation link in the registrant's language, the seat of whoever moves up
 * from the waitlist, the recap after a session; and a mail server that is down, even across a
 * restart of Peerwork, changes no answer and loses no mail.
 */
class SmtpSeriesMailTest {
  static final String JAN = "2030-01-01";
  static final MailDelivery QUICK = new MailDelivery(Duration.ofMillis(100), Duration.ofMillis(400),
      Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofDays(7), 20);

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  SmtpMailbox smtp;
  Path data;
  TestServer t;

  @BeforeEach
  void setUp() throws Exception {
    smtp = new SmtpMailbox();
    data = Files.createTempDirectory("peerwork-smtp");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (t != null) {
      t.close();
    }
    smtp.close();
  }

  /** A server sending mail to {@link #smtp}, on an H2 file in {@link #data} ({@code memory} if asked). */
  TestServer startServer(String dbUrl) throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(false).withDataDirectory(data)
        .withMail(new ServerConfig.Mail(smtp.url(), "", "", "Peerwork <peerwork@example.org>"));
    if (dbUrl != null) {
      config = config.withDatabase(dbUrl);
    }
    t = new TestServer(config, List.of(binder -> {
      binder.bind(Clock.class).toInstance(new TestClock(now));
      binder.bind(MailDelivery.class).toInstance(QUICK);
    }));
    return t;
  }

  String createSeries(int capacity) throws Exception {
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","zone":"Europe/Vienna","capacity":%d,
         "place":{"address":"Gumpendorfer Straße 12, 1060 Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}"""
        .formatted(capacity));
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return created.body().path("seriesId").asText() + " " + created.body().path("hostKey").asText();
  }

  TestServer.Response ask(String sid, String name, String email, String language) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("date", JAN);
    b.put("name", name);
    b.put("email", email);
    b.put("language", language);
    return t.post("/api/series/" + sid + "/registrations", b.toString());
  }

  /** Opens the link of the newest mail to {@code email}, as its reader would; answers the personal token. */
  String confirm(String sid, String email, int nth, String status) throws Exception {
    SmtpMailbox.Received m = smtp.await(email, nth);
    ObjectNode c = TestServer.JSON.createObjectNode();
    c.put("token", m.confirmationToken());
    TestServer.Response r = t.post("/api/series/" + sid + "/confirmations", c.toString());
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().path("status").asText()).isEqualTo(status);
    return r.body().path("token").asText();
  }

  @Test
  void theConfirmationArrivesInTheRegistrantsLanguageWithALinkThatWorks() throws Exception {
    smtp.start();
    startServer(ServerConfig.IN_MEMORY);
    String sid = createSeries(2).split(" ")[0];

    assertThat(ask(sid, "Anna", "Anna@Example.org", "de").status()).isEqualTo(202);
    assertThat(ask(sid, "Ben", "ben@example.org", "en").status()).isEqualTo(202);

    SmtpMailbox.Received de = smtp.await("anna@example.org", 1);
    assertThat(de.subject()).startsWith("Bitte bestätigen: Küche am Dienstag, Dienstag, 1. Jänner 2030");
    assertThat(de.language()).isEqualTo("de");
    assertThat(de.body()).contains("bitte bestätige deine Anmeldung", "24 Stunden",
        t.base() + "/series.html?series=" + sid + "&confirm=");
    assertThat(de.raw().getFrom()[0].toString()).contains("peerwork@example.org");
    SmtpMailbox.Received en = smtp.await("ben@example.org", 1);
    assertThat(en.subject()).startsWith("Please confirm: Küche am Dienstag, Tuesday");
    assertThat(en.language()).isEqualTo("en");
    assertThat(en.body()).contains("please confirm your registration", t.base() + "/series.html?series=" + sid + "&confirm=");

    confirm(sid, "anna@example.org", 1, "SEATED");
    confirm(sid, "ben@example.org", 1, "SEATED");
  }

  @Test
  void whoeverMovesUpFromTheWaitlistIsMailedInTheirLanguage() throws Exception {
    smtp.start();
    startServer(ServerConfig.IN_MEMORY);
    String sid = createSeries(1).split(" ")[0];
    ask(sid, "Anna", "anna@example.org", "de");
    String anna = confirm(sid, "anna@example.org", 1, "SEATED");
    ask(sid, "Ben", "ben@example.org", "en");
    confirm(sid, "ben@example.org", 1, "WAITLISTED");

    assertThat(t.post("/api/series/" + sid + "/me/registrations/" + JAN + "/cancel", "{}", anna).status())
        .isEqualTo(200);

    SmtpMailbox.Received seat = smtp.await("ben@example.org", 2);
    assertThat(seat.subject()).isEqualTo("You have a seat: Küche am Dienstag");
    assertThat(seat.language()).isEqualTo("en");
    assertThat(seat.body()).contains("Hello Ben,", "you moved up from the waitlist");
    String personal = seat.link("t");
    assertThat(t.base() + personal).startsWith(t.base() + "/series.html?series=" + sid + "&t=");
    String token = personal.substring(personal.indexOf("&t=") + 3);
    assertThat(t.get("/api/series/" + sid + "/me", token).body().path("dates").get(0).path("status").asText())
        .isEqualTo("SEATED");
  }

  @Test
  void theRecapArrivesWhenTheSessionEnds() throws Exception {
    smtp.start();
    startServer(ServerConfig.IN_MEMORY);
    String[] series = createSeries(2).split(" ");
    String sid = series[0];
    ask(sid, "Anna", "anna@example.org", "de");
    String anna = confirm(sid, "anna@example.org", 1, "SEATED");

    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + JAN + "/session", "{}", series[1]).body();
    Client host = t.connect(t.join(session.path("sessionId").asText(),
        session.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    Client p = t.connect(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", anna).body());
    p.await(f -> f.path("type").asText().equals("offers"));
    host.ok("StartSession");
    host.ok("AdvancePhase");
    p.ok("DeclareGoal", "text", "Beiträge für Jänner planen");
    host.ok("EndSession");
    host.close();
    p.close();

    SmtpMailbox.Received recap = smtp.await("anna@example.org", 2);
    assertThat(recap.subject()).startsWith("Dein Rückblick: ");
    assertThat(recap.language()).isEqualTo("de");
    assertThat(recap.body()).contains("Hallo Anna,", "Beiträge für Jänner planen", "5. Februar 2030");
  }

  @Test
  void aMailServerThatIsDownChangesNoAnswerAndLosesNoMail() throws Exception {
    startServer(ServerConfig.IN_MEMORY);
    String sid = createSeries(2).split(" ")[0];
    smtp.start();
    TestServer.Response up = ask(sid, "Zoe", "zoe@example.org", "de");
    smtp.await("zoe@example.org", 1);
    smtp.stop();

    try (LogCapture log = LogCapture.of(Class.forName("io.peerwork.server.internal.MailSender"))) {
      TestServer.Response down = ask(sid, "Anna", "anna@example.org", "de");

      assertThat(down.status()).isEqualTo(up.status()).isEqualTo(202);
      assertThat(down.body()).isEqualTo(up.body());
      await().atMost(Duration.ofSeconds(20)).until(() -> failedAttempts(log, "anna@example.org") >= 2);
      assertThat(outbox().waiting()).isEqualTo(1);

      smtp.start();

      confirm(sid, "anna@example.org", 1, "SEATED");
      await().atMost(Duration.ofSeconds(5)).until(() -> outbox().waiting() == 0);
      assertWarningsAreOneLineEach(log);
    }
  }

  @Test
  void aMailNotYetSentOutlivesARestart() throws Exception {
    startServer(null); // the embedded H2 file
    String sid = createSeries(2).split(" ")[0];
    try (LogCapture log = LogCapture.of(Class.forName("io.peerwork.server.internal.MailSender"))) {
      assertThat(ask(sid, "Anna", "anna@example.org", "en").status()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(20)).until(() -> failedAttempts(log, "anna@example.org") >= 1);
      t.close();
      t = null;

      smtp.start();
      startServer(null);

      SmtpMailbox.Received m = smtp.await("anna@example.org", 1);
      assertThat(m.subject()).startsWith("Please confirm: Küche am Dienstag");
      confirm(sid, "anna@example.org", 1, "SEATED");
      assertThat(smtp.to("anna@example.org")).as("sent once").hasSize(1);
      assertWarningsAreOneLineEach(log);
    }
  }

  /**
   * A server that closes while a mail is on its way to a slow mail server waits for the mail's
   * outcome without blocking an event loop: the rooms and sockets still closing on it go on (Vert.x
   * warns of any event loop blocked for two seconds). The mail server here takes every connection
   * and hangs up three seconds later without a word.
   */
  @SuppressWarnings("try") // the log captures are held for their effect while the server closes
  @Test
  void closingWhileAMailIsOnItsWayBlocksNoEventLoop() throws Exception {
    var hangUps = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    var accepted = new java.util.concurrent.CopyOnWriteArrayList<java.net.Socket>();
    try (var slow = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            java.net.Socket s = slow.accept();
            accepted.add(s);
            hangUps.schedule(() -> {
              s.close();
              return null;
            }, 3, java.util.concurrent.TimeUnit.SECONDS);
          }
        } catch (java.io.IOException closed) {
          // the test is over
        }
      }, "slow-smtp");
      acceptor.setDaemon(true);
      acceptor.start();
      ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(false).withDataDirectory(data)
          .withDatabase(ServerConfig.IN_MEMORY)
          .withMail(new ServerConfig.Mail("smtp://127.0.0.1:" + slow.getLocalPort(), "", "", "Peerwork <p@example.org>"));
      t = new TestServer(config, List.of(binder -> {
        binder.bind(Clock.class).toInstance(new TestClock(now));
        binder.bind(MailDelivery.class).toInstance(QUICK);
      }));
      String sid = createSeries(2).split(" ")[0];
      try (LogCapture blocked = LogCapture.named("io.vertx.core.impl.BlockedThreadChecker");
          LogCapture sender = LogCapture.of(Class.forName("io.peerwork.server.internal.MailSender"))) {
        assertThat(ask(sid, "Anna", "anna@example.org", "de").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> !accepted.isEmpty()); // the mail is on its way
        t.close();
        t = null;
        assertThat(blocked.records()).as("event loops blocked while the server closed").isEmpty();
      }
    } finally {
      hangUps.shutdownNow();
      for (java.net.Socket s : accepted) {
        s.close();
      }
    }
  }

  private SmtpOutbox outbox() {
    return (SmtpOutbox) t.server.injector().getInstance(Outbox.class);
  }

  private static long failedAttempts(LogCapture log, String to) {
    return log.records().stream().filter(r -> r.getMessage().startsWith("mail ")
        && r.getMessage().contains(" to " + to + " not sent (attempt ")).count();
  }

  /**
   * Every line an operator sees (INFO and above) is a warning about a failed attempt, says that the
   * mail is kept, and carries no stack trace. (The capture also sees the FINE lines meant for
   * debugging.)
   */
  private static void assertWarningsAreOneLineEach(LogCapture log) {
    assertThat(log.records().stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()))
        .isNotEmpty().allSatisfy((LogRecord r) -> {
      assertThat(r.getLevel()).isEqualTo(Level.WARNING);
      assertThat(r.getThrown()).isNull();
      assertThat(r.getMessage()).matches("mail \\d+ to \\S+ not sent \\(attempt \\d+\\): .+; kept, next attempt at \\S+")
          .doesNotContain("\n");
    });
  }
}
