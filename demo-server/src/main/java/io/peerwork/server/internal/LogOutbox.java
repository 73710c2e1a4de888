package io.peerwork.server.internal;

import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import java.util.logging.Logger;

/**
 * The default {@link Outbox}: writes each message to the log, so no mail server is needed to run.
 * A message is one log line: {@code message to <address> (<language>): <subject> | <body>}, with
 * line breaks and every other control or format character of the fields written as escapes ({@code
 * \n}, {@code \r}, {@code \t}, {@code \}{@code u202e}; a backslash as two), so no text a person
 * chose (a series' title, a name) can start a line that looks like the server's own.
 */
public final class LogOutbox implements Outbox {
  private static final Logger LOG = Logger.getLogger(LogOutbox.class.getName());

  @Override
  public void send(OutgoingMessage message) {
    LOG.info(() -> "message to " + escape(message.to()) + " (" + escape(message.language()) + "): "
        + escape(message.subject()) + " | " + escape(message.body()));
  }

  /**
   * {@code text} on one line: a backslash doubled, line breaks, tabs and every other control,
   * format or separator character (Unicode categories Cc, Cf, Zl, Zp; bidirectional overrides
   * among them) as an escape. The zero-width joiner inside emoji stays.
   */
  static String escape(String text) {
    var out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          int type = Character.getType(c);
          boolean joiner = c == 0x200d; // joins emoji (👩‍💻); draws nothing by itself
          if (type == Character.CONTROL || type == Character.FORMAT && !joiner || type == Character.LINE_SEPARATOR
              || type == Character.PARAGRAPH_SEPARATOR) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
