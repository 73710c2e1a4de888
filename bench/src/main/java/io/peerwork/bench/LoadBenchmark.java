package io.peerwork.bench;

import io.peerwork.core.Command;
import io.peerwork.core.Command.*;
import io.peerwork.core.CommandId;
import io.peerwork.core.EventJournal;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionState;
import io.peerwork.jdbc.JdbcEventJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How long a room takes to load a session of {@value #EVENTS} events from a JDBC journal (H2 file
 * and PostgreSQL): {@link LiveSession#load} as a room does it, a new one per iteration, single shot.
 * The journal (and its connection pool) stays open, as in a running server.
 *
 * <p>The session is made once (by {@link #main}, or by the first trial that finds no session) by
 * {@value #PEOPLE} people through {@link LiveSession#handle}, one command (with its command id) at
 * a time: joins, goals declared, edited and marked, people leaving and coming back, hands raised,
 * claimed and finished (see {@link #write}). Beside {@code load}, three parts of it: {@code readEvents} (the journal's {@code read}:
 * fetch and decode), {@code fetchRows} (the same rows through plain JDBC, without decoding) and
 * {@code replay} (the engine's replay of the events, already in memory).
 *
 * <p>Run it with its own {@link #main} (the figures go to a file the report reads):
 *
 * <pre>
 * java -cp bench/target/peerwork-bench.jar io.peerwork.bench.LoadBenchmark \
 *     [--out=bench/target/results/load.txt] [--pg-url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres] \
 *     [--no-pg] [--all]
 * </pre>
 *
 * <p>It writes one line per database and benchmark to {@code --out}, blank-separated {@code
 * key=value} pairs after the word {@code load}, for example
 *
 * <pre>
 * load db=h2 bench=load snapshots=1000 events=100000 ms=41.2 error=3.1 min=38.0 max=47.9 iterations=10
 * load db=h2 bench=load snapshots=0 events=100000 ms=1230.5 error=80.2 min=1150.0 max=1390.9 iterations=10
 * </pre>
 *
 * <p>{@code snapshots} is the journal's snapshot interval: 1000 (the default; the session's newest
 * snapshot is {@value #TAIL} events before its end, the most a room reads after it) or 0 (no
 * snapshots: every event is replayed, as before snapshots existed). {@code ms} is the mean time of one operation in milliseconds, {@code error} its 99.9 %
 * confidence half-width, {@code min}/{@code max} the fastest and slowest iteration. Without
 * {@code --all} only {@code bench=load} is run (the figure the target is about: its line with
 * {@code snapshots=1000}); with it also {@code readEvents}, {@code fetchRows} and {@code replay}
 * (with {@code snapshots=0}: they read every event). PostgreSQL is skipped (with a line
 * {@code load db=pg skipped=...}) if it cannot be reached or with {@code --no-pg}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class LoadBenchmark {
  /** The events in the session. */
  public static final int EVENTS = 100_000;
  static final int PEOPLE = 40;
  /** The events after the newest snapshot. */
  static final int TAIL = 999;
  static final SessionId SESSION = SessionId.of("load-bench");

  /** The journal's database: an H2 file, or PostgreSQL. */
  @Param({"jdbc:h2:file:./bench/target/load-db/journal"})
  public String url;

  /** The schema (PostgreSQL), or empty for the connection's own. */
  @Param({""})
  public String schema;

  /**
   * The journal's snapshot interval: {@code 1000} (the default: the room loads from the newest
   * snapshot and the events after it) or {@code 0} (no snapshots: it replays every event).
   */
  @Param({"1000", "0"})
  public int snapshots;

  SessionEngine engine;
  JdbcEventJournal journal;
  List<SessionEvent> events;

  @Setup(Level.Trial)
  public void setUp() {
    engine = SessionEngine.builder().formats(CoreBenchmark.FORMAT).build();
    prepare(engine, url, schema);
    journal = open(url, schema, snapshots);
    events = journal.readAll(SESSION).stream().map(RecordedEvent::event).toList();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    journal.close();
  }

  private static JdbcEventJournal open(String url, String schema, int snapshots) {
    var b = JdbcEventJournal.builder(url).snapshotInterval(snapshots);
    if (!schema.isEmpty()) {
      b.schema(schema);
    }
    return b.open();
  }

  /**
   * Makes the session in the database, unless it is there: through a journal that commits without
   * waiting for the disk (H2's write delay, PostgreSQL's asynchronous commit), to make it quickly.
   */
  static void prepare(SessionEngine engine, String url, String schema) {
    String fast = url.startsWith("jdbc:h2:") ? url + ";WRITE_DELAY=500"
        : url + (url.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
    try (JdbcEventJournal writer = open(fast, schema, JdbcEventJournal.DEFAULT_SNAPSHOT_INTERVAL)) {
      long version = writer.version(SESSION);
      if (version == 0) {
        write(engine, writer);
      } else if (version != EVENTS) {
        throw new IllegalStateException("the session has " + version + " events, not " + EVENTS + "; delete it");
      }
    }
  }

  /** What a room does when it starts. */
  @Benchmark
  public SessionState load() {
    SessionState s = LiveSession.load(engine, journal, SESSION).state();
    if (s.version() != EVENTS) {
      throw new IllegalStateException("loaded version " + s.version());
    }
    return s;
  }

  /** The journal's read of every event: fetching and decoding. */
  @Benchmark
  public int readEvents() {
    return journal.readAll(SESSION).size();
  }

  /** The rows alone, through plain JDBC (as the journal fetches them, 500 at a time), not decoded. */
  @Benchmark
  public long fetchRows() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      if (!schema.isEmpty()) {
        c.setSchema(schema);
      }
      try (PreparedStatement q = c.prepareStatement("SELECT version, event_type, schema_version, payload, command_id"
          + " FROM peerwork_event WHERE session_id = ? AND version > ? ORDER BY version")) {
        q.setString(1, SESSION.value());
        q.setLong(2, 0);
        q.setFetchSize(500);
        long n = 0;
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            n += rs.getLong(1) + rs.getString(2).length() + rs.getInt(3) + rs.getString(4).length();
            rs.getString(5);
          }
        }
        return n;
      }
    }
  }

  /** The engine's replay of the events, already decoded. */
  @Benchmark
  public SessionState replay() {
    return engine.replay(SESSION, events);
  }

  /**
   * Writes a session of exactly {@value #EVENTS} events: made by a live session on an in-memory
   * journal, one command (with its command id) at a time, then copied to {@code journal} in appends
   * of 1,000 events (each with the command id of its last command: making 100,000 appends one by
   * one takes minutes on PostgreSQL). Then a snapshot {@value #TAIL} events before the end: the
   * most events a room reads after its newest snapshot with the default interval of 1,000.
   */
  static void write(SessionEngine engine, JdbcEventJournal journal) {
    var memory = new InMemoryEventJournal();
    LiveSession live = LiveSession.load(engine, memory, SESSION);
    var counter = new int[1];
    Instant[] t = {CoreBenchmark.T0};
    java.util.function.Consumer<Command> send = c -> {
      t[0] = t[0].plusMillis(200);
      var out = live.handle(c, Optional.of(CommandId.of("c/" + counter[0]++)), t[0]);
      if (!out.decision().isAccepted()) {
        throw new IllegalStateException(c + ": " + out.decision());
      }
    };
    for (Command c : opening(PEOPLE)) {
      send.accept(c);
    }
    ParticipantId expert = CoreBenchmark.EXPERT;
    int round = 0;
    while (live.state().version() < EVENTS) {
      for (int p = 0; p < PEOPLE && live.state().version() < EVENTS; p++) {
        ParticipantId who = ParticipantId.of("p-" + p);
        long left = EVENTS - live.state().version();
        int kind = (round + p) % 10;
        List<GoalId> goals = live.state().goalsOf(who).stream().map(g -> g.id()).toList();
        GoalId goal = goals.get(round % goals.size());
        if (kind < 5) {
          send.accept(new EditGoal(who, goal, "Fünf Posts für März einplanen, Runde " + round + " 👋"));
        } else if (kind == 5) {
          send.accept(new MarkGoal(who, goal, round % 2 == 0 ? GoalStatus.DONE : GoalStatus.OPEN));
        } else if (kind == 6 && left > 1 && goals.size() < 6) {
          send.accept(new DeclareGoal(who, "Noch ein Ziel " + round, Optional.empty()));
        } else if (kind == 7 && left > 2) {
          send.accept(new Leave(who));
          send.accept(new Join(who, "Person " + p, io.peerwork.core.Role.PARTICIPANT));
        } else if (kind == 8 && left > 3) {
          send.accept(new RaiseHand(who, CoreBenchmark.TOPIC, "Wie plane ich Posts, Runde " + round + "?"));
          send.accept(new ClaimNext(expert));
          send.accept(new FinishHelp(expert, live.state().openRequestOf(who).orElseThrow().id(), HelpOutcome.SOLVED));
        } else {
          send.accept(new EditGoal(who, goal, "Profil aktualisieren, Runde " + round));
        }
      }
      round++;
    }
    List<RecordedEvent> recorded = memory.readAll(SESSION);
    for (int from = 0; from < recorded.size(); from += 1000) {
      List<RecordedEvent> chunk = recorded.subList(from, Math.min(from + 1000, recorded.size()));
      var result = journal.append(SESSION, from, chunk.stream().map(RecordedEvent::event).toList(),
          chunk.get(chunk.size() - 1).commandId());
      if (!(result instanceof io.peerwork.core.AppendResult.Appended)) {
        throw new IllegalStateException("cannot copy the session: " + result);
      }
    }
    List<SessionEvent> events = recorded.stream().map(RecordedEvent::event).toList();
    journal.snapshots().orElseThrow().save(io.peerwork.core.SessionSnapshot.of(
        engine.replay(SESSION, events.subList(0, EVENTS - TAIL))));
  }

  /** Runs the benchmark and writes its figures (see the class comment). */
  public static void main(String[] args) throws Exception {
    Path out = Path.of("bench/target/results/load.txt");
    String pg = System.getenv().getOrDefault("PEERWORK_TEST_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    boolean usePg = true;
    boolean all = false;
    for (String a : args) {
      if (a.startsWith("--out=")) {
        out = Path.of(a.substring("--out=".length()));
      } else if (a.startsWith("--pg-url=")) {
        pg = a.substring("--pg-url=".length());
      } else if (a.equals("--no-pg")) {
        usePg = false;
      } else if (a.equals("--all")) {
        all = true;
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    var engine = SessionEngine.builder().formats(CoreBenchmark.FORMAT).build();
    var lines = new ArrayList<String>();
    Path dir = Path.of("bench/target/load-db").toAbsolutePath();
    deleteTree(dir);
    String h2 = "jdbc:h2:file:" + dir.resolve("journal");
    long t0 = System.nanoTime();
    prepare(engine, h2, "");
    System.out.printf(Locale.ROOT, "wrote the session to H2 in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    lines.addAll(run("h2", h2, "", all));
    if (usePg) {
      String reason = reachable(pg);
      if (reason == null) {
        String schema = "peerwork_load_" + System.nanoTime();
        try {
          t0 = System.nanoTime();
          prepare(engine, pg, schema);
          System.out.printf(Locale.ROOT, "wrote the session to PostgreSQL in %.1f s%n", (System.nanoTime() - t0) / 1e9);
          lines.addAll(run("pg", pg, schema, all));
        } finally {
          try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          }
        }
      } else {
        lines.add("load db=pg skipped=" + reason);
      }
    } else {
      lines.add("load db=pg skipped=--no-pg");
    }
    deleteTree(dir);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, lines);
    lines.forEach(System.out::println);
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static List<String> run(String name, String url, String schema, boolean all) throws Exception {
    var lines = new ArrayList<String>();
    String prefix = LoadBenchmark.class.getName() + "\\.";
    lines.addAll(run(name, new OptionsBuilder().include(prefix + "load$").param("url", url).param("schema", schema)
        .param("snapshots", "1000", "0").build()));
    if (all) {
      lines.addAll(run(name, new OptionsBuilder().include(prefix + "(readEvents|fetchRows|replay)$").param("url", url)
          .param("schema", schema).param("snapshots", "0").build()));
    }
    return lines;
  }

  private static List<String> run(String name, org.openjdk.jmh.runner.options.Options options) throws Exception {
    var lines = new ArrayList<String>();
    for (RunResult r : new Runner(options).run()) {
      var s = r.getPrimaryResult().getStatistics();
      String bench = r.getParams().getBenchmark();
      bench = bench.substring(bench.lastIndexOf('.') + 1);
      double error = s.getN() > 2 ? s.getMeanErrorAt(0.999) : Double.NaN;
      lines.add(String.format(Locale.ROOT,
          "load db=%s bench=%s snapshots=%s events=%d ms=%.1f error=%.1f min=%.1f max=%.1f iterations=%d",
          name, bench, r.getParams().getParam("snapshots"), EVENTS, s.getMean(), error, s.getMin(), s.getMax(), s.getN()));
    }
    return lines;
  }

  /** Null if PostgreSQL answers at {@code url}, else why not. */
  private static String reachable(String url) {
    try (Connection c = DriverManager.getConnection(url)) {
      return c.isValid(5) ? null : "not valid";
    } catch (SQLException e) {
      return "unreachable";
    }
  }

  /** A room opened and started, {@code n} people joined with two goals each, in the first focus block. */
  static List<Command> opening(int n) {
    var cmds = new ArrayList<Command>();
    cmds.add(new ScheduleSession(new io.peerwork.core.SessionPlan(SESSION, CoreBenchmark.FORMAT.id(), "Load",
        CoreBenchmark.T0, java.time.ZoneId.of("Europe/Vienna"), 100, CoreBenchmark.FORMAT.agenda(), "fair")));
    cmds.add(new Join(CoreBenchmark.HOST, "Host", io.peerwork.core.Role.HOST));
    cmds.add(new Join(CoreBenchmark.EXPERT, "Expertin", io.peerwork.core.Role.EXPERT));
    cmds.add(new OpenSession(CoreBenchmark.HOST));
    for (int i = 0; i < n; i++) {
      cmds.add(new Join(ParticipantId.of("p-" + i), "Person " + i, io.peerwork.core.Role.PARTICIPANT));
    }
    cmds.add(new StartSession(CoreBenchmark.HOST));
    cmds.add(new AdvancePhase(CoreBenchmark.HOST));
    cmds.add(new AdvancePhase(CoreBenchmark.HOST));
    for (int i = 0; i < n; i++) {
      cmds.add(new DeclareGoal(ParticipantId.of("p-" + i), "Fünf Posts einplanen", Optional.of(CoreBenchmark.TASK)));
      cmds.add(new DeclareGoal(ParticipantId.of("p-" + i), "Profil aktualisieren", Optional.empty()));
    }
    return cmds;
  }
}
