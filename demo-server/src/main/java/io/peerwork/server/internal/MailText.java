package io.peerwork.server.internal;

import io.peerwork.core.series.OutgoingMessage;
import io.vertx.ext.mail.MailMessage;
import java.util.regex.Pattern;

/**
 * An {@link OutgoingMessage} as the mail it becomes, with nothing in it that could add a header
 * line or a recipient: the subject on one line (line breaks and other control characters become
 * spaces), one recipient address without any character that could end an SMTP command or a
 * header, the body as plain text (UTF-8 when it needs it; the mail client encodes it), and the
 * message's language as {@code Content-Language}. The subject is encoded here ({@link #encoded}).
 */
final class MailText {
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"\\\\@]+@[^\\s<>()\\[\\],;:\"\\\\@]+");

  private MailText() {}

  /** The mail for {@code message}, from {@code from}. */
  static MailMessage of(String from, OutgoingMessage message) {
    var mail = new MailMessage()
        .setFrom(from)
        .setTo(address(message.to()))
        .setText(body(message.body()));
    // Set as a header of our own: the mail client encodes characters outside the BMP (emoji) as "?".
    mail.addHeader("Subject", encoded(subject(message.subject())));
    if (LANGUAGE.matcher(message.language()).matches()) {
      mail.addHeader("Content-Language", message.language());
    }
    return mail;
  }

  /**
   * {@code address} if it is one plain address ({@code local@domain}, at most 254 characters, no
   * spaces, control characters, brackets, quotes, commas or semicolons).
   *
   * @throws IllegalArgumentException otherwise
   */
  static String address(String address) {
    if (address.length() > 254 || !ADDRESS.matcher(address).matches() || address.codePoints().anyMatch(MailText::unsafe)) {
      throw new IllegalArgumentException("not a single plain e-mail address: " + LogOutbox.escape(address));
    }
    return address;
  }

  /** {@code subject} on one line: each run of control, format or separator characters one space. */
  static String subject(String subject) {
    var out = new StringBuilder(subject.length());
    boolean gap = false;
    for (int c : subject.codePoints().toArray()) {
      if (unsafe(c) || Character.isWhitespace(c)) {
        gap = true;
        continue;
      }
      if (gap && !out.isEmpty()) {
        out.append(' ');
      }
      gap = false;
      out.appendCodePoint(c);
    }
    return out.isEmpty() ? "Peerwork" : out.toString();
  }

  /**
   * {@code line} as the value of a header: as it is if it is printable ASCII (without {@code =?}),
   * else as RFC 2047 encoded words (UTF-8, base64) of at most 75 characters, each holding whole
   * characters, on lines of their own (folded with CRLF and a space). Only this method puts a line
   * break into a header, and only between encoded words, which hold no line breaks.
   */
  static String encoded(String line) {
    if (line.length() <= 900 && line.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !line.contains("=?")) {
      return line;
    }
    var words = new java.util.ArrayList<String>();
    var chunk = new java.io.ByteArrayOutputStream();
    for (int c : line.codePoints().toArray()) {
      byte[] bytes = new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (chunk.size() + bytes.length > 45) { // 45 bytes are 60 base64 characters: 72 with "=?UTF-8?B?" and "?="
        words.add(word(chunk.toByteArray()));
        chunk.reset();
      }
      chunk.write(bytes, 0, bytes.length);
    }
    if (chunk.size() > 0) {
      words.add(word(chunk.toByteArray()));
    }
    return String.join("\r\n ", words);
  }

  private static String word(byte[] utf8) {
    return "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(utf8) + "?=";
  }

  /** {@code body} with its lines ended by {@code \n} only, and no other control characters but tabs. */
  static String body(String body) {
    String lines = body.replace("\r\n", "\n").replace('\r', '\n');
    var out = new StringBuilder(lines.length());
    lines.codePoints().forEach(c -> {
      if (c == '\n' || c == '\t' || !unsafe(c)) {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** A control, format (but the emoji joiner) or line/paragraph separator character. */
  static boolean unsafe(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT && c != 0x200d || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
