package io.peerwork.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One node of a demo-server cluster in a process of its own ({@code io.peerwork.server.Main} from
 * this JVM's class path), as {@link ClusterBench} starts it: its HTTP port and Hazelcast port are
 * fixed for its whole life, so that it can be killed and started again under the same name and
 * address. Each start logs to a file of its own.
 */
final class ClusterNode {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Every process the bench started (nodes and generators): killed when the bench's JVM stops, however it stops. */
  static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly),
        "cluster-bench-processes"));
  }

  final String name;
  final int port;
  final int clusterPort;
  private final List<String> command;
  private final Path logDir;
  private int starts;
  private Process process;
  private Path log;

  ClusterNode(String name, int port, int clusterPort, List<String> command, Path logDir) {
    this.name = name;
    this.port = port;
    this.clusterPort = clusterPort;
    this.command = List.copyOf(command);
    this.logDir = logDir;
  }

  /** The java command line that starts a node; {@code serverArgs} are the server's {@code --name=value} settings. */
  static List<String> command(String heap, List<String> serverArgs) {
    var cmd = new ArrayList<String>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(java.util.Arrays.asList(heap.trim().split("\\s+"))); // the heap, and any other JVM options
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.peerwork.server.Main");
    cmd.addAll(serverArgs);
    return cmd;
  }

  /** Starts the process (not waiting for it to listen). */
  void start() throws IOException {
    starts++;
    log = logDir.resolve(name + (starts == 1 ? "" : "." + starts) + ".log");
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    STARTED.add(process);
  }

  /** Waits until the server has printed its address, or fails with the end of its log. */
  void awaitListening(Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Peerwork demo server:")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " did not start within " + within + ":\n" + tail());
  }

  /** The last lines of the current log. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e + ")";
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** SIGKILL: the node stops at once, without leaving the cluster or closing anything; waits until it is gone. */
  void kill() throws InterruptedException {
    signalKill();
    process.waitFor();
  }

  /** Sends SIGKILL, not waiting. */
  void signalKill() {
    process.destroyForcibly();
  }

  /** SIGTERM (the server drains and closes in its shutdown hook), SIGKILL after 30 s. */
  void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      kill();
    }
  }

  /** The node's {@code /metrics} (loopback may read it), Prometheus text. */
  String metrics() throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/metrics"))
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(name + " /metrics answered " + r.statusCode());
    }
    return r.body();
  }

  /** The value of the first sample of {@code metric} (no labels, or any), if the node has it. */
  OptionalDouble metric(String metric) {
    try {
      for (String line : metrics().split("\n")) {
        if (line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
          return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
      }
      return OptionalDouble.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }

  /** Used heap after two full collections ({@code jcmd GC.run}), bytes. */
  double heapAfterGc() throws IOException, InterruptedException {
    return ProcessProbe.heapAfterGc(pid());
  }
}
