package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A flood of frames is answered frame by frame, stays on its own connection, and costs nobody else. */
class RateLimitTest {

  @Test
  void aFloodIsAnsweredFrameByFrameAndNobodyElseIsSlowedDown() throws Exception {
    try (TestServer server = new TestServer()) {
      TestServer.Client ana = server.connect(server.joinDemo(Role.PARTICIPANT, "Ana"));
      TestServer.Client ben = server.connect(server.joinDemo(Role.PARTICIPANT, "Ben"));
      ana.await(f -> f.path("type").asText().equals("snapshot"));
      ben.await(f -> f.path("type").asText().equals("snapshot"));

      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        ids.add(ana.send("Ping"));
      }
      Map<String, String> answers = new HashMap<>();
      for (String id : ids) {
        JsonNode a = ana.await(f -> id.equals(f.path("id").asText()));
        answers.put(id, a.path("type").asText().equals("pong") ? "pong" : a.path("code").asText());
      }
      // Every frame got its own answer: some served, the rest refused by name, none silently dropped.
      assertThat(answers).hasSize(120);
      assertThat(answers.values()).contains("pong", "RATE_LIMITED").allMatch(v -> v.equals("pong") || v.equals("RATE_LIMITED"));
      assertThat(ana.closed).isFalse();

      // Ben, in the same room, is not limited by Ana's flood.
      String benPing = ben.send("Ping");
      assertThat(ben.await(f -> benPing.equals(f.path("id").asText())).path("type").asText()).isEqualTo("pong");
    }
  }

  @Test
  void oversizedFramesCountAgainstTheLimitToo() throws Exception {
    try (TestServer server = new TestServer()) {
      TestServer.Client ana = server.connect(server.joinDemo(Role.PARTICIPANT, "Ana"));
      ana.await(f -> f.path("type").asText().equals("snapshot"));
      String big = "{\"type\":\"Ping\",\"id\":\"x\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
      for (int i = 0; i < 60; i++) {
        ana.sendRaw(big);
      }
      Map<String, Integer> codes = new HashMap<>();
      for (int i = 0; i < 60; i++) {
        JsonNode e = ana.await(f -> f.path("type").asText().equals("error"));
        codes.merge(e.path("code").asText(), 1, Integer::sum);
      }
      assertThat(codes).containsOnlyKeys("FRAME_TOO_LARGE", "RATE_LIMITED");
      assertThat(codes.get("RATE_LIMITED")).isPositive();
      assertThat(ana.closed).isFalse();
    }
  }
}
