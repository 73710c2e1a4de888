package io.peerwork.bench;

import io.peerwork.server.internal.Placement;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;

/**
 * The cluster's figures (issue 14, "How fast"), measured with demo-server nodes in processes of
 * their own on this machine, sharing one PostgreSQL database (a fresh schema per run, dropped at
 * the end):
 *
 * <ul>
 *   <li>{@code latency}: on {@code --nodes} nodes, members connected to the room's owner ("local")
 *       and members connected to another node ("remote"), side by side in the same run of the
 *       {@link LoadGenerator}: command → last member, per rate; with {@code --latency-layout=rooms}
 *       (the default) whole rooms are local or remote, with {@code members} every room has both
 *       (see {@link LatencyPhase});
 *   <li>{@code failover}: on the same nodes, rooms with a host and one participant on each node;
 *       each round SIGKILLs one node and measures, for each room, the time from the kill until a
 *       command sent after it through a surviving node is acknowledged (the rooms the killed node
 *       owned, and the others as a control); then starts the node again under the same name and
 *       reconnects its members;
 *   <li>{@code hold}: on {@code --hold-nodes} nodes, {@code --hold-participants} idle participants,
 *       opened by one load generator process per node, each from its own source address
 *       (127.0.0.2, 127.0.0.3, ...), with every node's heap after GC before and after (per
 *       participant connected to it).
 * </ul>
 *
 * <pre>
 * java -cp bench/target/peerwork-bench.jar io.peerwork.bench.ClusterBench --phases=latency,failover
 * java -cp bench/target/peerwork-bench.jar io.peerwork.bench.ClusterBench --phases=hold --hold-participants=50000
 * </pre>
 *
 * <p>Options ({@code --name=value}): phases, nodes (3), heartbeat (seconds, 3), server-heap (-Xmx512m;
 * the nodes' JVM options, separated by spaces, such as {@code "-Xmx512m -XX:+UseZGC"}; likewise hold-heap),
 * pg-url, rooms and participants-per-room and rates and duration and warmup (the latency phase: 60, 20,
 * 0.25,0.5,1, 10, 3), failover-rooms (60), rounds (3), hold-nodes (4), hold-participants (50000),
 * hold-room-size (20), hold-heap (-Xmx1g), generator-heap (-Xmx1g), hold-seconds (30),
 * hold-async-commit (true), setup-seconds (1200), setup-concurrency (16), prewarm (seconds, 5),
 * latency-layout (rooms or members), node-cpus (the CPUs of each node in turn, for {@code taskset -c},
 * separated by {@code /}: {@code 0/1} gives node-1 CPU 0, node-2 CPU 1, node-3 CPU 0; default: any), out (a file the report lines are appended to), logs (the nodes'
 * and generators' log folder; default bench/target/cluster-logs). Any other name is refused, with the closest one named.
 *
 * <p>Each node is {@code io.peerwork.server.Main} with the caps that would refuse one load
 * generator's address raised by its own options ({@code --max-sockets-per-address},
 * {@code --creations-per-client-per-hour}, {@code --joins-per-client-at-once},
 * {@code --joins-per-client-per-minute}, {@code --max-rooms}), one shared {@code --secret} (a join
 * token from one node is good on every node) and the in-memory-free PostgreSQL journal a cluster
 * needs.
 */
public final class ClusterBench {
  private final Map<String, String> o;
  private final Path logs;
  private final List<String> report = new ArrayList<>();
  private final String pg;
  private String dbUrl;

