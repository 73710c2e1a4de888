package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A message over the server's limit (256 KiB) closes its socket with 1009 (after an error frame
 * answering its id), whether the client compresses (permessage-deflate) or not, and whether it
 * sends the message as one frame or in fragments; nobody else in the room notices.
 */
class MessageSizeLimitTest {
  static TestServer t;

  @BeforeAll
  static void start() throws Exception {
    t = new TestServer();
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  /** A socket of {@code joined}'s person through a client with {@code options}. */
  static TestServer.Client connect(JsonNode joined, WebSocketClientOptions options) throws Exception {
    WebSocketClient client = t.clientVertx.createWebSocketClient(options);
    var c = new TestServer.Client();
    ClientWebSocket ws = client.webSocket();
    TestServer.attach(c, ws);
    ws.connect(new WebSocketConnectOptions().setHost("localhost").setPort(t.server.port())
            .setURI("/ws/sessions/" + joined.path("sessionId").asText() + "?token=" + joined.path("token").asText()))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    c.await(f -> f.path("type").asText().equals("snapshot"));
    return c;
  }

  @ParameterizedTest(name = "compression {0}, frames of at most {1} bytes")
  @CsvSource({"false, 1048576", "true, 1048576", "false, 65536", "true, 65536"})
  void aMessageOverTheLimitClosesWith1009AndAnswersItsId(boolean compress, int maxFrame) throws Exception {
    TestServer.Client other = t.connect(t.joinDemo(Role.PARTICIPANT, "Bea"));
    var options = new WebSocketClientOptions().setMaxFrameSize(maxFrame).setMaxMessageSize(1024 * 1024)
        .setTryUsePerMessageCompression(compress);
    TestServer.Client big = connect(t.joinDemo(Role.PARTICIPANT, "Ben"), options);

    big.sendRaw("{\"type\":\"Chat\",\"id\":\"big-1\",\"text\":\"" + "x".repeat(300 * 1024) + "\"}");

    JsonNode answer = big.answer("big-1");
    assertThat(answer.path("type").asText()).isEqualTo("error");
    assertThat(answer.path("code").asText()).isEqualTo("FRAME_TOO_LARGE");
    await().atMost(Duration.ofSeconds(10)).until(() -> big.closed);
    assertThat(big.closeStatusCode()).isEqualTo((short) 1009);

    assertThat(other.answer(other.send("Ping")).path("type").asText()).isEqualTo("pong");
    assertThat(other.closed).isFalse();
    other.close();
  }

  @Test
  void aMessageUnderTheCloseLimitButOverTheFrameLimitIsAnsweredAndTheSocketStays() throws Exception {
    var options = new WebSocketClientOptions().setMaxFrameSize(1024 * 1024).setMaxMessageSize(1024 * 1024)
        .setTryUsePerMessageCompression(true);
    TestServer.Client c = connect(t.joinDemo(Role.PARTICIPANT, "Cem"), options);
    c.sendRaw("{\"type\":\"Chat\",\"id\":\"mid-1\",\"text\":\"" + "x".repeat(100 * 1024) + "\"}");
    JsonNode answer = c.answer("mid-1");
    assertThat(answer.path("code").asText()).isEqualTo("FRAME_TOO_LARGE");
    assertThat(c.answer(c.send("Ping")).path("type").asText()).isEqualTo("pong");
    assertThat(c.closed).isFalse();
    c.close();
  }
}
