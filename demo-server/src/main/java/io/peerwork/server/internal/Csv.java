package io.peerwork.server.internal;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * CSV as RFC 4180 has it (comma-separated, CRLF line ends, a field quoted when it holds a comma, a
 * quote or a line break, quotes doubled), with a header row, in UTF-8 with a byte order mark so
 * that a spreadsheet opened by double-click shows umlauts right. Guarded against CSV (formula)
 * injection: a cell that starts with {@code = + - @}, a tab or a carriage return gets a leading
 * apostrophe, so no spreadsheet takes it for a formula. Small enough that a library would not earn
 * its place (see docs/architecture.md).
 */
final class Csv {
  /** The media type the exports answer with. */
  static final String MEDIA_TYPE = "text/csv; charset=utf-8";
  private static final String BOM = "\uFEFF";

  private final StringBuilder out = new StringBuilder(BOM);

  /** A table with the given header row. */
  Csv(List<String> header) {
    row(header);
  }

  /** Adds a row; each cell is guarded and quoted as needed. */
  Csv row(List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(String.valueOf(cells.get(i))));
    }
    out.append("\r\n");
    return this;
  }

  /** The table's text. */
  String text() {
    return out.toString();
  }

  /** One cell: guarded against formula injection, then quoted if it must be. */
  static String field(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      v = '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** Answers {@code text} as a CSV download named {@code filename} (ASCII letters, digits, dots and dashes). */
  static void send(RoutingContext ctx, String filename, String text) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9.-]", "-") + "\"")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(text);
  }
}
