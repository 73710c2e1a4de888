package io.peerwork.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.peerwork.core.AppendResult;
import io.peerwork.core.GoalId;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import io.peerwork.jackson.PeerworkJackson;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How fast the journal appends with many rooms at once, and whether grouping the appends of
 * several rooms into one commit would pay. Not a test: run by hand, prints figures.
 *
 * <pre>
 * ./mvnw -q -pl jdbc -am test-compile
 * ./mvnw -q -pl jdbc -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "jdbc/target/test-classes:jdbc/target/classes:$(cat jdbc/target/cp.txt)" io.peerwork.jdbc.JournalBench \
 *     [h2|pg] [seconds per run]
 * </pre>
 *
 * <p>"journal": {@code threads} threads, each the owner of its rooms, append one event per
 * append through {@link JdbcEventJournal} (a commit each). "grouped K": one thread per writer
 * appends one event to each of K rooms in one transaction (check version, insert) and commits
 * once: the best a group-commit queue in the journal could do, before its queueing delay.
 */
public final class JournalBench {
  private static final SessionEvent EVENT = new GoalEdited(Instant.parse("2026-03-03T08:00:00Z"), GoalId.of("g1"),
      "Posts für März planen, dann den Newsletter 👋");

  private JournalBench() {}

  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "h2";
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    String url;
    String schema = null;
    if (db.equals("pg")) {
      url = System.getenv().getOrDefault("PEERWORK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
      schema = "peerwork_bench_" + System.nanoTime();
    } else {
      url = "jdbc:h2:file:" + Files.createTempDirectory("peerwork-bench").resolve("journal").toAbsolutePath();
    }
    System.out.printf(Locale.ROOT, "database %s, %.0f s per run, %d cores%n", db, seconds,
        Runtime.getRuntime().availableProcessors());
    var builder = JdbcEventJournal.builder(url).maxPoolSize(16);
    if (schema != null) {
      builder.schema(schema);
    }
    try (JdbcEventJournal journal = builder.open()) {
      for (int threads : new int[] {1, 4, 16, 64}) {
        if (threads > 16) {
          continue; // more threads than pool connections only queue on the pool
        }
        runJournal(journal, threads, seconds);
      }
      runRead(journal);
    }
    var config = new HikariConfig();
    config.setJdbcUrl(JdbcEventJournal.Builder.effectiveUrl(url));
    if (schema != null) {
      config.setSchema(schema);
    }
    config.setMaximumPoolSize(8);
    try (var pool = new HikariDataSource(config)) {
      for (int k : new int[] {8, 32}) {
        for (int writers : new int[] {1, 4}) {
          runGrouped(pool, k, writers, seconds);
        }
      }
    }
    if (schema != null) {
      TestDatabases.execute(url, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void runJournal(JdbcEventJournal journal, int threads, double seconds) throws Exception {
    String run = "j" + threads + "-" + System.nanoTime() % 100000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long end = System.nanoTime() + (long) (seconds * 1e9);
    var futures = new ArrayList<Future<long[]>>();
    for (int t = 0; t < threads; t++) {
      final int thread = t;
      futures.add(pool.submit(() -> {
        // each thread owns 4 rooms and appends to them in turn, as room owners would
        SessionId[] rooms = new SessionId[4];
        long[] versions = new long[4];
        for (int r = 0; r < rooms.length; r++) {
          rooms[r] = SessionId.of(run + "-" + thread + "-" + r);
        }
        long[] lat = new long[1 << 20];
        int n = 0;
        while (System.nanoTime() < end && n < lat.length) {
          int r = n % rooms.length;
          long start = System.nanoTime();
          AppendResult res = journal.append(rooms[r], versions[r], List.of(EVENT));
          lat[n++] = System.nanoTime() - start;
          if (!(res instanceof AppendResult.Appended a)) {
            throw new IllegalStateException(res.toString());
          }
          versions[r] = a.version();
        }
        return Arrays.copyOf(lat, n);
      }));
    }
    report("journal, " + threads + " thread(s), 1 event per append", futures, seconds, 1);
    pool.shutdown();
  }

  private static void runRead(JdbcEventJournal journal) {
    // a long session: 2,000 events, read whole (a room re-hydrated on another node)
    SessionId room = SessionId.of("read-" + System.nanoTime());
    var batch = new ArrayList<SessionEvent>();
    for (int i = 0; i < 100; i++) {
      batch.add(EVENT);
    }
    for (int v = 0; v < 2000; v += 100) {
      journal.append(room, v, batch);
    }
    long[] lat = new long[30];
    for (int i = 0; i < lat.length; i++) {
      long start = System.nanoTime();
      if (journal.readAll(room).size() != 2000) {
        throw new IllegalStateException();
      }
      lat[i] = System.nanoTime() - start;
    }
    Arrays.sort(lat);
    System.out.printf(Locale.ROOT, "%-45s %8.2f ms (median of %d)%n", "readAll of a 2,000-event session", pct(lat, 0.5), lat.length);
  }

  private static void runGrouped(HikariDataSource ds, int k, int writers, double seconds) throws Exception {
    String run = "g" + k + "w" + writers + "-" + System.nanoTime() % 100000;
    String payload = PeerworkJackson.newObjectMapper().writeValueAsString(EVENT);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    long end = System.nanoTime() + (long) (seconds * 1e9);
    var futures = new ArrayList<Future<long[]>>();
    for (int w = 0; w < writers; w++) {
      final int writer = w;
      futures.add(pool.submit(() -> {
        SessionId[] rooms = new SessionId[k];
        long[] versions = new long[k];
        for (int r = 0; r < k; r++) {
          rooms[r] = SessionId.of(run + "-" + writer + "-" + r);
        }
        long[] lat = new long[1 << 20];
        int n = 0;
        try (Connection c = ds.getConnection()) {
          c.setAutoCommit(false);
          try (PreparedStatement check = c.prepareStatement("SELECT MAX(version) FROM peerwork_event WHERE session_id = ?");
              PreparedStatement insert = c.prepareStatement("INSERT INTO peerwork_event"
                  + " (session_id, version, event_type, schema_version, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            while (System.nanoTime() < end && n < lat.length) {
              long start = System.nanoTime();
              for (int r = 0; r < k; r++) {
                check.setString(1, rooms[r].value());
                try (ResultSet rs = check.executeQuery()) {
                  rs.next();
                  if (rs.getLong(1) != versions[r]) {
                    throw new IllegalStateException("conflict");
                  }
                }
                insert.setString(1, rooms[r].value());
                insert.setLong(2, ++versions[r]);
                insert.setString(3, "GoalEdited");
                insert.setInt(4, 1);
                insert.setString(5, payload);
                insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
                insert.addBatch();
              }
              insert.executeBatch();
              c.commit();
              lat[n++] = System.nanoTime() - start;
            }
          }
        }
        return Arrays.copyOf(lat, n);
      }));
    }
    report("grouped " + k + " rooms per commit, " + writers + " writer(s)", futures, seconds, k);
    pool.shutdown();
  }

  private static void report(String what, List<Future<long[]>> futures, double seconds, int appendsPerOp) throws Exception {
    var all = new ArrayList<long[]>();
    int total = 0;
    for (Future<long[]> f : futures) {
      long[] l = f.get();
      all.add(l);
      total += l.length;
    }
    long[] lat = new long[total];
    int i = 0;
    for (long[] l : all) {
      System.arraycopy(l, 0, lat, i, l.length);
      i += l.length;
    }
    Arrays.sort(lat);
    double appendsPerSecond = total * (double) appendsPerOp / seconds;
    System.out.printf(Locale.ROOT, "%-45s %8.0f appends/s   commit latency p50 %6.2f ms  p99 %6.2f ms%n", what,
        appendsPerSecond, pct(lat, 0.50), pct(lat, 0.99));
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
  }
}
