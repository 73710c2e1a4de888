package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.peerwork.core.series.Outbox;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resources per task over real sockets: the expert of a series sets a task's links and checklists in
 * one month's room, everyone there gets them at once, and next month's room has them; participants
 * cannot set them; a format's defaults show until the series has its own.
 */
class TaskResourcesRoomTest {
  static final String MAR = "2030-03-05";
  static final String APR = "2030-04-02";
  static final Map<String, Object> TEMPLATE = Map.of("title", "Redaktionsplan-Vorlage",
      "link", "https://example.org/vorlage", "checklist", List.of("Vorlage kopieren", "Themen eintragen"));

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-02-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  TestServer t;

  void start() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(true)
        .withDataDirectory(Files.createTempDirectory("peerwork-resources")),
        List.of(binder -> {
          binder.bind(Clock.class).toInstance(new TestClock(now));
          binder.bind(Outbox.class).toInstance(mail);
        }));
  }

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  private JsonNode createSeries(String formatId) throws Exception {
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"%s","capacity":5,"place":{"address":"Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}"""
        .formatted(formatId));
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return created.body();
  }

  /** The date's session, prepared by the host: {sessionId, invites}. */
  private JsonNode session(String sid, String date, String hostKey) throws Exception {
    TestServer.Response s = t.post("/api/series/" + sid + "/dates/" + date + "/session", "{}", hostKey);
    assertThat(s.status()).as(String.valueOf(s.body())).isEqualTo(200);
    return s.body();
  }

  private Client joinAs(JsonNode session, String role, String name) throws Exception {
    return t.connect(t.join(session.path("sessionId").asText(), session.path("invites").path(role).asText(), name));
  }

  private static boolean isResources(JsonNode f) {
    return f.path("type").asText().equals("resources");
  }

  @Test
  void anExpertSetsResourcesInMarchAndAprilsRoomHasThem() throws Exception {
    start();
    JsonNode series = createSeries("test-kitchen");
    String sid = series.path("seriesId").asText();
    String hostKey = series.path("hostKey").asText();
    TestServer.Response reg = mail.register(t, sid, MAR, "Anna", "anna@example.org", "de");
    String anna = reg.body().path("token").asText();
    assertThat(t.post("/api/series/" + sid + "/me/registrations", "{\"date\":\"" + APR + "\"}", anna).status())
        .isEqualTo(201);

    // March: host, expert and Anna in the room.
    now.set(Instant.parse("2030-03-05T08:00:05Z"));
    JsonNode march = session(sid, MAR, hostKey);
    Client host = joinAs(march, "host", "Hanna");
    host.view(v -> v.path("status").asText().equals("OPEN"));
    Client expert = joinAs(march, "expert", "Erika");
    Client p = t.connect(t.post("/api/series/" + sid + "/me/dates/" + MAR + "/join", "{}", anna).body());
    JsonNode none = p.await(TaskResourcesRoomTest::isResources); // the series' resources on connect: none yet
    assertThat(none.path("tasks").size()).isZero();
    assertThat(none.path("curated")).isEmpty();

    expert.ok("SetTaskResources", "taskId", "plan-posts", "resources", List.of(TEMPLATE));
    JsonNode got = p.await(f -> isResources(f) && f.path("tasks").has("plan-posts"));
    JsonNode r = got.path("tasks").path("plan-posts").get(0);
    assertThat(r.path("title").path("de").asText()).isEqualTo("Redaktionsplan-Vorlage");
    assertThat(r.path("title").path("en").asText()).isEqualTo("Redaktionsplan-Vorlage"); // as written
    assertThat(r.path("link").asText()).isEqualTo("https://example.org/vorlage");
    assertThat(r.path("checklist").get(1).path("de").asText()).isEqualTo("Themen eintragen");
    assertThat(got.path("curated")).extracting(JsonNode::asText).containsExactly("plan-posts");
    assertThat(host.await(f -> isResources(f) && f.path("tasks").has("plan-posts"))).isNotNull();
    assertThat(expert.await(f -> isResources(f) && f.path("tasks").has("plan-posts"))).isNotNull();

    // Only experts and hosts set them; what they set follows core's rules.
    JsonNode refused = p.answer(p.send("SetTaskResources", "taskId", "plan-posts", "resources", List.of()));
    assertThat(refused.path("type").asText()).isEqualTo("rejected");
    assertThat(refused.path("code").asText()).isEqualTo("ROLE_NOT_ALLOWED");
    assertThat(refused.path("command").asText()).isEqualTo("SetTaskResources");
    assertThat(code(expert, "plan-posts", List.of(Map.of("title", "Hilfe", "link", "example.org"))))
        .isEqualTo("INVALID_RESOURCE");
    assertThat(code(expert, "plan-posts", List.of(Map.of("title", " ", "link", "https://example.org"))))
        .isEqualTo("INVALID_RESOURCE");
    assertThat(code(expert, "plan-posts", List.of(Map.of("title", "Nur ein Titel")))).isEqualTo("INVALID_RESOURCE");
    assertThat(code(expert, "knit-socks", List.of(TEMPLATE))).isEqualTo("UNKNOWN_TASK");
    assertThat(code(expert, "plan-posts", Collections.nCopies(11, TEMPLATE))).isEqualTo("TOO_MANY_RESOURCES");
    JsonNode malformed = expert.answer(expert.send("SetTaskResources", "taskId", "plan-posts", "resources", "many"));
    assertThat(malformed.path("code").asText()).isEqualTo("INVALID_COMMAND");
    // Sending the same again is harmless: acknowledged, nothing changes.
    host.ok("SetTaskResources", "taskId", "plan-posts", "resources", List.of(TEMPLATE));

    // The host sees them over HTTP too.
    assertThat(t.get("/api/series/" + sid + "/resources").status()).isEqualTo(401);
    JsonNode http = t.get("/api/series/" + sid + "/resources", hostKey).body();
    assertThat(http.path("tasks").path("plan-posts").get(0).path("link").asText()).isEqualTo("https://example.org/vorlage");
    assertThat(http.path("curated")).extracting(JsonNode::asText).containsExactly("plan-posts");
    host.close();
    expert.close();
    p.close();

    // April: Anna's room has what the expert set in March.
    now.set(Instant.parse("2030-04-02T07:00:05Z"));
    JsonNode april = session(sid, APR, hostKey);
    Client host2 = joinAs(april, "host", "Hanna");
    host2.view(v -> v.path("status").asText().equals("OPEN"));
    Client p2 = t.connect(t.post("/api/series/" + sid + "/me/dates/" + APR + "/join", "{}", anna).body());
    JsonNode carried = p2.await(f -> isResources(f) && f.path("tasks").has("plan-posts"));
    assertThat(carried.path("tasks").path("plan-posts").get(0).path("link").asText())
        .isEqualTo("https://example.org/vorlage");

    // An empty list means none: the room hears of it at once.
    Client expert2 = joinAs(april, "expert", "Erika");
    expert2.ok("SetTaskResources", "taskId", "plan-posts", "resources", List.of());
    JsonNode cleared = p2.await(f -> isResources(f) && !f.path("tasks").has("plan-posts"));
    assertThat(cleared.path("curated")).extracting(JsonNode::asText).containsExactly("plan-posts");
  }

  private static String code(Client c, String taskId, List<?> resources) throws InterruptedException {
    JsonNode a = c.answer(c.send("SetTaskResources", "taskId", taskId, "resources", resources));
    assertThat(a.path("type").asText()).as(a.toString()).isEqualTo("rejected");
    return a.path("code").asText();
  }

  @Test
  void aFormatsDefaultsShowUntilTheSeriesHasItsOwn() throws Exception {
    start();
    // A session that is not of a series: the format (in the snapshot) brings its defaults.
    PeerworkServer.DemoSession demo = t.server.demoSessions().stream()
        .filter(d -> d.formatId().equals("website-workshop") && d.language().equals("de")).findFirst().orElseThrow();
    Client expert = t.connect(t.join(demo.sessionId(), demo.invites().get(Role.EXPERT), "Erika"));
    JsonNode snapshot = expert.await(f -> f.path("type").asText().equals("snapshot"));
    JsonNode task = null;
    for (JsonNode x : snapshot.path("format").path("tasks")) {
      if (x.path("id").asText().equals("maps-business-profile")) {
        task = x;
      }
    }
    assertThat(task).isNotNull();
    assertThat(task.path("resources").get(0).path("link").asText()).isEqualTo("https://support.google.com/business/");
    assertThat(task.path("resources").get(0).path("title").path("en").asText()).isEqualTo("Google Business Profile Help");
    // There is no series to keep resources of this session's tasks.
    JsonNode refused = expert.answer(expert.send("SetTaskResources", "taskId", "maps-business-profile",
        "resources", List.of(TEMPLATE)));
    assertThat(refused.path("code").asText()).isEqualTo("SERIES_NOT_FOUND");

    // A series of the format: its rooms get the defaults as the series' resources, until curated.
    JsonNode series = createSeries("website-workshop");
    String sid = series.path("seriesId").asText();
    JsonNode march = session(sid, MAR, series.path("hostKey").asText());
    Client host = joinAs(march, "host", "Hanna");
    JsonNode defaults = host.await(TaskResourcesRoomTest::isResources);
    assertThat(defaults.path("tasks").path("maps-business-profile").get(1).path("link").asText())
        .isEqualTo("https://businessconnect.apple.com/");
    assertThat(defaults.path("tasks").has("update-cms")).isFalse();
    assertThat(defaults.path("curated")).isEmpty();
    host.ok("SetTaskResources", "taskId", "maps-business-profile", "resources", List.of(TEMPLATE));
    JsonNode own = host.await(f -> isResources(f) && f.path("curated").size() == 1);
    assertThat(own.path("tasks").path("maps-business-profile")).hasSize(1);
    assertThat(own.path("tasks").path("check-accessibility")).hasSize(2); // still the format's

    // A page sends back what it got, texts per language, with one more: the format's keep both languages.
    var more = ((com.fasterxml.jackson.databind.node.ArrayNode) own.path("tasks").path("check-accessibility").deepCopy())
        .add(TestServer.JSON.valueToTree(TEMPLATE));
    host.ok("SetTaskResources", "taskId", "check-accessibility", "resources", more);
    JsonNode both = host.await(f -> isResources(f) && f.path("curated").size() == 2);
    JsonNode w3c = both.path("tasks").path("check-accessibility").get(0);
    assertThat(w3c.path("title").path("en").asText()).isEqualTo("W3C: getting started with evaluating accessibility");
    assertThat(w3c.path("title").path("de").asText()).isEqualTo("W3C: Einstieg ins Prüfen der Barrierefreiheit");
    assertThat(both.path("tasks").path("check-accessibility").get(1).path("checklist")).hasSize(4);
    assertThat(both.path("tasks").path("check-accessibility")).hasSize(3);
  }
}
