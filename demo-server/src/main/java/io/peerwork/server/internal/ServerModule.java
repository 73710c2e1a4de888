package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.peerwork.core.EventJournal;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.series.InMemorySeriesJournal;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.SeriesEngine;
import io.peerwork.core.series.SeriesJournal;
import io.peerwork.jackson.PeerworkJackson;
import io.peerwork.server.ServerConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * Wires the server. The storage ports are bound here, in one place: {@link #journal()} (sessions)
 * and {@link #seriesJournal()} (series), both on the database of {@code db-url} or both in memory;
 * the {@link Outbox} writes to the log unless {@code smtp-url} is set (or it is overridden, e.g.
 * with {@code Modules.override}).
 */
public final class ServerModule extends AbstractModule {
  private final ServerConfig config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final Membership membership;

  /** One node alone ({@link Membership#single}). */
  public ServerModule(ServerConfig config, Vertx vertx, PrometheusMeterRegistry registry) {
    this(config, vertx, registry, Membership.single(config.cluster().nodeNameOrNew()));
  }

  /** A node that sees the nodes of {@code membership}. */
  public ServerModule(ServerConfig config, Vertx vertx, PrometheusMeterRegistry registry, Membership membership) {
    this.membership = membership;
    this.config = config;
    this.vertx = vertx;
    this.registry = registry;
  }

  @Override
  protected void configure() {
    bind(ServerConfig.class).toInstance(config);
    bind(Vertx.class).toInstance(vertx);
    bind(PrometheusMeterRegistry.class).toInstance(registry);
    bind(MeterRegistry.class).toInstance(registry);
    bind(Membership.class).toInstance(membership);
    bind(Clock.class).toInstance(Clock.systemUTC());
  }

  /**
   * The event journal, the one place storage is chosen: the database at {@link
   * ServerConfig#journalUrl()} (an H2 file under the data directory unless {@code db-url} names
   * another, e.g. PostgreSQL), or memory only if {@code db-url} is {@value ServerConfig#IN_MEMORY}.
   */
  @Provides
  @Singleton
  EventJournal journal() {
    if (ServerConfig.IN_MEMORY.equals(config.dbUrl())) {
      return new InMemoryEventJournal();
    }
    return database().open();
  }

  /**
   * The series journal, beside the event journal: the same database (its own table), or memory
   * only if {@code db-url} is {@value ServerConfig#IN_MEMORY}.
   */
  @Provides
  @Singleton
  SeriesJournal seriesJournal() {
    if (ServerConfig.IN_MEMORY.equals(config.dbUrl())) {
      return new InMemorySeriesJournal();
    }
    return database().openSeriesJournal();
  }

  private io.peerwork.jdbc.JdbcEventJournal.Builder database() {
    var builder = io.peerwork.jdbc.JdbcEventJournal.builder(config.journalUrl());
    if (!config.dbUser().isEmpty()) {
      builder.user(config.dbUser());
    }
    if (!config.dbPassword().isEmpty()) {
      builder.password(config.dbPassword());
    }
    return builder;
  }

  @Provides
  @Singleton
  SeriesEngine seriesEngine(FormatRegistry formats) {
    return new SeriesEngine(formats);
  }

  /**
   * Where messages to people go: the log unless {@code smtp-url} names a mail server (no mail
   * server needed for the demo); else e-mail, kept until sent in the database of the journals (in
   * memory with {@code db-url=memory}).
   */
  @Provides
  @Singleton
  Outbox outbox(MailDelivery delivery) {
    if (config.mail().smtpUrl().isEmpty()) {
      return new LogOutbox();
    }
    io.peerwork.jdbc.MailQueue queue = ServerConfig.IN_MEMORY.equals(config.dbUrl())
        ? io.peerwork.jdbc.MailQueue.inMemory() : database().openMailQueue();
    // The real clock, also when a test sets the series' Clock: the waits between attempts are real.
    return SmtpOutbox.start(vertx, config.mail(), queue, delivery, Clock.systemUTC(), registry);
  }

  /** How e-mail is sent and retried (tests shorten the waits). */
  @Provides
  @Singleton
  MailDelivery mailDelivery() {
    return MailDelivery.defaults();
  }

  /** Whether the journal's database answers: probes the sessions' journal (both share the database). */
  @Provides
  @Singleton
  DatabaseHealth databaseHealth(EventJournal journal) {
    io.peerwork.core.SessionId probe = io.peerwork.core.SessionId.of("peerwork-health-probe");
    return new DatabaseHealth(vertx, () -> journal.version(probe), StorageGuard.WAIT).start();
  }

  @Provides
  @Singleton
  SeriesRegistry seriesRegistry(SeriesEngine engine, SeriesJournal journal, DatabaseHealth health,
      MeterRegistry metrics) {
    return new SeriesRegistry(vertx, engine, new StorageGuard(health, SeriesRegistry.POOL_SIZE / 2, StorageGuard.WAIT)
        .guard(journal), config.roomIdle(), config.limits().maxSeriesOwners(), metrics, membership);
  }

  /** Who the client of a request or socket is: the TCP peer, or behind a trusted proxy the forwarded one. */
  @Provides
  @Singleton
  ClientAddress clientAddress() {
    return ClientAddress.trusting(config.trustedProxies());
  }

  /** Caps creations per client network; mounted in front of the API (see PeerworkServer). */
  @Provides
  @Singleton
  CreationLimits creationLimits(MeterRegistry metrics, ApiAuth auth) {
    return new CreationLimits(config.limits().creationsPerClientPerHour(), auth, metrics);
  }

  /** The public base URL for links in messages: the configured one, else set once the port is known. */
  @Provides
  @Singleton
  PublicUrl publicUrl() {
    return new PublicUrl(config.publicUrl().isEmpty() ? "http://localhost:" + config.port() : config.publicUrl());
  }

  @Provides
  @Singleton
  SeriesApi seriesApi(ObjectMapper json, FormatRegistry formats, SeriesRegistry series, HttpApi sessions,
      Tokens tokens, SeriesTokens seriesTokens, Clock clock, Outbox outbox, ApiAuth auth, PublicUrl publicUrl,
      SeriesSessions seats, RoomRegistry rooms, EventJournal journal, SeriesJournal seriesJournal) {
    return new SeriesApi(json, formats, series, sessions, tokens, seriesTokens, clock, outbox, auth, publicUrl, seats,
        vertx, rooms, journal, seriesJournal);
  }

  @Provides
  @Singleton
  RetentionSweep retentionSweep(SeriesJournal journal, SeriesRegistry series, RoomRegistry rooms, Clock clock) {
    return new RetentionSweep(vertx, journal, series, rooms, clock);
  }

  @Provides
  @Singleton
  SeriesSessions seriesSessions(ObjectMapper json, FormatRegistry formats, SeriesRegistry series,
      SeriesJournal journal, RoomRegistry rooms, SeriesTokens tokens, Clock clock, Outbox outbox) {
    return new SeriesSessions(vertx, json, formats, series, journal, rooms, tokens, clock, outbox);
  }

  @Provides
  @Singleton
  ObjectMapper objectMapper() {
    return PeerworkJackson.newObjectMapper();
  }

  @Provides
  @Singleton
  Keyring keyring(Clock clock) {
    byte[] current = secret(config);
    byte[] previous = config.keys().previousSecret().getBytes(StandardCharsets.UTF_8);
    return new Keyring(current, previous, config.keys().previousUntil(), pseudonymKey(config, current, previous),
        clock);
  }

  @Provides
  @Singleton
  Tokens tokens(Keyring keys, Clock clock, ObjectMapper json) {
    return new Tokens(keys, clock, config.tokenTtl(), json);
  }

  @Provides
  @Singleton
  SeriesTokens seriesTokens(Keyring keys, Clock clock, ObjectMapper json) {
    return new SeriesTokens(keys, clock, config.keys().personalTokenTtl(), json);
  }

  @Provides
  @Singleton
  RateLimits rateLimits() {
    return new RateLimits(10, 40);
  }

  @Provides
  @Singleton
  RoomRegistry rooms(SessionEngine engine, EventJournal journal, Clock clock, ObjectMapper json, MeterRegistry metrics,
      DatabaseHealth health, Tokens tokens, JoinLimits joinLimits) {
    // Rooms reach the journal through a guard: at most half their pool waits on the database.
    EventJournal guarded = new StorageGuard(health, RoomRegistry.POOL_SIZE / 2, StorageGuard.WAIT).guard(journal);
    return new RoomRegistry(vertx, engine, guarded, clock, json, metrics, config.roomIdle(),
        config.limits().maxRooms(), config.limits().maxMembersPerSession(), tokens, joinLimits,
        membership);
  }

  /**
   * How many people invite links admit: per client network as {@code --joins-per-client-at-once} and
   * {@code --joins-per-client-per-minute} say (by default {@link JoinLimits#DEFAULTS}), per link as
   * in the defaults; override the binding to change the rest.
   */
  @Provides
  @Singleton
  JoinLimits joinLimits() {
    return JoinLimits.of(config.limits().joinsPerClientAtOnce(), config.limits().joinsPerClientPerMinute());
  }

  @Provides
  @Singleton
  HttpApi api(ObjectMapper json, FormatRegistry formats, RoomRegistry rooms, Tokens tokens, Clock clock,
      ApiAuth auth, JoinLimits joinLimits, EventJournal journal, SeriesSessions series) {
    return new HttpApi(json, formats, rooms, tokens, clock, auth, joinLimits, vertx, journal, series);
  }

  /** Who may call the HTTP API: the organizer key, series host keys, personal tokens. */
  @Provides
  @Singleton
  ApiAuth apiAuth(SeriesTokens tokens) {
    return new ApiAuth(tokens, config.organizerKey());
  }

  /**
   * The key series participant ids are derived with, kept in {@code <dataDir>/pseudonym-key} so that
   * it outlives key rotations. Made on the first start that finds none: from the previous secret if
   * one is configured (a rotation under way), else from the current one, so the ids of a server that
   * has not rotated yet stay what they were. If the file cannot be written, the seed is used as it
   * is (and a warning logged).
   */
  static byte[] pseudonymKey(ServerConfig config, byte[] current, byte[] previous) {
    Path file = config.dataDir().resolve("pseudonym-key");
    byte[] seed = previous.length > 0 ? previous : current;
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
      }
      writePrivately(config.dataDir(), file, seed);
    } catch (IOException | IllegalArgumentException e) {
      java.util.logging.Logger.getLogger(ServerModule.class.getName()).warning("cannot read or keep the pseudonym key"
          + " in " + file + " (" + e.getMessage() + "): series participant ids would change with the next key"
          + " rotation; keep the data directory");
    }
    return seed;
  }

  /** Writes {@code bytes}, base64, to {@code file} readable by the owner only, atomically. */
  private static void writePrivately(Path dir, Path file, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the data folder's permissions must do
    }
    Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The configured secret, or the one kept in {@code <dataDir>/secret}, made on first start. */
  static byte[] secret(ServerConfig config) {
    if (!config.secret().isEmpty()) {
      return config.secret().getBytes(StandardCharsets.UTF_8);
    }
    Path file = config.dataDir().resolve("secret");
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
      }
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      writePrivately(config.dataDir(), file, fresh);
      return fresh;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the secret in " + file + ": " + e.getMessage(), e);
    }
  }
}
