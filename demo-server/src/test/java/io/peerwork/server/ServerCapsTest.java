package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The caps that keep a server open to anonymous requests within its memory and each client within
 * its share: rooms and series loaded per node, members per session, sockets per person and per
 * client address, creations per client; unknown ids load nothing. Each refusal has a code and is
 * counted in {@code peerwork_limit_refusals_total}.
 */
class ServerCapsTest {
  static final String SERIES = """
      {"formatId":"test-kitchen","title":"Küche","capacity":5,"place":{"onlineLink":"https://meet.example.org/k"},
       "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""";

  private static ServerConfig config(ServerConfig.Limits limits) throws Exception {
    return ServerConfig.defaults().withPort(0).withSeedDemo(true).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-test")).withLimits(limits);
  }

  private static ServerConfig.Limits limits(int rooms, int series, int members, int perPerson, int perAddress,
      int creations) {
    return new ServerConfig.Limits(rooms, series, members, perPerson, perAddress, creations, Duration.ofSeconds(30),
        Duration.ofSeconds(10));
  }

  @Test
  void aFullServerUnloadsIdleRoomsAndRefusesOnlyWhenEveryRoomIsInUse() throws Exception {
    try (TestServer t = new TestServer(config(limits(3, 100, 200, 4, 60, 100)).withSeedDemo(false), List.of())) {
      var sockets = new ArrayList<TestServer.Client>();
      var sessions = new ArrayList<JsonNode>();
      for (int i = 0; i < 3; i++) {
        TestServer.Response created = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}");
        assertThat(created.status()).isEqualTo(201);
        sessions.add(created.body());
        TestServer.Client host = t.connect(t.join(created.body().path("sessionId").asText(),
            created.body().path("invites").path("host").asText(), "Host " + i));
        host.await(f -> f.path("type").asText().equals("snapshot"));
        sockets.add(host);
      }
      // Every room has a socket open: a fourth is refused, with a code, and counted.
      TestServer.Response busy = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}");
      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.body().path("error").path("code").asText()).isEqualTo("SERVER_BUSY");
      assertThat(refusals(t, "rooms")).isEqualTo(1);
      // Rooms that are loaded still answer.
      assertThat(t.get("/api/sessions/" + sessions.get(0).path("sessionId").asText()).status()).isEqualTo(200);

      // One room without sockets is idle: it is unloaded to make space, and comes back when asked for.
      sockets.get(0).close();
      await().atMost(10, TimeUnit.SECONDS).until(() ->
          t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}").status() == 201);
      assertThat(gauge(t, "peerwork_rooms_loaded")).isLessThanOrEqualTo(3 + 1); // +1: one may still be unloading
      sockets.get(1).close();
      assertThat(t.get("/api/sessions/" + sessions.get(0).path("sessionId").asText()).status()).isEqualTo(200);
    }
  }

  @Test
  void lookingUpUnknownIdsKeepsNothingInMemory() throws Exception {
    try (TestServer t = new TestServer(config(limits(1000, 1000, 200, 4, 60, 100)), List.of())) {
      TestServer.Response created = t.post("/api/series", SERIES);
      assertThat(created.status()).isEqualTo(201);
      double rooms = gauge(t, "peerwork_rooms_loaded");
      double series = gauge(t, "peerwork_series_loaded");
      assertThat(series).isEqualTo(1);
      for (int i = 0; i < 200; i++) {
        String id = UUID.randomUUID().toString().substring(0, 12);
        assertThat(t.get("/api/sessions/s-" + id).body().path("error").path("code").asText()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(t.get("/api/series/sr-" + id).body().path("error").path("code").asText()).isEqualTo("SERIES_NOT_FOUND");
      }
      await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
        assertThat(gauge(t, "peerwork_rooms_loaded")).isEqualTo(rooms);
        assertThat(gauge(t, "peerwork_series_loaded")).isEqualTo(series);
      });
      // The series that exists is still there.
      assertThat(t.get("/api/series/" + created.body().path("seriesId").asText()).status()).isEqualTo(200);
    }
  }

  @Test
  void seriesBeyondTheCapUnloadTheLeastRecentlyUsed() throws Exception {
    try (TestServer t = new TestServer(config(limits(1000, 2, 200, 4, 60, 100)).withSeedDemo(false), List.of())) {
      var ids = new ArrayList<String>();
      for (int i = 0; i < 5; i++) {
        TestServer.Response created = t.post("/api/series", SERIES);
        assertThat(created.status()).isEqualTo(201);
        ids.add(created.body().path("seriesId").asText());
        assertThat(gauge(t, "peerwork_series_loaded")).isLessThanOrEqualTo(2);
      }
      for (String id : ids) {
        assertThat(t.get("/api/series/" + id).status()).as(id).isEqualTo(200);
      }
      assertThat(gauge(t, "peerwork_series_loaded")).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aSeriesIsRefusedOnlyWhileEveryLoadedSeriesHasACallUnderWay() throws Exception {
    var journal = new BlockingSeriesJournal();
    try (TestServer t = new TestServer(config(limits(1000, 2, 200, 4, 60, 100)).withSeedDemo(false),
        List.of(binder -> binder.bind(io.peerwork.core.series.SeriesJournal.class).toInstance(journal)))) {
      var ids = new ArrayList<String>();
      for (int i = 0; i < 3; i++) {
        TestServer.Response created = t.post("/api/series", SERIES);
        assertThat(created.status()).isEqualTo(201);
        ids.add(created.body().path("seriesId").asText());
      }
      // One of the three is not loaded (the cap is 2); which one depends on what the server touched
      // since its start. Loads are held from now on: asking for each series in turn loads the
      // unloaded one (held) in place of an idle one, which the next round loads (held) in turn.
      journal.hold();
      var http = java.net.http.HttpClient.newHttpClient();
      var held = new ArrayList<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>>();
      var heldIds = new java.util.HashSet<String>();
      for (int round = 0; round < 3 && held.size() < 2; round++) {
        for (String id : ids) {
          if (held.size() == 2 || heldIds.contains(id)) {
            continue;
          }
          int before = journal.waiting();
          var answer = http.sendAsync(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(t.base() + "/api/series/" + id)).GET().build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
          await().atMost(10, TimeUnit.SECONDS).until(() -> answer.isDone() || journal.waiting() > before);
          if (answer.isDone()) {
            assertThat(answer.join().statusCode()).as(id + " was loaded").isEqualTo(200);
          } else {
            held.add(answer);
            heldIds.add(id);
          }
        }
      }
      assertThat(held).as("two loads held").hasSize(2);
      String third = ids.stream().filter(id -> !heldIds.contains(id)).findFirst().orElseThrow();

      // The third would need one of them unloaded with its call under way: refused, with a code, and counted.
      TestServer.Response busy = t.get("/api/series/" + third);
      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.body().path("error").path("code").asText()).isEqualTo("SERVER_BUSY");
      assertThat(refusals(t, "series")).isEqualTo(1);
      assertThat(journal.waiting()).isEqualTo(2);

      // Once they are answered, their owners are idle again and make space.
      journal.release();
      for (var answer : held) {
        assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(t.get("/api/series/" + third).status()).isEqualTo(200);
      assertThat(gauge(t, "peerwork_series_loaded")).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aSessionTakesNoMoreMembersThanItsCap() throws Exception {
    try (TestServer t = new TestServer(config(limits(1000, 100, 2, 4, 60, 100)), List.of())) {
      JsonNode ana = t.joinDemo(Role.PARTICIPANT, "Ana");
      t.connect(ana).await(f -> f.path("type").asText().equals("snapshot"));
      t.connect(t.joinDemo(Role.PARTICIPANT, "Ben")).await(f -> f.path("type").asText().equals("snapshot"));
      // The join takes the seat, so the cap answers the join itself: no token for a member beyond it.
      TestServer.Response cleo = t.post("/api/sessions/" + t.demo().sessionId() + "/join",
          "{\"displayName\":\"Cleo\",\"code\":\"" + t.demo().invites().get(Role.PARTICIPANT) + "\"}");
      assertThat(cleo.status()).isEqualTo(409);
      assertThat(cleo.body().path("error").path("code").asText()).isEqualTo("SESSION_MEMBERS_LIMIT");
      // A member who comes back is let in.
      TestServer.Client anaAgain = t.connect(ana);
      assertThat(anaAgain.await(f -> f.path("type").asText().equals("snapshot")).path("view").toString()).contains("Ana");
      assertThat(refusals(t, "members_per_session")).isEqualTo(1);
    }
  }

  @Test
  void socketsArePerPersonAndPerAddressAndTheRefusalSaysWhy() throws Exception {
    try (TestServer t = new TestServer(config(limits(1000, 100, 200, 2, 3, 100)), List.of())) {
      JsonNode ana = t.joinDemo(Role.PARTICIPANT, "Ana");
      TestServer.Client a1 = t.connect(ana);
      TestServer.Client a2 = t.connect(ana);
      a1.await(f -> f.path("type").asText().equals("snapshot"));
      a2.await(f -> f.path("type").asText().equals("snapshot"));
      TestServer.Client a3 = t.connect(ana);
      JsonNode error = a3.await(f -> f.path("type").asText().equals("error"));
      assertThat(error.path("code").asText()).isEqualTo("TOO_MANY_CONNECTIONS");
      await().atMost(5, TimeUnit.SECONDS).until(() -> a3.closed);
      assertThat(a3.closeStatusCode()).isEqualTo((short) 4429);

      // Ben is another person, on the same address (127.0.0.1): the third socket from it is let in, the fourth not.
      JsonNode ben = t.joinDemo(Role.PARTICIPANT, "Ben");
      TestServer.Client b1 = t.connect(ben);
      b1.await(f -> f.path("type").asText().equals("snapshot"));
      TestServer.Client b2 = t.connect(ben);
      assertThat(b2.await(f -> f.path("type").asText().equals("error")).path("code").asText())
          .isEqualTo("TOO_MANY_CONNECTIONS");
      await().atMost(5, TimeUnit.SECONDS).until(() -> b2.closed);

      // A socket that closes frees its place.
      a1.close();
      await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
        TestServer.Client b3 = t.connect(ben);
        assertThat(b3.await(f -> f.path("type").asText().matches("snapshot|error")).path("type").asText())
            .isEqualTo("snapshot");
      });
      assertThat(refusals(t, "sockets_per_person")).isEqualTo(1);
      assertThat(refusals(t, "sockets_per_address")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void creationsPerClientAreCappedButNotTheOrganizers() throws Exception {
    try (TestServer t = new TestServer(config(limits(1000, 100, 200, 4, 60, 2)), List.of())) {
      assertThat(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}").status()).isEqualTo(201);
      assertThat(t.post("/api/series", SERIES).status()).isEqualTo(201);
      TestServer.Response refused = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}");
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.body().path("error").path("code").asText()).isEqualTo("CREATION_RATE_LIMITED");
      assertThat(t.post("/api/series", SERIES).body().path("error").path("code").asText())
          .isEqualTo("CREATION_RATE_LIMITED");
      assertThat(refusals(t, "creations")).isEqualTo(2);
    }
    String key = "an-organizer-key-of-some-length";
    try (TestServer t = new TestServer(config(limits(1000, 100, 200, 4, 60, 1)).withOrganizerKey(key), List.of())) {
      for (int i = 0; i < 3; i++) {
        assertThat(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}", key).status()).isEqualTo(201);
      }
    }
  }

  /** The value of a gauge in {@code /metrics} (read from loopback, which is allowed by default). */
  static double gauge(TestServer t, String name) throws Exception {
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(t.getText("/metrics").body());
    assertThat(m.find()).as(name + " in /metrics").isTrue();
    return Double.parseDouble(m.group(2));
  }

  static double refusals(TestServer t, String limit) throws Exception {
    Matcher m = Pattern.compile("(?m)^peerwork_limit_refusals_total\\{limit=\"" + limit + "\"[^}]*\\} ([0-9.eE+-]+)$")
        .matcher(t.getText("/metrics").body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
