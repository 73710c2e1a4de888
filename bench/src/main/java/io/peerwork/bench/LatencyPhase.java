package io.peerwork.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Command → last member on a cluster, local (on the room's owner) against remote (on another node),
 * in the same run and at the same rates, in one of two layouts ({@code --latency-layout}):
 * <ul>
 *   <li>{@code rooms}: every member of an even room on its owner ("local"), every member of an odd
 *       room on one other node ("remote": their commands and events cross the clustered event bus
 *       twice);</li>
 *   <li>{@code members}: in every room, the host and the even members on the owner ("local"), the
 *       odd members on one other node ("remote"), sending alike: for each command, the time until
 *       the last local and the last remote member have its event. The same commands, so the
 *       difference is what a member pays for being on another node than the room.</li>
 * </ul>
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
    String layout = bench.option("latency-layout", "rooms");
    if (!layout.equals("rooms") && !layout.equals("members")) {
      throw new IllegalArgumentException("--latency-layout is rooms or members, not " + layout);
    }
    boolean byMember = layout.equals("members");
    LoadGenerator.Targets targets = new LoadGenerator.Targets() {
      @Override
      public URI member(int room, String sessionId, int member) {
        return node(room, sessionId, local(room, member)).url();
      }

      @Override
      public String group(int room, String sessionId) {
        return byMember ? "" : room % 2 == 0 ? "local" : "remote";
      }

      @Override
      public String memberGroup(int room, String sessionId, int member) {
        return byMember ? local(room, member) ? "local" : "remote" : "";
      }

      private boolean local(int room, int member) {
        return byMember ? member % 2 == 0 : room % 2 == 0;
      }

      private ClusterNode node(int room, String sessionId, boolean onOwner) {
        String owner = ClusterBench.owner(sessionId, nodes);
        if (onOwner) {
          return nodes.stream().filter(n -> n.name.equals(owner)).findFirst().orElseThrow();
        }
        var others = nodes.stream().filter(n -> !n.name.equals(owner)).toList();
        return others.get((byMember ? room : room / 2) % others.size());
      }
    };
    bench.line("");
    bench.line("## latency: %d nodes, %d rooms of %d (%s), rates %s per participant/s, %d s steps (%d s warm-up)",
        nodes.size(), rooms, per, byMember
            ? "layout members: in every room the host and the even members on the owner (local), the odd members"
                + " on another node (remote); per command, the last local and the last remote member"
            : "layout rooms: half local, every member on the owner; half remote, every member on another node",
        rates, duration.toSeconds(), warmup.toSeconds());
    var generator = new LoadGenerator(options, targets);
    List<LoadResult> results = generator.run();
    List<Map<String, Histogram>> groups = generator.groupLatencies();
    List<long[]> gaps = generator.groupGaps();
    bench.line("| rate/participant/s | deliveries/s | p99 ms all | local p50 ms | local p99 ms | remote p50 ms"
        + " | remote p99 ms | remote p99 − local p99 ms |" + (byMember ? " per command remote − local p50 / p99 / p99.9 ms |" : "")
        + " machine busy cores | clean |");
    bench.line("|---:|---:|---:|---:|---:|---:|---:|---:|" + (byMember ? "---:|" : "") + "---:|---|");
    int status = 0;
    for (int i = 0; i < results.size(); i++) {
      LoadResult r = results.get(i);
      Map<String, Histogram> g = i < groups.size() ? groups.get(i) : Map.of();
      Histogram local = g.getOrDefault("local", new Histogram(3));
      Histogram remote = g.getOrDefault("remote", new Histogram(3));
      long[] gap = i < gaps.size() ? gaps.get(i) : new long[0];
      String paired = !byMember ? "" : String.format(java.util.Locale.ROOT, " %+.2f / %+.2f / %+.2f (%,d) |",
          percentile(gap, 50), percentile(gap, 99), percentile(gap, 99.9), gap.length);
      bench.line("| %.2f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %+.2f |%s %.2f | %s |", r.rate(),
          r.deliveriesPerSecond(), r.p99(), ClusterBench.ms(local, 50), ClusterBench.ms(local, 99),
          ClusterBench.ms(remote, 50), ClusterBench.ms(remote, 99),
          ClusterBench.ms(remote, 99) - ClusterBench.ms(local, 99), paired, r.machineCores(), r.clean() ? "yes" : "no");
      if (!r.clean()) {
        status = 1;
      }
    }
    LoadResult last = results.get(results.size() - 1);
    bench.line("latency: %s after the final drain: %d lost, %d duplicated, %d out of order, %d disconnects",
        last.clean() ? "clean" : "NOT CLEAN", last.lost(), last.duplicated(), last.outOfOrder(), last.disconnects());
    return status;
  }

  /** The {@code q}th percentile of {@code sortedMicros}, in ms; NaN for none. */
  static double percentile(long[] sortedMicros, double q) {
    if (sortedMicros.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q / 100 * sortedMicros.length) - 1;
    return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
  }

  static List<String> names(List<ClusterNode> nodes) {
    var names = new ArrayList<String>();
    nodes.forEach(n -> names.add(n.name));
    return names;
  }
}
