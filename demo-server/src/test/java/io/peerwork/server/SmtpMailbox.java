package io.peerwork.server;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server in the test's process (GreenMail) on a port of its own that stays the same
 * across {@link #stop()} and {@link #start()}, so a test can take the mail server down and bring it
 * back. It reads what arrived as a person's mail program would.
 */
@SuppressWarnings("try") // close() may be interrupted; a test that closes it is itself interrupted then
final class SmtpMailbox implements AutoCloseable {
  private static final Pattern LINK = Pattern.compile("(/series\\.html\\?series=[^\\s&]+&(confirm|t)=([^\\s]+))");

  /**
   * A mail as it arrived.
   *
   * @param to the envelope's recipients as the server delivered them
   * @param subject the decoded subject
   * @param language the Content-Language header, or empty
   * @param body the decoded text
   * @param raw the whole message as sent, headers included
   */
  record Received(List<String> to, String subject, String language, String body, MimeMessage raw) {
    /** The path of the series link in the body ({@code kind} confirm or t), e.g. {@code /series.html?...}. */
    String link(String kind) {
      Matcher m = LINK.matcher(body);
      while (m.find()) {
        if (m.group(2).equals(kind)) {
          return m.group(1);
        }
      }
      throw new AssertionError("no " + kind + " link in " + body);
    }

    /** The confirmation token of the link in the body. */
    String confirmationToken() {
      String link = link("confirm");
      return URLDecoder.decode(link.substring(link.indexOf("&confirm=") + 9), StandardCharsets.UTF_8);
    }
  }

  /** GreenMail says INFO for every recipient it meets; kept here so the level holds (loggers are weak). */
  private static final java.util.logging.Logger GREENMAIL_LOG = java.util.logging.Logger.getLogger("com.icegreen.greenmail");

  static {
    GREENMAIL_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final int port;
  private final List<Received> earlier = Collections.synchronizedList(new ArrayList<>());
  private GreenMail green;

  SmtpMailbox() throws Exception {
    try (var probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
  }

  /** {@code smtp://127.0.0.1:<port>}. */
  String url() {
    return "smtp://127.0.0.1:" + port;
  }

  /** Starts taking mail. */
  synchronized SmtpMailbox start() {
    green = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    green.start();
    return this;
  }

  /** Stops taking mail: connections are refused. What arrived so far is still {@link #all()}. */
  synchronized void stop() throws Exception {
    if (green != null) {
      earlier.addAll(read(green));
      green.stop();
      green = null;
    }
  }

  /** Every mail that arrived, oldest first; a mail to two recipients arrives once for each. */
  synchronized List<Received> all() throws Exception {
    var all = new ArrayList<>(earlier);
    if (green != null) {
      all.addAll(read(green));
    }
    return all;
  }

  /** What arrived for {@code to}. */
  List<Received> to(String to) throws Exception {
    return all().stream().filter(r -> r.to().contains(to)).toList();
  }

  /** Waits for the {@code n}th mail to {@code to} (at most 20 s) and returns it. */
  Received await(String to, int n) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> to(to).size() >= n);
    try {
      return to(to).get(n - 1);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Received> read(GreenMail green) throws Exception {
    var out = new ArrayList<Received>();
    for (MimeMessage m : green.getReceivedMessages()) {
      Address[] recipients = m.getAllRecipients();
      List<String> to = recipients == null ? List.of() : Arrays.stream(recipients).map(Address::toString).toList();
      String[] language = m.getHeader("Content-Language");
      out.add(new Received(to, m.getSubject(), language == null ? "" : language[0],
          String.valueOf(m.getContent()).replace("\r\n", "\n"), m));
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
