package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cluster's settings as an operator gives them: read from options and the environment, checked,
 * and a cluster refused on a database that only this node can reach (H2, memory), before anything
 * starts.
 */
class ClusterSettingsTest {

  @Test
  void optionsAndEnvironmentMakeTheSettings() {
    ServerConfig c = ServerConfig.from(new String[] {"--cluster-members=10.0.0.1:5701,10.0.0.2:5701,10.0.0.3:5701",
        "--cluster-host=10.0.0.1", "--cluster-heartbeat-seconds=4", "--node-name=berlin-1"},
        Map.of("PEERWORK_CLUSTER_PORT", "5702"));
    ClusterSettings s = c.cluster();
    assertThat(s.enabled()).isTrue();
    assertThat(s.members()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701", "10.0.0.3:5701");
    assertThat(s.host()).isEqualTo("10.0.0.1");
    assertThat(s.port()).isEqualTo(5702);
    assertThat(s.heartbeat()).isEqualTo(Duration.ofSeconds(4));
    assertThat(s.nodeNameOrNew()).isEqualTo("berlin-1");
    assertThat(s.effectiveQuorum()).isEqualTo(2); // a majority of three
    assertThat(ServerConfig.from(new String[0], Map.of()).cluster().enabled()).isFalse();
  }

  @Test
  void badSettingsAreRefusedWithTheOptionNamed() {
    assertThatThrownBy(() -> ServerConfig.from(new String[] {"--cluster-members=10.0.0.1"}, Map.of()))
        .hasMessageContaining("--cluster-members");
    assertThatThrownBy(() -> ServerConfig.from(new String[] {"--cluster-members=a:1", "--cluster-heartbeat-seconds=0"},
        Map.of())).hasMessageContaining("--cluster-heartbeat-seconds");
    assertThatThrownBy(() -> ServerConfig.from(new String[] {"--cluster-members=a:1,b:1", "--cluster-quorum=3"},
        Map.of())).hasMessageContaining("--cluster-quorum");
    assertThatThrownBy(() -> ServerConfig.from(new String[] {"--node-name=a b"}, Map.of()))
        .hasMessageContaining("--node-name");
  }

  @Test
  void aClusterOnH2OrInMemoryIsRefusedBeforeAnythingStarts() throws Exception {
    var cluster = new ClusterSettings(List.of("127.0.0.1:5701"), "127.0.0.1", 5701, 0, Duration.ofSeconds(3), "n1", 0);
    ServerConfig h2 = ServerConfig.defaults().withPort(0).withDataDirectory(Files.createTempDirectory("pw"))
        .withCluster(cluster);
    assertThat(h2.clusterProblem()).hasValueSatisfying(p -> assertThat(p).contains("needs PostgreSQL", "H2"));
    assertThat(h2.withDatabase("memory").clusterProblem())
        .hasValueSatisfying(p -> assertThat(p).contains("in memory"));
    assertThat(h2.withDatabase("jdbc:postgresql://db/peerwork").clusterProblem()).isEmpty();
    assertThatThrownBy(() -> PeerworkServer.start(h2).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("a cluster needs PostgreSQL");
  }
}
