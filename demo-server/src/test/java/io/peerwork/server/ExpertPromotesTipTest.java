package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An expert of a series turns a tip of its wall into a resource of the tip's task, with the session
 * token of their expert invite (docs/api.md, "Wall"): they read the tips (names, no addresses),
 * promote one, and everyone in their open room gets the task's new resources. A participant's
 * session token is refused (403 ROLE_NOT_ALLOWED), an expert of a session outside the series too
 * (403 WRONG_SERIES), and so is an expert the host has removed from the room (403 MEMBER_REMOVED),
 * although their token has not expired.
 */
class ExpertPromotesTipTest {
  static final String JAN = "2030-01-01";
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  TestServer t;
  String sid;
  String hostKey;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-expert-tip")),
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

  private static String code(TestServer.Response r) {
    return r.body().path("error").path("code").asText();
  }

  private static boolean isResources(JsonNode f) {
    return f.path("type").asText().equals("resources");
  }

  /** Anna registered for January; its session open, with Hanna hosting and Erika the expert in the room. */
  private record Room(String anna, Client host, JsonNode erikaJoined, String erika, Client expert) {}

  private Room openRoom() throws Exception {
    String anna = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + JAN + "/session", "{}", hostKey).body();
    String sessionId = session.path("sessionId").asText();
    Client host = t.connect(t.join(sessionId, session.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    JsonNode erikaJoined = t.join(sessionId, session.path("invites").path("expert").asText(), "Erika");
    return new Room(anna, host, erikaJoined, erikaJoined.path("token").asText(), t.connect(erikaJoined));
  }

  @Test
  void anExpertOfTheSeriesPromotesATipAndTheOpenRoomGetsTheResource() throws Exception {
    Room room = openRoom();
    String anna = room.anna();
    Client host = room.host();
    String erika = room.erika();
    Client expert = room.expert();
    JsonNode annaJoined = t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", anna).body();
    Client p = t.connect(annaJoined);
    p.await(ExpertPromotesTipTest::isResources);

    TestServer.Response shared = t.post("/api/series/" + sid + "/me/wall",
        "{\"kind\":\"TIP\",\"text\":\"Canva-Vorlagen sparen Zeit\",\"taskId\":\"plan-posts\"}", anna);
    assertThat(shared.status()).as(String.valueOf(shared.body())).isEqualTo(201);
    String postId = shared.body().path("posts").get(0).path("id").asText();

    // The expert reads the tips by name, never by address.
    TestServer.Response tips = t.get("/api/series/" + sid + "/wall", erika);
    assertThat(tips.status()).as(String.valueOf(tips.body())).isEqualTo(200);
    JsonNode tip = tips.body().path("posts").get(0);
    assertThat(tip.path("id").asText()).isEqualTo(postId);
    assertThat(tip.path("author").asText()).isEqualTo("Anna");
    assertThat(tip.path("taskId").asText()).isEqualTo("plan-posts");
    assertThat(tip.has("email")).isFalse();
    assertThat(tips.body().toString()).doesNotContain("anna@example.org");

    // Anna's session token is a participant's: she may neither read the tips here nor promote one.
    String annasSessionToken = annaJoined.path("token").asText();
    TestServer.Response notHers = t.post("/api/series/" + sid + "/wall/" + postId + "/promote",
        "{\"title\":\"Meins\"}", annasSessionToken);
    assertThat(notHers.status()).isEqualTo(403);
    assertThat(code(notHers)).isEqualTo("ROLE_NOT_ALLOWED");
    assertThat(t.get("/api/series/" + sid + "/wall", annasSessionToken).status()).isEqualTo(403);
    // Neither does her personal link, nor no token at all.
    assertThat(code(t.post("/api/series/" + sid + "/wall/" + postId + "/promote", "{\"title\":\"x\"}", anna)))
        .isEqualTo("INVALID_TOKEN");
    assertThat(t.post("/api/series/" + sid + "/wall/" + postId + "/promote", "{\"title\":\"x\"}").status())
        .isEqualTo(401);

    // The expert promotes it: the resource is the series', and the open room gets it at once.
    TestServer.Response promoted = t.post("/api/series/" + sid + "/wall/" + postId + "/promote",
        "{\"title\":\"Tipp von Anna\"}", erika);
    assertThat(promoted.status()).as(String.valueOf(promoted.body())).isEqualTo(200);
    assertThat(promoted.body().path("posts").get(0).path("promoted").asBoolean()).isTrue();
    assertThat(promoted.body().toString()).doesNotContain("anna@example.org");
    JsonNode inRoom = p.await(f -> isResources(f) && f.path("tasks").has("plan-posts"));
    JsonNode r = inRoom.path("tasks").path("plan-posts").get(0);
    assertThat(r.path("title").path("de").asText()).isEqualTo("Tipp von Anna");
    assertThat(r.path("checklist").get(0).path("de").asText()).isEqualTo("Canva-Vorlagen sparen Zeit");
    expert.await(f -> isResources(f) && f.path("tasks").has("plan-posts"));
    JsonNode stored = t.get("/api/series/" + sid + "/resources", hostKey).body();
    assertThat(stored.path("tasks").path("plan-posts").toString()).contains("Tipp von Anna");
    assertThat(code(t.post("/api/series/" + sid + "/wall/" + postId + "/promote", "{\"title\":\"x\"}", erika)))
        .isEqualTo("ALREADY_PROMOTED");

    // An expert of a session that is not of this series may not.
    JsonNode other = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}").body();
    String outsider = t.join(other.path("sessionId").asText(), other.path("invites").path("expert").asText(), "Olga")
        .path("token").asText();
    TestServer.Response wrong = t.post("/api/series/" + sid + "/wall/" + postId + "/promote",
        "{\"title\":\"x\"}", outsider);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(code(wrong)).isEqualTo("WRONG_SERIES");
    host.close();
    expert.close();
    p.close();
  }

