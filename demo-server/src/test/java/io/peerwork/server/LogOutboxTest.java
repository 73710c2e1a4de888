package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.server.internal.LogOutbox;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Regression: a line break in a series' title or a person's name forged lines in the log that holds
 * the demo's "mails". Each message is now one log line, and whatever the fields hold is written
 * as escapes that read back unambiguously.
 */
class LogOutboxTest {
  @Test
  void aMessageIsOneLogLineWhateverItsFieldsHold() {
    var forged = new OutgoingMessage("anna@example.org", "de",
        "Bitte bestätigen: Kitchen\r\nSEVERE: the server is compromised\u2028\u202etxt.exe",
        "Hallo Anna\nINFO: message to mallory@example.org (de): fake\n\\n stays\tas it was 👩‍💻\n");
    try (LogCapture log = LogCapture.of(LogOutbox.class)) {
      new LogOutbox().send(forged);

      assertThat(log.records()).hasSize(1);
      LogRecord r = log.records().get(0);
      assertThat(r.getMessage())
          .doesNotContain("\n", "\r", "\u2028", "\u202e")
          .isEqualTo("message to anna@example.org (de): Bitte bestätigen: Kitchen\\r\\nSEVERE: the server is"
              + " compromised\\u2028\\u202etxt.exe | Hallo Anna\\nINFO: message to mallory@example.org (de): fake\\n"
              + "\\\\n stays\\tas it was 👩‍💻\\n");
    }
  }

  @Test
  void theConfirmationLinkStaysWholeToCopyFromTheLog() {
    String link = "http://localhost:8080/series.html?series=smk&confirm=eyJhbGciOi.J9_-x";
    try (LogCapture log = LogCapture.of(LogOutbox.class)) {
      new LogOutbox().send(new OutgoingMessage("ben@example.org", "en", "Please confirm",
          "Hello,\n\nplease confirm:\n" + link + "\n"));

      assertThat(log.records().get(0).getMessage()).contains("\\n" + link + "\\n");
    }
  }
}
