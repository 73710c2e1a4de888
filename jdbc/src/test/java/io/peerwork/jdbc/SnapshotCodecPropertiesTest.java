package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionSnapshot;
import io.peerwork.core.SessionState;
import io.peerwork.jdbc.internal.SnapshotCodec;
import io.peerwork.testkit.SessionSimulator;
import io.peerwork.testkit.Simulation;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The stored form of a snapshot is exact: for random whole sessions (the testkit's simulator:
 * late arrivals, goals, hands raised and withdrawn, people leaving and coming back, extended
 * phases, an ended session), the state at random points, written as JSON and read back, with the
 * rest of the events evolved on it, equals the replay of all events.
 */
class SnapshotCodecPropertiesTest {
  private static final SessionEngine ENGINE = SessionEngine.builder().formats(RealSessionFixture.FORMAT).build();
  private static final SnapshotCodec CODEC = new SnapshotCodec();

  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  void aSnapshotReadBackWithItsTailEqualsTheReplay(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 12) int participants,
      @ForAll @IntRange(min = 1, max = 3) int experts,
      @ForAll @IntRange(min = 2, max = 9) int cuts) {
    Simulation sim = SessionSimulator.of(RealSessionFixture.FORMAT).withSeed(seed).withParticipants(participants)
        .withExperts(experts).run();
    List<SessionEvent> events = sim.events();
    SessionState replayed = ENGINE.replay(sim.state().id(), events);
    assertThat(replayed).isEqualTo(sim.state());
    for (int i = 0; i <= cuts; i++) {
      int at = (int) ((long) events.size() * i / cuts);
      SessionState state = ENGINE.replay(sim.state().id(), events.subList(0, at));
      String json = CODEC.encode(SessionSnapshot.of(state));
      SessionState back = CODEC.decode(SnapshotCodec.SCHEMA_VERSION, json).state();
      assertThat(back).as("the state at %d of %d events", at, events.size()).isEqualTo(state);
      assertThat(ENGINE.evolve(back, events.subList(at, events.size()))).isEqualTo(replayed);
    }
  }
}
