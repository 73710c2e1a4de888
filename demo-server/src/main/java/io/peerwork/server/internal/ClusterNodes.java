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
import java.util.Map;
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
  /** The Hazelcast map of nodes that take rooms ({@link #ready}). */
  static final String READY = "peerwork.ready";

  private final String self;
  private final int quorum;
  private final int ownWire;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile HazelcastInstance hazelcast;
  private volatile List<String> nodes;
  /** How many members (ready or not) this node sees: what the quorum counts. */
  private volatile int members = 1;
  private volatile int wire;
  /** Whether this node takes rooms: set once it takes requests from the others, cleared when it drains. */
  private volatile boolean selfReady;
  /**
   * Nodes that take rooms, by name, each with the Hazelcast member id it had when it said so: a node
   * that joined but is still starting (or one that restarted under its name) is not placed on
   * until it says so again.
   */
  private volatile com.hazelcast.map.IMap<String, String> ready;

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
    int wireVersion = RoomCodec.WIRE_VERSION;
    var nodes = new ClusterNodes(self, settings.effectiveQuorum(), wireVersion);
    var manager = new HazelcastClusterManager(hazelcastConfig(settings, self, wireVersion));
    options.setEventBusOptions(new EventBusOptions().setHost(settings.host()).setPort(settings.busPort()));
    return more.apply(Vertx.builder().with(options).withClusterManager(manager)).buildClustered().map(vertx -> {
      nodes.hazelcast = manager.getHazelcastInstance();
      nodes.ready = nodes.hazelcast.getMap(READY);
      nodes.ready.addEntryListener((com.hazelcast.map.listener.EntryAddedListener<String, String>) e -> nodes.refresh(), false);
      nodes.ready.addEntryListener((com.hazelcast.map.listener.EntryUpdatedListener<String, String>) e -> nodes.refresh(), false);
      nodes.ready.addEntryListener((com.hazelcast.map.listener.EntryRemovedListener<String, String>) e -> nodes.refresh(), false);
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
        if (e.getState() == LifecycleEvent.LifecycleState.MERGED && nodes.selfReady) {
          // Back from a split: Hazelcast gave this member a new id, and the larger side's entries
          // won the merge, so this node says again that it takes rooms.
          nodes.markReady();
        } else if (e.getState() == LifecycleEvent.LifecycleState.MERGED
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

  private synchronized void refresh() {
    HazelcastInstance hz = hazelcast;
    List<String> seen = new ArrayList<>();
    int count = 0;
    int lowest = ownWire;
    if (hz != null && hz.getLifecycleService().isRunning()) {
      var named = new java.util.HashMap<String, String>();
      for (Member m : hz.getCluster().getMembers()) {
        String name = m.getAttribute(NODE);
        if (name != null) {
          named.put(name, m.getUuid().toString());
          count++;
        }
        try {
          lowest = Math.min(lowest, Integer.parseInt(String.valueOf(m.getAttribute(WIRE))));
        } catch (NumberFormatException e) {
          lowest = Math.min(lowest, 1); // a build from before wire versions were announced
        }
      }
      Map<String, String> taking;
      try {
        taking = ready == null ? Map.of() : ready.getAll(named.keySet());
      } catch (RuntimeException e) {
        taking = Map.of(); // the cluster is shutting down or cut off: no node takes rooms as far as we know
      }
      for (var n : named.entrySet()) {
        if (n.getValue().equals(taking.get(n.getKey())) && (!n.getKey().equals(self) || selfReady)) {
          seen.add(n.getKey());
        }
      }
    }
    seen.sort(null);
    boolean changed = !seen.equals(nodes) || lowest != wire || count != members;
    nodes = List.copyOf(seen);
    members = Math.max(1, count);
    wire = lowest;
    if (changed) {
      LOG.info(() -> "cluster: " + members + " node(s), taking rooms: " + nodes + (quorate() ? "" : ", fewer than the "
          + quorum + " needed to serve rooms"));
      listeners.forEach(Runnable::run);
    }
  }

  /**
   * This node takes rooms from now on (it takes requests from the others): the others place rooms on
   * it. Blocks on Hazelcast: call it off the event loop.
   */
  void markReady() {
    selfReady = true;
    ready.put(self, hazelcast.getCluster().getLocalMember().getUuid().toString());
    refresh();
  }

  /** This node takes no more rooms (it is about to stop). Blocks on Hazelcast: call it off the event loop. */
  void unready() {
    selfReady = false;
    try {
      ready.remove(self, hazelcast.getCluster().getLocalMember().getUuid().toString());
    } catch (RuntimeException e) {
      LOG.fine(() -> "could not withdraw from the cluster's ready nodes: " + e);
    }
    refresh();
  }

  @Override
  public Future<Void> takeRooms(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      markReady();
      return null;
    });
  }

  @Override
  public Future<Void> stopTakingRooms(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      unready();
      return null;
    });
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
    return members >= quorum;
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
