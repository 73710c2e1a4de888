package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerwork.core.Role;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A connection that sends half a request and then nothing is closed (slowloris); a quiet room is not. */
class HttpTimeoutsTest {

  private static ServerConfig config(Duration idle) throws Exception {
    return ServerConfig.defaults().withPort(0).withSeedDemo(true).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-test"))
        .withLimits(new ServerConfig.Limits(1000, 1000, 200, 4, 60, 20, idle, Duration.ofSeconds(10)));
  }

  @Test
  void halfSentRequestsAreClosedAfterTheIdleTimeout() throws Exception {
    try (TestServer t = new TestServer(config(Duration.ofSeconds(1)), List.of())) {
      var sockets = new ArrayList<Socket>();
      try {
        for (int i = 0; i < 20; i++) {
          Socket s = new Socket("127.0.0.1", t.server.port());
          s.getOutputStream().write("GET /index.html HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          s.setSoTimeout(200);
          sockets.add(s);
        }
        for (Socket s : sockets) {
          await().atMost(10, TimeUnit.SECONDS).until(() -> endOfStream(s.getInputStream()));
        }
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
    }
  }

  @Test
  void aQuietRoomSocketStaysOpenPastTheIdleTimeout() throws Exception {
    try (TestServer t = new TestServer(config(Duration.ofSeconds(1)), List.of())) {
      TestServer.Client ana = t.connect(t.joinDemo(Role.PARTICIPANT, "Ana"));
      ana.await(f -> f.path("type").asText().equals("snapshot"));
      // Three idle timeouts without a frame from either side: the server's pings keep it open.
      await().during(3, TimeUnit.SECONDS).atMost(5, TimeUnit.SECONDS).until(() -> !ana.closed);
      String id = ana.send("Ping");
      assertThat(ana.answer(id).path("type").asText()).isEqualTo("pong");
    }
  }

  @Test
  void aRequestNotAnsweredWithinTheRequestTimeoutIsAnsweredSoAndTheServerGoesOn() throws Exception {
    var journal = new BlockingSeriesJournal();
    ServerConfig c = config(Duration.ofSeconds(30)).withSeedDemo(false)
        .withLimits(new ServerConfig.Limits(1000, 1, 200, 4, 60, 20, Duration.ofSeconds(30), Duration.ofSeconds(1)));
    try (TestServer t = new TestServer(c,
        List.of(binder -> binder.bind(io.peerwork.core.series.SeriesJournal.class).toInstance(journal)))) {
      String first = t.post("/api/series", ServerCapsTest.SERIES).body().path("seriesId").asText();
      String second = t.post("/api/series", ServerCapsTest.SERIES).body().path("seriesId").asText();
      assertThat(t.get("/api/series/" + second).status()).isEqualTo(200); // the cap is 1: the first is unloaded
      journal.hold(); // loading the first again now waits (a database that does not answer)
      try {
        TestServer.Response late = t.get("/api/series/" + first);
        assertThat(late.status()).isEqualTo(503);
        assertThat(late.body().path("error").path("code").asText()).isEqualTo("REQUEST_TIMEOUT");
        assertThat(journal.waiting()).isEqualTo(1); // still under way: answered by the timeout, not by the call
        // Others are served meanwhile.
        assertThat(t.get("/api/formats").status()).isEqualTo(200);
        assertThat(t.getText("/health/live").statusCode()).isEqualTo(200);
      } finally {
        journal.release();
      }
      // The late answer of the call finds the request answered: it is dropped, and counted nowhere.
      await().atMost(10, TimeUnit.SECONDS).until(() -> journal.waiting() == 0);
      await().atMost(10, TimeUnit.SECONDS).until(() -> t.get("/api/series/" + first).status() == 200);
      assertThat(ServerCapsTest.refusals(t, "request_timeout")).isEqualTo(1);
    }
  }

  /** Whether the server closed the stream; false while it only stays silent. */
  private static boolean endOfStream(InputStream in) throws Exception {
    try {
      while (true) {
        int b = in.read();
        if (b < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true; // reset by the server: closed as well
    }
  }
}
