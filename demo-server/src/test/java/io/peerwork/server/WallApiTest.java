package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wall of a series over real HTTP (docs/api.md, "Wall"): after a session, a member shares the
 * goal they marked done (suggested, not posted), another cheers it once, the host makes a tip a
 * resource of its task; a person on the waitlist reads nothing and may do nothing; rejections come
 * with core's codes and the series' HTTP statuses.
 */
class WallApiTest {
  static final String JAN = "2030-01-01";
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  TestServer t;
  String sid;
  String hostKey;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-wall")),
        List.of(binder -> {
          binder.bind(Clock.class).toInstance(new TestClock(now));
          binder.bind(Outbox.class).toInstance(mail);
        }));
    JsonNode created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche","capacity":2,"place":{"address":"Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""").body();
    sid = created.path("seriesId").asText();
    hostKey = created.path("hostKey").asText();
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private String register(String name, String email) throws Exception {
    return mail.register(t, sid, JAN, name, email, "de").body().path("token").asText();
  }

  private static String code(TestServer.Response r) {
    return r.body().path("error").path("code").asText();
  }

  private TestServer.Response share(String token, String kind, String text, String taskId) throws Exception {
    var b = TestServer.JSON.createObjectNode();
    b.put("kind", kind);
    b.put("text", text);
    if (taskId != null) {
      b.put("taskId", taskId);
    }
    return t.post("/api/series/" + sid + "/me/wall", b.toString(), token);
  }

  /** Anna's session: she marks her goal "Drei Posts geplant" (task plan-posts) done, and the host ends it. */
  private void annasSession(String anna) throws Exception {
    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + JAN + "/session", "{}", hostKey).body();
    Client host = t.connect(t.join(session.path("sessionId").asText(),
        session.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    Client p = t.connect(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", anna).body());
    p.await(f -> f.path("type").asText().equals("offers"));
    host.ok("StartSession");
    host.ok("AdvancePhase");
    p.ok("DeclareGoal", "text", "Drei Posts geplant", "taskId", "plan-posts");
    p.ok("DeclareGoal", "text", "Impressum");
    host.ok("AdvancePhase");
    JsonNode view = p.view(v -> v.path("goals").size() == 2);
    p.ok("MarkGoal", "goal", view.path("goals").get(0).path("id").asText(), "status", "DONE");
    host.ok("EndSession");
    host.view(v -> v.path("status").asText().equals("ENDED"));
    host.close();
    p.close();
  }

  @Test
  void membersShareWhatTheyGotDoneCheerOnceAndTheHostPromotesATip() throws Exception {
    String anna = register("Anna", "anna@example.org");
    String ben = register("Ben", "ben@example.net");
    String cem = register("Cem", "cem@example.com"); // the waitlist: capacity 2
    String wall = "/api/series/" + sid + "/me/wall";

    // Before the date: members, but nothing to share about yet.
    JsonNode before = t.get(wall, anna).body();
    assertThat(before.path("member").asBoolean()).isTrue();
    assertThat(before.path("posts")).isEmpty();
    assertThat(before.has("shareDate")).isFalse();
    assertThat(code(share(anna, "WIN", "Zu früh", null))).isEqualTo("DATE_NOT_STARTED");

    annasSession(anna);
    JsonNode suggested = await().atMost(Duration.ofSeconds(10)).until(() -> t.get(wall, anna).body(),
        w -> w.path("suggestions").size() == 1);
    assertThat(suggested.path("shareDate").asText()).isEqualTo(JAN);
    assertThat(suggested.path("suggestions").get(0).path("text").asText()).isEqualTo("Drei Posts geplant");
    assertThat(suggested.path("suggestions").get(0).path("taskId").asText()).isEqualTo("plan-posts");
    assertThat(suggested.path("posts")).as("suggested, not posted").isEmpty();

    TestServer.Response shared = share(anna, "WIN", "Drei Posts geplant", "plan-posts");
    assertThat(shared.status()).as(String.valueOf(shared.body())).isEqualTo(201);
    assertThat(shared.body().path("suggestions")).as("shared once, suggested no more").isEmpty();
    JsonNode post = shared.body().path("posts").get(0);
    assertThat(post.path("id").asText()).isEqualTo("p1");
    assertThat(post.path("author").asText()).isEqualTo("Anna");
    assertThat(post.path("mine").asBoolean()).isTrue();
    assertThat(post.has("email")).as("members see names, not addresses").isFalse();

    // Ben cheers, twice: it counts once. Anna may not cheer her own.
    t.post(wall + "/p1/cheer", "{}", ben);
    JsonNode cheered = t.post(wall + "/p1/cheer", "{}", ben).body().path("posts").get(0);
    assertThat(cheered.path("cheers").asInt()).isEqualTo(1);
    assertThat(cheered.path("cheered").asBoolean()).isTrue();
    TestServer.Response own = t.post(wall + "/p1/cheer", "{}", anna);
    assertThat(own.status()).isEqualTo(409);
    assertThat(code(own)).isEqualTo("OWN_POST");

    // A tip needs a task of the format; its text follows the rules of a goal.
    TestServer.Response noTask = share(ben, "TIP", "Canva-Vorlagen sparen Zeit", null);
    assertThat(noTask.status()).isEqualTo(400);
    assertThat(code(noTask)).isEqualTo("TIP_NEEDS_TASK");
    assertThat(code(share(ben, "TIP", "x".repeat(281), "plan-posts"))).isEqualTo("INVALID_POST_TEXT");
    assertThat(code(share(ben, "TIP", "x", "knit-socks"))).isEqualTo("UNKNOWN_TASK");
    assertThat(code(share(ben, "POEM", "x", null))).isEqualTo("INVALID_REQUEST");
    assertThat(share(ben, "TIP", "Canva-Vorlagen sparen Zeit", "plan-posts").status()).isEqualTo(201);
    assertThat(t.get(wall, anna).body().path("posts")).extracting(p -> p.path("id").asText())
        .containsExactly("p2", "p1");

    // Cem waits for a seat: he reads an empty wall and may neither share nor cheer.
    JsonNode cems = t.get(wall, cem).body();
    assertThat(cems.path("member").asBoolean()).isFalse();
    assertThat(cems.path("posts")).isEmpty();
    TestServer.Response cemCheers = t.post(wall + "/p1/cheer", "{}", cem);
    assertThat(cemCheers.status()).isEqualTo(409);
    assertThat(code(cemCheers)).isEqualTo("NOT_SEATED");
    assertThat(code(share(cem, "WIN", "Ich auch", null))).isEqualTo("NOT_SEATED");
    // Without a personal link, no wall at all; and the host's wall needs the host key.
    assertThat(t.get(wall).status()).isEqualTo(401);
    assertThat(t.get("/api/series/" + sid + "/wall", anna).status()).isEqualTo(401);

    // Only its author removes a post (or the host).
    TestServer.Response notYours = t.post(wall + "/p2/remove", "{}", anna);
    assertThat(notYours.status()).isEqualTo(403);
    assertThat(code(notYours)).isEqualTo("NOT_YOUR_POST");

    // The host sees addresses, and makes Ben's tip a resource of its task.
    JsonNode host = t.get("/api/series/" + sid + "/wall", hostKey).body();
    assertThat(host.path("posts").get(0).path("email").asText()).isEqualTo("ben@example.net");
    TestServer.Response notATip = t.post("/api/series/" + sid + "/wall/p1/promote", "{\"title\":\"Sieg\"}", hostKey);
    assertThat(notATip.status()).isEqualTo(409);
    assertThat(code(notATip)).isEqualTo("NOT_A_TIP");
    TestServer.Response promoted = t.post("/api/series/" + sid + "/wall/p2/promote",
        "{\"title\":\"Tipp von Ben\",\"link\":\"https://www.canva.com/\"}", hostKey);
    assertThat(promoted.status()).as(String.valueOf(promoted.body())).isEqualTo(200);
    assertThat(promoted.body().path("posts").get(0).path("promoted").asBoolean()).isTrue();
    JsonNode resources = t.get("/api/series/" + sid + "/resources", hostKey).body();
    assertThat(resources.path("tasks").path("plan-posts").toString()).contains("Tipp von Ben", "https://www.canva.com/");
    assertThat(code(t.post("/api/series/" + sid + "/wall/p2/promote", "{\"title\":\"x\"}", hostKey)))
        .isEqualTo("ALREADY_PROMOTED");
    TestServer.Response unknown = t.post("/api/series/" + sid + "/wall/p9/remove", "{}", hostKey);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(code(unknown)).isEqualTo("UNKNOWN_POST");

    // Authors and the host remove posts; ids are not reused.
    assertThat(t.post(wall + "/p1/remove", "{}", anna).status()).isEqualTo(200);
    assertThat(t.post("/api/series/" + sid + "/wall/p2/remove", "{}", hostKey).body().path("posts")).isEmpty();
    assertThat(share(anna, "WIN", "Noch einer", null).body().path("posts").get(0).path("id").asText())
        .isEqualTo("p3");
  }
}
