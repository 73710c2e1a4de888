package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.jdbc.MailQueue;
import io.peerwork.server.internal.MailDelivery;
import io.peerwork.server.internal.SmtpOutbox;
import io.peerwork.server.internal.SmtpServer;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The e-mail outbox against a real SMTP server: what a person chose (a series' title in the
 * subject, a name in the body) arrives as text and never as a header or a recipient, the mail is
 * UTF-8 in the person's language, and a recipient that is not one plain address is refused before
 * anything is kept. The settings name {@code --smtp-url} when they are wrong.
 */
class SmtpOutboxTest {
  static final MailDelivery QUICK = new MailDelivery(Duration.ofMillis(100), Duration.ofMillis(400),
      Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofDays(7), 20);

  Vertx vertx;
  SmtpMailbox smtp;
  SmtpOutbox outbox;
  SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    smtp = new SmtpMailbox().start();
    outbox = SmtpOutbox.start(vertx, new ServerConfig.Mail(smtp.url(), "", "", "Peerwork <peerwork@example.org>"),
        MailQueue.inMemory(), QUICK, Clock.systemUTC(), metrics);
  }

  @AfterEach
  void stop() throws Exception {
    outbox.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
    smtp.close();
  }

  @Test
  void aLineBreakInTheSubjectAddsNoHeaderAndNoRecipient() throws Exception {
    outbox.send(new OutgoingMessage("anna@example.org", "de", "Bitte bestätigen: Kitchen\r\nBcc: evil@example.org",
        "Hallo Anna\r\nBcc: evil@example.org\r\n.\r\nMAIL FROM:<evil@example.org>\n"));
    outbox.send(new OutgoingMessage("ben@example.org", "en", "Kitchen\nBcc: evil@example.org\nX-Evil: 1",
        "Hello Ben\n"));

    SmtpMailbox.Received anna = smtp.await("anna@example.org", 1);
    SmtpMailbox.Received ben = smtp.await("ben@example.org", 1);
    assertThat(anna.raw().getHeader("Bcc")).isNull();
    assertThat(ben.raw().getHeader("Bcc")).as("the mail client itself lets a bare \\n through").isNull();
    assertThat(ben.raw().getHeader("X-Evil")).isNull();
    assertThat(anna.subject()).isEqualTo("Bitte bestätigen: Kitchen Bcc: evil@example.org");
    assertThat(ben.subject()).isEqualTo("Kitchen Bcc: evil@example.org X-Evil: 1");
    assertThat(anna.to()).containsExactly("anna@example.org");
    assertThat(anna.body().strip()).isEqualTo("Hallo Anna\nBcc: evil@example.org\n.\nMAIL FROM:<evil@example.org>");
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> smtp.all().size() == 2 && smtp.to("evil@example.org").isEmpty());
  }

  @Test
  void aMailIsUtf8TextInItsLanguageFromTheConfiguredSender() throws Exception {
    outbox.send(new OutgoingMessage("anna@example.org", "de", "Dein Rückblick: Küche 🍳, 1. Jänner",
        "Hallo Anna,\n\nErledigt: „Beiträge planen“ ✓\n"));

    SmtpMailbox.Received m = smtp.await("anna@example.org", 1);
    assertThat(m.subject()).isEqualTo("Dein Rückblick: Küche 🍳, 1. Jänner");
    assertThat(m.language()).isEqualTo("de");
    assertThat(m.body().strip()).isEqualTo("Hallo Anna,\n\nErledigt: „Beiträge planen“ ✓");
    assertThat(m.raw().getFrom()[0].toString()).contains("peerwork@example.org");
    String longTitle = "Bitte bestätigen: " + "Küche 👩‍🍳 ".repeat(15) + "=?UTF-8?Q?x?= Dienstag, 1. Jänner 2030 um 09:00";
    outbox.send(new OutgoingMessage("ben@example.org", "en", longTitle, "Hello\n"));
    assertThat(smtp.await("ben@example.org", 1).subject()).isEqualTo(longTitle);
    await().atMost(Duration.ofSeconds(5)).until(() -> metrics.counter("peerwork.mail.sent").count() == 2
        && outbox.waiting() == 0);
  }

  @Test
  void aRecipientThatIsNotOnePlainAddressIsRefusedAndNothingIsKept() {
    for (String to : List.of("anna@example.org\r\nRCPT TO:<evil@example.org>", "anna@example.org>, <evil@example.org",
        "Anna <anna@example.org>", "anna@example.org evil@example.org", "")) {
      assertThatThrownBy(() -> outbox.send(new OutgoingMessage(to, "de", "Hallo", "Text\n")))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(outbox.waiting()).isZero();
  }

  @Test
  void theSettingsOfTheMailServerAreCheckedAndNameTheirOption() {
    assertThat(SmtpServer.parse("smtp://mail.example.org:2525")).isEqualTo(new SmtpServer(false, "mail.example.org", 2525));
    assertThat(SmtpServer.parse("smtps://mail.example.org")).isEqualTo(new SmtpServer(true, "mail.example.org", 465));
    assertThat(SmtpServer.parse("smtp://mail.example.org")).isEqualTo(new SmtpServer(false, "mail.example.org", 587));
    for (String bad : List.of("mail.example.org:587", "http://mail.example.org", "smtp://user:secret@mail.example.org",
        "smtp://mail.example.org:587/inbox", "smtp://mail.example.org?tls=1", "smtp://")) {
      assertThatThrownBy(() -> ServerConfig.from(new String[] {"--smtp-url=" + bad}, Map.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--smtp-url");
    }
    assertThatThrownBy(() -> SmtpOutbox.start(vertx, new ServerConfig.Mail(smtp.url(), "", "", "peerwork\r\nBcc: x@y"),
        MailQueue.inMemory(), QUICK, Clock.systemUTC(), metrics)).hasMessageContaining("--mail-from");
    assertThat(ServerConfig.from(new String[0], Collections.emptyMap()).mail().smtpUrl()).isEmpty();
  }
}
