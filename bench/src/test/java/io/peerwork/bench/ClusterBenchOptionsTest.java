package io.peerwork.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The cluster bench takes only the options it reads, and names the closest for a mistyped one. */
class ClusterBenchOptionsTest {

  @Test
  void theDocumentedFormsAreRead() {
    assertThat(ClusterBench.parse(new String[] {"--phases=hold", "--hold-participants=50000", "--rates=0.25,0.5"}))
        .containsEntry("phases", "hold").containsEntry("hold-participants", "50000").containsEntry("rates", "0.25,0.5");
  }

  @Test
  void anUnknownOptionIsRefusedWithTheClosestKnownOne() {
    assertThatThrownBy(() -> ClusterBench.parse(new String[] {"--hold-participant=10"}))
        .hasMessage("cluster bench: unknown option --hold-participant; did you mean --hold-participants?");
    assertThatThrownBy(() -> ClusterBench.parse(new String[] {"--phases", "hold"}))
        .hasMessage("cluster bench: use --name=value, not --phases");
  }
}