  private ClusterBench(Map<String, String> options) throws Exception {
    this.o = options;
    this.logs = Path.of(o.getOrDefault("logs", "bench/target/cluster-logs")).toAbsolutePath();
    Files.createDirectories(logs);
    this.pg = o.getOrDefault("pg-url", System.getenv().getOrDefault("PEERWORK_TEST_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
  }

  /** Every option the bench and its phases read (see the class comment). */
  static final java.util.Set<String> OPTIONS = java.util.Set.of("phases", "nodes", "heartbeat", "server-heap", "pg-url",
      "rooms", "participants-per-room", "rates", "duration", "warmup", "prewarm", "latency-layout",
      "failover-rooms", "rounds", "hold-nodes", "hold-participants", "hold-room-size", "hold-heap", "generator-heap", "hold-seconds",
      "hold-async-commit", "setup-seconds", "setup-concurrency", "out", "logs", "node-cpus");

  /**
   * The options of {@code args} ({@code --name=value} each), or the one-line problem: an argument
   * of another form, or a name the bench does not read (with the closest one it does).
   */
  static Map<String, String> parse(String[] args) {
    var options = new LinkedHashMap<String, String>();
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("cluster bench: use --name=value, not " + a);
      }
      String name = a.substring(2, a.indexOf('='));
      if (!OPTIONS.contains(name)) {
        java.util.Comparator<String> nearest = java.util.Comparator.comparingInt(known -> distance(known, name));
        String closest = OPTIONS.stream().min(nearest.thenComparing(java.util.Comparator.naturalOrder())).orElseThrow();
        throw new IllegalArgumentException("cluster bench: unknown option --" + name + "; did you mean --" + closest + "?");
      }
      options.put(name, a.substring(a.indexOf('=') + 1));
    }
    return options;
  }

