package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.EventJournal;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.InMemorySeriesJournal;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import io.peerwork.server.internal.ApiError;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever body a client posts to any POST endpoint of api.md (random JSON, fields of wrong types,
 * huge and deeply nested values, control characters, no JSON at all), the server never answers 5xx
 * or {@code INTERNAL}, every error has a documented code, and a 4xx answer leaves both journals (the
 * sessions' and the series') exactly as they were. Paths name real sessions, series, dates and
 * credentials as well as fake but well-formed ones.
 */
class HttpBodyFuzzTest {
  static final String JAN = "2030-01-01";
  static final String SERIES = """
      {"formatId":"test-kitchen","title":"Küche","capacity":2,"place":{"address":"Gumpendorfer Straße 12"},
       "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""";
  static final Set<String> CODES = Stream.concat(
      Stream.of(ApiError.Code.values()).map(Enum::name), Stream.of(RejectionCode.values()).map(Enum::name))
      .collect(Collectors.toSet());

  private static final InMemoryEventJournal sessions = new InMemoryEventJournal();
  private static final InMemorySeriesJournal series = new InMemorySeriesJournal();
  private static final Mailbox mail = new Mailbox();
  private static TestServer t;
  /** What the paths and bodies may name: real ids and credentials, and fake well-formed ones. */
  private static String sessionId;
  private static String participantCode;
  private static String seriesId;
  private static String hostKey;
  private static String personalToken;
  private static String confirmationToken;
  private static final Set<String> answered = new HashSet<>();
  private static int tries;

