package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server runs as its own process on its embedded default store (an H2 file in its data
 * directory). A session is driven over WebSockets, the process is killed with SIGKILL in the
 * middle, and started again on the same data: every acknowledged command is there, and clients
 * resume by sequence number with nothing lost and nothing twice.
 */
class CrashRecoveryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final List<Process> processes = new ArrayList<>();

  @TempDir
  Path data;

  @AfterEach
  void killAll() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void everyAcknowledgedCommandSurvivesAKillAndClientsResumeBySequenceNumber() throws Exception {
    int port = freePort();
    Process first = start(port);
    String base = "http://127.0.0.1:" + port;

    // A session of the tests' format, planned to start now.
    ObjectNode create = JSON.createObjectNode();
    create.put("formatId", "test-kitchen");
    create.put("title", "Absturztest");
    create.put("start", LocalDateTime.now(ZoneId.of("Europe/Vienna")).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES).toString());
    create.put("zone", "Europe/Vienna");
    JsonNode created = post(base + "/api/sessions", create);
    String session = created.path("sessionId").asText();
    JsonNode invites = created.path("invites");

    Client host = connect(port, join(base, session, invites.path("host").asText(), "Hanna"), null);
    Client expert = connect(port, join(base, session, invites.path("expert").asText(), "Eva"), null);
    JsonNode anaJoin = join(base, session, invites.path("participant").asText(), "Ana");
    JsonNode benJoin = join(base, session, invites.path("participant").asText(), "Ben");
    Client ana = connect(port, anaJoin, null);
    Client ben = connect(port, benJoin, null);
    for (Client c : List.of(host, expert, ana, ben)) {
      c.await(f -> f.path("type").asText().equals("snapshot") || f.path("type").asText().equals("view"));
    }

    host.ack(host.send("OpenSession"));  // may be open by the clock already: accepted or rejected, both fine
    ana.ack(ana.send("Join"));
    ben.ack(ben.send("Join"));
    long last = host.ack(host.send("StartSession"));
    List<String> goals = List.of("Posts für März planen", "Impressum prüfen", "Newsletter schreiben");
    for (String g : goals) {
      last = Math.max(last, ana.ack(ana.send("DeclareGoal", "text", g)));
    }
    last = Math.max(last, ben.ack(ben.send("RaiseHand", "topicId", "scheduling", "note", "Welches Tool?")));
    last = Math.max(last, ana.ack(ana.send("RaiseHand", "topicId", "scheduling", "note", "Und ich?")));
    last = Math.max(last, expert.ack(expert.send("ClaimNext")));
    long anaSaw = ana.highestSeq();
    assertThat(anaSaw).isEqualTo(last);

    first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
    assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();

    start(port);
    // Ana resumes from what she saw: nothing missed, so no event, just the view at the same seq.
    Client anaAgain = connect(port, anaJoin, "since=" + anaSaw);
    JsonNode view = anaAgain.await(f -> f.path("type").asText().equals("view") || f.path("type").asText().equals("snapshot"));
    assertThat(view.path("type").asText()).isEqualTo("view");
    assertThat(view.path("seq").asLong()).isEqualTo(last);
    assertThat(anaAgain.framesOfType("event")).isEmpty();
    JsonNode state = view.path("view");
    assertThat(state.path("status").asText()).isEqualTo("RUNNING");
    List<String> texts = new ArrayList<>();
    state.path("goals").forEach(g -> texts.add(g.path("text").asText()));
    assertThat(texts).containsExactlyElementsOf(goals);
    assertThat(state.path("queue").path("inProgress")).hasSize(1);
    assertThat(state.path("queue").path("waiting")).hasSize(1);
    assertThat(state.path("queue").path("waiting").get(0).path("participant").asText())
        .isEqualTo(anaJoin.path("participantId").asText());

    // Ben resumes from an older point: exactly the events he missed, in order, once each.
    long benFrom = last - 4;
    Client benAgain = connect(port, benJoin, "since=" + benFrom);
    benAgain.await(f -> f.path("type").asText().equals("view"));
    List<Long> seqs = new ArrayList<>();
    benAgain.framesOfType("event").forEach(f -> seqs.add(f.path("seq").asLong()));
    assertThat(seqs).containsExactly(benFrom + 1, benFrom + 2, benFrom + 3, benFrom + 4);

    // And the room goes on after the restart, numbering from where it was.
    assertThat(anaAgain.ack(anaAgain.send("DeclareGoal", "text", "Nach dem Neustart"))).isEqualTo(last + 1);
  }

  private Process start(int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.peerwork.server.Main",
        "--host=127.0.0.1", "--port=" + port, "--data-dir=" + data, "--seed-demo=false")
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("server-" + processes.size() + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PEERWORK_"));
    Process p = pb.start();
    processes.add(p);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (IOException notYet) {
        // starting
      }
      if (!p.isAlive()) {
        throw new AssertionError("the server died: " + Files.readString(data.resolve("server-" + (processes.size() - 1) + ".log")));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the server did not start in 60 s");
  }

  private static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private JsonNode post(String url, JsonNode body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return JSON.readTree(r.body());
  }

  private JsonNode join(String base, String session, String code, String name) throws Exception {
    ObjectNode b = JSON.createObjectNode();
    b.put("displayName", name);
    b.put("code", code);
    return post(base + "/api/sessions/" + session + "/join", b);
  }

  private Client connect(int port, JsonNode joined, String query) throws Exception {
    var client = new Client();
    String uri = "ws://127.0.0.1:" + port + "/ws/sessions/" + joined.path("sessionId").asText() + "?token="
        + joined.path("token").asText() + (query == null ? "" : "&" + query);
    client.ws = http.newWebSocketBuilder().buildAsync(URI.create(uri), client).get(10, TimeUnit.SECONDS);
    return client;
  }

  /** A JDK WebSocket client that keeps every frame. */
  static final class Client implements WebSocket.Listener {
    WebSocket ws;
    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final List<JsonNode> seen = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private int nextId;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(JSON.readTree(partial.toString()));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    String send(String type, String... fields) {
      ObjectNode f = JSON.createObjectNode();
      String id = "c" + ++nextId;
      f.put("type", type);
      f.put("id", id);
      for (int i = 0; i < fields.length; i += 2) {
        f.put(fields[i], fields[i + 1]);
      }
      ws.sendText(f.toString(), true).join();
      return id;
    }

    /** Waits for the answer to {@code id}: the seq of an ack, or -1 for a rejection. */
    long ack(String id) throws InterruptedException {
      JsonNode answer = await(f -> id.equals(f.path("id").asText()));
      assertThat(answer.path("type").asText()).as("%s", answer).isIn("ack", "rejected");
      return answer.path("type").asText().equals("ack") ? answer.path("seq").asLong() : -1;
    }

    JsonNode await(Predicate<JsonNode> what) throws InterruptedException {
      for (JsonNode f : seen) {
        if (what.test(f)) {
          return f;
        }
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < until) {
        JsonNode f = frames.poll(100, TimeUnit.MILLISECONDS);
        if (f != null) {
          seen.add(f);
          if (what.test(f)) {
            return f;
          }
        }
      }
      throw new AssertionError("no such frame in 15 s; saw " + seen);
    }

    List<JsonNode> framesOfType(String type) {
      frames.drainTo(seen);
      return seen.stream().filter(f -> f.path("type").asText().equals(type)).toList();
    }

    long highestSeq() throws InterruptedException {
      Thread.sleep(300);
      frames.drainTo(seen);
      return seen.stream().mapToLong(f -> f.path("seq").asLong(0)).max().orElse(0);
    }
  }
}
