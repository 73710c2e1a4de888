package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three server JVMs on one PostgreSQL, a steady load of commands from members spread over all
 * nodes, and the faults a cluster must survive, one after another: SIGKILL of the node owning the
 * most rooms, SIGSTOP of an owner for longer than the heartbeat timeout (it must not write once it
 * continues: the database fences it), and a graceful stop (it drains, its sockets close with 1012).
 * Clients reconnect to any node, resume by {@code seq} and send unanswered commands again with the
 * same id; then {@link HistoryChecker} holds their history against the journal.
 *
 * <p>Each node's output is in {@code target/cluster-failover/}, printed only if the test fails; the
 * figures (time until each room of the killed node takes commands again, the checker's counts) are
 * in {@code target/cluster-failover.txt}.
 */
class ClusterFailoverTest {
  private static final int SESSIONS = 6;
  /** Members per session, besides its host: with the host within the 10 joins per client network at once (JoinLimits). */
  private static final int MEMBERS = 8;
  private static final long PACING_MS = 1000;
  private static final Duration HEARTBEAT = Duration.ofSeconds(3);
  /** A pause long enough for the others to count a node out (several heartbeat timeouts). */
  private static final Duration PAUSE = Duration.ofSeconds(8);
  private static final String SECRET = "failover-test-secret-0123456789";
  private static final String ORGANIZER_KEY = "failover-organizer-key-0123";
  private static final Path OUT = Path.of("target", "cluster-failover");

  private final List<NodeProcess> processes = new ArrayList<>();
  private final List<ChaosClient> clients = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** The clients' Vert.x: on two shared cores with three servers, a loop may wait its turn for a while. */
  private final Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setMaxEventLoopExecuteTime(10)
      .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
  private final WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(1024 * 1024).setMaxMessageSize(4 * 1024 * 1024).setConnectTimeout(3000)
      .setClosingTimeout(2));
  private final Map<String, String> figures = new LinkedHashMap<>();

  static {
    TestPostgres.quietLibraries();
  }

  /** What the cluster's nodes are started with: names, ports, the shared settings. */
  private record Cluster(String db, List<String> names, int[] ports, int[] clusterPorts, String members) {}

  @AfterEach
  void stopAll() throws Exception {
    for (NodeProcess p : processes) {
      p.destroy();
    }
    ws.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void noAcknowledgedCommandIsLostAndEveryoneSeesTheSameGapFreeEventsThroughKillPauseAndDrain() throws Exception {
    try {
      run();
    } catch (Throwable t) {
      for (NodeProcess p : processes) {
        System.out.println("===== " + p + " (" + p.logFile + ") =====");
        System.out.println(p.log());
      }
      System.out.println("===== figures =====\n" + figures);
      throw t;
    }
  }

  private void run() throws Exception {
    if (Files.isDirectory(OUT)) {
      try (var old = Files.list(OUT)) {
        for (Path f : old.toList()) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(OUT);
    String db = TestPostgres.newSchemaUrl("failover");
    int[] ports = new int[3];
    int[] clusterPorts = new int[3];
    var names = new ArrayList<String>();
    var members = new ArrayList<String>();
    for (int i = 0; i < 3; i++) {
      ports[i] = TestPostgres.freePort();
      clusterPorts[i] = TestPostgres.freePort();
      names.add("node-" + (i + 1));
      members.add("127.0.0.1:" + clusterPorts[i]);
    }
    Cluster cluster = new Cluster(db, names, ports, clusterPorts, String.join(",", members));
    NodeProcess[] nodes = new NodeProcess[3];
    for (int i = 0; i < 3; i++) {
      nodes[i] = start(cluster, i, "a");
    }
    awaitCluster(List.of(nodes), 3, Duration.ofSeconds(90));
    long t0 = System.nanoTime();

    // The load: sessions created through the API, a host each who opens the lobby, members on every node.
    List<Integer> portList = List.of(ports[0], ports[1], ports[2]);
    var sessions = new ArrayList<String>();
    for (int s = 0; s < SESSIONS; s++) {
      JsonNode created = createSession(ports[s % 3], "Failover " + (s + 1));
      String id = created.path("sessionId").asText();
      sessions.add(id);
      JsonNode hostJoin = join(ports[(s + 1) % 3], id, created.path("invites").path("host").asText(), "Hanna " + s);
      var host = new ChaosClient(vertx, ws, "host-" + s, ChaosClient.Kind.HOST, hostJoin, portList, s + 1, PACING_MS);
      clients.add(host);
      host.start();
      await().atMost(Duration.ofSeconds(20)).until(host::connected);
      if (status(ports[s % 3], id).equals("SCHEDULED")) {
        host.sendOnce("OpenSession");
        await().atMost(Duration.ofSeconds(20)).until(() -> host.outstanding() == 0);
      }
      for (int m = 0; m < MEMBERS; m++) {
        int node = (s + m) % 3;
        JsonNode joined = join(ports[node], id, created.path("invites").path("participant").asText(),
            "Person " + s + "-" + m);
        var c = new ChaosClient(vertx, ws, "s" + s + "-m" + m, ChaosClient.Kind.PARTICIPANT, joined, portList, node,
            PACING_MS);
        clients.add(c);
        c.start();
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> clients.stream().allMatch(ChaosClient::connected));
    clients.forEach(c -> c.load(true));
    awaitEverySessionAcks(sessions, System.nanoTime(), Map.of(), Duration.ofSeconds(30));
    figures.put("set-up (s)", seconds(System.nanoTime() - t0));

    // (1) SIGKILL of the node owning the most rooms; the others take its rooms.
    Map<String, String> owners = owners(db, sessions);
    int victim = busiest(cluster, owners);
    List<String> itsRooms = sessions.stream().filter(s -> owners.get(s).equals(names.get(victim))).toList();
    long killed = System.nanoTime();
    nodes[victim].kill();
    Map<String, Long> versionsAtKill = versions(db);
    Map<String, Long> recovered = awaitEverySessionAcks(sessions, killed, versionsAtKill, Duration.ofSeconds(45));
    var times = new ArrayList<Double>();
    for (String s : itsRooms) {
      times.add((recovered.get(s) - killed) / 1e9);
    }
    times.sort(null);
    figures.put("killed", names.get(victim) + ", owner of " + itsRooms.size() + " of " + SESSIONS + " rooms");
    figures.put("after SIGKILL, s until each of its rooms acked a new command", format(times));
    figures.put("after SIGKILL, s until every room acked a new command",
        seconds(recovered.values().stream().mapToLong(Long::longValue).max().orElseThrow() - killed));
    // A replacement with the same name and ports: three nodes again.
    nodes[victim] = start(cluster, victim, "b");
    awaitCluster(List.of(nodes), 3, Duration.ofSeconds(90));
    spreadAgain();

    // (2) SIGSTOP of an owner for longer than the heartbeat timeout, then SIGCONT: the others take its
    // rooms meanwhile, and what it tries to write once it runs again is fenced out.
    Map<String, String> owners2 = owners(db, sessions);
    int paused = busiest(cluster, owners2, victim);
    figures.put("paused", names.get(paused) + ", owner of "
        + owners2.values().stream().filter(names.get(paused)::equals).count() + " rooms, until the others served without it");
    nodes[paused].pause();
    long pausedAt = System.nanoTime();
    // The fault lasts until the others have counted the paused node out (past the heartbeat timeout)
    // and serve on without it: then its rooms have moved, and what it writes on waking is stale.
    int pausedNode = paused;
    await().atMost(PAUSE.multipliedBy(4)).pollInterval(Duration.ofMillis(250)).until(() -> {
      for (int i = 0; i < nodes.length; i++) {
        if (i != pausedNode && !nodes[i].readyWith(2)) {
          return false;
        }
      }
      return true;
    });
    nodes[paused].resume();
    awaitEverySessionAcks(sessions, pausedAt, Map.of(), Duration.ofSeconds(45));
    awaitCluster(List.of(nodes), 3, Duration.ofSeconds(90));
    figures.put("after SIGSTOP, s until three nodes again", seconds(System.nanoTime() - pausedAt));
    long resumed = System.nanoTime();
    awaitEverySessionAcks(sessions, resumed, versions(db), Duration.ofSeconds(45));
    figures.put("fence failures on the paused node", String.valueOf(nodes[paused].counter(
        "peerwork_cluster_fence_failures_total")));
    spreadAgain();

    // (3) A graceful stop (SIGTERM): the node drains, its clients get 1012 and go elsewhere.
    Map<String, String> owners3 = owners(db, sessions);
    int stopped = busiest(cluster, owners3, victim, paused);
    figures.put("stopped", names.get(stopped) + ", owner of "
        + owners3.values().stream().filter(names.get(stopped)::equals).count() + " rooms");
    long stopping = System.nanoTime();
    assertThat(nodes[stopped].stop(Duration.ofSeconds(40))).as("the drained node exits").isTrue();
    figures.put("SIGTERM, s until the process ended", seconds(System.nanoTime() - stopping));
    var rest = new ArrayList<NodeProcess>(List.of(nodes));
    rest.remove(nodes[stopped]);
    awaitCluster(rest, 2, Duration.ofSeconds(60));
    awaitEverySessionAcks(sessions, System.nanoTime(), versions(db), Duration.ofSeconds(45));

    // The end: no new commands, every one sent answered for good.
    clients.forEach(c -> c.load(false));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> clients.stream().allMatch(c -> c.outstanding() == 0));
    // Everyone has every event: the last one of their session's journal.
    Map<String, Long> last = versions(db);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> clients.stream()
        .allMatch(c -> c.onContext(x -> lastDelivered(x)) >= last.get(c.sessionId)));
    clients.forEach(ChaosClient::close);

    HistoryChecker.Report report = HistoryChecker.check(db, clients);
    figures.put("checker", report.counts().toString());
    figures.put("total (s)", seconds(System.nanoTime() - t0));
    var text = new StringBuilder();
    figures.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    Files.writeString(Path.of("target", "cluster-failover.txt"), text, StandardCharsets.UTF_8);
    assertThat(report.ok()).as("the history of %d clients against the journal:\n%s", clients.size(), report).isTrue();
  }

  private NodeProcess start(Cluster c, int i, String run) throws Exception {
    Path data = Files.createTempDirectory("peerwork-failover");
    NodeProcess p = NodeProcess.start(c.names().get(i), c.ports()[i], c.clusterPorts()[i], TestPostgres.freePort(),
        OUT.resolve(c.names().get(i) + "-" + run + ".log"), List.of(
            "--host=127.0.0.1", "--db-url=" + c.db(), "--secret=" + SECRET, "--organizer-key=" + ORGANIZER_KEY,
            "--seed-demo=false", "--data-dir=" + data, "--cluster-members=" + c.members(),
            "--cluster-host=127.0.0.1", "--cluster-heartbeat-seconds=" + HEARTBEAT.toSeconds(),
            "--max-sockets-per-address=100000", "--max-sockets-per-person=16"));
    processes.add(p);
    return p;
  }

  /** Waits until each of {@code nodes} is ready and sees {@code size} nodes (a quorum). */
  private static void awaitCluster(List<NodeProcess> nodes, int size, Duration within) {
    await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
      for (NodeProcess n : nodes) {
        if (!n.alive()) {
          throw new AssertionError(n + " ended");
        }
      }
      return nodes.stream().allMatch(n -> n.readyWith(size));
    });
  }

  /**
   * Waits until each session has an ack received after {@code since} for a command that wrote
   * after {@code versions} (a session's version then; 0 if absent): each room takes commands.
   * Returns when each one did.
   */
  private Map<String, Long> awaitEverySessionAcks(List<String> sessions, long since, Map<String, Long> versions,
      Duration within) {
    var when = new HashMap<String, Long>();
    await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
      for (ChaosClient c : clients) {
        if (when.containsKey(c.sessionId)) {
          continue;
        }
        long after = versions.getOrDefault(c.sessionId, 0L);
        for (long[] ack : c.acks()) {
          if (ack[1] > since && ack[0] > after) {
            when.merge(c.sessionId, ack[1], Math::min);
          }
        }
      }
      return when.keySet().containsAll(sessions);
    });
    return when;
  }

  /** The node each session's row in the owner table names (the last to take it). */
  private static Map<String, String> owners(String db, List<String> sessions) throws Exception {
    var owners = new HashMap<String, String>();
    try (var c = DriverManager.getConnection(db); var s = c.createStatement();
        var r = s.executeQuery("SELECT stream_id, node FROM peerwork_stream_owner WHERE stream_kind = 'session'")) {
      while (r.next()) {
        owners.put(r.getString(1), r.getString(2));
      }
    }
    for (String id : sessions) {
      owners.putIfAbsent(id, "");
    }
    return owners;
  }

  /** Each session's last version in the journal. */
  private static Map<String, Long> versions(String db) throws Exception {
    var versions = new HashMap<String, Long>();
    try (var c = DriverManager.getConnection(db); var s = c.createStatement();
        var r = s.executeQuery("SELECT session_id, max(version) FROM peerwork_event GROUP BY session_id")) {
      while (r.next()) {
        versions.put(r.getString(1), r.getLong(2));
      }
    }
    return versions;
  }

  /** Clients go back to the nodes they started on (as a load balancer spreads them): each node has a third. */
  private void spreadAgain() {
    clients.forEach(ChaosClient::goHome);
    await().atMost(Duration.ofSeconds(30)).until(() -> clients.stream().allMatch(ChaosClient::home));
  }

  /** The index of the node that owns the most of the rooms, of those not {@code except}. */
  private static int busiest(Cluster c, Map<String, String> owners, int... except) {
    int best = -1;
    long most = -1;
    for (int i = 0; i < c.names().size(); i++) {
      final int node = i;
      if (java.util.Arrays.stream(except).anyMatch(e -> e == node)) {
        continue;
      }
      String n = c.names().get(i);
      long count = owners.values().stream().filter(n::equals).count();
      if (count > most) {
        most = count;
        best = i;
      }
    }
    return best;
  }

  private static long lastDelivered(ChaosClient c) {
    long last = -1;
    for (ChaosClient.Conn conn : c.connections()) {
      last = Math.max(last, conn.base);
      for (JsonNode f : conn.events) {
        last = Math.max(last, f.path("seq").asLong());
      }
    }
    return last;
  }

  private JsonNode createSession(int port, String title) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("formatId", "test-kitchen");
    b.put("title", title);
    b.put("capacity", 20);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + ORGANIZER_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(b.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("creating a session: %s", r.body()).isEqualTo(201);
    return TestServer.JSON.readTree(r.body());
  }

  private String status(int port, String session) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/sessions/" + session)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return TestServer.JSON.readTree(r.body()).path("status").asText();
  }

  private JsonNode join(int port, String session, String code, String name) throws Exception {
    ObjectNode b = TestServer.JSON.createObjectNode();
    b.put("displayName", name);
    b.put("code", code);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/sessions/" + session + "/join"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(b.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("joining %s as %s: %s", session, name, r.body()).isEqualTo(200);
    return TestServer.JSON.readTree(r.body());
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
  }

  /** A distribution: count, min, median, p99 (the max, for so few), max. */
  private static String format(List<Double> sorted) {
    if (sorted.isEmpty()) {
      return "none";
    }
    return String.format(Locale.ROOT, "n=%d min=%.2f median=%.2f max=%.2f all=%s", sorted.size(), sorted.get(0),
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1),
        sorted.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList());
  }
}
