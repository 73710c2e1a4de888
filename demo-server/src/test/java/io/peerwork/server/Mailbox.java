package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tests' Outbox: keeps every message the server sends, so a test can read what a person would
 * find in their mail (a confirmation link, a recap) and act on it, as they would.
 */
final class Mailbox implements Outbox {
  private static final Pattern LINK = Pattern.compile("(/series\\.html\\?series=[^\\s&]+&(confirm|t)=([^\\s]+))");

  private final List<OutgoingMessage> messages = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  @Override
  public void send(OutgoingMessage message) {
    if (down) {
      throw new IllegalStateException("the mail server is down");
    }
    messages.add(message);
  }

  /** Makes every {@link #send} fail (a mail server that is down), or work again. */
  void down(boolean down) {
    this.down = down;
  }

  /** Everything sent so far, oldest first. */
  List<OutgoingMessage> all() {
    return List.copyOf(messages);
  }

  /** What was sent to {@code to} so far, oldest first. */
  List<OutgoingMessage> to(String to) {
    return messages.stream().filter(m -> m.to().equals(to)).toList();
  }

  /** The path of the confirmation link in the newest message to {@code to}, e.g. {@code /series.html?series=…&confirm=…}. */
  String confirmationLink(String to) {
    List<OutgoingMessage> mine = to(to);
    assertThat(mine).as("messages to " + to).isNotEmpty();
    Matcher m = LINK.matcher(mine.get(mine.size() - 1).body());
    assertThat(m.find() && m.group(2).equals("confirm")).as("a confirmation link in " + mine.get(mine.size() - 1))
        .isTrue();
    return m.group(1);
  }

  /** The confirmation token in the newest message to {@code to}. */
  String confirmationToken(String to) {
    String link = confirmationLink(to);
    return URLDecoder.decode(link.substring(link.indexOf("&confirm=") + 9), StandardCharsets.UTF_8);
  }

  /** The personal token of the link in the newest message to {@code to} ({@code /series.html?...&t=...}). */
  String personalToken(String to) {
    List<OutgoingMessage> mine = to(to);
    assertThat(mine).as("messages to " + to).isNotEmpty();
    Matcher m = LINK.matcher(mine.get(mine.size() - 1).body());
    assertThat(m.find() && m.group(2).equals("t")).as("a personal link in " + mine.get(mine.size() - 1)).isTrue();
    return URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
  }

  /** The calendar token of the calendar link in the newest message to {@code to}. */
  String calendarToken(String to) {
    List<OutgoingMessage> mine = to(to);
    assertThat(mine).as("messages to " + to).isNotEmpty();
    Matcher m = Pattern.compile("calendar\\.ics\\?token=(\\S+)").matcher(mine.get(mine.size() - 1).body());
    assertThat(m.find()).as("a calendar link in " + mine.get(mine.size() - 1)).isTrue();
    return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
  }

  /**
   * Registers a person as they would: asks for a seat, then opens the link the server mailed them.
   *
   * @return the answer to the confirmation (status, waitlist place, personal token)
   */
  TestServer.Response register(TestServer t, String sid, String date, String name, String email, String language)
      throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("date", date);
    b.put("name", name);
    b.put("email", email);
    b.put("language", language);
    TestServer.Response asked = t.post("/api/series/" + sid + "/registrations", b.toString());
    assertThat(asked.status()).as(String.valueOf(asked.body())).isEqualTo(202);
    String to = io.peerwork.core.series.SeriesState.normalize(email);
    ObjectNode c = TestServer.JSON.createObjectNode();
    c.put("token", confirmationToken(to));
    return t.post("/api/series/" + sid + "/confirmations", c.toString());
  }
}
