package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.server.TestServer.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page keeps its view by applying the room's patches: after 200 random changes made by other
 * people over their own WebSockets (goals declared, edited and marked, hands raised, withdrawn,
 * claimed and finished, people joining and leaving), a participant's page holds exactly the view a
 * fresh connection gets, and it got there by patches, without asking for a whole view.
 */
class BrowserPatchTest {
  static final long SEED = 20260303L;
  TestServer t;
  ChromeDriver driver;

  @BeforeEach
  void start() throws Exception {
    Browsers.assumeInstalled();
    t = new TestServer(List.of(TestServer.manyJoinsFromOneAddress()));
  }

  @AfterEach
  void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (t != null) {
      t.close();
    }
  }

  record Person(String id, JsonNode joined, Client ws) {}

  @Test
  void aParticipantsPageAfter200RandomChangesEqualsAFreshSnapshot() throws Exception {
    TestServer.Response created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"title\":\"Patches\",\"zone\":\"Europe/Vienna\",\"capacity\":40}");
    assertThat(created.status()).isEqualTo(201);
    String sid = created.body().path("sessionId").asText();
    JsonNode inv = created.body().path("invites");

    Person host = person(sid, inv.path("host").asText(), "Hanna");
    List<Person> experts = List.of(person(sid, inv.path("expert").asText(), "Erich"),
        person(sid, inv.path("expert").asText(), "Eva"));
    host.ws().answer(host.ws().send("OpenSession"));
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      people.add(person(sid, inv.path("participant").asText(), "Person " + i));
    }

    driver = Browsers.start("en");
    driver.get(t.base() + "/?session=" + sid + "&code=" + inv.path("participant").asText());
    Browsers.await(driver, d -> d.findElement(By.id("info-title")).isDisplayed());
    Browsers.find(driver, "name").clear();
    Browsers.find(driver, "name").sendKeys("Pia");
    Browsers.click(driver, "join");
    Browsers.await(driver, d -> d.getCurrentUrl().contains("room.html"));
    Browsers.waitText(driver, By.cssSelector("[data-test=connection]"), "Connected", "patch-failure");

    host.ws().ok("StartSession");
    host.ws().ok("AdvancePhase"); // the goal round: goals may be declared, hands raised

    Random rnd = new Random(SEED);
    int changes = 0;
    long last = 0;
    for (int attempt = 0; changes < 200; attempt++) {
      assertThat(attempt).as("attempts for 200 accepted changes (seed %s)", SEED).isLessThan(3000);
      JsonNode a = change(rnd, sid, inv, host, experts, people);
      if (a != null && a.path("type").asText().equals("ack")) {
        changes++;
        last = Math.max(last, a.path("seq").asLong());
      }
    }

    long end = last;
    Browsers.await(driver, d -> pageSeq() >= end);
    // A fresh connection of someone present (the first person never leaves, so connecting changes
    // nothing): its snapshot's view.
    Client fresh = t.connect(people.get(0).joined());
    JsonNode snapshot = fresh.await(f -> f.path("type").asText().equals("snapshot"));
    long finalSeq = snapshot.path("seq").asLong();
    assertThat(finalSeq).isGreaterThanOrEqualTo(end);
    Browsers.await(driver, d -> pageSeq() == finalSeq);

    JsonNode page = TestServer.JSON.readTree((String) driver.executeScript("return JSON.stringify(window.peerworkView)"));
    JsonNode expected = snapshot.path("view").deepCopy();
    ((ObjectNode) page).remove("serverTime");
    ((ObjectNode) expected).remove("serverTime");
    assertThat(page).isEqualTo(expected);
    assertThat(page.path("goals").size()).as("the changes made goals").isGreaterThan(10);

    @SuppressWarnings("unchecked")
    Map<String, Object> stats = (Map<String, Object>) driver.executeScript("return window.peerworkStats");
    assertThat(((Number) stats.get("patches")).longValue()).as("the page was kept by patches").isGreaterThan(5);
    assertThat(((Number) stats.get("resyncs")).longValue()).as("no patch missed its base").isZero();
  }

  private long pageSeq() {
    Object seq = driver.executeScript("return window.peerworkView ? window.peerworkView.seq : -1");
    return ((Number) seq).longValue();
  }

  private Person person(String sid, String code, String name) throws Exception {
    JsonNode joined = t.join(sid, code, name);
    Client ws = t.connect(joined);
    ws.await(f -> f.path("type").asText().equals("snapshot"));
    return new Person(joined.path("participantId").asText(), joined, ws);
  }

  /** One random change by someone other than the page's participant: its answer, or null if none was sent. */
  private JsonNode change(Random rnd, String sid, JsonNode inv, Person host, List<Person> experts, List<Person> people)
      throws Exception {
    Person p = people.get(rnd.nextInt(people.size()));
    JsonNode view = host.ws().viewNow();
    List<JsonNode> own = new ArrayList<>();
    view.path("goals").forEach(g -> {
      if (g.path("owner").asText().equals(p.id())) {
        own.add(g);
      }
    });
    Client c = p.ws();
    int kind = rnd.nextInt(100);
    if (kind < 22) {
      return c.answer(rnd.nextBoolean() ? c.send("DeclareGoal", "text", "Goal " + rnd.nextInt(1000))
          : c.send("DeclareGoal", "text", "Plan " + rnd.nextInt(1000), "taskId", "plan-posts"));
    } else if (kind < 32) {
      return own.isEmpty() ? null
          : c.answer(c.send("EditGoal", "goal", own.get(rnd.nextInt(own.size())).path("id").asText(),
              "text", "Edited " + rnd.nextInt(1000)));
    } else if (kind < 45) {
      String[] statuses = {"OPEN", "DONE", "PARTLY_DONE", "CARRIED_OVER"};
      return own.isEmpty() ? null
          : c.answer(c.send("MarkGoal", "goal", own.get(rnd.nextInt(own.size())).path("id").asText(),
              "status", statuses[rnd.nextInt(statuses.length)]));
    } else if (kind < 60) {
      return c.answer(c.send("RaiseHand", "topicId", rnd.nextBoolean() ? "scheduling" : "images",
          "note", "Question " + rnd.nextInt(1000)));
    } else if (kind < 66) {
      return c.answer(c.send("WithdrawHand"));
    } else if (kind < 78) {
      Client e = experts.get(rnd.nextInt(experts.size())).ws();
      return e.answer(e.send("ClaimNext"));
    } else if (kind < 88) {
      Person e = experts.get(rnd.nextInt(experts.size()));
      for (JsonNode r : view.path("queue").path("inProgress")) {
        if (r.path("expert").asText().equals(e.id())) {
          String[] outcomes = {"SOLVED", "PARTLY_SOLVED", "FOLLOW_UP"};
          return e.ws().answer(e.ws().send("FinishHelp", "request", r.path("id").asText(),
              "outcome", outcomes[rnd.nextInt(outcomes.length)]));
        }
      }
      return null;
    } else if (kind < 93) {
      return c.answer(c.send(p == people.get(0) ? "Join" : "Leave"));
    } else if (kind < 97) {
      return c.answer(c.send("Join"));
    } else if (people.size() < 16) {
      // Someone new arrives: the join on connecting is the change (answered by its events, not an ack).
      Person n = person(sid, inv.path("participant").asText(), "Newcomer " + people.size());
      people.add(n);
      return TestServer.JSON.createObjectNode().put("type", "ack").put("seq", 0);
    }
    return null;
  }
}
