package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.peerwork.core.EventJournal;
import io.peerwork.jdbc.JdbcEventJournal;
import io.peerwork.server.internal.DatabaseHealth;
import io.peerwork.server.internal.RoomVerticle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A database that stops answering is visible and stays contained: {@code /health/ready} says DOWN
 * with the reason while {@code /health/live} stays UP; rooms blocked on the database do not starve
 * the rest, so a loaded room, static files and the health endpoints answer at once, and requests
 * that need the database get a coded answer within the request timeout instead of hanging.
 */
class DatabaseOutageTest {

  @SuppressWarnings("try") // the log captures are held for their effect while the block runs
  @Test
  void anOutageIsReportedAndBlockedRoomsStarveNobody() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(true)
        .withDataDirectory(Files.createTempDirectory("peerwork-test"))
        .withLimits(new ServerConfig.Limits(1000, 1000, 200, 4, 60, 1000, Duration.ofSeconds(30), Duration.ofSeconds(3)));
    FaultyJournal[] journal = new FaultyJournal[1];
    var faulty = new AbstractModule() {
      @Provides
      @Singleton
      EventJournal journal() {
        journal[0] = new FaultyJournal(JdbcEventJournal.builder(config.journalUrl()).open());
        return journal[0];
      }
    };
    try (LogCapture health = LogCapture.of(DatabaseHealth.class);
        LogCapture rooms = LogCapture.of(RoomVerticle.class);
        TestServer t = new TestServer(config, List.of(faulty))) {
      String demo = t.demo().sessionId();
      assertThat(t.get("/api/sessions/" + demo).status()).isEqualTo(200); // its room is loaded
      assertThat(t.get("/health/ready").status()).isEqualTo(200);

      journal[0].block();
      // 80 new sessions, each a room that waits on the database: more than any worker pool has threads.
      HttpClient async = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      var pending = new ArrayList<CompletableFuture<HttpResponse<String>>>();
      for (int i = 0; i < 80; i++) {
        pending.add(async.sendAsync(HttpRequest.newBuilder(URI.create(t.base() + "/api/sessions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"formatId\":\"test-kitchen\"}")).build(),
            HttpResponse.BodyHandlers.ofString()));
      }

      // Meanwhile what needs no database answers at once.
      HttpClient quick = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> {
        HttpResponse<String> ready = quick.send(HttpRequest.newBuilder(URI.create(t.base() + "/health/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode body = TestServer.JSON.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.toString()).contains("the database did not answer within 2 s");
      });
      for (String path : List.of("/api/sessions/" + demo, "/index.html", "/health/live", "/api/formats")) {
        HttpResponse<String> r = quick.send(HttpRequest.newBuilder(URI.create(t.base() + path))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
      }
      // The creations get coded answers, none hangs past the request timeout (3 s) by much.
      for (var p : pending) {
        HttpResponse<String> r = p.get(15, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(TestServer.JSON.readTree(r.body()).path("error").path("code").asText())
            .isIn("STORAGE_UNAVAILABLE", "REQUEST_TIMEOUT");
      }
      // While it is down, a command in a loaded room is refused at once, with nothing written.
      TestServer.Client host = t.connect(t.join(demo, t.demo().invites().get(io.peerwork.core.Role.HOST), "Hana"));
      JsonNode refused = host.await(f -> f.path("type").asText().matches("error|snapshot"));
      assertThat(refused.path("code").asText("")).isIn("", "STORAGE_UNAVAILABLE");

      journal[0].unblock();
      await().atMost(20, TimeUnit.SECONDS).until(() -> t.get("/health/ready").status() == 200);
      assertThat(t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}").status()).isEqualTo(201);
      assertThat(health.records()).anyMatch(r -> r.getMessage().contains("the database counts as down"));
    }
  }
}
