package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The view over the wire: after its snapshot or catch-up a client gets patches that fit the view it
 * has (the test clients check every patch's base, see {@link TestServer.Client}), also when it
 * connects while a patch is pending; {@code Resync} answers a whole view to that socket only.
 */
class ViewPatchProtocolTest {
  TestServer t;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer();
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private static boolean isType(JsonNode f, String type) {
    return f.path("type").asText().equals(type);
  }

  private static long count(Client c, String type) {
    return c.seen.stream().filter(f -> isType(f, type)).count();
  }

  private static boolean hasGoal(JsonNode view, String text) {
    for (JsonNode g : view.path("goals")) {
      if (g.path("text").asText().equals(text)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void clientsThatConnectWhileAPatchIsPendingGetPatchesThatFitTheirView() throws Exception {
    Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
    Client anna = t.connect(t.joinDemo(Role.PARTICIPANT, "Anna"));
    host.ok("StartSession");
    host.ok("AdvancePhase");
    List<Client> late = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      anna.ok("DeclareGoal", "text", "Goal " + i); // the second and later ones wait for the room's timer
      late.add(t.connect(t.joinDemo(Role.PARTICIPANT, "Late " + i)));
    }
    anna.ok("DeclareGoal", "text", "Last goal");
    for (Client c : late) {
      assertThat(c.await(f -> isType(f, "snapshot")).path("seq").asLong()).isPositive();
      JsonNode view = c.view(v -> hasGoal(v, "Last goal"));
      assertThat(view.path("goals")).hasSize(7);
    }
    anna.view(v -> hasGoal(v, "Last goal"));
    for (Client c : late) {
      assertThat(count(c, "patch")).as("kept up to date by patches").isPositive();
      assertThat(count(c, "view")).as("no patch missed its base, so no whole view was needed").isZero();
    }
    assertThat(count(anna, "view")).isZero();
  }

  @Test
  void resyncAnswersAWholeViewToThatSocketOnlyAndTheNextPatchFitsIt() throws Exception {
    Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
    Client anna = t.connect(t.joinDemo(Role.PARTICIPANT, "Anna"));
    Client bernd = t.connect(t.joinDemo(Role.PARTICIPANT, "Bernd"));
    host.ok("StartSession");
    host.ok("AdvancePhase");
    bernd.ok("DeclareGoal", "text", "Before");
    anna.view(v -> hasGoal(v, "Before"));

    String id = anna.send("Resync");
    JsonNode view = anna.await(f -> isType(f, "view"));
    JsonNode ack = anna.answer(id);
    assertThat(ack.path("type").asText()).isEqualTo("ack");
    assertThat(ack.path("seq").asLong()).isEqualTo(view.path("seq").asLong());
    assertThat(anna.seen.indexOf(view)).as("the view comes before the ack").isLessThan(anna.seen.indexOf(ack));
    assertThat(hasGoal(view.path("view"), "Before")).isTrue();
    assertThat(view.path("view").path("queue").path("waiting")).isEmpty();

    bernd.ok("DeclareGoal", "text", "After");
    JsonNode patch = anna.await(f -> isType(f, "patch") && f.path("seq").asLong() > ack.path("seq").asLong());
    assertThat(patch.path("base").asLong()).isEqualTo(view.path("seq").asLong());
    anna.view(v -> hasGoal(v, "After"));
    bernd.view(v -> hasGoal(v, "After"));
    assertThat(count(bernd, "view")).as("the whole view went to Anna's socket only").isZero();
  }

  @Test
  void aResumingClientGetsTheMissedEventsAViewAndThenPatchesOnIt() throws Exception {
    Client host = t.connect(t.joinDemo(Role.HOST, "Hanna"));
    JsonNode annaJoin = t.joinDemo(Role.PARTICIPANT, "Anna");
    Client anna = t.connect(annaJoin);
    host.ok("StartSession");
    long seen = host.ok("AdvancePhase").path("seq").asLong();
    anna.view(v -> v.path("seq").asLong() >= seen);
    anna.close();
    host.ok("ExtendPhase", "minutes", 5);
    Client again = t.connect(annaJoin.path("sessionId").asText(), annaJoin.path("token").asText(),
        "since=" + seen, null);
    JsonNode view = again.await(f -> isType(f, "view"));
    assertThat(count(again, "snapshot")).isZero();
    assertThat(count(again, "event")).isEqualTo(view.path("seq").asLong() - seen);
    again.ok("DeclareGoal", "text", "Resumed");
    JsonNode patch = again.await(f -> isType(f, "patch") && f.path("seq").asLong() > view.path("seq").asLong());
    assertThat(patch.path("base").asLong()).isEqualTo(view.path("seq").asLong());
    assertThat(again.view(v -> hasGoal(v, "Resumed")).path("seq").asLong()).isEqualTo(patch.path("seq").asLong());
  }
}
