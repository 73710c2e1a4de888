package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.EventJournal;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.server.TestServer.Client;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Requests that reach a room just as it is unloaded. With a room idle time of 100 ms, each of a few
 * sessions gets one request at a time, spaced around that time, so many requests meet a room whose
 * idle eviction has begun (its deployment being undeployed, possibly while a new one for the same
 * session is loading). The requests are joins over HTTP (which ask the room for the session's
 * info) and goals declared over WebSockets. Every one must be answered, correctly and quickly, and
 * no command may be applied twice.
 *
 * <p>The race is a matter of timing, so this test cannot hit it on demand. Before the fix it failed
 * in each of 4 runs, each time with several requests (joins answered 500, goals answered
 * ROOM_UNAVAILABLE) failing after about 10 ms: Vert.x had dropped them, answering TIMEOUT, because
 * the evicted room's consumer was unregistered while they were queued on its context.
 */
class RoomUnloadRaceTest {
  private static final Duration IDLE = Duration.ofMillis(100);
  /** Far below the registry's 15 s send timeout: a request lost in an unloading room fails this. */
  private static final long QUICK_MS = 5_000;
  private static final int SESSIONS = 4;
  private static final int PARTICIPANTS = 3;
  private static final int GOALS = 10; // the engine allows 10 per participant and focus block
  private static final int STEPS = 70;

  /** Sleeps around the idle time, so the next request often meets the room as it goes. */
  private static void pause() throws InterruptedException {
    Thread.sleep(ThreadLocalRandom.current().nextLong(IDLE.toMillis() - 30, IDLE.toMillis() + 60));
  }

  private static boolean isSnapshot(JsonNode f) {
    return f.path("type").asText().equals("snapshot");
  }

  @Test
  void everyRequestMeetingAnUnloadingRoomIsAnsweredOnceAndQuickly() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(true).withRoomIdle(IDLE)
        .withDataDirectory(Files.createTempDirectory("peerwork-test"));
    try (TestServer t = new TestServer(config, List.of(TestServer.manyJoinsFromOneAddress()))) {
      var problems = new ConcurrentLinkedQueue<String>();
      List<Callable<Void>> tasks = new ArrayList<>();
      List<String> sessions = new ArrayList<>();
      Map<String, List<String>> ackedBySession = new java.util.concurrent.ConcurrentHashMap<>();
      for (int n = 0; n < SESSIONS; n++) {
        // Every late join takes a seat: room for all of them.
        TestServer.Response created = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\",\"capacity\":100}");
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        String sid = created.body().path("sessionId").asText();
        JsonNode invites = created.body().path("invites");
        sessions.add(sid);
        Client host = t.connect(t.join(sid, invites.path("host").asText(), "Host " + n));
        host.await(RoomUnloadRaceTest::isSnapshot); // joined: the room has the host
        host.view(v -> v.path("status").asText().equals("OPEN"));
        host.ok("StartSession");
        List<Client> people = new ArrayList<>();
        for (int p = 0; p < PARTICIPANTS; p++) {
          Client c = t.connect(t.join(sid, invites.path("participant").asText(), "P" + n + "." + p));
          c.await(RoomUnloadRaceTest::isSnapshot);
          people.add(c);
        }
        List<String> acked = new java.util.concurrent.CopyOnWriteArrayList<>();
        ackedBySession.put(sid, acked);
        int session = n;
        tasks.add(() -> {
          int[] goals = new int[PARTICIPANTS];
          for (int step = 0; step < STEPS; step++) {
            pause();
            int p = ThreadLocalRandom.current().nextInt(PARTICIPANTS + 1);
            long s0 = System.nanoTime();
            if (p == PARTICIPANTS || goals[p] == GOALS) {
              ObjectNode b = TestServer.JSON.createObjectNode();
              b.put("displayName", "Late " + session + "." + step);
              b.put("code", invites.path("participant").asText());
              TestServer.Response r = t.post("/api/sessions/" + sid + "/join", b.toString());
              long took = (System.nanoTime() - s0) / 1_000_000;
              if (r.status() != 200 || took > QUICK_MS) {
                problems.add(sid + " join " + step + ": " + r.status() + " " + r.body() + " after " + took + " ms");
              }
            } else {
              String text = "goal " + p + "." + goals[p]++;
              Client c = people.get(p);
              JsonNode a = c.answer(c.send("DeclareGoal", "text", text));
              long took = (System.nanoTime() - s0) / 1_000_000;
              if (!a.path("type").asText().equals("ack") || took > QUICK_MS) {
                problems.add(sid + " " + text + ": " + a + " after " + took + " ms");
              } else {
                acked.add(text);
              }
            }
          }
          return null;
        });
      }

      ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
      try {
        for (Future<Void> f : pool.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(problems).as("requests not answered correctly and quickly").isEmpty();
      EventJournal journal = t.server.injector().getInstance(EventJournal.class);
      for (String sid : sessions) {
        // Each acknowledged goal is in the journal exactly once, and nothing else was declared.
        List<RecordedEvent> events = journal.readAll(SessionId.of(sid));
        Map<String, Long> declared = events.stream()
            .filter(r -> r.event() instanceof SessionEvent.GoalDeclared)
            .map(r -> ((SessionEvent.GoalDeclared) r.event()).text())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(declared.keySet()).as(sid).containsExactlyInAnyOrderElementsOf(ackedBySession.get(sid));
        assertThat(declared.values()).as(sid).allMatch(n -> n == 1);
        // Versions are consecutive: no two rooms wrote over each other.
        for (int i = 0; i < events.size(); i++) {
          assertThat(events.get(i).version()).isEqualTo(i + 1);
        }
      }
    }
  }
}
