package io.peerwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * After a SIGKILL of a node: how long until each room accepts a command again. Each room has a
 * host and one participant on every node; each round kills one node, and from that moment every
 * room's participant on a surviving node (the prober) sends an {@code EditGoal} every {@value
 * #PROBE_MS} ms, each with an id of its own. A room has recovered at the first acknowledgement of a
 * command sent after the kill. The killed node's rooms are the figure; the other rooms are the
 * control (they should not notice). Then the node starts again under its name, its rooms move back
 * to it, and its members connect again. Every prober checks that its events come gap-free.
 */
final class FailoverPhase {
  static final int PROBE_MS = 250;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ClusterBench bench;
  private final List<ClusterNode> nodes;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024).setConnectTimeout(30_000));
  private final List<Room> rooms = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private int unanswered;
  private String formatId;

  FailoverPhase(ClusterBench bench, List<ClusterNode> nodes) {
    this.bench = bench;
    this.nodes = nodes;
  }

  int run() throws Exception {
    try {
      return runInternal();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private int runInternal() throws Exception {
    int count = bench.integer("failover-rooms", 60);
    int rounds = bench.integer("rounds", 3);
    int heartbeat = bench.integer("heartbeat", 3);
    bench.line("");
    bench.line("## failover: %d nodes, heartbeat %d s, %d rooms (a host and one participant on each node), %d"
        + " round(s) of SIGKILL, a probe command every %d ms per room from a surviving node", nodes.size(), heartbeat,
        count, rounds, PROBE_MS);
    formatId = get(nodes.get(0).url() + "/api/formats").get(0).path("id").asText();
    long t0 = System.nanoTime();
    int leftOut = 0;
    for (int r = 0; r < count; r++) {
      Room room = setUp(r);
      if (room == null || room.participants.size() < 2) {
        leftOut++;
      } else {
        rooms.add(room);
      }
    }
    if (leftOut > 0) {
      bench.line("failover set-up: %d of %d rooms left out (a socket of theirs never had its snapshot)", leftOut, count);
    }
    bench.line("failover: %d rooms set up in %.1f s (%d set-up commands unanswered within 30 s)", count,
        (System.nanoTime() - t0) / 1e9, unanswered);
    var killed = new Histogram(3);
    var others = new Histogram(3);
    int unrecovered = 0;
    int status = 0;
    for (int round = 0; round < rounds; round++) {
      ClusterNode victim = nodes.get(round % nodes.size());
      // Every room answers before the kill.
      probeAll(victim, "before");
      List<String> all = nodes.stream().map(n -> n.name).toList();
      var owned = new ArrayList<Room>();
      for (Room room : rooms) {
        room.recoveredAt = 0;
        room.victimOwned = ClusterBench.owner(room.sessionId, nodes).equals(victim.name);
        room.prober = room.participants.stream().filter(m -> m.node != victim && m.open).findFirst().orElseThrow();
        if (room.victimOwned) {
          owned.add(room);
        }
      }
      long kill = System.nanoTime();
      for (Room room : rooms) {
        room.killNanos = kill;
      }
      victim.signalKill();
      // Probe from now until every room has recovered, or 30 s.
      long timer = vertx.setPeriodic(1, PROBE_MS, t -> {
        for (Room room : rooms) {
          if (room.recoveredAt == 0) {
            room.prober.send(kill);
          }
        }
      });
      victim.kill();
      long killedAt = System.nanoTime();
      long deadline = kill + 30_000_000_000L;
      while (rooms.stream().anyMatch(x -> x.recoveredAt == 0) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      vertx.cancelTimer(timer);
      var roundKilled = new Histogram(3);
      var roundOthers = new Histogram(3);
      for (Room room : rooms) {
        if (room.recoveredAt == 0) {
          if (room.victimOwned) {
            unrecovered++;
          }
          continue;
        }
        long micros = (room.recoveredAt - kill) / 1000;
        (room.victimOwned ? roundKilled : roundOthers).recordValue(micros);
      }
      killed.add(roundKilled);
      others.add(roundOthers);
      bench.line("failover round %d: SIGKILL %s (the process was gone %.0f ms after the signal), which owned %d of %d rooms of %s;"
              + " its rooms: %s; the other rooms: %s", round + 1, victim.name, (killedAt - kill) / 1e6, owned.size(),
          rooms.size(), all, ClusterBench.percentiles(roundKilled), ClusterBench.percentiles(roundOthers));
      // The survivors see each other only, then the victim comes back under its name.
      ClusterBench.awaitClusterSize(nodes, nodes.size() - 1, Duration.ofSeconds(60));
      victim.start();
      victim.awaitListening(Duration.ofMinutes(3));
      ClusterBench.awaitClusterSize(nodes, nodes.size(), Duration.ofMinutes(2));
      for (Room room : rooms) {
        for (Member m : room.members) {
          if (m.node == victim && !m.lost) {
            m.connect().get(60, TimeUnit.SECONDS);
          }
        }
      }
    }
    probeAll(null, "after the last round");
    long gaps = rooms.stream().flatMap(r -> r.members.stream()).mapToLong(m -> m.gaps).sum();
    long rejected = rooms.stream().flatMap(r -> r.members.stream()).mapToLong(m -> m.rejected).sum();
    long goalsFromView = rooms.stream().flatMap(r -> r.members.stream()).mapToLong(m -> m.goalFromView).sum();
    bench.line("failover, all rounds: the killed node's rooms: %s; the other rooms: %s; %d of the killed node's"
        + " rooms did not recover within 30 s", ClusterBench.percentiles(killed), ClusterBench.percentiles(others),
        unrecovered);
    bench.line("failover: %d probe commands refused (rejected or error frames); %d gaps or repeats in the events the"
        + " members saw; %d of %d participants saw their own GoalDeclared event only in the view (set-up)", rejected,
        gaps, goalsFromView, rooms.size() * nodes.size());
    if (unrecovered > 0 || gaps > 0) {
      status = 1;
    }
    return status;
  }

  /** One probe per room, from a member not on {@code avoid}, each acknowledged within 30 s. */
  private void probeAll(ClusterNode avoid, String when) throws Exception {
    var answers = new ArrayList<CompletableFuture<Void>>();
    for (Room room : rooms) {
      Member m = room.participants.stream().filter(x -> x.node != avoid && x.open).findFirst().orElseThrow();
      answers.add(m.command("EditGoal", Map.of("goal", m.goalId, "text", "probe " + when)));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
  }

  private Room setUp(int index) throws Exception {
    ObjectNode create = JSON.createObjectNode();
    create.put("formatId", formatId);
    create.put("title", "Failover room " + index);
    create.put("capacity", nodes.size() + 10);
    URI api = nodes.get(index % nodes.size()).url();
    JsonNode s = post(api + "/api/sessions", create);
    Room room = new Room(s.path("sessionId").asText());
    Member host = room.join(s.path("invites").path("host").asText(), "Host " + index, nodes.get(index % nodes.size()));
    connect(host);
    if (host.lost) {
      return null; // the room is left out, and counted
    }
    try {
      host.command("OpenSession", Map.of()).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!e.getCause().getMessage().contains("SESSION_ALREADY_OPEN")) { // a new session's lobby may be open already
        throw e;
      }
    }
    for (int i = 1; i <= nodes.size(); i++) {
      Member p = room.join(s.path("invites").path("participant").asText(), "P" + index + "-" + i,
          nodes.get((index + i) % nodes.size()));
      connect(p);
      if (p.lost) {
        continue;
      }
      room.participants.add(p);
      // A command left unanswered for 30 s is counted, and the goal declared again with a new id.
      for (int attempt = 0; goalOf(p, attempt); attempt++) {
        unanswered++;
        if (attempt == 3) {
          throw new IllegalStateException("room " + room.sessionId + ": DeclareGoal not answered four times");
        }
      }
    }
    return room;
  }

  /** Connects {@code m}; a socket without its snapshot after 20 s is counted, closed and opened again. */
  private void connect(Member m) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        m.connect().get(20, TimeUnit.SECONDS);
        return;
      } catch (java.util.concurrent.TimeoutException e) {
        unanswered++;
        bench.line("failover set-up: %s's socket to %s in %s had no snapshot within 20 s (attempt %d; last frame %s;"
            + " %s)", m.participantId, m.node.name, m.room.sessionId, attempt + 1, m.lastOther, m.closed);
        WebSocket s = m.socket;
        if (attempt == 3) {
          // Left out: the room goes on with its other members (the probes use a member with a snapshot).
          m.open = false;
          m.lost = true;
          if (s != null) {
            vertx.runOnContext(v -> s.close());
          }
          return;
        }
        if (s != null) {
          vertx.runOnContext(v -> s.close());
        }
      }
    }
  }

  /** Declares {@code p}'s goal; true if it was not answered within 30 s. */
  private boolean goalOf(Member p, int attempt) throws Exception {
    try {
      p.command("DeclareGoal", Map.of("text", "failover goal")).get(30, TimeUnit.SECONDS);
      p.goal.get(30, TimeUnit.SECONDS);
      return false;
    } catch (java.util.concurrent.TimeoutException e) {
      bench.line("failover set-up: DeclareGoal of %s in %s (via %s) not answered within 30 s (attempt %d)",
          p.participantId, p.room.sessionId, p.node.name, attempt + 1);
      return true;
    }
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private JsonNode post(String url, JsonNode body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private final class Room {
    final String sessionId;
    final List<Member> members = new ArrayList<>();
    final List<Member> participants = new ArrayList<>();
    volatile long killNanos = Long.MAX_VALUE;
    volatile long recoveredAt;
    volatile boolean victimOwned;
    volatile Member prober;

    Room(String sessionId) {
      this.sessionId = sessionId;
    }

    Member join(String code, String name, ClusterNode node) throws Exception {
      ObjectNode join = JSON.createObjectNode();
      join.put("code", code);
      join.put("displayName", name);
      JsonNode j = post(node.url() + "/api/sessions/" + sessionId + "/join", join);
      Member m = new Member(this, node, j.path("participantId").asText(), j.path("token").asText());
      members.add(m);
      return m;
    }
  }

  private final class Member {
    final Room room;
    final ClusterNode node;
    final String participantId;
    final String token;
    final Map<String, CompletableFuture<Void>> answers = new ConcurrentHashMap<>();
    /** Probe id → when it was sent (nanoTime). */
    final Map<String, Long> probes = new ConcurrentHashMap<>();
    final CompletableFuture<Void> goal = new CompletableFuture<>();
    volatile WebSocket socket;
    volatile boolean open;
    volatile String goalId;
    long lastSeq = -1;
    volatile long gaps;
    volatile long rejected;
    volatile long goalFromView;
    /** Never got a snapshot at set-up (four sockets): left out. */
    volatile boolean lost;
    /** The last frame that was not an event, and how the socket closed: why a set-up step did not finish. */
    volatile String lastOther = "";
    volatile String closed = "";

    Member(Room room, ClusterNode node, String participantId, String token) {
      this.room = room;
      this.node = node;
      this.participantId = participantId;
      this.token = token;
    }

    /** Connects (again) and completes at the snapshot. */
    CompletableFuture<Void> connect() {
      var snapshot = new CompletableFuture<Void>();
      var opts = new WebSocketConnectOptions().setHost(node.url().getHost()).setPort(node.port)
          .setURI("/ws/sessions/" + room.sessionId + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
          .setTimeout(30_000);
      ws.connect(opts).onComplete(ar -> {
        if (ar.failed()) {
          snapshot.completeExceptionally(ar.cause());
          return;
        }
        socket = ar.result();
        open = true;
        lastSeq = -1;
        WebSocket mine = socket;
        socket.closeHandler(v -> {
          open = false;
          closed = "closed " + mine.closeStatusCode() + " " + mine.closeReason();
        });
        socket.exceptionHandler(e -> { });
        socket.textMessageHandler(text -> onMessage(text, snapshot));
      });
      return snapshot;
    }

    private void onMessage(String text, CompletableFuture<Void> snapshot) {
      long now = System.nanoTime();
      JsonNode f;
      try {
        f = JSON.readTree(text);
      } catch (Exception e) {
        return;
      }
      String type = f.path("type").asText();
      String id = f.path("id").asText("");
      if (!type.equals("event") && !type.equals("patch")) {
        lastOther = text.substring(0, Math.min(160, text.length()));
      }
      switch (type) {
        case "snapshot" -> {
          lastSeq = f.path("seq").asLong(-1);
          snapshot.complete(null);
        }
        case "event" -> {
          long seq = f.path("seq").asLong();
          if (lastSeq >= 0 && seq != lastSeq + 1) {
            gaps++;
          }
          lastSeq = Math.max(lastSeq, seq);
          JsonNode e = f.path("event");
          if (goalId == null && e.toString().contains("GoalDeclared")
              && participantId.equals(text(e.path("owner")))) {
            goalId = text(e.path("goal"));
            goal.complete(null);
          }
        }
        case "ack" -> {
          Long sent = probes.remove(id);
          if (sent != null && sent >= room.killNanos && room.recoveredAt == 0) {
            room.recoveredAt = now;
          }
          CompletableFuture<Void> a = answers.remove(id);
          if (a != null) {
            a.complete(null);
          }
        }
        case "rejected", "error" -> {
          probes.remove(id);
          if (id.startsWith("p")) {
            rejected++;
          }
          CompletableFuture<Void> a = answers.remove(id);
          if (a != null) {
            a.completeExceptionally(new IllegalStateException(text));
          }
        }
        case "patch" -> {
          // The goal from the room's view, should its event not have come (counted: an event missed).
          if (goalId == null) {
            for (JsonNode op : f.path("ops")) {
              JsonNode v = op.path("value");
              if (op.path("path").asText().startsWith("/goals/byId/") && participantId.equals(text(v.path("owner")))) {
                goalId = text(v.path("id"));
                goalFromView++;
                goal.complete(null);
              }
            }
          }
        }
        default -> { }
      }
    }

    /** A command with an id of its own; completes at its ack. */
    CompletableFuture<Void> command(String type, Map<String, String> fields) {
      String id = "c" + ids.incrementAndGet();
      var answer = new CompletableFuture<Void>();
      answers.put(id, answer);
      ObjectNode frame = JSON.createObjectNode();
      frame.put("id", id);
      frame.put("type", type);
      fields.forEach(frame::put);
      vertx.runOnContext(v -> socket.writeTextMessage(frame.toString()));
      return answer;
    }

    /** A probe: an EditGoal whose send time is kept (called on the event loop). */
    void send(long kill) {
      if (!open) {
        return;
      }
      String id = "p" + ids.incrementAndGet();
      probes.put(id, System.nanoTime());
      socket.writeTextMessage("{\"id\":\"" + id + "\",\"type\":\"EditGoal\",\"goal\":\"" + goalId
          + "\",\"text\":\"probe " + id + "\"}");
    }
  }

  private static String text(JsonNode n) {
    return n.isObject() ? n.path("value").asText() : n.asText();
  }
}
