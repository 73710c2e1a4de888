package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.series.SeriesId;
import io.peerwork.server.TestServer.Client;
import io.peerwork.server.internal.HttpApi;
import io.peerwork.server.internal.SeriesSessions;
import io.peerwork.server.internal.SeriesTokens;
import io.peerwork.server.internal.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A seat of a series date given up reaches the date's session: the person is removed there (their
 * socket closes, their token no longer connects), and a seat held again readmits them. Called
 * directly, as the series API calls them.
 */
class SeriesSeatsTest {
  private static final SeriesId SERIES = SeriesId.of("sr-seats");
  private static final LocalDate DATE = LocalDate.of(2030, 1, 7);

  @Test
  void aSeatGivenUpRemovesThePersonFromTheDatesSessionAndAHeldSeatLetsThemBackIn() throws Exception {
    try (TestServer t = new TestServer()) {
      SeriesSessions seats = t.server.injector().getInstance(SeriesSessions.class);
      Tokens tokens = t.server.injector().getInstance(Tokens.class);
      SeriesTokens seriesTokens = t.server.injector().getInstance(SeriesTokens.class);
      // No session prepared for the date yet: nothing to do.
      assertThat(get(seats.seatGivenUp(SERIES, DATE, "ana@example.at"))).isFalse();

      SessionId session = SessionId.of("sr-seats-20300107");
      var format = t.server.injector().getInstance(FormatRegistry.class).require("test-kitchen");
      get(t.server.injector().getInstance(HttpApi.class).schedule(new SessionPlan(session, format.id(), "Jänner",
          Instant.now().minusSeconds(60), ZoneId.of("Europe/Vienna"), 5, format.agenda(), "fcfs")));
      ParticipantId ana = seriesTokens.seriesParticipant(SERIES, "Ana@Example.at");
      String token = tokens.issue(session, ana, Role.PARTICIPANT, "Ana");
      Client socket = t.connect(session.value(), token, null, null);
      socket.view(v -> v.path("participantsPresent").asInt() == 1);

      assertThat(get(seats.seatGivenUp(SERIES, DATE, "ana@example.at"))).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> socket.closed);
      assertThat(socket.closeStatusCode()).isEqualTo((short) 4403);
      JsonNode error = socket.await(f -> f.path("type").asText().equals("error"));
      assertThat(error.path("reason").asText()).isEqualTo(SeriesSessions.SEAT_GIVEN_UP);
      Client refused = t.connect(session.value(), token, null, null);
      await().atMost(Duration.ofSeconds(10)).until(() -> refused.closed);
      assertThat(refused.closeStatusCode()).isEqualTo((short) 4403);

      assertThat(get(seats.seatHeld(SERIES, DATE, "ana@example.at"))).isTrue();
      Client back = t.connect(session.value(), token, null, null);
      back.view(v -> v.path("participantsPresent").asInt() == 1);
      assertThat(back.closed).isFalse();
      assertThat(get(seats.seatHeld(SERIES, DATE, "ana@example.at"))).isTrue(); // holding it again changes nothing
    }
  }

  private static <T> T get(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
