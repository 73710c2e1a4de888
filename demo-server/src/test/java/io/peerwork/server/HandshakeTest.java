package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WebSocket handshake checks the Origin against the configured list. */
@ExtendWith(VertxExtension.class)
class HandshakeTest {

  @Test
  void onlyConfiguredOriginsMayOpenARoom(Vertx vertx, VertxTestContext ctx) throws Exception {
    ServerConfig config = ServerConfig.defaults().withHost(TestServer.LOOPBACK).withPort(0).withSeedDemo(false)
        .withOrganizerKey("handshake-test-organizer-key")
        .withDataDirectory(Files.createTempDirectory("peerwork-test"))
        .withAllowedOrigins(List.of("https://peerwork.example"));
    Checkpoint refused = ctx.checkpoint();
    Checkpoint accepted = ctx.checkpoint();
    PeerworkServer.start(config).onComplete(ctx.succeeding(server -> {
      var client = vertx.createWebSocketClient();
      var tokens = server.injector().getInstance(io.peerwork.server.internal.Tokens.class);
      String token = tokens.issue(io.peerwork.core.SessionId.of("any"), io.peerwork.core.ParticipantId.of("p-1"),
          io.peerwork.core.Role.PARTICIPANT, "Anna");
      WebSocketConnectOptions base = new WebSocketConnectOptions().setHost(TestServer.LOOPBACK).setPort(server.port())
          .setURI("/ws/sessions/any?token=" + token);
      client.connect(new WebSocketConnectOptions(base.toJson()).addHeader("Origin", "http://localhost:" + server.port()))
          .onComplete(ctx.failing(err -> ctx.verify(() -> {
            assertThat(err.getMessage()).contains("403");
            refused.flag();
            client.connect(new WebSocketConnectOptions(base.toJson()).addHeader("Origin", "https://peerwork.example"))
                .onComplete(ctx.succeeding(ws -> {
                  accepted.flag();
                  server.close();
                }));
          })));
    }));
  }
}