  @BeforeContainer
  static void start() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-http-fuzz")),
        List.of(binder -> {
          binder.bind(Clock.class).toInstance(new TestClock(now));
          binder.bind(Outbox.class).toInstance(mail);
          binder.bind(EventJournal.class).toInstance(sessions);
          binder.bind(SeriesJournal.class).toInstance(series);
        }));
    JsonNode session = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}").body();
    sessionId = session.path("sessionId").asText();
    participantCode = session.path("invites").path("participant").asText();
    JsonNode created = t.post("/api/series", SERIES).body();
    seriesId = created.path("seriesId").asText();
    hostKey = created.path("hostKey").asText();
    personalToken = mail.register(t, seriesId, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    TestServer.Response asked = t.post("/api/series/" + seriesId + "/registrations",
        "{\"date\":\"" + JAN + "\",\"name\":\"Bernd\",\"email\":\"bernd@example.org\",\"language\":\"en\"}");
    assertThat(asked.status()).isEqualTo(202);
    confirmationToken = mail.confirmationToken("bernd@example.org");
    assertThat(state()).isGreaterThan(0);
  }

  @AfterContainer
  static void stop() throws Exception {
    if (tries >= 200) { // the property ran to the end: it reached accepted and refused requests alike
      assertThat(answered).anyMatch(a -> a.startsWith("2")).anyMatch(a -> a.startsWith("400"))
          .anyMatch(a -> a.startsWith("401")).anyMatch(a -> a.startsWith("404"));
    }
    t.close();
  }

  /** Every event of every session and series: grows with anything stored. */
  /**
   * The stored state once the server has finished what an accepted request set off after its answer
   * (a session called off records its outcomes in the series, a seat given up reaches its session):
   * unchanged for 150 ms, within 5 s. So a change seen during a refused request is its own.
   */
  private static long settledState() {
    if (!lastAccepted) {
      return state(); // a refused request sets nothing off
    }
    var last = new java.util.concurrent.atomic.AtomicLong(state());
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .pollInterval(java.time.Duration.ofMillis(25)).during(java.time.Duration.ofMillis(150))
        .until(() -> last.getAndSet(state()) == last.get());
    return last.get();
  }

  private static boolean lastAccepted;

  private static long state() {
    long n = 0;
    for (SessionId s : sessions.sessions()) {
      n += 1 + sessions.version(s);
    }
    for (SeriesId s : series.series()) {
      n += 1 + series.version(s);
    }
    return n;
  }

  /** One request: the path (with its credential, if any) and the body's bytes. */
  record Post(String path, String bearer, byte[] body) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return "POST " + path + (bearer == null ? "" : " (Bearer " + abbreviate(bearer) + ")") + " " + abbreviate(text);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void noBodyGetsA5xxOrInternalAndARefusedOneStoresNothing(@ForAll("posts") Post post) throws Exception {
    tries++;
    long before = settledState();
    var request = HttpRequest.newBuilder(URI.create(t.base() + post.path()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(post.body()));
    if (post.bearer() != null) {
      request.header("Authorization", "Bearer " + post.bearer());
    }
    HttpResponse<String> res = t.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    int status = res.statusCode();
    lastAccepted = status < 400;
    String code = null;
    if (status >= 400) {
      JsonNode body = TestServer.JSON.readTree(res.body());
      code = body.path("error").path("code").asText(null);
      assertThat(code).as("%d %s to %s", status, res.body(), post).isNotNull();
    }
    answered.add(status + (code == null ? "" : " " + code));
    assertThat(status).as("%d %s to %s", status, abbreviate(res.body()), post).isLessThan(500);
    assertThat(code).as("%d %s to %s", status, res.body(), post).isNotEqualTo("INTERNAL");
    if (code != null) {
      assertThat(CODES).as("the code of %s is documented", res.body()).contains(code);
      assertThat(state()).as("what is stored after %d %s to %s", status, res.body(), post).isEqualTo(before);
    }
  }

  // ---- generators ------------------------------------------------------------------------------

  /** A POST endpoint: its path template, credential, and the fields of its body. */
  record Endpoint(String path, String credential, List<String> fields) {}

  static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("/api/sessions", null, List.of("formatId", "title", "start", "zone", "capacity", "queuePolicy",
          "agenda")),
      new Endpoint("/api/sessions/{session}/join", null, List.of("displayName", "code")),
      new Endpoint("/api/series", null, List.of("formatId", "title", "zone", "capacity", "experts", "place",
          "recurrence")),
      new Endpoint("/api/series/{series}/registrations", null, List.of("date", "name", "email", "language")),
      new Endpoint("/api/series/{series}/confirmations", null, List.of("token")),
      new Endpoint("/api/series/{series}/dates/{date}/session", "host", List.of()),
      new Endpoint("/api/series/{series}/dates/{date}/move", "host", List.of("start")),
      new Endpoint("/api/series/{series}/dates/{date}/cancel", "host", List.of("reason")),
      new Endpoint("/api/series/{series}/dates/{date}/check-in", "host", List.of("email")),
      new Endpoint("/api/series/{series}/dates/{date}/no-shows", "host", List.of()),
      new Endpoint("/api/series/{series}/dates/{date}/paid", "host", List.of("email", "paid")),
      new Endpoint("/api/series/{series}/me/registrations", "personal", List.of("date", "name", "language")),
      new Endpoint("/api/series/{series}/me/registrations/{date}/cancel", "personal", List.of()),
      new Endpoint("/api/series/{series}/me/routines", "personal", List.of("taskId", "cadence")),
      new Endpoint("/api/series/{series}/me/routines/{task}/drop", "personal", List.of()),
      new Endpoint("/api/series/{series}/me/dates/{date}/join", "personal", List.of()),
      new Endpoint("/api/series/{series}/me/link", null, List.of("email", "language")),
      new Endpoint("/api/series/{series}/links/revoke", "host", List.of("email")),
      new Endpoint("/api/series/{series}/me/revoke", "personal", List.of()),
      new Endpoint("/api/series/{series}/me/wall", "personal", List.of("kind", "text", "taskId", "date")),
      new Endpoint("/api/series/{series}/me/wall/p1/cheer", "personal", List.of()),
      new Endpoint("/api/series/{series}/me/wall/p1/remove", "personal", List.of()),
      new Endpoint("/api/series/{series}/wall/p1/promote", "host", List.of("title", "link")),
      new Endpoint("/api/series/{series}/wall/p1/remove", "host", List.of()));

  /** Values that fit each field (and some that nearly do), so that requests get past the first checks. */
  static Map<String, List<String>> fitting() {
    return Map.ofEntries(Map.entry("formatId", List.of("\"test-kitchen\"")),
        Map.entry("title", List.of("\"Küche\"", JsonFuzz.quote("x".repeat(281)), "\"\"")),
        Map.entry("start", List.of("\"2030-01-01T09:00\"", "\"2031-03-03T09:00:00+01:00\"", "\"2030-01-08T10:00\"")),
        Map.entry("zone", List.of("\"Europe/Vienna\"", "\"UTC\"", "\"Mars/Base\"")),
        Map.entry("capacity", List.of("3", "0", "500", "501")),
        Map.entry("queuePolicy", List.of("\"fcfs\"", "\"fair\"", "\"nope\"")),
        Map.entry("agenda", List.of("[{\"kind\":\"ARRIVAL\",\"minutes\":10},{\"kind\":\"FOCUS_BLOCK\",\"minutes\":45}]",
            "[{\"kind\":\"NAP\",\"minutes\":10}]", "[{\"kind\":\"FOCUS_BLOCK\",\"minutes\":-5}]", "[]")),
        Map.entry("displayName", List.of("\"Anna\"")),
        Map.entry("code", List.of(JsonFuzz.quote(participantCode))),
        Map.entry("experts", List.of("[\"Erika\"]", "[]")),
        Map.entry("place", List.of("{\"address\":\"Gumpendorfer Straße 12\"}", "{\"onlineLink\":\"https://meet.example\"}",
            "{\"onlineLink\":\"http://insecure.example\"}", "{}")),
        Map.entry("recurrence", List.of(
            "{\"type\":\"MonthlyWeekday\",\"ordinal\":1,\"day\":\"TUESDAY\",\"start\":\"09:00\",\"length\":\"PT4H\"}",
            "{\"type\":\"MonthlyWeekday\",\"ordinal\":-1,\"day\":\"FRIDAY\",\"start\":\"18:00\",\"length\":\"PT2H\"}",
            "{\"type\":\"Dates\",\"starts\":[\"2030-01-07T09:00\"],\"length\":\"PT3H\"}",
            "{\"type\":\"Dates\",\"starts\":[],\"length\":\"PT3H\"}")),
        Map.entry("date", List.of("\"2030-01-01\"", "\"2030-02-05\"", "\"2030-01-02\"")),
        Map.entry("name", List.of("\"Zoe\"")),
        Map.entry("email", List.of("\"anna@example.org\"", "\"zoe@example.org\"", "\"not an address\"")),
        Map.entry("language", List.of("\"de\"", "\"en\"", "\"fr\"")),
        Map.entry("token", List.of(JsonFuzz.quote(confirmationToken))),
        Map.entry("reason", List.of("\"Die Expertin ist krank\"")),
        Map.entry("paid", List.of("true", "false")),
        Map.entry("taskId", List.of("\"plan-posts\"", "\"write-post\"")),
        Map.entry("cadence", List.of("\"MONTHLY\"", "\"WEEKLY\"", "\"HOURLY\"")),
        Map.entry("kind", List.of("\"WIN\"", "\"TIP\"", "\"POEM\"")),
        Map.entry("text", List.of("\"Drei Posts geplant\"", "\"\"", JsonFuzz.quote("x".repeat(281)))),
        Map.entry("link", List.of("\"https://www.canva.com/\"", "\"javascript:alert(1)\"")));
  }

  /** Values that fit some field of the API. */
  static Arbitrary<String> plausible() {
    return Arbitraries.of("\"test-kitchen\"", "\"no-such-format\"", "\"2030-01-01\"", "\"2030-02-05\"",
        "\"2030-01-01T09:00\"", "\"2031-03-03T09:00:00+01:00\"", "\"Europe/Vienna\"", "\"Mars/Base\"", "3", "0",
        "-1", "501", "\"fcfs\"", "\"fair\"", "\"nope\"", "\"anna@example.org\"", "\"zoe@example.org\"",
        "\"not an address\"", "\"de\"", "\"en\"", "\"fr\"", "\"plan-posts\"", "\"MONTHLY\"", "\"WEEKLY\"", "true",
        "\"Anna\"", "[\"Erika\"]", "[]",
        "{\"address\":\"Gumpendorfer Straße 12\"}", "{\"onlineLink\":\"http://insecure.example\"}", "{}",
        "[{\"kind\":\"ARRIVAL\",\"minutes\":10},{\"kind\":\"FOCUS_BLOCK\",\"minutes\":45}]",
        "[{\"kind\":\"NAP\",\"minutes\":10}]", "[{\"kind\":\"FOCUS_BLOCK\",\"minutes\":-5}]", "[{}]",
        "{\"type\":\"MonthlyWeekday\",\"ordinal\":1,\"day\":\"TUESDAY\",\"start\":\"09:00\",\"length\":\"PT4H\"}",
        "{\"type\":\"MonthlyWeekday\",\"ordinal\":9,\"day\":\"TUESDAY\",\"start\":\"09:00\",\"length\":\"PT4H\"}",
        "{\"type\":\"Dates\",\"starts\":[\"2030-01-07T09:00\"],\"length\":\"PT3H\"}",
        "{\"type\":\"Dates\",\"starts\":[],\"length\":\"PT3H\"}", "{\"type\":\"Nope\"}",
        "{\"type\":\"Dates\",\"starts\":[\"x\"],\"length\":\"-PT3H\"}",
        JsonFuzz.quote(participantCode),
        JsonFuzz.quote(confirmationToken), "\"eyJ2IjoxfQ.AAAA\"");
  }

  @Provide
  Arbitrary<Post> posts() {
    Arbitrary<String> sessionIds = Arbitraries.of(sessionId, "s-zzzzzzzzzz", "s-", "%20", "..", "s-" + "a".repeat(200));
    Arbitrary<String> seriesIds = Arbitraries.of(seriesId, seriesId, "sr-zzzzzzzz", "sr-", "x%00y");
    Arbitrary<String> dates = Arbitraries.of(JAN, JAN, "2030-02-05", "2030-02-30", "1999-01-01", "tomorrow", "%2e%2e");
    Arbitrary<String> tasks = Arbitraries.of("plan-posts", "write-post", "no-such-task", "%E2%80%AE");
    Map<String, Arbitrary<String>> credentials = Map.of(
        "host", Arbitraries.of(hostKey, hostKey, hostKey, "forged", personalToken),
        "personal", Arbitraries.of(personalToken, personalToken, personalToken, "forged", hostKey, confirmationToken));
    Map<String, List<String>> fitting = fitting();
    return Arbitraries.of(ENDPOINTS).flatMap(e -> {
      Arbitrary<String> path = Combinators.combine(sessionIds, seriesIds, dates, tasks).as((s, sr, d, task) ->
          e.path().replace("{session}", s).replace("{series}", sr).replace("{date}", d).replace("{task}", task));
      Arbitrary<String> bearer = e.credential() == null
          ? Arbitraries.just((String) null)
          : credentials.get(e.credential()).injectNull(0.1);
      List<Arbitrary<String>> own = new ArrayList<>();
      for (String f : e.fields()) {
        // Mostly the first fitting value, so that whole requests are accepted too (and get past the first check).
        Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(fitting.get(f).get(0))),
            Tuple.of(3, Arbitraries.of(fitting.get(f))), Tuple.of(1, plausible()), Tuple.of(3, JsonFuzz.value()));
        own.add(Arbitraries.frequencyOf(Tuple.of(8, value.map(v -> JsonFuzz.quote(f) + ":" + v)),
            Tuple.of(1, Arbitraries.just(""))));
      }
      Arbitrary<List<String>> mine = own.isEmpty()
          ? Arbitraries.just(List.of())
          : Combinators.combine(own).as(l -> l.stream().filter(v -> !v.isEmpty()).toList());
      Arbitrary<List<String>> extra = Combinators.combine(
          Arbitraries.oneOf(Arbitraries.of(JsonFuzz.NAMES), JsonFuzz.text()).map(JsonFuzz::quote), JsonFuzz.value())
          .as((k, v) -> k + ":" + v).list().ofMaxSize(2);
      Arbitrary<byte[]> object = Combinators.combine(mine, extra)
          .as((a, b) -> ("{" + String.join(",", Stream.concat(a.stream(), b.stream()).toList()) + "}")
              .getBytes(StandardCharsets.UTF_8));
      Arbitrary<byte[]> other = Arbitraries.oneOf(
          Arbitraries.of("", " ", "[]", "null", "42", "\"x\"", "{", "{\"a\":1}{}", "{'a':1}", "\ufeff{}", "{\"a\":1,}")
              .map(s -> s.getBytes(StandardCharsets.UTF_8)),
          Arbitraries.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
              new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'}),
          JsonFuzz.value().map(v -> v.getBytes(StandardCharsets.UTF_8)));
      Arbitrary<byte[]> body = Arbitraries.frequencyOf(Tuple.of(8, object), Tuple.of(1, other));
      return Combinators.combine(path, bearer, body).as(Post::new);
    });
  }
}
