package io.peerwork.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle participants held by a cluster: one {@link LoadGenerator} process per node (each under the
 * open-file limit, as each node is), each connecting its rooms' members to its node from a source
 * address of its own ({@code 127.0.0.2}, {@code 127.0.0.3}, ...: about 28,000 ephemeral ports each).
 * Every node's heap is read after two full GCs before the generators start and once they all hold
 * their connections; the difference per participant connected to the node is its heap per idle
 * participant (which includes the rooms it owns, whose members may be on other nodes).
 */
final class HoldPhase {
  private final ClusterBench bench;
  private final List<ClusterNode> nodes;

  HoldPhase(ClusterBench bench, List<ClusterNode> nodes) {
    this.bench = bench;
    this.nodes = nodes;
  }

  int run() throws Exception {
    int participants = bench.integer("hold-participants", 50_000);
    int roomSize = bench.integer("hold-room-size", 20);
    int holdSeconds = bench.integer("hold-seconds", 30);
    String heap = bench.option("generator-heap", "-Xmx1g");
    int n = nodes.size();
    bench.line("");
    bench.line("## hold: %,d idle participants in rooms of %d over %d nodes, one generator process per node (%s),"
        + " source addresses 127.0.0.2-%d; open files per process: %s", participants, roomSize, n, heap, n + 1,
        openFiles());
    double[] before = new double[n];
    for (int i = 0; i < n; i++) {
      before[i] = nodes.get(i).heapAfterGc();
    }
    var generators = new ArrayList<Process>();
    var logs = new ArrayList<Path>();
    int roomsTotal = (participants + roomSize - 1) / roomSize;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int rooms = roomsTotal / n + (i < roomsTotal % n ? 1 : 0);
      Path log = bench.logs().resolve("generator-" + (i + 1) + ".log");
      var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
          "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(),
          "--url=" + nodes.get(i).url(), "--local-addresses=127.0.0." + (i + 2), "--rooms=" + rooms,
          "--participants-per-room=" + roomSize, "--rate=0", "--duration=36000", "--label=hold-" + (i + 1),
          "--setup-concurrency=" + bench.integer("setup-concurrency", 16), "--event-loops=2"));
      bench.line("generator %d: %s", i + 1, String.join(" ", cmd.subList(4, cmd.size())));
      Process generator = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      ClusterNode.STARTED.add(generator);
      generators.add(generator);
      logs.add(log);
    }
    int status = 0;
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(bench.integer("setup-seconds", 1200)).toNanos();
      boolean[] done = new boolean[n];
      while (true) {
        int ready = 0;
        for (int i = 0; i < n; i++) {
          if (!done[i] && Files.exists(logs.get(i))) {
            String text = Files.readString(logs.get(i), StandardCharsets.UTF_8);
            if (text.contains(" set up in ")) {
              done[i] = true;
              bench.line("generator %d: %s", i + 1, text.lines().filter(l -> l.contains(" set up in ")).findFirst()
                  .orElse("").strip());
            } else if (!generators.get(i).isAlive()) {
              done[i] = true;
              status = 1;
              List<String> lines = text.lines().toList();
              bench.line("generator %d exited before it held its rooms: %s", i + 1,
                  String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
            }
          }
          ready += done[i] ? 1 : 0;
        }
        if (ready == n) {
          break;
        }
        if (System.nanoTime() > deadline) {
          bench.line("hold: not every generator set up within the time given; measuring what is held");
          status = 1;
          break;
        }
        Thread.sleep(1000);
      }
      bench.line("hold: set-up of the generators took %.0f s", (System.nanoTime() - start) / 1e9);
      bench.line("| node | participants connected | rooms loaded | heap after GC before, MiB | with the participants,"
          + " MiB | heap per participant, bytes |");
      bench.line("|---|---:|---:|---:|---:|---:|");
      double held = 0;
      double grown = 0;
      for (int i = 0; i < n; i++) {
        ClusterNode node = nodes.get(i);
        double connected = node.metric("peerwork_connections").orElse(-1);
        double loaded = node.metric("peerwork_rooms_loaded").orElse(-1);
        double after = node.alive() ? node.heapAfterGc() : Double.NaN;
        held += Math.max(0, connected);
        grown += after - before[i];
        bench.line("| %s | %,.0f | %,.0f | %.1f | %.1f | %,.0f |", node.name, connected, loaded, before[i] / 1048576,
            after / 1048576, (after - before[i]) / connected);
      }
      bench.line("hold: %,.0f participants connected over %d nodes (%,.0f bytes of heap each over the cluster)", held,
          n, grown / held);
      Thread.sleep(holdSeconds * 1000L);
      double still = 0;
      for (ClusterNode node : nodes) {
        still += Math.max(0, node.metric("peerwork_connections").orElse(-1));
      }
      long alive = generators.stream().filter(Process::isAlive).count();
      bench.line("hold: %d s later %,.0f participants still connected, %d of %d generators running", holdSeconds,
          still, alive, n);
      if (still < participants) {
        status = 1;
      }
    } finally {
      for (Process p : generators) {
        p.destroy();
      }
      for (Process p : generators) {
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
    return status;
  }

  private static String openFiles() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (l.startsWith("Max open files")) {
          return l.replaceAll("\\s+", " ").substring("Max open files ".length());
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return "?";
  }
}
