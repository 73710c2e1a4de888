package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.RejectionCode;
import io.peerwork.server.internal.ApiError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * protocol.md lists every code a room client can meet, with its meaning, and the web page has a
 * German and an English text for every constant of core's {@link RejectionCode} and the server's
 * {@link ApiError.Code} (web/i18n/de.js and web/i18n/en.js), so a new code without a row or a text
 * fails the build. A code the server uses only inside itself is listed in {@link #INTERNAL} with the
 * reason it never reaches a person.
 */
class ProtocolCodesTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Path WEB = Path.of("src", "main", "resources", "web");
  private static final Path MAIN = Path.of("src", "main", "java");
  /**
   * Codes that never reach a person, and why. Every other code the server sends is a constant of
   * one of the two enums and has a text in both languages.
   */
  private static final Map<String, String> INTERNAL = Map.of(
      "NOT_OWNER", "between the nodes of a cluster only: the asking node routes the request again and, after"
          + " ROUTE_DEADLINE, answers ROOM_UNAVAILABLE (RoomRegistry.route)");
  /** Codes the page makes itself, without the server. */
  private static final Set<String> PAGE_ONLY = Set.of("NETWORK");
  /** The series' codes (the wall's too): met over HTTP only, documented in api.md. */
  private static final Set<RejectionCode> SERIES =
      union(EnumSet.range(RejectionCode.SERIES_NOT_FOUND, RejectionCode.DATE_CONFLICT),
          union(EnumSet.of(RejectionCode.DOMAIN_SHARE_REACHED, RejectionCode.ALREADY_PAIRED,
              RejectionCode.BUDDY_NOT_LOOKING, RejectionCode.CANNOT_PAIR_WITH_SELF, RejectionCode.NO_BUDDY),
              EnumSet.range(RejectionCode.INVALID_POST_TEXT, RejectionCode.ALREADY_PROMOTED)));
  private static Set<RejectionCode> union(Set<RejectionCode> a, Set<RejectionCode> b) {
    var all = EnumSet.copyOf(a);
    all.addAll(b);
    return all;
  }

  /** Server codes met only over HTTP (api.md), never on a room's socket. */
  private static final Set<ApiError.Code> HTTP_ONLY = EnumSet.of(ApiError.Code.INVALID_TOKEN,
      ApiError.Code.WRONG_SESSION, ApiError.Code.INVALID_INVITE, ApiError.Code.SESSION_NOT_OVER,
      ApiError.Code.UNKNOWN_FORMAT, ApiError.Code.NOT_FOUND, ApiError.Code.WRONG_SERIES, ApiError.Code.SERIES_NOT_FOUND,
      ApiError.Code.CREATION_RATE_LIMITED, ApiError.Code.REQUEST_TIMEOUT,
      ApiError.Code.JOIN_RATE_LIMITED, ApiError.Code.INVITE_REVOKED, ApiError.Code.INVITE_EXHAUSTED,
      ApiError.Code.TOKEN_REVOKED, ApiError.Code.KEY_RETIRED, ApiError.Code.SERIES_DATA_UNREADABLE,
      ApiError.Code.ERASURE_UNAVAILABLE, ApiError.Code.ERASURE_NOT_CONFIRMED);

  /** The codes block of web/i18n/{@code language}.js: {@code CODE -> text}. */
  private static Map<String, String> codeTexts(String language) throws Exception {
    String file = Files.readString(WEB.resolve("i18n").resolve(language + ".js"));
    int start = file.indexOf("\n  codes: {");
    assertThat(start).as("the codes of " + language + ".js").isPositive();
    int end = file.indexOf("\n  },", start);
    return entries(file.substring(start + "\n  codes: {".length(), end));
  }

  /** Every text of web/i18n/{@code language}.js outside its codes block: {@code key -> text}. */
  private static Map<String, String> pageTexts(String language) throws Exception {
    String file = Files.readString(WEB.resolve("i18n").resolve(language + ".js"));
    int start = file.indexOf("\n  codes: {");
    int end = file.indexOf("\n  },", start);
    return entries(file.substring(0, start) + file.substring(end + "\n  },".length()));
  }

  private static Map<String, String> entries(String js) {
    Map<String, String> texts = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?:^|[\\s{,])([A-Za-z_][A-Za-z0-9_]*): (['\"])((?:\\\\.|(?!\\2).)*)\\2").matcher(js);
    while (m.find()) {
      texts.put(m.group(1), m.group(3));
    }
    return texts;
  }

  private static Set<String> tableCodes(String doc, String heading) throws Exception {
    String text = Files.readString(DOCS.resolve(doc));
    int start = text.indexOf(heading);
    assertThat(start).as(heading + " in " + doc).isPositive();
    int end = text.indexOf("\n#", start + heading.length());
    Set<String> codes = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(text.substring(start, end < 0 ? text.length() : end));
    while (m.find()) {
      codes.add(m.group(1));
    }
    return codes;
  }

  @Test
  void everyRejectionARoomClientCanMeetIsListed() throws Exception {
    Set<String> listed = tableCodes("protocol.md", "### Rejection codes");
    for (RejectionCode c : RejectionCode.values()) {
      if (SERIES.contains(c)) {
        assertThat(Files.readString(DOCS.resolve("api.md"))).as("api.md names " + c).contains("`" + c + "`");
      } else {
        assertThat(listed).as("protocol.md's rejection codes").contains(c.name());
      }
    }
    assertThat(listed).allSatisfy(code -> assertThat(RejectionCode.valueOf(code)).isNotNull());
  }

  @Test
  void everyErrorARoomClientCanMeetIsListed() throws Exception {
    Set<String> listed = tableCodes("protocol.md", "### Error codes");
    for (ApiError.Code c : ApiError.Code.values()) {
      if (!HTTP_ONLY.contains(c)) {
        assertThat(listed).as("protocol.md's error codes").contains(c.name());
      }
    }
    assertThat(listed).contains("OUTCOME_UNKNOWN");
  }

  @Test
  void everyHttpOnlyErrorIsNamedInApiMd() throws Exception {
    String api = Files.readString(DOCS.resolve("api.md"));
    for (ApiError.Code c : HTTP_ONLY) {
      assertThat(api).as("api.md names " + c).contains("`" + c + "`");
    }
  }

  @Test
  void everyConflictCodeIsInApiMdsRowOf409() throws Exception {
    String row = Files.readAllLines(DOCS.resolve("api.md")).stream().filter(l -> l.startsWith("| 409 |"))
        .findFirst().orElseThrow(() -> new AssertionError("api.md has no row for 409"));
    for (ApiError.Code c : ApiError.Code.values()) {
      if (c.status() == 409) {
        assertThat(row).as("api.md's 409 row names " + c).contains("`" + c + "`");
      }
    }
  }

  @Test
  void everyCodeOfBothEnumsHasAGermanAndAnEnglishText() throws Exception {
    Set<String> codes = new LinkedHashSet<>();
    for (RejectionCode c : RejectionCode.values()) {
      codes.add(c.name());
    }
    for (ApiError.Code c : ApiError.Code.values()) {
      codes.add(c.name());
    }
    codes.addAll(PAGE_ONLY);
    Map<String, String> de = codeTexts("de");
    Map<String, String> en = codeTexts("en");
    for (String code : codes) {
      assertThat(de.get(code)).as("German text of " + code).isNotBlank();
      assertThat(en.get(code)).as("English text of " + code).isNotBlank();
    }
    // No text for a code that does not exist (a renamed or removed one), and none for an internal one.
    assertThat(de.keySet()).as("codes with a German text").isSubsetOf(codes);
    assertThat(en.keySet()).as("codes with an English text").isSubsetOf(codes);
    assertThat(codes).doesNotContainAnyElementsOf(INTERNAL.keySet());
  }

  @Test
  void everyCodeTheServerWritesAsTextIsAnEnumConstantOrListedAsInternal() throws Exception {
    Set<String> known = new LinkedHashSet<>(INTERNAL.keySet());
    for (RejectionCode c : RejectionCode.values()) {
      known.add(c.name());
    }
    for (ApiError.Code c : ApiError.Code.values()) {
      known.add(c.name());
    }
    Pattern literal = Pattern.compile("(?:new ApiError|Failed|Refused)\\(\"([A-Z_]+)\"|put\\(\"code\", \"([A-Z_]+)\"\\)");
    Pattern constant = Pattern.compile("static final String ([A-Z_]+) = \"([A-Z_]+)\"");
    List<String> found = new ArrayList<>();
    try (var files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String src = Files.readString(f);
        Matcher m = literal.matcher(src);
        while (m.find()) {
          found.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        Matcher c = constant.matcher(src);
        while (c.find()) {
          if (c.group(1).equals(c.group(2)) && src.contains("Failed(" + c.group(1))) {
            found.add(c.group(2));
          }
        }
      }
    }
    assertThat(found).as("codes written as text in the server").contains("NOT_OWNER");
    assertThat(found).allSatisfy(code -> assertThat(known).as("a code the server sends").contains(code));
  }

  @Test
  void bothLanguagesHaveTheSameTexts() throws Exception {
    Map<String, String> de = pageTexts("de");
    Map<String, String> en = pageTexts("en");
    assertThat(de).hasSizeGreaterThan(150);
    assertThat(de.keySet()).as("keys of de.js and en.js").containsExactlyInAnyOrderElementsOf(en.keySet());
    for (var e : de.entrySet()) {
      // The same placeholders in both: a text may not lose a {name}.
      assertThat(placeholders(e.getValue())).as("placeholders of " + e.getKey())
          .isEqualTo(placeholders(en.get(e.getKey())));
    }
  }

  private static Set<String> placeholders(String text) {
    Set<String> names = new java.util.TreeSet<>();
    Matcher m = Pattern.compile("\\{(\\w+)}").matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
