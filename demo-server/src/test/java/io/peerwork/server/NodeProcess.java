package io.peerwork.server;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One demo server in a JVM of its own ({@code io.peerwork.server.Main} on the test's class path),
 * for tests that kill, pause and stop nodes as an operating system would: {@link #kill} (SIGKILL),
 * {@link #pause}/{@link #resume} (SIGSTOP/SIGCONT), {@link #stop} (SIGTERM: the shutdown hook
 * drains). Its output goes to a file, never to the console; {@link #log} reads it.
 */
final class NodeProcess {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  final String name;
  final int port;
  final int clusterPort;
  final int managementPort;
  final Path logFile;
  private final Process process;

  private NodeProcess(String name, int port, int clusterPort, int managementPort, Path logFile, Process process) {
    this.name = name;
    this.managementPort = managementPort;
    this.port = port;
    this.clusterPort = clusterPort;
    this.logFile = logFile;
    this.process = process;
  }

  /**
   * Starts {@code java -Xmx192m -cp <this JVM's class path> io.peerwork.server.Main <args>} with
   * {@code --port=port}, {@code --node-name}, {@code --cluster-port} and {@code --management-port},
   * its output (both streams) in {@code logFile}.
   */
  static NodeProcess start(String name, int port, int clusterPort, int managementPort, Path logFile, List<String> args)
      throws IOException {
    Files.createDirectories(logFile.getParent());
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--port=" + port, "--node-name=" + name, "--cluster-port=" + clusterPort,
        "--management-port=" + managementPort));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile())).start();
    return new NodeProcess(name, port, clusterPort, managementPort, logFile, p);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: the process ends at once, nothing of it runs any more. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the server's shutdown hook drains it (rooms handed over, sockets closed with 1012). */
  boolean stop(Duration within) throws InterruptedException {
    process.destroy();
    return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGSTOP: every thread of the process stands still, its sockets stay open. */
  void pause() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** SIGCONT after {@link #pause}. */
  void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String which) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill " + which + " " + process.pid() + " failed");
    }
  }

  /** {@code GET /health/ready}: its JSON while the node answers (whatever the status), empty when it does not. */
  Optional<JsonNode> ready() {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return Optional.of(TestServer.JSON.readTree(r.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Whether {@code /health/ready} is UP and its cluster check sees {@code nodes} nodes, this one among them. */
  boolean readyWith(int nodes) {
    return ready().filter(r -> r.path("status").asText().equals("UP")).map(r -> {
      for (JsonNode c : r.path("checks")) {
        if (c.path("id").asText().equals("cluster")) {
          return c.path("data").path("quorate").asBoolean() && c.path("data").path("nodes").size() == nodes;
        }
      }
      return false;
    }).orElse(false);
  }

  /**
   * The sum of the samples of counter {@code name} (Prometheus name, e.g. {@code
   * peerwork_cluster_fence_failures_total}) on its management port; -1 if the node does not answer.
   */
  double counter(String name) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics"))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      double sum = 0;
      for (String line : r.body().split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return sum;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** What the process wrote so far. */
  String log() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Ends the process if it still runs (after a test), continuing it first if it was paused. */
  void destroy() {
    if (process.isAlive()) {
      try {
        resume();
      } catch (Exception e) {
        // it is killed anyway
      }
      process.destroyForcibly();
      try {
        process.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", port " + port + ")";
  }
}
