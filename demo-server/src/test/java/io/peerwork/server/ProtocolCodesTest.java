package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.RejectionCode;
import io.peerwork.server.internal.ApiError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * protocol.md lists every code a room client can meet, with its meaning, and the web page has a
 * German and an English text for each: checked against core's {@link RejectionCode} and the server's
 * {@link ApiError.Code}, so a new code without a row or a text fails the build.
 */
class ProtocolCodesTest {
  private static final Path DOCS = Path.of("..", "docs");
  /** The series' codes: met over HTTP only, documented in api.md. */
  private static final Set<RejectionCode> SERIES =
      union(EnumSet.range(RejectionCode.SERIES_NOT_FOUND, RejectionCode.DATE_CONFLICT),
          EnumSet.of(RejectionCode.DOMAIN_SHARE_REACHED));
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
      ApiError.Code.TOKEN_REVOKED, ApiError.Code.KEY_RETIRED);

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
  void everyHttpOnlyErrorIsNamedInApiMdWithAGermanAndAnEnglishText() throws Exception {
    String api = Files.readString(DOCS.resolve("api.md"));
    String i18n = Files.readString(Path.of("src", "main", "resources", "web", "i18n.js"));
    int en = i18n.indexOf("\n  en: {");
    for (ApiError.Code c : HTTP_ONLY) {
      assertThat(api).as("api.md names " + c).contains("`" + c + "`");
      assertThat(i18n.substring(0, en)).as("German text of " + c).containsPattern("\\b" + c + ": '");
      assertThat(i18n.substring(en)).as("English text of " + c).containsPattern("\\b" + c + ": '");
    }
  }

  @Test
  void everyListedCodeHasAGermanAndAnEnglishText() throws Exception {
    String i18n = Files.readString(Path.of("src", "main", "resources", "web", "i18n.js"));
    int en = i18n.indexOf("\n  en: {");
    String de = i18n.substring(0, en);
    String english = i18n.substring(en);
    Set<String> codes = new LinkedHashSet<>(tableCodes("protocol.md", "### Rejection codes"));
    codes.addAll(tableCodes("protocol.md", "### Error codes"));
    // The series' codes come over HTTP to the series and host pages, which show them too.
    SERIES.forEach(c -> codes.add(c.name()));
    for (String code : codes) {
      assertThat(de).as("German text of " + code).containsPattern("\\b" + code + ": '");
      assertThat(english).as("English text of " + code).containsPattern("\\b" + code + ": '");
    }
  }
}
