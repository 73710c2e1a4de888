package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Role;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that is refused, not stored, over real HTTP: names, titles and links by core's text rules,
 * starts outside the planning window, with coded 400s (never INTERNAL).
 */
class InputRulesTest {
  static final String SERIES = """
      {"formatId":"test-kitchen","title":"Küche","capacity":3,"place":{"onlineLink":"https://meet.example.org/k"},
       "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""";

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  TestServer t;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-inputs")),
        List.of(binder -> binder.bind(Clock.class).toInstance(new TestClock(now))));
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private static String code(TestServer.Response r) {
    return r.body().path("error").path("code").asText();
  }

  private static void assertRefused(TestServer.Response r, String code) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
    assertThat(code(r)).as("%s", r.body()).isEqualTo(code);
  }

  private static String with(String json, String field, String value) throws Exception {
    ObjectNode n = (ObjectNode) TestServer.JSON.readTree(json);
    n.put(field, value);
    return n.toString();
  }

  @Test
  void anInvalidOnlineLinkIsRefusedAndNoFeedIsBroken() throws Exception {
    ObjectNode body = (ObjectNode) TestServer.JSON.readTree(SERIES);
    ((ObjectNode) body.path("place")).put("onlineLink", "https://a b");
    assertRefused(t.post("/api/series", body.toString()), "INVALID_LINK");
    ((ObjectNode) body.path("place")).put("onlineLink", "https://bank.example@evil.example/");
    assertRefused(t.post("/api/series", body.toString()), "INVALID_LINK");

    String sid = t.post("/api/series", SERIES).body().path("seriesId").asText();
    assertThat(t.getText("/api/series/" + sid + "/calendar.ics").statusCode()).isEqualTo(200);
  }

  @Test
  void aSessionPlannedInTheYear999999999IsRefusedBeforeItIsStored() throws Exception {
    TestServer.Response far = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"start\":\"+999999999-01-01T09:00\"}");
    assertRefused(far, "DATE_OUT_OF_RANGE");
    assertRefused(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\",\"start\":\"1999-12-31T09:00\"}"),
        "DATE_OUT_OF_RANGE");
    TestServer.Response unreadable = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\",\"start\":\"tomorrow\"}");
    assertRefused(unreadable, "INVALID_REQUEST");
    assertThat(unreadable.body().path("error").path("message").asText()).contains("start");
    assertRefused(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\",\"zone\":\"Mars/Olympus\"}"),
        "INVALID_REQUEST");
    assertThat(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\",\"start\":\"2030-01-07T09:00\"}").status())
        .isEqualTo(201);
  }

  @Test
  void seriesDatesOutsideThePlanningWindowAreRefused() throws Exception {
    String dates = """
        {"formatId":"test-kitchen","title":"Küche","place":{"address":"Gasse 1"},
         "recurrence":{"type":"Dates","starts":["2030-01-07T09:00","+999999999-01-01T09:00"],"length":"PT3H"}}""";
    assertRefused(t.post("/api/series", dates), "DATE_OUT_OF_RANGE");

    JsonNode created = t.post("/api/series", SERIES).body();
    String series = "/api/series/" + created.path("seriesId").asText();
    String key = created.path("hostKey").asText();
    assertRefused(t.post(series + "/dates/2030-01-01/move", "{\"start\":\"+999999999-01-01T09:00\"}", key),
        "DATE_OUT_OF_RANGE");
    JsonNode jan = null;
    for (JsonNode d : t.get(series).body().path("dates")) {
      jan = d.path("date").asText().equals("2030-01-01") ? d : jan;
    }
    assertThat(jan.path("start").asText()).startsWith("2030-01-01T09:00");
    assertThat(jan.path("revision").asInt()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ana\u202Egnp.exe", "Ho\u200Bst", "Ana\u2066", "\uFEFFAna", "Ana\nINFO admin"})
  void namesWithInvisibleOrReorderingCharactersAreRefused(String name) throws Exception {
    JsonNode session = createSession();
    String sid = session.path("sessionId").asText();
    JsonNode invites = session.path("invites");
    for (Role role : Role.values()) {
      assertRefused(joinAs(sid, invites.path(TestServer.lower(role)).asText(), name), "INVALID_NAME");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Host", " host ", "Gastgeberin", "Expert:in", "Moderator", "Admin"})
  void reservedNamesAreRefusedForParticipantsOnly(String name) throws Exception {
    JsonNode session = createSession();
    String sid = session.path("sessionId").asText();
    JsonNode invites = session.path("invites");
    assertRefused(joinAs(sid, invites.path("participant").asText(), name), "RESERVED_NAME");
    assertThat(joinAs(sid, invites.path("host").asText(), name).status()).isEqualTo(200);
  }

  @Test
  void aSeriesTitleWithALineBreakIsRefused() throws Exception {
    assertRefused(t.post("/api/series", with(SERIES, "title", "Küche\n2029-12-10 INFO forged line")), "INVALID_TITLE");
    assertRefused(t.post("/api/series", with(SERIES, "title", "Küche\u202E")), "INVALID_TITLE");
    assertRefused(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\",\"title\":\"Küche\\r\\nforged\"}"),
        "INVALID_TITLE");
    assertRefused(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\",\"title\":\"   \"}"), "INVALID_TITLE");
  }

  @Test
  void aSeriesRegistrationTakesNoReservedOrInvisibleName() throws Exception {
    String sid = t.post("/api/series", SERIES).body().path("seriesId").asText();
    String reg = "{\"date\":\"2030-01-01\",\"email\":\"ana@example.org\",\"language\":\"de\",\"name\":";
    assertRefused(t.post("/api/series/" + sid + "/registrations", reg + "\"Host\"}"), "RESERVED_NAME");
    assertRefused(t.post("/api/series/" + sid + "/registrations", reg + "\"An\\u200Ba\"}"), "INVALID_NAME");
  }

  /** A new session: its id and invites. */
  private JsonNode createSession() throws Exception {
    TestServer.Response r = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}");
    assertThat(r.status()).isEqualTo(201);
    return r.body();
  }

  private TestServer.Response joinAs(String sid, String code, String name) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("displayName", name);
    b.put("code", code);
    return t.post("/api/sessions/" + sid + "/join", b.toString());
  }
}
