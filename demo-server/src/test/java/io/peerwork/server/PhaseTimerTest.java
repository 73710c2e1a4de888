package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.server.TestServer.Client;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms move on by themselves when the clock reaches a deadline: doors open, phases end, sessions end. */
class PhaseTimerTest {
  static final Instant T0 = Instant.parse("2030-01-07T08:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  TestServer t;

  /** A clock the test moves by hand. */
  @BeforeEach
  void start() throws Exception {
    t = new TestServer(List.of(binder -> binder.bind(Clock.class).toInstance(new TestClock(now))));
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  @Test
  void deadlinesOpenTheLobbyAdvancePhasesAndEndTheSession() throws Exception {
    TestServer.Response created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"start\":\"2030-01-07T09:00:00Z\",\"agenda\":["
            + "{\"kind\":\"ARRIVAL\",\"minutes\":10},{\"kind\":\"FOCUS_BLOCK\",\"minutes\":20},"
            + "{\"kind\":\"CLOSING_ROUND\",\"minutes\":10}]}");
    String sid = created.body().path("sessionId").asText();
    JsonNode hostJoin = t.join(sid, created.body().path("invites").path("host").asText(), "Hanna");
    Client host = t.connect(hostJoin);
    assertThat(host.view(v -> v.path("status").asText().equals("SCHEDULED")).path("nextDeadline").asText())
        .isEqualTo("2030-01-07T09:00:00Z");

    // A participant who comes early waits in a scheduled session, and joins once the doors open.
    Client anna = t.connect(t.join(sid, created.body().path("invites").path("participant").asText(), "Anna"));
    assertThat(anna.view(v -> v.path("status").asText().equals("SCHEDULED")).path("participantsPresent").asInt())
        .isZero();
    assertThat(anna.answer(anna.send("Join")).path("code").asText()).isEqualTo("SESSION_NOT_OPEN");

    now.set(Instant.parse("2030-01-07T09:00:01Z"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    anna.view(v -> v.path("status").asText().equals("OPEN"));
    anna.ok("Join");
    host.view(v -> v.path("participantsPresent").asInt() == 1);
    host.ok("StartSession");
    host.view(v -> v.path("current").path("index").asInt(-1) == 0);

    now.set(now.get().plus(Duration.ofMinutes(10)));
    JsonNode focus = host.view(v -> v.path("current").path("index").asInt(-1) == 1);
    assertThat(focus.path("current").path("kind").asText()).isEqualTo("FOCUS_BLOCK");
    JsonNode advanced = host.await(f -> f.path("type").asText().equals("event")
        && f.path("event").path("type").asText().equals("PhaseAdvanced"));
    assertThat(advanced.path("event").has("by")).isFalse(); // the clock did it

    now.set(now.get().plus(Duration.ofHours(1)));
    JsonNode ended = host.view(v -> v.path("status").asText().equals("ENDED"));
    assertThat(ended.path("completedPhases")).hasSize(3);
  }
}
