package io.peerwork.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Whether and how this server joins a cluster of nodes (docs/operations.md, "Several nodes"). Off
 * by default: one node, rooms in this process. On, the nodes form a Vert.x cluster through
 * Hazelcast (TCP-IP join with a fixed member list, no multicast), share one PostgreSQL database, and
 * each room has one owner among them, fenced by the database.
 *
 * @param members every node's Hazelcast address ({@code host:port}), this one's included; empty: no
 *     cluster
 * @param host the interface this node's Hazelcast and event bus listen on, as the others reach it
 * @param port this node's Hazelcast port
 * @param busPort this node's event-bus port (0: any free one, which the cluster learns)
 * @param heartbeat how long a node may be silent before the others count it gone and take its rooms
 * @param nodeName this node's name, as the database records a room's owner (default: made up at start)
 * @param quorum how many nodes must see each other for any of them to serve rooms; 0: a majority
 *     of {@code members}
 */
public record ClusterSettings(List<String> members, String host, int port, int busPort, Duration heartbeat,
    String nodeName, int quorum) {

  /** Checks for nulls and ranges, and copies the list. */
  public ClusterSettings {
    members = List.copyOf(members);
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(nodeName, "nodeName");
    for (String m : members) {
      int colon = m.lastIndexOf(':');
      if (colon <= 0 || !m.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalArgumentException("--cluster-members: '" + m + "' is not host:port");
      }
    }
    if (port < 1 || port > 65535 || busPort < 0 || busPort > 65535) {
      throw new IllegalArgumentException("--cluster-port and --cluster-bus-port must be ports");
    }
    if (heartbeat.toSeconds() < 1 || heartbeat.toSeconds() > 300) {
      throw new IllegalArgumentException("--cluster-heartbeat-seconds must be 1 to 300");
    }
    if (quorum < 0 || quorum > Math.max(1, members.size())) {
      throw new IllegalArgumentException("--cluster-quorum must be 0 (a majority) to the number of members");
    }
    if (!nodeName.isEmpty() && !nodeName.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("--node-name: letters, digits, '.', '_' and '-', at most 64");
    }
  }

  /** No cluster: one node. */
  public static ClusterSettings none() {
    return new ClusterSettings(List.of(), "127.0.0.1", 5701, 0, Duration.ofSeconds(5), "", 0);
  }

  /** Whether this server joins a cluster. */
  public boolean enabled() {
    return !members.isEmpty();
  }

  /**
   * How many nodes must see each other to serve rooms: {@link #quorum} as configured, by default a
   * majority of {@link #members}, so that of two parts of a cluster cut apart at most one serves.
   */
  public int effectiveQuorum() {
    return quorum > 0 ? quorum : members.size() / 2 + 1;
  }

  /** This node's name: the configured one, or one made up now (each start another). */
  public String nodeNameOrNew() {
    return nodeName.isEmpty() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : nodeName;
  }
}
