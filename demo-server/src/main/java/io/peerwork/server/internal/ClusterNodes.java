package io.peerwork.server.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.peerwork.server.ClusterSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * This node as a member of a Vert.x cluster on Hazelcast: joins it (TCP-IP with the configured
 * member list, no multicast, a heartbeat timeout of a few seconds instead of Hazelcast's 60 s), and
 * tells who is in it ({@link Membership}). Each member carries its node name and the wire version of
 * room messages it reads as Hazelcast member attributes. Hazelcast's CP subsystem is not used: the
 * database's epochs fence owners ({@link io.peerwork.core.StreamOwners}).
 */
public final class ClusterNodes implements Membership {
  private static final Logger LOG = Logger.getLogger(ClusterNodes.class.getName());
  static final String NODE = "peerwork.node";
  static final String WIRE = "peerwork.wire";

  private final String self;
  private final int quorum;
  private final int ownWire;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile HazelcastInstance hazelcast;
  private volatile List<String> nodes;
  private volatile int wire;

  private ClusterNodes(String self, int quorum, int ownWire) {
    this.self = self;
    this.quorum = quorum;
    this.ownWire = ownWire;
    this.nodes = List.of(self);
    this.wire = ownWire;
  }

  /**
   * Starts Vert.x as a member of the cluster {@code settings} describe, under the node name {@code
   * self}; {@code more} adds to the Vert.x builder (metrics).
   */
  public static Future<Started> start(ClusterSettings settings, String self, VertxOptions options,
      java.util.function.UnaryOperator<VertxBuilder> more) {
    return start(settings, self, RoomCodec.WIRE_VERSION, options, more);
  }

  /**
   * As {@link #start(ClusterSettings, String, VertxOptions, java.util.function.UnaryOperator)},
   * reading and writing room messages up to wire version {@code wireVersion} (tests of a mixed cluster).
   */
  static Future<Started> start(ClusterSettings settings, String self, int wireVersion, VertxOptions options,
      java.util.function.UnaryOperator<VertxBuilder> more) {
    var nodes = new ClusterNodes(self, settings.effectiveQuorum(), wireVersion);
    var manager = new HazelcastClusterManager(hazelcastConfig(settings, self, wireVersion));
    options.setEventBusOptions(new EventBusOptions().setHost(settings.host()).setPort(settings.busPort()));
    return more.apply(Vertx.builder().with(options).withClusterManager(manager)).buildClustered().map(vertx -> {
      nodes.hazelcast = manager.getHazelcastInstance();
      nodes.hazelcast.getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent e) {
          nodes.refresh();
        }

        @Override
        public void memberRemoved(MembershipEvent e) {
          nodes.refresh();
        }
      });
      nodes.hazelcast.getLifecycleService().addLifecycleListener(e -> {
        if (e.getState() == LifecycleEvent.LifecycleState.MERGED
            || e.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
          nodes.refresh();
        }
      });
      nodes.refresh();
      return new Started(vertx, nodes);
    }).compose(started -> {
      // Two nodes of one name would share the event-bus address of that name and the owner rows.
      long same = started.membership().hazelcast.getCluster().getMembers().stream()
          .filter(m -> self.equals(m.getAttribute(NODE))).count();
      if (same > 1) {
        return started.vertx().close().transform(ar -> Future.failedFuture(new IllegalStateException(
            "another node of this cluster is named " + self + "; give each node its own --node-name")));
      }
      return Future.succeededFuture(started);
    });
  }

  /** A started clustered Vert.x and its membership. */
  public record Started(Vertx vertx, ClusterNodes membership) {}

  /** Hazelcast's configuration for this node: programmatic, so no XML file is looked for. */
  static Config hazelcastConfig(ClusterSettings s, String self, int wireVersion) {
    Config c = new Config();
    c.setClusterName("peerwork");
    c.setProperty("hazelcast.logging.type", "jdk");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.shutdownhook.enabled", "false"); // the server leaves when it closes
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(s.heartbeat().toSeconds()));
    c.setProperty("hazelcast.wait.seconds.before.join", "1");
    c.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    c.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    c.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig net = c.getNetworkConfig();
    net.setPort(s.port()).setPortAutoIncrement(false);
    net.getInterfaces().setEnabled(true).addInterface(s.host());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(s.members()).setConnectionTimeoutSeconds(2);
    c.getMemberAttributeConfig().setAttribute(NODE, self).setAttribute(WIRE, String.valueOf(wireVersion));
    // What Vert.x's default-cluster.xml sets for its own structures.
    c.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    c.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    c.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return c;
  }

  private void refresh() {
    HazelcastInstance hz = hazelcast;
    List<String> seen = new ArrayList<>();
    int lowest = ownWire;
    if (hz != null && hz.getLifecycleService().isRunning()) {
      for (Member m : hz.getCluster().getMembers()) {
        String name = m.getAttribute(NODE);
        if (name != null) {
          seen.add(name);
        }
        try {
          lowest = Math.min(lowest, Integer.parseInt(String.valueOf(m.getAttribute(WIRE))));
        } catch (NumberFormatException e) {
          lowest = Math.min(lowest, 1); // a build from before wire versions were announced
        }
      }
    }
    if (!seen.contains(self)) {
      seen.add(self);
    }
    seen.sort(null);
    boolean changed = !seen.equals(nodes) || lowest != wire;
    nodes = List.copyOf(seen);
    wire = lowest;
    if (changed) {
      LOG.info(() -> "cluster: " + nodes.size() + " node(s) " + nodes + (quorate() ? "" : ", fewer than the "
          + quorum + " needed to serve rooms"));
      listeners.forEach(Runnable::run);
    }
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public boolean quorate() {
    return nodes.size() >= quorum;
  }

  @Override
  public int wireVersion() {
    return wire;
  }

  @Override
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }
}
