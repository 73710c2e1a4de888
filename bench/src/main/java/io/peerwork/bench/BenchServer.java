package io.peerwork.bench;

import com.google.inject.Module;
import io.peerwork.core.EventJournal;
import io.peerwork.jdbc.JdbcEventJournal;
import io.peerwork.server.PeerworkServer;
import io.peerwork.server.ServerConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo server as the benchmarks run it: {@link PeerworkServer} with the usual {@code --name=value}
 * arguments and {@code PEERWORK_*} variables, no demo sessions, data in a fresh temporary folder,
 * and the durable JDBC journal when {@code PEERWORK_DB_URL} is set (H2 or PostgreSQL), bound through
 * the server's documented override of the {@link EventJournal} (in the schema {@code PEERWORK_DB_SCHEMA}
 * if set); the in-memory journal otherwise. The demo server itself reads no database variable yet.
 *
 * <pre>PEERWORK_DB_URL=jdbc:h2:file:/tmp/pw/db java -cp bench/target/peerwork-bench.jar io.peerwork.bench.BenchServer --port=8080</pre>
 */
public final class BenchServer {
  private BenchServer() {}

  /** Starts the server and prints its port and journal. */
  public static void main(String[] args) throws Exception {
    // The load generator opens every socket and creates every room from one address: the caps per
    // client address (docs/operations.md, "Running it in public") would stop it, so they are lifted, and
    // so are the caps on rooms and members, which a sweep may exceed on purpose.
    var all = new ArrayList<>(List.of("--seed-demo=false", "--host=127.0.0.1",
        "--data-dir=" + Files.createTempDirectory("peerwork-bench"), "--max-sockets-per-address=1000000",
        "--creations-per-client-per-hour=1000000", "--max-members-per-session=1000000", "--max-rooms=1000000"));
    List<Module> overrides = new ArrayList<>(journal(System.getenv()));
    boolean inMemory = overrides.isEmpty();
    if (inMemory) {
      all.add("--db-url=" + ServerConfig.IN_MEMORY); // the server's own default would be an H2 file
    }
    // The load generator joins every member of every room from one address: no per-client join limit.
    overrides.add(binder -> binder.bind(io.peerwork.server.internal.JoinLimits.class).toInstance(
        new io.peerwork.server.internal.JoinLimits(1_000_000, java.time.Duration.ofMillis(1), 3, 20)));
    all.addAll(List.of(args));
    ServerConfig config = ServerConfig.from(all.toArray(String[]::new), System.getenv());
    PeerworkServer server = PeerworkServer.start(config, overrides).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    closeOnShutdown("peerwork server", server::close);
    System.out.println("peerwork server listening on port " + server.port() + ", journal "
        + (inMemory ? "in memory" : System.getenv("PEERWORK_DB_URL")));
  }

  /**
   * Closes a server when the JVM is asked to stop (SIGTERM from the benchmark script, Ctrl-C), so its
   * sockets, rooms and journal are let go before the next step starts; gives up after 20 s.
   */
  static void closeOnShutdown(String name, java.util.function.Supplier<io.vertx.core.Future<Void>> close) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        close.get().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println(name + " did not close cleanly: " + e);
      }
    }, name + " shutdown"));
  }

  /** The journal override for {@code env}: none (in memory), or JDBC when PEERWORK_DB_URL is set. */
  public static List<Module> journal(Map<String, String> env) {
    String url = env.get(JdbcEventJournal.Builder.ENV_URL);
    if (url == null || url.isBlank()) {
      return List.of();
    }
    var builder = JdbcEventJournal.Builder.fromEnvironment(env).maxPoolSize(20);
    String schema = env.get("PEERWORK_DB_SCHEMA");
    if (schema != null && !schema.isBlank()) {
      builder.schema(schema.strip()); // keeps the benchmark's rows apart from other users of the database
    }
    JdbcEventJournal journal = builder.open();
    return List.of(binder -> binder.bind(EventJournal.class).toInstance(journal));
  }
}
