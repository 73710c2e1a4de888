package io.peerwork.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of JSON values as text, for fuzzing what clients send: plausible values for Peerwork's
 * fields, values of wrong types, huge and deeply nested ones, texts with control, bidi and zero-width
 * characters, and lone surrogates (as JSON escapes, the only way they reach the server).
 */
final class JsonFuzz {
  /** Field names of frames and bodies, used as keys of generated objects. */
  static final List<String> NAMES = List.of("actor", "text", "taskId", "goal", "status", "topicId", "note", "minutes",
      "request", "outcome", "reason", "to", "displayName", "role", "formatId", "start", "zone", "capacity", "date",
      "email", "name", "language", "token", "code", "paid", "cadence");
  /** A message over this many bytes closes a WebSocket; bodies over 64 KiB are refused. */
  static final int CLOSING = 256 * 1024;

  /** Characters that have broken text handling somewhere. */
  static final List<String> ODD = List.of("\u0000", "\u0007", "\n", "\r", "\t", "\u001b", "\u007f", "\u0085",
      "\u2028", "\u2029", "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\u2060", "\ufeff", "\ufffd", "\ud83d\ude00",
      "e\u0301", "\\", "\"", "</script>", "'; --", "%s", "${x}");

  private JsonFuzz() {}

  /** {@code s} as a JSON string. */
  static String quote(String s) {
    try {
      return TestServer.JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON value of any kind, as text: mostly plausible for some field, often of a wrong type. */
  static Arbitrary<String> value() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of("\"g1\"", "\"g2\"", "\"r1\"", "\"scheduling\"", "\"images\"", "\"plan-posts\"",
            "\"DONE\"", "\"SOLVED\"", "\"OPEN\"", "\"HOST\"", "\"PARTICIPANT\"", "\"h-aaaaaaaaaaaa\"", "\"\"", "\" \"",
            // lone surrogates, which only a JSON escape can carry
            "\"\\ud800\"", "\"a\\udfffb\"", "\"\\u0000\"", "\"FOLLOW_UP\"", "\"PARTLY_DONE\"", "\"2031-01-01T09:00:00Z\"")),
        Tuple.of(2, Arbitraries.of("0", "-1", "1", "5", "120", "121", "1.5", "-0", "1e3", "1e400",
            "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999", "true", "false", "null")),
        Tuple.of(1, Arbitraries.integers().map(String::valueOf)),
        Tuple.of(4, text().map(JsonFuzz::quote)),
        Tuple.of(1, Arbitraries.lazy(JsonFuzz::huge)),
        Tuple.of(1, Arbitraries.lazy(JsonFuzz::deep)),
        Tuple.of(1, Arbitraries.lazy(() -> value().list().ofMaxSize(3)
            .map(l -> "[" + String.join(",", l) + "]"))),
        Tuple.of(1, Arbitraries.lazy(() -> Combinators.combine(
            Arbitraries.oneOf(Arbitraries.of(NAMES), text()).map(JsonFuzz::quote), value())
            .as((k, v) -> k + ":" + v).list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}"))));
  }

  /** Short texts made of plain and odd characters. */
  static Arbitrary<String> text() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20), Arbitraries.of(ODD),
        Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.of(ODD),
            Arbitraries.strings().ofMaxLength(8)).as((a, b, c) -> a + b + c))
        // A lone surrogate would reach the wire as '?'; value() sends them as JSON escapes.
        .filter(s -> s.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
  }

  /** Texts around the limits: a chat's and a goal's, the 64 KiB frame limit, and the 256 KiB that closes. */
  static Arbitrary<String> huge() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.integers().between(280, 2_000)),
        Tuple.of(4, Arbitraries.integers().between(60_000, 70_000)),
        Tuple.of(1, Arbitraries.integers().between(CLOSING, CLOSING + 10_000)))
        .flatMap(n -> Arbitraries.of("a", "\u00e4", "\u200b", "\ud83d\ude00").map(c -> quote(c.repeat(n / c.length()))));
  }

  /** Arrays and objects nested 2 to 5,000 deep. */
  static Arbitrary<String> deep() {
    return Combinators.combine(Arbitraries.integers().between(2, 5_000), Arbitraries.of("[]", "{\"a\":}"))
        .as((n, kind) -> kind.equals("[]")
            ? "[".repeat(n) + "]".repeat(n)
            : "{\"a\":".repeat(n) + "1" + "}".repeat(n));
  }
}