  /** The edit distance of {@code a} and {@code b} (insertions, deletions, replacements). */
  private static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int up = row[j];
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diagonal = up;
      }
    }
    return row[b.length()];
  }

  /** Runs the phases {@code --phases} names and prints the report. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    var bench = new ClusterBench(options);
    int status = bench.run();
    System.exit(status);
  }

  private int run() throws Exception {
    List<String> phases = Arrays.asList(o.getOrDefault("phases", "latency,failover").split(","));
    String schema = "pw_clusterbench_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    dbUrl = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    line("cluster bench %s, %d cores, schema %s, logs in %s", Instant.now(), Runtime.getRuntime().availableProcessors(),
        schema, logs);
    int status = 0;
    List<ClusterNode> nodes = List.of();
    try {
      if (phases.contains("latency") || phases.contains("failover")) {
        nodes = startCluster(integer("nodes", 3), o.getOrDefault("server-heap", "-Xmx512m"), "node", dbUrl);
        if (phases.contains("latency")) {
          status |= new LatencyPhase(this, nodes).run();
        }
        if (phases.contains("failover")) {
          status |= new FailoverPhase(this, nodes).run();
        }
        stopAll(nodes);
      }
      if (phases.contains("hold")) {
        // Setting 50,000 people up is 50,000 appends: with --hold-async-commit=true (the default) the
        // nodes' PostgreSQL sessions commit without waiting for the WAL flush, only to set up faster;
        // what is measured is the heap of idle participants, which does not depend on it.
        boolean async = Boolean.parseBoolean(o.getOrDefault("hold-async-commit", "true"));
        nodes = startCluster(integer("hold-nodes", 4), o.getOrDefault("hold-heap", "-Xmx1g"), "hold",
            async ? dbUrl + "&options=-c%20synchronous_commit%3Doff" : dbUrl);
        status |= new HoldPhase(this, nodes).run();
        stopAll(nodes);
      }
    } finally {
      for (ClusterNode n : nodes) {
        if (n.alive()) {
          n.kill();
        }
      }
      try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    System.out.println();
    System.out.println("==== report ====");
    report.forEach(System.out::println);
    if (o.containsKey("out")) {
      Files.write(Path.of(o.get("out")), report, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    return status;
  }

  /** Starts {@code n} nodes named {@code <prefix>-1 ...} and waits until each sees all of them. */
  List<ClusterNode> startCluster(int n, String heap, String prefix, String db) throws Exception {
    var ports = new int[n];
    var clusterPorts = new int[n];
    var members = new ArrayList<String>();
    for (int i = 0; i < n; i++) {
      ports[i] = freePort();
      clusterPorts[i] = freePort();
      members.add("127.0.0.1:" + clusterPorts[i]);
    }
    var nodes = new ArrayList<ClusterNode>();
    List<String> cpus = o.containsKey("node-cpus") ? List.of(o.get("node-cpus").split("/")) : List.of();
    for (int i = 0; i < n; i++) {
      String name = prefix + "-" + (i + 1);
      Path data = Files.createTempDirectory("peerwork-" + name);
      var args = List.of("--host=127.0.0.1", "--port=" + ports[i], "--seed-demo=false", "--data-dir=" + data,
          "--db-url=" + db, "--secret=cluster-bench-secret-0123456789abcdef",
          "--cluster-members=" + String.join(",", members), "--cluster-host=127.0.0.1",
          "--cluster-port=" + clusterPorts[i], "--cluster-heartbeat-seconds=" + integer("heartbeat", 3),
          "--node-name=" + name,
          // One load generator address opens thousands of sockets, creates every room and joins
          // everyone: the caps per client address would refuse it.
          "--max-sockets-per-address=1000000", "--creations-per-client-per-hour=1000000",
          "--joins-per-client-at-once=1000000", "--joins-per-client-per-minute=1000000",
          "--max-rooms=100000", "--max-members-per-session=100000");
      var command = new ArrayList<String>();
      if (!cpus.isEmpty()) { // this node's CPUs (taskset), e.g. to give each node a core of its own
        command.addAll(List.of("taskset", "-c", cpus.get(i % cpus.size())));
      }
      command.addAll(ClusterNode.command(heap, args));
      nodes.add(new ClusterNode(name, ports[i], clusterPorts[i], command, logs));
    }
    for (ClusterNode node : nodes) {
      node.start();
    }
    for (ClusterNode node : nodes) {
      node.awaitListening(Duration.ofMinutes(3));
    }
    awaitClusterSize(nodes, n, Duration.ofMinutes(2));
    line("%d nodes up: %s (server JVM %s, heartbeat %d s)", n, nodes.stream().map(x -> x.name + "=" + x.url()).toList(),
        heap, integer("heartbeat", 3));
    return nodes;
  }

  /** Waits until every live node of {@code nodes} sees {@code size} nodes. */
  static void awaitClusterSize(List<ClusterNode> nodes, int size, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      boolean all = true;
      for (ClusterNode n : nodes) {
        if (n.alive() && n.metric("peerwork_cluster_nodes").orElse(-1) != size) {
          all = false;
        }
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the nodes did not all see " + size + " nodes within " + within);
      }
      Thread.sleep(250);
    }
  }

  private static void stopAll(List<ClusterNode> nodes) throws InterruptedException {
    for (ClusterNode n : nodes) {
      n.stop();
    }
  }

  /** The owner of a session among {@code nodes}, as every node computes it. */
  static String owner(String sessionId, List<ClusterNode> nodes) {
    return Placement.owner(sessionId, nodes.stream().map(n -> n.name).sorted().toList());
  }

  int integer(String name, int fallback) {
    return Integer.parseInt(o.getOrDefault(name, String.valueOf(fallback)));
  }

  double number(String name, double fallback) {
    return Double.parseDouble(o.getOrDefault(name, String.valueOf(fallback)));
  }

  String option(String name, String fallback) {
    return o.getOrDefault(name, fallback);
  }

  Path logs() {
    return logs;
  }

  /** Prints a line and keeps it for the report. */
  void line(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    System.out.println(s);
    report.add(s);
  }

  static int freePort() throws Exception {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** p50, p90, p99, max and count of {@code h} (microseconds), as milliseconds. */
  static String percentiles(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "no samples";
    }
    return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)",
        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
        h.getMaxValue() / 1e3, h.getTotalCount());
  }

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e3;
  }

  static String orDash(OptionalDouble d, String format) {
    return d.isPresent() ? String.format(Locale.ROOT, format, d.getAsDouble()) : "—";
  }

  static List<URI> urls(List<ClusterNode> nodes) {
    return nodes.stream().map(ClusterNode::url).toList();
  }
}
