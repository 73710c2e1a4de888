package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.peerwork.jackson.PeerworkJackson;
import io.peerwork.server.testformat.TestKitchen;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node of this build in a cluster that still has a node of wire version 2 (a rolling upgrade):
 * it does not send a request of version 3 to a room the other node owns, which could not read it,
 * but answers {@code ROOM_UNAVAILABLE} at once; once every node reads version 3 it is carried.
 */
class RoomRegistryWireVersionTest {
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** This node ("node-a") and an older one ("node-b"), reading up to {@code wire}. */
  private static Membership twoNodes(int wire) {
    return new Membership() {
      @Override
      public String self() {
        return "node-a";
      }

      @Override
      public List<String> nodes() {
        return List.of("node-a", "node-b");
      }

      @Override
      public boolean quorate() {
        return true;
      }

      @Override
      public int wireVersion() {
        return wire;
      }

      @Override
      public void onChange(Runnable listener) {
        // fixed for the test
      }
    };
  }

  private RoomRegistry registry(Membership membership) {
    var json = PeerworkJackson.newObjectMapper();
    return new RoomRegistry(vertx, SessionEngine.builder().formats(new TestKitchen()).build(),
        new InMemoryEventJournal(), Clock.systemUTC(), json, new SimpleMeterRegistry(), Duration.ofMinutes(5), 10, 10,
        new Tokens("wire-version-test-secret-0123456789".getBytes(StandardCharsets.UTF_8), Clock.systemUTC(),
            Duration.ofHours(1), json),
        JoinLimits.DEFAULTS, membership);
  }

  @Test
  void aRequestOfANewerVersionIsNotSentToAnOlderNodesRoom() throws Exception {
    RoomRegistry rooms = registry(twoNodes(2));
    SessionId onB = IntStream.range(0, 100).mapToObj(i -> SessionId.of("s-wire" + i))
        .filter(id -> rooms.ownerOf(id).orElseThrow().equals("node-b")).findFirst().orElseThrow();
    var standing = new RoomRequest.Standing(ParticipantId.of("p-erika"));
    assertThat(rooms.carried(standing)).isFalse();
    assertThat(rooms.carried(new RoomRequest.Info())).isTrue();

    RoomReply reply = rooms.request(onB, standing).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(reply).isInstanceOf(RoomReply.Failed.class);
    assertThat(((RoomReply.Failed) reply).code()).isEqualTo("ROOM_UNAVAILABLE");
    assertThat(((RoomReply.Failed) reply).message()).contains("upgraded");
  }

  @Test
  void onceEveryNodeReadsVersion3ItIsCarried() {
    RoomRegistry rooms = registry(twoNodes(RoomCodec.WIRE_VERSION));
    assertThat(rooms.carried(new RoomRequest.Standing(ParticipantId.of("p-erika")))).isTrue();
  }
}