  @Test
  void anExpertTheHostRemovedNeitherReadsNorPromotesTips() throws Exception {
    Room room = openRoom();
    String anna = room.anna();
    Client host = room.host();
    JsonNode erikaJoined = room.erikaJoined();
    String erika = room.erika();
    Client expert = room.expert();
    expert.view(v -> v.path("status").asText().equals("OPEN"));
    String postId = t.post("/api/series/" + sid + "/me/wall",
        "{\"kind\":\"TIP\",\"text\":\"Canva-Vorlagen sparen Zeit\",\"taskId\":\"plan-posts\"}", anna)
        .body().path("posts").get(0).path("id").asText();
    assertThat(t.get("/api/series/" + sid + "/wall", erika).status()).isEqualTo(200);

    host.ok("RemoveMember", "participant", erikaJoined.path("participantId").asText(), "reason", "");
    TestServer.Response read = t.get("/api/series/" + sid + "/wall", erika);
    assertThat(read.status()).as(String.valueOf(read.body())).isEqualTo(403);
    assertThat(code(read)).isEqualTo("MEMBER_REMOVED");
    TestServer.Response promote = t.post("/api/series/" + sid + "/wall/" + postId + "/promote",
        "{\"title\":\"Tipp von Anna\"}", erika);
    assertThat(promote.status()).isEqualTo(403);
    assertThat(code(promote)).isEqualTo("MEMBER_REMOVED");
    // Nothing was promoted: the host's wall still has the tip as it was, and the series no resource.
    assertThat(t.get("/api/series/" + sid + "/wall", hostKey).body().path("posts").get(0).path("promoted").asBoolean())
        .isFalse();
    assertThat(t.get("/api/series/" + sid + "/resources", hostKey).body().path("tasks").has("plan-posts")).isFalse();

    // Once the host lets her back in, she curates again.
    host.ok("ReadmitMember", "participant", erikaJoined.path("participantId").asText());
    assertThat(t.post("/api/series/" + sid + "/wall/" + postId + "/promote", "{\"title\":\"Tipp von Anna\"}", erika)
        .status()).isEqualTo(200);
    host.close();
    expert.close();
  }
}
