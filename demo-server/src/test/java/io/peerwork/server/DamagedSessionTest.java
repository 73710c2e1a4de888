package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Command;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.jdbc.JdbcEventJournal;
import io.peerwork.server.internal.Tokens;
import io.peerwork.server.testformat.TestKitchen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A journal row that cannot be read stops that session's room, with a clear error to its clients;
 * every other room goes on.
 */
class DamagedSessionTest {

  @Test
  void anUnreadableRowClosesOnlyItsOwnRoom() throws Exception {
    Path data = Files.createTempDirectory("peerwork-damaged");
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(false).withDataDirectory(data);
    SessionId damaged = SessionId.of("damaged");
    SessionId healthy = SessionId.of("healthy");

    // Two sessions written by an earlier run of the server.
    TopicFormat format = new TestKitchen();
    SessionEngine engine = SessionEngine.builder().formats(format).build();
    try (JdbcEventJournal journal = JdbcEventJournal.builder(config.journalUrl()).open()) {
      for (SessionId id : List.of(damaged, healthy)) {
        LiveSession live = LiveSession.load(engine, journal, id);
        live.handle(new Command.ScheduleSession(new SessionPlan(id, format.id(), "Sitzung " + id, Instant.now(),
            ZoneId.of("Europe/Vienna"), 10, format.agenda(), "fcfs")), Instant.now());
        live.handle(new Command.Join(ParticipantId.of("h"), "Hanna", Role.HOST), Instant.now());
      }
    }
    // Then someone edits a row by hand and breaks it.
    try (var c = DriverManager.getConnection(config.journalUrl());
        var s = c.prepareStatement("UPDATE peerwork_event SET payload = ? WHERE session_id = ? AND version = 2")) {
      s.setString(1, "{\"type\":\"ParticipantJoined\",");
      s.setString(2, damaged.value());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }

    try (LogCapture roomLog = LogCapture.of(io.peerwork.server.internal.RoomVerticle.class);
        TestServer server = new TestServer(config, List.of())) {
      Tokens tokens = server.server.injector().getInstance(Tokens.class);
      String anaDamaged = tokens.issue(damaged, ParticipantId.of("ana"), Role.PARTICIPANT, "Ana");
      String anaHealthy = tokens.issue(healthy, ParticipantId.of("ana"), Role.PARTICIPANT, "Ana");

      TestServer.Client broken = server.connect(damaged.value(), anaDamaged, null, null);
      JsonNode error = broken.await(f -> f.path("type").asText().equals("error"));
      assertThat(error.path("code").asText()).isEqualTo("SESSION_DATA_UNREADABLE");
      assertThat(error.path("message").asText()).contains("cannot be read", "Other sessions are not affected");

      TestServer.Response info = server.get("/api/sessions/" + damaged.value());
      assertThat(info.status()).isEqualTo(503);
      assertThat(info.body().path("error").path("code").asText()).isEqualTo("SESSION_DATA_UNREADABLE");

      // The other room loads and works.
      assertThat(server.get("/api/sessions/" + healthy.value()).status()).isEqualTo(200);
      TestServer.Client fine = server.connect(healthy.value(), anaHealthy, null, null);
      JsonNode first = fine.await(f -> f.path("type").asText().equals("snapshot"));
      assertThat(first.path("view").path("title").asText()).isEqualTo("Sitzung healthy");
      // The organiser learns why from the log: one SEVERE line naming the session and the event.
      assertThat(roomLog.records()).anySatisfy(r -> {
        assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.SEVERE);
        assertThat(r.getMessage()).contains("room damaged cannot be loaded", "event 2");
      });
    }
  }
}
