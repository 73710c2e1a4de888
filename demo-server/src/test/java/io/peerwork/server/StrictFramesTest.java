package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client frames are read strictly, as protocol.md promises: nothing after the object, no field of
 * the wrong type coerced, no answer naming a Java class, and nothing applied from a refused frame.
 */
class StrictFramesTest {
  private static TestServer t;
  private static Client anna;
  private static Client host;
  private static final List<JsonNode> errors = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    t = new TestServer();
    host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
    host.await(f -> f.path("type").asText().equals("snapshot"));
    anna = t.connect(t.joinDemo(Role.PARTICIPANT, "Anna"));
    anna.await(f -> f.path("type").asText().equals("snapshot"));
  }

  @AfterAll
  static void stop() throws Exception {
    // No answer to anything refused here names a Java class or Jackson's words.
    assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.path("message").asText())
        .doesNotContain("io.peerwork", "Cannot construct", "$", "java.", "Jackson", "instance of"));
    t.close();
  }

  private static JsonNode errorFor(Client c, String raw, String id) throws InterruptedException {
    c.sendRaw(raw);
    JsonNode e = id == null
        ? c.await(f -> f.path("type").asText().equals("error") && f.path("id").isNull())
        : c.answer(id);
    errors.add(e);
    return e;
  }

  @Test
  void dataAfterTheObjectIsMalformedAndNothingOfItIsAnswered() throws Exception {
    JsonNode e = errorFor(anna, "{\"type\":\"Ping\",\"id\":\"a1\"}{\"type\":\"Ping\",\"id\":\"b1\"}", null);
    assertThat(e.path("code").asText()).isEqualTo("MALFORMED_JSON");
    anna.ok("Chat", "text", "still here"); // the socket stays usable
    assertThat(anna.seen).noneMatch(f -> f.path("type").asText().equals("pong"));
  }

  @Test
  void aNumericIdIsNotTakenAsText() throws Exception {
    JsonNode e = errorFor(anna, "{\"type\":\"Ping\",\"id\":42}", null);
    assertThat(e.path("code").asText()).isEqualTo("INVALID_COMMAND");
    assertThat(e.path("message").asText()).contains("\"id\"");
  }

  @Test
  void anIdWithAControlCharacterIsRefused() throws Exception {
    JsonNode e = errorFor(anna, "{\"type\":\"Leave\",\"id\":\"a\\u0007\"}", null);
    assertThat(e.path("code").asText()).isEqualTo("INVALID_COMMAND");
    assertThat(e.path("message").asText()).contains("\"id\"");
  }

  @Test
  void wronglyTypedFieldsAreRefusedNotCoerced() throws Exception {
    String[][] cases = {
        {"g1", "{\"type\":\"DeclareGoal\",\"id\":\"g1\",\"text\":42}", "\"text\" must be text"},
        {"g2", "{\"type\":\"DeclareGoal\",\"id\":\"g2\",\"text\":true}", "\"text\" must be text"},
        {"g3", "{\"type\":\"DeclareGoal\",\"id\":\"g3\",\"text\":\"ok\",\"taskId\":7}", "\"taskId\" must be text"},
        {"h1", "{\"type\":\"RaiseHand\",\"id\":\"h1\",\"topicId\":\"x\"}", "\"note\" is missing"},
        {"m1", "{\"type\":\"MarkGoal\",\"id\":\"m1\",\"goal\":1,\"status\":\"DONE\"}", "\"goal\" must be an id"},
        {"m2", "{\"type\":\"MarkGoal\",\"id\":\"m2\",\"goal\":\"g1\",\"status\":0}", "\"status\" must be one of"},
    };
    for (String[] c : cases) {
      JsonNode e = errorFor(anna, c[1], c[0]);
      assertThat(e.path("type").asText()).as(c[1]).isEqualTo("error");
      assertThat(e.path("code").asText()).as(c[1]).isEqualTo("INVALID_COMMAND");
      assertThat(e.path("message").asText()).as(c[1]).contains(c[2]);
    }
    String[][] host = {
        {"x1", "{\"type\":\"ExtendPhase\",\"id\":\"x1\",\"minutes\":1.5}", "\"minutes\" must be a whole number"},
        {"x2", "{\"type\":\"ExtendPhase\",\"id\":\"x2\",\"minutes\":\"5\"}", "\"minutes\" must be a whole number"},
        {"x3", "{\"type\":\"ExtendPhase\",\"id\":\"x3\"}", "\"minutes\" is missing"},
    };
    for (String[] c : host) {
      JsonNode e = errorFor(StrictFramesTest.host, c[1], c[0]);
      assertThat(e.path("code").asText()).as(c[1]).isEqualTo("INVALID_COMMAND");
      assertThat(e.path("message").asText()).as(c[1]).contains(c[2]);
    }
    // Nothing refused was applied: Anna's one real goal is the only one.
    anna.ok("DeclareGoal", "text", "Plan the week");
    JsonNode view = anna.view(v -> v.path("goals").size() >= 1);
    assertThat(view.path("goals")).hasSize(1);
    assertThat(view.path("goals").get(0).path("text").asText()).isEqualTo("Plan the week");
  }

  @Test
  void actingForSomeoneElseIsRefused() throws Exception {
    JsonNode e = errorFor(anna, "{\"type\":\"Leave\",\"id\":\"l1\",\"actor\":\"h-someone\"}", "l1");
    assertThat(e.path("code").asText()).isEqualTo("FORBIDDEN_ACTOR");
    JsonNode e2 = errorFor(anna, "{\"type\":\"Leave\",\"id\":\"l2\",\"actor\":5}", "l2");
    assertThat(e2.path("code").asText()).isEqualTo("FORBIDDEN_ACTOR");
  }
}
