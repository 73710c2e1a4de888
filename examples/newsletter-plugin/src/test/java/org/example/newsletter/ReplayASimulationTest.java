package org.example.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.testkit.SessionSimulator;
import io.peerwork.testkit.Simulation;
import org.junit.jupiter.api.Test;

/** Replays one simulated session, as after a failed property run: the seed and sample jqwik printed. */
class ReplayASimulationTest {

  @Test
  void replaysTheSampleJqwikReported() {
    Simulation sim = SessionSimulator.of(new NewsletterCorner())
        .withSeed(-4469912515051104537L)
        .withParticipants(7)
        .withExperts(2)
        .withLanguage("de")
        .run();
    sim.unexpected().forEach(System.out::println);
    assertThat(sim.unexpected()).isEmpty();
  }
}
