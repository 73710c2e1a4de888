package io.peerwork.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Command → last member on a cluster, with the members on the room's owner ("local": even rooms) or
 * all on one other node ("remote": odd rooms, their commands and events cross the clustered event
 * bus twice), in the same run and at the same rates.
 */
final class LatencyPhase {
  private final ClusterBench bench;
  private final List<ClusterNode> nodes;

  LatencyPhase(ClusterBench bench, List<ClusterNode> nodes) {
    this.bench = bench;
    this.nodes = nodes;
  }

  int run() throws Exception {
    int rooms = bench.integer("rooms", 60);
    int per = bench.integer("participants-per-room", 20);
    List<Double> rates = Arrays.stream(bench.option("rates", "0.25,0.5,1").split(",")).map(Double::parseDouble).toList();
    Duration duration = Duration.ofMillis(Math.round(bench.number("duration", 10) * 1000));
    Duration warmup = Duration.ofMillis(Math.round(bench.number("warmup", 3) * 1000));
    var d = LoadOptions.defaults(nodes.get(0).url().toString());
    var options = new LoadOptions(nodes.get(0).url(), rooms, per, rates, duration, warmup, "cluster-latency",
        d.localAddresses(), d.eventLoops(), d.setupConcurrency(), Duration.ofSeconds(10), false, -1, false, null,
        Duration.ofMillis(Math.round(bench.number("prewarm", 5) * 1000)), Double.MAX_VALUE, "", 1,
        ClusterBench.urls(nodes));
    LoadGenerator.Targets targets = new LoadGenerator.Targets() {
      @Override
      public URI member(int room, String sessionId, int member) {
        return node(room, sessionId).url();
      }

      @Override
      public String group(int room, String sessionId) {
        return room % 2 == 0 ? "local" : "remote";
      }

      private ClusterNode node(int room, String sessionId) {
        String owner = ClusterBench.owner(sessionId, nodes);
        if (room % 2 == 0) {
          return nodes.stream().filter(n -> n.name.equals(owner)).findFirst().orElseThrow();
        }
        var others = nodes.stream().filter(n -> !n.name.equals(owner)).toList();
        return others.get((room / 2) % others.size());
      }
    };
    bench.line("");
    bench.line("## latency: %d nodes, %d rooms of %d (half local: members on the owner; half remote: members on"
        + " another node), rates %s per participant/s, %d s steps (%d s warm-up)", nodes.size(), rooms, per, rates,
        duration.toSeconds(), warmup.toSeconds());
    var generator = new LoadGenerator(options, targets);
    List<LoadResult> results = generator.run();
    List<Map<String, Histogram>> groups = generator.groupLatencies();
    bench.line("| rate/participant/s | deliveries/s | p99 ms all | local p50 ms | local p99 ms | remote p50 ms"
        + " | remote p99 ms | remote p99 − local p99 ms | machine busy cores | clean |");
    bench.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    int status = 0;
    for (int i = 0; i < results.size(); i++) {
      LoadResult r = results.get(i);
      Map<String, Histogram> g = i < groups.size() ? groups.get(i) : Map.of();
      Histogram local = g.getOrDefault("local", new Histogram(3));
      Histogram remote = g.getOrDefault("remote", new Histogram(3));
      bench.line("| %.2f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %+.2f | %.2f | %s |", r.rate(),
          r.deliveriesPerSecond(), r.p99(), ClusterBench.ms(local, 50), ClusterBench.ms(local, 99),
          ClusterBench.ms(remote, 50), ClusterBench.ms(remote, 99),
          ClusterBench.ms(remote, 99) - ClusterBench.ms(local, 99), r.machineCores(), r.clean() ? "yes" : "no");
      if (!r.clean()) {
        status = 1;
      }
    }
    LoadResult last = results.get(results.size() - 1);
    bench.line("latency: %s after the final drain: %d lost, %d duplicated, %d out of order, %d disconnects",
        last.clean() ? "clean" : "NOT CLEAN", last.lost(), last.duplicated(), last.outOfOrder(), last.disconnects());
    return status;
  }

  static List<String> names(List<ClusterNode> nodes) {
    var names = new ArrayList<String>();
    nodes.forEach(n -> names.add(n.name));
    return names;
  }
}
