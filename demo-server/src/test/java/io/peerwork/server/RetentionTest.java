package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A series' retention, through real rooms and restarts: a month's free texts (goals, help notes)
 * stay while the date lies within the retention, and once it lies further back the server erases
 * them, in the session's events and in the series' outcomes, keeping names, statuses and counts.
 */
class RetentionTest {
  static final String JAN = "2030-01-01";

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  Path data;
  TestServer t;

  void startServer() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDataDirectory(data),
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

  @Test
  void freeTextsGoOnceTheirDateLiesBeyondTheRetention() throws Exception {
    data = Files.createTempDirectory("peerwork-retention");
    startServer();
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche","zone":"Europe/Vienna","capacity":4,"retentionMonths":1,
         "place":{"address":"Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    assertThat(created.body().path("series").path("retentionMonths").asInt()).isEqualTo(1);
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    String ana = mail.register(t, sid, JAN, "Ana", "ana@example.org", "de").body().path("token").asText();
    assertThat(t.post("/api/series", """
        {"formatId":"test-kitchen","retentionMonths":121,"place":{"address":"Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""")
        .body().path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");

    // January's session: a goal with a task, one without, a help request with a note; then it ends.
    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + JAN + "/session", "{}", hostKey).body();
    Client host = t.connect(t.join(session.path("sessionId").asText(),
        session.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    Client a = t.connect(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", ana).body());
    host.ok("StartSession");
    host.ok("AdvancePhase");
    a.ok("DeclareGoal", "text", "Beiträge für Kundin Huber planen", "taskId", "plan-posts");
    a.ok("DeclareGoal", "text", "Steuerberaterin Maier anrufen");
    host.ok("AdvancePhase");
    a.ok("RaiseHand", "topicId", "images", "note", "Welches Bild für Huber?");
    host.ok("EndSession");
    host.close();
    a.close();
    await().atMost(Duration.ofSeconds(15)).until(() -> export(sid, ana).path("seriesEvents").toString()
        .contains("OutcomesRecorded"));

    // Three weeks later (within the retention), a restart erases nothing.
    now.set(Instant.parse("2030-01-22T10:00:00Z"));
    t.close();
    startServer();
    assertThat(t.getText("/health/ready").statusCode()).isEqualTo(200);
    JsonNode within = export(sid, ana);
    assertThat(within.toString()).contains("Kundin Huber", "Steuerberaterin Maier", "Welches Bild für Huber?");

    // Past one month: the sweep at start erases the texts, in the session and in the series.
    now.set(Instant.parse("2030-02-03T10:00:00Z"));
    t.close();
    startServer();
    await().atMost(Duration.ofSeconds(15)).until(() -> !export(sid, ana).toString().contains("Huber"));
    JsonNode after = export(sid, ana);
    assertThat(after.toString()).doesNotContain("Kundin Huber", "Steuerberaterin Maier", "Welches Bild");
    assertThat(after.path("sessions").get(0).path("events").toString()).contains("Ana", "plan-posts");
    // What the series keeps of the month is unchanged: the routine's history and its status.
    JsonNode me = t.get("/api/series/" + sid + "/me", ana).body();
    assertThat(me.path("dates").get(0).path("status").asText()).isEqualTo("SEATED");
    assertThat(within.path("overview").path("routines")).isEqualTo(me.path("routines"));
  }

  private JsonNode export(String sid, String token) throws Exception {
    return TestServer.JSON.readTree(t.getText("/api/series/" + sid + "/me/data?token=" + token).body());
  }
}
