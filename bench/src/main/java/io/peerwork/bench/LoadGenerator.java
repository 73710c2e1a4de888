package io.peerwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A WebSocket load generator for the Peerwork demo server (and the {@link BareServer}), run as its
 * own process:
 *
 * <pre>
 * java -cp bench/target/peerwork-bench.jar io.peerwork.bench.LoadGenerator \
 *     --url http://127.0.0.1:8080 --rooms 100 --participants-per-room 20 --rate 1 --duration 30
 * </pre>
 *
 * <p>For each room it creates a session over the HTTP API, joins a host and the participants with
 * the invite codes, connects everyone over WebSocket, opens the lobby and lets every participant
 * declare a goal. Then every participant edits its goal on a fixed schedule ({@code --rate} per
 * second, spread evenly), without waiting for answers, so a slow server shows as latency rather
 * than as a slower generator. Latency runs from a command's <em>scheduled</em> send time to the
 * arrival of its event at the last member of the room (HdrHistogram), so the generator's own delays
 * count against the server and nothing is hidden by coordinated omission.
 *
 * <p>Every connection checks that event sequence numbers go up by exactly one. The exit status is 0
 * if no event was lost, duplicated or out of order, 1 otherwise, and 2 if the run could not be set
 * up. A line {@code RESULT {...}} carries the figures as JSON.
 *
 * <p>Each event loop of the generator owns whole rooms, so a room's bookkeeping needs no locks.
 */
