package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.server.TestServer.Client;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three months of one monthly series, end to end through the HTTP API and real rooms: people
 * register (one from the waitlist moves up), sessions run, outcomes are recorded, and at each next
 * session the participant's unfinished goals and due routines arrive as offers, in order. The server
 * restarts on the same data between the months.
 */
class SeriesMonthsTest {
  static final String JAN = "2030-01-01";
  static final String FEB = "2030-02-05";
  static final String MAR = "2030-03-05";

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

  void restart() throws Exception {
    t.close();
    startServer();
  }

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void threeMonthsOfOneSeries() throws Exception {
    data = Files.createTempDirectory("peerwork-series");
    startServer();

    // The host sets up a monthly series: every first Tuesday, 09:00 to 13:00 in Vienna, two seats.
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","zone":"Europe/Vienna","capacity":2,
         "experts":["Erika"],"place":{"address":"Gumpendorfer Straße 12, 1060 Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    JsonNode info = t.get("/api/series/" + sid).body();
    List<String> dates = new ArrayList<>();
    info.path("dates").forEach(d -> dates.add(d.path("date").asText()));
    assertThat(dates).contains(JAN, FEB, MAR);
    assertThat(info.path("dates").get(dates.indexOf(JAN)).path("start").asText()).isEqualTo("2030-01-01T09:00+01:00");

    // Registration, waitlist, and promotion when someone cancels.
    String anna = register(sid, JAN, "Anna", "anna@example.org", "SEATED");
    String bernd = register(sid, JAN, "Bernd", "bernd@example.org", "SEATED");
    String cem = register(sid, JAN, "Cem", "Cem@Example.net", "WAITLISTED");
    TestServer.Response again = t.post("/api/series/" + sid + "/registrations",
        "{\"date\":\"" + JAN + "\",\"name\":\"Not Anna\",\"email\":\"ANNA@example.org\",\"language\":\"en\"}");
    assertThat(again.status()).isEqualTo(202); // as for anybody: the link goes to the address, not to the asker
    assertThat(again.body().toString()).doesNotContain(anna);

    assertThat(t.get("/api/series/" + sid + "/dates/" + JAN).status()).isEqualTo(401);
    JsonNode jan = t.get("/api/series/" + sid + "/dates/" + JAN, hostKey).body();
    assertThat(names(jan.path("seated"))).containsExactly("Anna", "Bernd");
    assertThat(names(jan.path("waitlist"))).containsExactly("Cem");

    assertThat(t.post("/api/series/" + sid + "/me/registrations/" + JAN + "/cancel", "{}", bernd).status())
        .isEqualTo(200);
    jan = t.get("/api/series/" + sid + "/dates/" + JAN, hostKey).body();
    assertThat(names(jan.path("seated"))).containsExactly("Anna", "Cem");
    assertThat(jan.path("waitlist")).isEmpty();
    assertThat(t.get("/api/series/" + sid + "/me", cem).body().path("dates").get(0).path("status").asText())
        .isEqualTo("SEATED");
    assertThat(mail.all()).anySatisfy(m -> {
      assertThat(m.to()).isEqualTo("cem@example.net");
      assertThat(m.subject()).startsWith("Du hast einen Platz");
      assertThat(m.body()).contains(t.base() + "/series.html?series=" + sid + "&t=" + cem); // a whole link
    });

    // Anna picks two routines from the catalogue.
    assertThat(t.post("/api/series/" + sid + "/me/routines", "{\"taskId\":\"plan-posts\"}", anna).status())
        .isEqualTo(200);
    JsonNode me = t.post("/api/series/" + sid + "/me/routines", "{\"taskId\":\"write-post\"}", anna).body();
    assertThat(me.path("routines")).hasSize(2);
    assertThat(me.path("routines").get(1).path("cadence").asText()).isEqualTo("WEEKLY");
    assertThat(t.post("/api/series/" + sid + "/me/routines", "{\"taskId\":\"no-such\"}", anna).body()
        .path("error").path("code").asText()).isEqualTo("UNKNOWN_TASK");

    // Calendars.
    HttpResponse<String> cal = t.getText("/api/series/" + sid + "/calendar.ics");
    assertThat(cal.headers().firstValue("content-type").orElse("")).startsWith("text/calendar");
    assertThat(cal.body()).contains("BEGIN:VEVENT", "UID:" + sid + "-20300101@peerwork");
    HttpResponse<String> mine = t.getText("/api/series/" + sid + "/me/calendar.ics?token=" + anna);
    assertThat(mine.body().split("BEGIN:VEVENT", -1)).hasSize(2);

    // January: nothing done yet, so both routines are due.
    int recapsBefore = recaps("anna@example.org");
    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    List<JsonNode> offers = runSession(sid, JAN, hostKey, anna, cem, goals -> {
      assertThat(reasons(goals)).containsExactly("ROUTINE_DUE plan-posts", "ROUTINE_DUE write-post");
      assertThat(goals.get(0).path("text").asText()).isEqualTo("Beiträge des Monats planen");
      return List.of("plan-posts"); // done; write-post stays open and carries over
    });
    assertThat(offers).isNotEmpty();
    awaitHistory(sid, anna, 1);
    assertThat(recaps("anna@example.org")).isEqualTo(recapsBefore + 1);
    // The series keeps the month's helps: Anna received one, Cem gave one as a peer.
    JsonNode annaMe = t.get("/api/series/" + sid + "/me", anna).body();
    assertThat(annaMe.path("dates").get(0).path("helpsReceived").asInt()).isEqualTo(1);
    assertThat(annaMe.path("helpsReceived").asInt()).isEqualTo(1);
    assertThat(t.get("/api/series/" + sid + "/me", cem).body().path("peerHelpsGiven").asInt()).isEqualTo(1);
    OutgoingMessage recap = lastRecap("anna@example.org");
    assertThat(recap.body()).contains("Beiträge des Monats planen", "Einen Beitrag schreiben", "5. Februar 2030");

    restart();
    Thread.sleep(500);
    assertThat(recaps("anna@example.org")).as("nothing sent twice after a restart").isEqualTo(recapsBefore + 1);

    // February: the unfinished goal first, then the due monthly routine.
    register(anna, sid, FEB, "SEATED");
    now.set(Instant.parse("2030-02-05T08:00:05Z"));
    runSession(sid, FEB, hostKey, anna, null, goals -> {
      assertThat(reasons(goals)).containsExactly("CARRIED_OVER write-post", "ROUTINE_DUE plan-posts");
      assertThat(goals.get(0).path("text").asText()).isEqualTo("Einen Beitrag schreiben");
      return List.of("write-post", "plan-posts");
    });
    JsonNode history = awaitHistory(sid, anna, 2);
    JsonNode plan = history.path("routines").get(0);
    assertThat(plan.path("taskId").asText()).isEqualTo("plan-posts");
    assertThat(plan.path("doneInLast").asInt()).isEqualTo(2);
    assertThat(plan.path("of").asInt()).isEqualTo(2);

    restart();

    // March: both done last time; both due again by their cadence, nothing carried over.
    register(anna, sid, MAR, "SEATED");
    now.set(Instant.parse("2030-03-05T08:00:05Z"));
    runSession(sid, MAR, hostKey, anna, null, goals -> {
      assertThat(reasons(goals)).containsExactly("ROUTINE_DUE plan-posts", "ROUTINE_DUE write-post");
      return List.of();
    });
    JsonNode last = awaitHistory(sid, anna, 3);
    assertThat(last.path("routines").get(0).path("doneInLast").asInt()).isEqualTo(2);
    assertThat(last.path("routines").get(0).path("of").asInt()).isEqualTo(3);
    assertThat(recaps("anna@example.org")).isEqualTo(recapsBefore + 3);
  }

  @Test
  void aSessionThatEndsWhileTheServerIsDownIsRecordedAtTheNextStart() throws Exception {
    data = Files.createTempDirectory("peerwork-series-down");
    startServer();
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","capacity":5,"place":{"address":"Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    String anna = register(sid, JAN, "Anna", "anna@example.org", "SEATED");
    t.post("/api/series/" + sid + "/me/routines", "{\"taskId\":\"plan-posts\"}", anna);

    now.set(Instant.parse("2030-01-01T08:00:05Z"));
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + JAN + "/session", "{}", hostKey).body();
    Client host = t.connect(t.join(session.path("sessionId").asText(),
        session.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    Client p = t.connect(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", anna).body());
    JsonNode offers = p.await(f -> f.path("type").asText().equals("offers"));
    host.ok("StartSession");
    host.ok("AdvancePhase");
    p.ok("DeclareGoal", "text", offers.path("goals").get(0).path("text").asText(), "taskId", "plan-posts");
    host.close();
    p.close();

    // The server goes down mid-session; the agenda runs out meanwhile.
    t.close();
    t = null;
    now.set(Instant.parse("2030-01-01T13:00:00Z"));
    int before = recaps("anna@example.org");
    startServer();
    JsonNode me = awaitHistory(sid, anna, 1); // nobody opened the room: the start-up found it
    assertThat(me.path("routines").get(0).path("history").get(0).path("status").asText()).isEqualTo("CARRIED_OVER");
    assertThat(recaps("anna@example.org")).isEqualTo(before + 1);
    restart();
    Thread.sleep(500);
    assertThat(recaps("anna@example.org")).isEqualTo(before + 1);
  }

  interface Goals {
    List<String> declare(List<JsonNode> offered);
  }

  /**
   * Runs the date's session: host and participants join, the participant takes every offered goal
   * (carry-overs by their text), marks the tasks {@code Goals#declare} returns as done, and the host
   * ends the session.
   */
  private List<JsonNode> runSession(String sid, String date, String hostKey, String who, String other, Goals goals)
      throws Exception {
    TestServer.Response session = t.post("/api/series/" + sid + "/dates/" + date + "/session", "{}", hostKey);
    assertThat(session.status()).as(String.valueOf(session.body())).isEqualTo(200);
    assertThat(session.body().path("invites").has("participant")).isFalse();
    String sessionId = session.body().path("sessionId").asText();
    Client host = t.connect(t.join(sessionId, session.body().path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));

    TestServer.Response joined = t.post("/api/series/" + sid + "/me/dates/" + date + "/join", "{}", who);
    assertThat(joined.status()).as(String.valueOf(joined.body())).isEqualTo(200);
    Client p = t.connect(joined.body());
    JsonNode offers = p.await(f -> f.path("type").asText().equals("offers"));
    assertThat(offers.path("date").asText()).isEqualTo(date);
    Client o = null;
    String peerId = null;
    if (other != null) {
      JsonNode otherJoin = t.post("/api/series/" + sid + "/me/dates/" + date + "/join", "{}", other).body();
      o = t.connect(otherJoin);
      peerId = otherJoin.path("participantId").asText();
      assertThat(o.await(f -> f.path("type").asText().equals("offers")).path("goals")).isEmpty();
    }
    List<JsonNode> offered = new ArrayList<>();
    offers.path("goals").forEach(offered::add);
    List<String> done = goals.declare(offered);

    host.ok("StartSession");
    host.ok("AdvancePhase"); // the goal round
    for (JsonNode g : offered) {
      p.ok("DeclareGoal", "text", g.path("text").asText(), "taskId", g.path("taskId").asText());
    }
    host.ok("AdvancePhase"); // the first focus block
    if (o != null) {
      // No expert here: the other participant helps as a peer, which the series keeps for both.
      String peer = peerId;
      o.ok("DeclareGoal", "text", "Ein Post", "taskId", "write-post"); // done, it earns its topic: images
      String written = o.view(v -> v.path("goals").findValues("owner").stream().anyMatch(w -> w.asText().equals(peer)))
          .path("goals").findParents("owner").stream().filter(g -> g.path("owner").asText().equals(peer))
          .findFirst().orElseThrow().path("id").asText();
      o.ok("MarkGoal", "goal", written, "status", "DONE");
      o.ok("OfferPeerHelp", "topics", List.of("images"));
      p.ok("RaiseHand", "topicId", "images", "note", "");
      JsonNode mine = p.view(v -> v.path("queue").path("waiting").path(0).path("peer").asText().equals(peer));
      p.ok("AcceptPeerHelp", "peer", peer);
      o.ok("FinishHelp", "request", mine.path("queue").path("waiting").get(0).path("id").asText(), "outcome", "SOLVED");
    }
    String own = joined.body().path("participantId").asText();
    JsonNode view = p.view(v -> v.path("goals").size() == offered.size() + (other != null ? 1 : 0));
    for (JsonNode g : view.path("goals")) {
      if (g.path("owner").asText().equals(own) && done.contains(g.path("taskId").asText())) {
        p.ok("MarkGoal", "goal", g.path("id").asText(), "status", "DONE");
      }
    }
    host.ok("EndSession");
    host.view(v -> v.path("status").asText().equals("ENDED"));
    host.close();
    p.close();
    if (o != null) {
      o.close();
    }
    return offered;
  }

  private String register(String sid, String date, String name, String email, String status) throws Exception {
    TestServer.Response r = mail.register(t, sid, date, name, email, "de");
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().path("status").asText()).isEqualTo(status);
    return r.body().path("token").asText();
  }

  private void register(String token, String sid, String date, String status) throws Exception {
    TestServer.Response r = t.post("/api/series/" + sid + "/me/registrations", "{\"date\":\"" + date + "\"}", token);
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
    assertThat(r.body().path("status").asText()).isEqualTo(status);
  }

  private JsonNode awaitHistory(String sid, String token, int entries) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      JsonNode me = t.get("/api/series/" + sid + "/me", token).body();
      if (me.path("routines").size() > 0 && me.path("routines").get(0).path("history").size() >= entries) {
        return me;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("outcomes not recorded: " + me);
      }
      Thread.sleep(50);
    }
  }

  private int recaps(String to) {
    return (int) mail.all().stream().filter(m -> m.to().equals(to) && m.subject().startsWith("Dein Rückblick")).count();
  }

  private OutgoingMessage lastRecap(String to) {
    return mail.all().stream().filter(m -> m.to().equals(to) && m.subject().startsWith("Dein Rückblick")).reduce((a, b) -> b)
        .orElseThrow();
  }

  private static List<String> reasons(List<JsonNode> goals) {
    return goals.stream().map(g -> g.path("reason").asText() + " " + g.path("taskId").asText()).toList();
  }

  private static List<String> names(JsonNode seats) {
    var out = new ArrayList<String>();
    seats.forEach(s -> out.add(s.path("name").asText()));
    return out;
  }
}
