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
 * Wires the server. The storage port is bound here, in one place: {@link #journal()} gives the
 * in-memory journal; override the {@link EventJournal} binding (e.g. with {@code
 * Modules.override}) to use the JDBC one.
 */
public final class ServerModule extends AbstractModule {
  private final ServerConfig config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;

  public ServerModule(ServerConfig config, Vertx vertx, PrometheusMeterRegistry registry) {
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
    bind(Clock.class).toInstance(Clock.systemUTC());
  }

  /** The event journal: in memory by default. The one place to swap storage. */
  @Provides
  @Singleton
  EventJournal journal() {
    return new InMemoryEventJournal();
  }

  @Provides
  @Singleton
  ObjectMapper objectMapper() {
    return PeerworkJackson.newObjectMapper();
  }

  @Provides
  @Singleton
  Tokens tokens(Clock clock, ObjectMapper json) {
    return new Tokens(secret(config), clock, config.tokenTtl(), json);
  }

  @Provides
  @Singleton
  RateLimits rateLimits() {
    return new RateLimits(10, 40);
  }

  @Provides
  @Singleton
  RoomRegistry rooms(SessionEngine engine, EventJournal journal, Clock clock, ObjectMapper json, MeterRegistry metrics) {
    return new RoomRegistry(vertx, engine, journal, clock, json, metrics, config.roomIdle());
  }

  @Provides
  @Singleton
  HttpApi api(ObjectMapper json, FormatRegistry formats, RoomRegistry rooms, Tokens tokens, Clock clock) {
    return new HttpApi(json, formats, rooms, tokens, clock, config.organizerKey());
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
      Files.createDirectories(config.dataDir());
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Path tmp = Files.createTempFile(config.dataDir(), "secret", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system; the data folder's permissions must do
      }
      Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return fresh;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the secret in " + file + ": " + e.getMessage(), e);
    }
  }
}