public final class LoadGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] EVENT = bytes("{\"type\":\"event\",\"seq\":");
  private static final byte[] VIEW = bytes("{\"type\":\"view\"");
  private static final byte[] ACK = bytes("{\"type\":\"ack\"");
  private static final byte[] SNAPSHOT = bytes("{\"type\":\"snapshot\"");
  private static final byte[] REJECTED = bytes("{\"type\":\"rejected\"");
  private static final byte[] ERROR = bytes("{\"type\":\"error\"");
  private static final byte[] MARKER = bytes("bench#");
  private static final byte[] GOAL_DECLARED = bytes("\"GoalDeclared\"");

  private final LoadOptions o;
  private final java.io.PrintStream report;
  private final Targets targets;
  /** The latencies of each measured step by room group ({@link Targets#group}), merged over the workers. */
  private final List<Map<String, Histogram>> groupLatencies = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Per measured step, the gaps between two member groups ({@link #groupGaps()}). */
  private final List<long[]> groupGaps = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Vertx vertx;
  private final HttpClientAgent http;
  private final List<Worker> workers = new ArrayList<>();
  /** Latencies for the progress lines only; the result merges the workers' own histograms. */
  private final Recorder progress = new Recorder(3);
  /** Time from asking for an HTTP request to its answer, queueing for a pooled connection included. */
  private final Recorder httpCalls = new Recorder(3);
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final LongAdder disconnects = new LongAdder();
  /** Session creations asked again after a 5xx answer. */
  private final LongAdder createRetries = new LongAdder();
  private volatile long measureFrom = Long.MAX_VALUE;
  private volatile long measureTo = Long.MAX_VALUE;
  private volatile boolean loadStarted;
  private volatile boolean closing;
  private String formatId;
  private double setupSeconds;
  private double heapPerConnection = -1;

  /**
   * Where each room's members connect, and in which group a room's latencies count as well (beside
   * the run's figures): for runs against several servers, such as the nodes of a cluster.
   */
  public interface Targets {
    /** The server member {@code member} (0: the host) of room {@code room}, session {@code sessionId}, connects to. */
    java.net.URI member(int room, String sessionId, int member);

    /** The group room {@code room}'s latencies count in too ({@link #groupLatencies()}); empty for none. */
    default String group(int room, String sessionId) {
      return "";
    }

    /**
     * The group member {@code member} of room {@code room} belongs to, empty for none. For each
     * command, the time until the last member of a group has its event counts in that group's
     * latencies ({@link #groupLatencies()}): members of one room on different nodes, for instance,
     * compared on the same commands.
     */
    default String memberGroup(int room, String sessionId, int member) {
      return "";
    }

    /** Member {@code i} of room {@code r} at {@code urls[(r + i) % n]}, no groups. */
    static Targets spread(List<java.net.URI> urls) {
      return (room, sessionId, member) -> urls.get((room + member) % urls.size());
    }
  }

  /** A generator for one run; {@link #run()} runs it. Members connect as {@link Targets#spread} over the options' urls. */
  public LoadGenerator(LoadOptions options) {
    this(options, Targets.spread(options.urls()));
  }

  /** A generator for one run whose members connect where {@code targets} says; it reports on standard output. */
  public LoadGenerator(LoadOptions options, Targets targets) {
    this(options, targets, System.out);
  }

  /**
   * A generator for one run whose members connect where {@code targets} says, writing its progress
   * and summaries to {@code report}.
   */
  public LoadGenerator(LoadOptions options, Targets targets, java.io.PrintStream report) {
    this.report = java.util.Objects.requireNonNull(report, "report");
    this.o = options;
    this.targets = targets;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops())
        .setBlockedThreadCheckInterval(10_000));
    // One pooled connection per room being set up: a room joins its members one at a time, so no
    // request waits in the pool's queue, where its 60 s timeout would count the queue, not the server.
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
            .setDefaultHost(host()).setDefaultPort(port()).setConnectTimeout(30_000),
        new PoolOptions().setHttp1MaxSize(Math.max(16, options.setupConcurrency())).setMaxWaitQueueSize(-1));
  }

  /**
   * Runs the generator with {@code args} (see {@code --help}; each option also as {@code
   * PEERWORK_<NAME>}) and exits 0, 1 or 2.
   */
  public static void main(String[] args) {
    LoadCommand.Invocation invocation = LoadCommand.invocation(args, System.getenv(), System.out, System.err);
    if (invocation.options().isEmpty()) {
      System.out.flush();
      System.exit(invocation.status());
      return;
    }
    LoadOptions options = invocation.options().get();
    List<LoadResult> results;
    try {
      results = new LoadGenerator(options).run();
    } catch (Exception e) {
      System.err.println("load generator: the run could not be set up: " + e);
      e.printStackTrace();
      System.exit(2);
      return;
    }
    for (LoadResult r : results) {
      System.out.println("RESULT " + r.toJson());
    }
    LoadResult last = results.get(results.size() - 1);
    System.out.printf(Locale.ROOT, "%s: %s after the final drain: %d lost, %d duplicated, %d out of order,"
            + " %d disconnects, %d connections held%n", options.label(), last.clean() ? "CLEAN" : "NOT CLEAN",
        last.lost(), last.duplicated(), last.outOfOrder(), last.disconnects(), last.connections());
    System.out.flush();
    System.exit(last.clean() ? 0 : 1);
  }

  /**
   * The latencies (microseconds, command to its last member) of each measured step in order (every
   * run of a repeated rate), by room group ({@link Targets#group}); maps empty without groups.
   */
  public List<Map<String, Histogram>> groupLatencies() {
    return List.copyOf(groupLatencies);
  }

  /**
   * With exactly two member groups ({@link Targets#memberGroup}), for each measured step: per command,
   * when the last member of the second group (by name) had its event minus when the last member of
   * the first had it, in µs, sorted. The same command for both, so what the two share (the command's
   * way to the room, its commit) cancels out. Empty arrays otherwise.
   */
  public List<long[]> groupGaps() {
    return List.copyOf(groupGaps);
  }

  /**
   * Sets up the rooms, runs one step per rate (each drained before the next), and tells what
   * happened; the last result's {@code lost} is counted after a final drain. Closes the generator.
   */
  public List<LoadResult> run() throws Exception {
    try {
      return runInternal();
    } finally {
      closing = true;
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private List<LoadResult> runInternal() throws Exception {
    JsonNode formats = await(get("/api/formats"), 30);
    if (!formats.isArray() || formats.isEmpty()) {
      throw new IllegalStateException("the server offers no topic format");
    }
    formatId = formats.get(0).path("id").asText();
    double baseline = o.heap() && o.serverPid() > 0 ? ProcessProbe.heapAfterGc(o.serverPid()) : -1;

    for (Context ctx : EventLoops.of(vertx, o.eventLoops())) {
      workers.add(new Worker(ctx));
    }
    for (int r = 0; r < o.rooms(); r++) {
      Worker w = workers.get(r % workers.size());
      w.rooms.add(new Room(w, r));
    }
    long setupStart = System.nanoTime();
    var setups = new ArrayList<Future<Void>>();
    int perWorker = Math.max(1, o.setupConcurrency() / workers.size());
    for (Worker w : workers) {
      Promise<Void> p = Promise.promise();
      w.ctx.runOnContext(v -> w.setUp(perWorker).onComplete(p));
      setups.add(p.future());
    }
    await(Future.all(setups), 900);
    setupSeconds = (System.nanoTime() - setupStart) / 1e9;
    int connections = (int) await(tally(), 30)[4];
    report.printf(Locale.ROOT, "%s: %d connections in %d rooms set up in %.1f s%s%n", o.label(), connections,
        o.rooms(), setupSeconds, createRetries.sum() == 0 ? ""
            : " (" + createRetries.sum() + " session creations asked again after a 5xx answer)");
    var calls = httpCalls.getIntervalHistogram();
    report.printf(Locale.ROOT, "%s: %d HTTP requests during set-up, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        o.label(), calls.getTotalCount(), calls.getValueAtPercentile(50) / 1e3, calls.getValueAtPercentile(99) / 1e3,
        calls.getMaxValue() / 1e3);
    if (baseline >= 0) {
      double after = ProcessProbe.heapAfterGc(o.serverPid());
      heapPerConnection = (after - baseline) / connections;
      report.printf(Locale.ROOT, "server heap after GC: %.1f MiB before, %.1f MiB with %d connections:"
          + " %,.0f bytes per connection%n", baseline / 1048576, after / 1048576, connections, heapPerConnection);
    }

    var results = new ArrayList<LoadResult>();
    if (o.rates().size() == 1 && o.rate() == 0) {
      Thread.sleep(o.duration().toMillis()); // hold the idle connections
      results.add(step(0, o.label()));
    } else {
      if (!o.prewarm().isZero()) { // at the first rate: a warm-up that overloads leaves a backlog behind
        report.printf(Locale.ROOT, "%s: warming the server up for %d s at %.2f/s (not measured)%n", o.label(),
            o.prewarm().toSeconds(), o.rate());
        step(o.rate(), null);
      }
      for (double rate : o.rates()) {
        LoadResult r = null;
        for (int i = 0; i < o.repeat(); i++) {
          LoadResult run = step(rate, o.label());
          report.println(run.summary());
          if (r == null || run.p99() < r.p99()) {
            r = run;
          }
        }
        results.add(r);
        if (r.p99() > o.stopP99()) {
          report.printf(Locale.ROOT, "%s: p99 %.1f ms is past %.1f ms; the sweep stops here%n", o.label(),
              r.p99(), o.stopP99());
          break;
        }
      }
    }
    // The final word on losses: wait long enough for a backlog to clear, then count what is missing.
    long drainUntil = System.nanoTime() + Math.max(30, o.drain().toSeconds()) * 1_000_000_000L;
    while (pending() > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(100);
    }
    long[] t = await(tally(), 30);
    LoadResult last = results.remove(results.size() - 1);
    results.add(last.withFinalTally(t[0] + t[1], t[2], t[3], disconnects.sum(), (int) t[4]));
    if (o.out() != null) {
      results.forEach(r -> LoadResult.append(o.out(), r.toJson()));
    }
    return results;
  }

  /**
   * One step: sends at {@code rate} for the duration, measuring after the warm-up, then waits up to
   * the drain time for the step's events. A null {@code label} is an unmeasured warm-up step.
   */
  private LoadResult step(double rate, String label) throws Exception {
    long durationNanos = (label == null ? o.prewarm() : o.duration()).toNanos();
    long t0 = System.nanoTime() + 200_000_000L;
    measureFrom = label == null ? Long.MAX_VALUE : t0 + o.warmup().toNanos();
    measureTo = label == null ? Long.MAX_VALUE : t0 + durationNanos;
    long[] before = await(counters(true), 30);
    if (rate > 0) {
      for (Worker w : workers) {
        w.ctx.runOnContext(v -> w.startSending(t0, rate, durationNanos));
      }
    }
    long end = t0 + durationNanos;
    // The counters are read at the window's edges by a thread of their own, so that a slow progress
    // line cannot move them; the rates divide by the time between the two readings.
    CompletableFuture<CpuWindow> cpu = label == null ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> {
          CpuWindow.Sample first = sampleAt(measureFrom);
          return CpuWindow.between(first, sampleAt(measureTo));
        }, runnable -> {
          Thread t = new Thread(runnable, "cpu-window");
          t.setDaemon(true);
          t.start();
        });
    long lastPrint = t0;
    long[] last = before;
    while (System.nanoTime() < end) {
      sleepUntil(Math.min(end, lastPrint + 1_000_000_000L));
      long now = System.nanoTime();
      if (now - lastPrint >= 990_000_000L) {
        Histogram h = progress.getIntervalHistogram();
        long[] c = await(counters(false), 30);
        double secs = (now - lastPrint) / 1e9;
        report.printf(Locale.ROOT, "  t=%4.0fs  commands/s %,9.0f  deliveries/s %,10.0f  p99 %8.2f ms%s%n",
            (now - t0) / 1e9, (c[0] - last[0]) / secs, (c[1] - last[1]) / secs,
            h.getTotalCount() == 0 ? 0.0 : h.getValueAtPercentile(99) / 1000.0,
            now < measureFrom ? "  (warm-up)" : "");
        last = c;
        lastPrint = now;
      }
    }
    CpuWindow usage = cpu.get(durationNanos / 1_000_000_000L + 60, TimeUnit.SECONDS);
    double window = (measureTo - measureFrom) / 1e9;
    long drainUntil = System.nanoTime() + o.drain().toNanos();
    long undelivered = pending();
    while (undelivered > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(50);
      undelivered = pending();
    }
    long[] after = await(counters(false), 30);
    long[] t = await(tally(), 30);
    Histogram total = new Histogram(3);
    workers.forEach(w -> total.add(w.latencies)); // visible: tally() ran on every worker's context
    if (label != null) {
      var groups = new java.util.TreeMap<String, Histogram>();
      workers.forEach(w -> w.groups.forEach((g, h) -> groups.computeIfAbsent(g, k -> new Histogram(3)).add(h)));
      groupLatencies.add(Map.copyOf(groups));
      var gaps = new ArrayList<Long>();
      workers.forEach(w -> gaps.addAll(w.groupGaps));
      groupGaps.add(gaps.stream().mapToLong(Long::longValue).sorted().toArray());
    }
    double maxLag = workers.stream().mapToLong(w -> w.maxLagNanos).max().orElse(0) / 1e6;
    var rej = new HashMap<String, Long>();
    rejected.forEach((k, v) -> rej.put(k, v.sum()));
    boolean measured = label != null && rate > 0;
    return new LoadResult(label == null ? "warm-up" : label, o.rooms(), o.participantsPerRoom(), rate, (int) t[4],
        setupSeconds, measured ? window : 0, measured ? (after[2] - before[2]) / window : 0,
        measured ? (after[3] - before[3]) / window : 0, measured ? (after[4] - before[4]) / window : 0,
        measured ? (after[5] - before[5]) / window / 1e6 : 0, ms(total, 50), ms(total, 95), ms(total, 99),
        total.getMaxValue() / 1000.0, total.getTotalCount(), undelivered, t[2], t[3], rej, disconnects.sum(),
        maxLag, measured ? usage.generatorCores() : 0, o.serverPid() > 0 && measured ? usage.serverCores() : -1,
        measured ? usage.machineCores() : 0, heapPerConnection, measured ? usage.seconds() : 0,
        o.serverPid() > 0 && measured ? usage.serverBytesPerSecond() : -1);
  }

  /**
   * The workers' counters summed: {sent, delivered, sent in window, delivered in window, frames in
   * window, bytes in window}; with {@code reset}, their latency histograms and send lag start afresh.
   */
  private Future<long[]> counters(boolean reset) {
    var fs = new ArrayList<Future<long[]>>();
    for (Worker w : workers) {
      Promise<long[]> p = Promise.promise();
      w.ctx.runOnContext(v -> {
        if (reset) {
          w.latencies.reset();
          w.groups.values().forEach(Histogram::reset);
          w.groupGaps.clear();
          w.maxLagNanos = 0;
        }
        p.complete(new long[] {w.sentTotal, w.deliveriesTotal, w.sentMeasured, w.deliveriesMeasured,
            w.framesMeasured, w.bytesMeasured});
      });
      fs.add(p.future());
    }
    return Future.all(fs).map(cf -> {
      long[] sum = new long[6];
      for (Future<long[]> f : fs) {
        for (int i = 0; i < sum.length; i++) {
          sum[i] += f.result()[i];
        }
      }
      return sum;
    });
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Commands not yet delivered to every member, over all rooms. */
  private long pending() throws Exception {
    var fs = new ArrayList<Future<Long>>();
    for (Worker w : workers) {
      Promise<Long> p = Promise.promise();
      w.ctx.runOnContext(v -> p.complete(w.rooms.stream().mapToLong(r -> r.pending.size()).sum()));
      fs.add(p.future());
    }
    await(Future.all(fs), 30);
    return fs.stream().mapToLong(Future::result).sum();
  }

  /** {undelivered commands, events missing at the tail, duplicates, gaps, open connections}. */
  private Future<long[]> tally() {
    var fs = new ArrayList<Future<long[]>>();
    for (Worker w : workers) {
      Promise<long[]> p = Promise.promise();
      w.ctx.runOnContext(v -> {
        long[] t = new long[5];
        for (Room r : w.rooms) {
          t[0] += r.pending.size();
          for (Conn c : r.conns) {
            t[1] += Math.max(0, r.maxSeq - c.lastSeq);
            t[2] += c.duplicated;
            t[3] += c.gaps;
            t[4] += c.open ? 1 : 0;
          }
        }
        p.complete(t);
      });
      fs.add(p.future());
    }
    return Future.all(fs).map(cf -> {
      long[] sum = new long[5];
      for (Future<long[]> f : fs) {
        for (int i = 0; i < 5; i++) {
          sum[i] += f.result()[i];
        }
      }
      return sum;
    });
  }

  // ---- one event loop's share --------------------------------------------------------------------

  private final class Worker {
    final Context ctx;
    final List<Room> rooms = new ArrayList<>();
    final List<WebSocketClient> clients = new ArrayList<>();
    final List<Conn> senders = new ArrayList<>();
    final Histogram latencies = new Histogram(3);
    final Map<String, Histogram> groups = new HashMap<>();
    /** With two member groups: per measured command, the second group's last arrival minus the first's, in µs. */
    final List<Long> groupGaps = new ArrayList<>();
    int nextClient;
    long k;
    long sentTotal;
    long sentMeasured;
    long deliveriesTotal;
    long deliveriesMeasured;
    long framesMeasured;
    long bytesMeasured;
    long maxLagNanos;

    Worker(Context ctx) {
      this.ctx = ctx;
      for (String local : o.localAddresses()) {
        clients.add(vertx.createWebSocketClient(new WebSocketClientOptions()
            .setLocalAddress(local)
            .setMaxConnections(1_000_000)
            .setMaxFrameSize(16 * 1024 * 1024)
            .setMaxMessageSize(16 * 1024 * 1024)
            .setConnectTimeout(60_000)
            .setTryUsePerMessageCompression(o.compression())));
      }
    }

    /** Sets up this worker's rooms, {@code concurrency} at a time. */
    Future<Void> setUp(int concurrency) {
      var queue = new java.util.ArrayDeque<>(rooms);
      var chains = new ArrayList<Future<Void>>();
      for (int i = 0; i < concurrency; i++) {
        chains.add(next(queue));
      }
      return Future.all(chains).map(v -> {
        for (int i = 1; i < o.participantsPerRoom(); i++) {
          for (Room r : rooms) {
            senders.add(r.conns.get(i));
          }
        }
        return null;
      });
    }

    private Future<Void> next(java.util.ArrayDeque<Room> queue) {
      Room r = queue.poll();
      if (r == null) {
        return Future.succeededFuture();
      }
      return r.setUp().compose(v -> next(queue));
    }

    WebSocketClient client() {
      return clients.get(nextClient++ % clients.size());
    }

    /** Sends on a fixed schedule: send number k is due at t0 + k * interval / senders. */
    void startSending(long t0, double rate, long durationNanos) {
      if (senders.isEmpty()) {
        return;
      }
      double spacing = 1e9 / rate / senders.size();
      long total = (long) Math.floor(durationNanos / spacing);
      k = 0;
      vertx.setPeriodic(1, id -> {
        long now = System.nanoTime();
        while (k < total) {
          long due = t0 + (long) (k * spacing);
          if (due > now) {
            break;
          }
          Conn c = senders.get((int) (k % senders.size()));
          c.room.send(c, due);
          maxLagNanos = Math.max(maxLagNanos, now - due);
          sentTotal++;
          if (due >= measureFrom && due < measureTo) {
            sentMeasured++;
          }
          k++;
        }
        if (k >= total || closing) {
          vertx.cancelTimer(id);
        }
      });
    }
  }

  // ---- a room: one session and its members ----------------------------------------------------------

  private final class Room {
    final Worker w;
    final int index;
    final List<Conn> conns = new ArrayList<>();
    /** Command number -> {scheduled send time, members still to receive its event}. */
    final HashMap<Long, long[]> pending = new HashMap<>();
    /**
     * Command number -> for each member group ({@link Targets#memberGroup}): {members still to
     * receive its event, when the last of them had it}.
     */
    final HashMap<Long, java.util.TreeMap<String, long[]>> groupPending = new HashMap<>();
    /** The number of members in each member group. */
    final HashMap<String, Integer> memberGroups = new HashMap<>();
    String sessionId;
    /** The room's group ({@link Targets#group}), empty for none. */
    String group = "";
    Histogram groupLatencies;
    long nextCommand;
    long maxSeq = -1;

    Room(Worker w, int index) {
      this.w = w;
      this.index = index;
    }

    Future<Void> setUp() {
      ObjectNode create = JSON.createObjectNode();
      create.put("formatId", formatId);
      create.put("title", "Bench room " + index);
      create.put("capacity", o.participantsPerRoom() + 10);
      return create(create, 3).compose(s -> {
        sessionId = s.path("sessionId").asText();
        group = targets.group(index, sessionId);
        if (!group.isEmpty()) {
          groupLatencies = w.groups.computeIfAbsent(group, g -> new Histogram(3));
        }
        String participantCode = s.path("invites").path("participant").asText();
        return connect(s.path("invites").path("host").asText(), "Host " + index).compose(host -> {
          host.ws.writeTextMessage("{\"id\":\"open\",\"type\":\"OpenSession\"}");
          return host.answered.future();
        }).compose(v -> {
          // One member after the other: joining all at once put (rooms set up at once) x (members)
          // requests in the HTTP pool's queue, where they waited up to 9 s on a quiet machine and
          // over the 60 s timeout on a busy one.
          Future<?> chain = Future.succeededFuture();
          for (int i = 1; i < o.participantsPerRoom(); i++) {
            String name = "P" + index + "-" + i;
            chain = chain.compose(x -> connect(participantCode, name));
          }
          return chain;
        });
      }).compose(v -> {
        if (o.rates().stream().allMatch(r -> r == 0)) {
          return Future.succeededFuture();
        }
        var fs = new ArrayList<Future<Void>>();
        for (Conn c : conns.subList(1, conns.size())) {
          c.ws.writeTextMessage("{\"id\":\"goal\",\"type\":\"DeclareGoal\",\"text\":\"bench goal\"}");
          fs.add(c.goal.future());
        }
        return Future.all(fs).mapEmpty();
      }).compose(v -> quiet(System.nanoTime() + 60_000_000_000L));
    }

    /**
     * Creates the session, asking again (up to {@code tries} times, a second apart) when the server
     * answers 5xx: a cluster under set-up load may fail a creation whose owner answers too late. A
     * failed creation made no room, or one nobody uses.
     */
    private Future<JsonNode> create(ObjectNode body, int tries) {
      return post("/api/sessions", body).recover(e -> {
        if (tries <= 1 || !String.valueOf(e.getMessage()).contains(" answered 5")) {
          return Future.failedFuture(e);
        }
        createRetries.increment();
        Promise<JsonNode> again = Promise.promise();
        vertx.setTimer(1000, t -> create(body, tries - 1).onComplete(again));
        return again.future();
      });
    }

    private Future<Conn> connect(String code, String name) {
      ObjectNode join = JSON.createObjectNode();
      join.put("code", code);
      join.put("displayName", name);
      return post("/api/sessions/" + sessionId + "/join", join).compose(j -> {
        Conn c = new Conn(this, j.path("participantId").asText());
        java.net.URI target = targets.member(index, sessionId, conns.size());
        c.group = targets.memberGroup(index, sessionId, conns.size());
        if (!c.group.isEmpty()) {
          memberGroups.merge(c.group, 1, Integer::sum);
        }
        conns.add(c);
        var opts = new WebSocketConnectOptions().setHost(target.getHost())
            .setPort(target.getPort() > 0 ? target.getPort() : 80)
            .setURI("/ws/sessions/" + sessionId + "?token=" + URLEncoder.encode(j.path("token").asText(),
                StandardCharsets.UTF_8))
            .setTimeout(60_000);
        return w.client().connect(opts).compose(ws -> {
          c.attach(ws);
          return c.snapshot.future();
        }).map(c);
      });
    }

    /** Waits until every member has every event of the room. */
    private Future<Void> quiet(long deadline) {
      boolean settled = conns.stream().allMatch(c -> c.lastSeq >= 0 && c.lastSeq == maxSeq);
      if (settled) {
        return Future.succeededFuture();
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture("room " + sessionId + " did not settle: " + maxSeq + " vs "
            + conns.stream().map(c -> Long.toString(c.lastSeq)).toList());
      }
      Promise<Void> p = Promise.promise();
      vertx.setTimer(20, t -> quiet(deadline).onComplete(p));
      return p.future();
    }

    void send(Conn c, long due) {
      long n = nextCommand++;
      pending.put(n, new long[] {due, conns.size()});
      if (!memberGroups.isEmpty()) {
        var left = new java.util.TreeMap<String, long[]>();
        memberGroups.forEach((g, size) -> left.put(g, new long[] {size, 0}));
        groupPending.put(n, left);
      }
      c.ws.writeTextMessage("{\"id\":\"c" + n + "\",\"type\":\"EditGoal\",\"goal\":\"" + c.goalId
          + "\",\"text\":\"bench#" + n + "\"}");
    }

    void arrived(long n, long now, Conn at) {
      long[] p = pending.get(n);
      boolean measured = p != null && p[0] >= measureFrom && p[0] < measureTo;
      if (p != null && !at.group.isEmpty()) {
        java.util.TreeMap<String, long[]> left = groupPending.get(n);
        long[] count = left == null ? null : left.get(at.group);
        if (count != null && --count[0] == 0) {
          count[1] = now;
          if (measured) {
            w.groups.computeIfAbsent(at.group, g -> new Histogram(3)).recordValue(Math.max(0, (now - p[0]) / 1000));
          }
        }
      }
      if (p != null && --p[1] == 0) {
        pending.remove(n);
        java.util.TreeMap<String, long[]> groupsDone = groupPending.remove(n);
        if (measured && groupsDone != null && groupsDone.size() == 2) {
          w.groupGaps.add((groupsDone.lastEntry().getValue()[1] - groupsDone.firstEntry().getValue()[1]) / 1000);
        }
        long micros = Math.max(0, (now - p[0]) / 1000);
        progress.recordValue(micros);
        if (p[0] >= measureFrom && p[0] < measureTo) {
          w.latencies.recordValue(micros);
          if (groupLatencies != null) {
            groupLatencies.recordValue(micros);
          }
        }
      }
    }
  }

  // ---- one member's WebSocket -----------------------------------------------------------------------

  private final class Conn {
    final Room room;
    final String participantId;
    final Promise<Void> snapshot = Promise.promise();
    final Promise<Void> answered = Promise.promise();
    final Promise<Void> goal = Promise.promise();
    WebSocket ws;
    String goalId;
    /** Its member group ({@link Targets#memberGroup}), empty for none. */
    String group = "";
    long lastSeq = -1;
    long duplicated;
    long gaps;
    boolean open;
    Buffer partial;

    Conn(Room room, String participantId) {
      this.room = room;
      this.participantId = participantId;
    }

    void attach(WebSocket socket) {
      ws = socket;
      open = true;
      ws.frameHandler(this::onFrame);
      ws.closeHandler(v -> {
        open = false;
        if (!closing) {
          disconnects.increment();
        }
      });
      ws.exceptionHandler(e -> {
      });
    }

    private void onFrame(WebSocketFrame f) {
      if (!(f.isText() || f.isBinary() || f.isContinuation())) {
        return;
      }
      if (f.isFinal() && partial == null) {
        onMessage(f.binaryData());
        return;
      }
      if (partial == null) {
        partial = Buffer.buffer();
      }
      partial.appendBuffer(f.binaryData());
      if (f.isFinal()) {
        Buffer whole = partial;
        partial = null;
        onMessage(whole);
      }
    }

    private void onMessage(Buffer b) {
      long now = System.nanoTime();
      boolean measured = now >= measureFrom && now < measureTo;
      Worker w = room.w;
      if (measured) {
        w.framesMeasured++;
        w.bytesMeasured += b.length();
      }
      if (FrameBytes.startsWith(b, EVENT)) {
        long seq = FrameBytes.parseLong(b, EVENT.length);
        if (lastSeq >= 0 && seq != lastSeq + 1) {
          if (seq <= lastSeq) {
            duplicated++;
          } else {
            gaps++;
          }
        }
        lastSeq = Math.max(lastSeq, seq);
        room.maxSeq = Math.max(room.maxSeq, seq);
        w.deliveriesTotal++;
        if (measured) {
          w.deliveriesMeasured++;
        }
        int m = FrameBytes.indexOf(b, MARKER, EVENT.length);
        if (m >= 0) {
          room.arrived(FrameBytes.parseLong(b, m + MARKER.length), now, this);
        } else if (goalId == null && FrameBytes.indexOf(b, GOAL_DECLARED, EVENT.length) >= 0) {
          JsonNode e = tree(b).path("event");
          if (participantId.equals(text(e.path("owner")))) {
            goalId = text(e.path("goal"));
            goal.tryComplete();
          }
        }
      } else if (FrameBytes.startsWith(b, VIEW) || FrameBytes.startsWith(b, ACK)) {
        if (!answered.future().isComplete() && FrameBytes.startsWith(b, ACK)) {
          answered.tryComplete();
        }
      } else if (FrameBytes.startsWith(b, SNAPSHOT)) {
        long seq = tree(b).path("seq").asLong(-1);
        lastSeq = Math.max(lastSeq, seq);
        room.maxSeq = Math.max(room.maxSeq, seq);
        snapshot.tryComplete();
      } else if (FrameBytes.startsWith(b, REJECTED) || FrameBytes.startsWith(b, ERROR)) {
        JsonNode r = tree(b);
        String id = r.path("id").asText("");
        String code = r.path("code").asText("?");
        if (id.equals("open") && code.equals("SESSION_ALREADY_OPEN")) {
          answered.tryComplete();
          return;
        }
        rejected.computeIfAbsent(code, k -> new LongAdder()).increment();
        if (id.startsWith("c")) {
          try {
            long n = Long.parseLong(id.substring(1));
            room.pending.remove(n);
            room.groupPending.remove(n);
          } catch (NumberFormatException e) {
            // not one of ours
          }
        } else if (id.equals("open")) {
          answered.tryFail("OpenSession: " + code + " " + r.path("message").asText());
        } else if (id.equals("goal")) {
          goal.tryFail("DeclareGoal: " + code + " " + r.path("message").asText());
        }
      }
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------

  private String host() {
    return o.url().getHost();
  }

  private int port() {
    return o.url().getPort() > 0 ? o.url().getPort() : 80;
  }

  private Future<JsonNode> get(String path) {
    return call(HttpMethod.GET, path, null);
  }

  private Future<JsonNode> post(String path, JsonNode body) {
    return call(HttpMethod.POST, path, body.toString());
  }

  private Future<JsonNode> call(HttpMethod method, String path, String body) {
    var options = new RequestOptions().setMethod(method).setURI(path).setTimeout(60_000)
        .putHeader("content-type", "application/json");
    if (!o.organizerKey().isEmpty()) {
      options.putHeader("authorization", "Bearer " + o.organizerKey());
    }
    long asked = System.nanoTime();
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .andThen(ar -> httpCalls.recordValue(Math.max(0, (System.nanoTime() - asked) / 1000)))
        .compose(res -> res.body().map(buf -> {
          if (res.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + res.statusCode() + ": " + buf);
          }
          return tree(buf);
        }));
  }

  private static JsonNode tree(Buffer b) {
    try {
      return JSON.readTree(b.getBytes());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + b, e);
    }
  }

  /** An id that is a plain string, or an object with a {@code value}. */
  private static String text(JsonNode n) {
    return n.isObject() ? n.path("value").asText() : n.asText();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T await(Future<T> f, long seconds) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long ms = (nanoTime - System.nanoTime()) / 1_000_000;
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  /** Waits until {@code nanoTime}, then reads every counter of the window. */
  private CpuWindow.Sample sampleAt(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
    long wall = System.nanoTime();
    ProcessTree.Reading server = o.serverPid() > 0 ? ProcessTree.system().read(o.serverPid()) : ProcessTree.Reading.NONE;
    // The tree takes a few milliseconds to read: date the sample at the middle of the reading.
    wall = (wall + System.nanoTime()) / 2;
    return new CpuWindow.Sample(wall, server, ProcessProbe.processCpuNanos(), ProcessProbe.machineBusyNanos());
  }

}
