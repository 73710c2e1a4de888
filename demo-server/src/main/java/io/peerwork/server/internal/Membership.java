package io.peerwork.server.internal;

import java.util.List;

/**
 * The nodes this node sees, by name: what placement hashes rooms over ({@link Placement}). One node
 * alone ({@link #single}) or a Hazelcast cluster ({@link ClusterNodes}). Thread-safe.
 */
public interface Membership {

  /** This node's name (the owner a room's row in the database names). */
  String self();

  /**
   * The names of the nodes that take rooms, as this node sees the cluster now (this one's included
   * once it takes rooms), sorted: what placement hashes over.
   */
  List<String> nodes();

  /** This node takes rooms from now on (it takes requests from the other nodes). */
  default io.vertx.core.Future<Void> takeRooms(io.vertx.core.Vertx vertx) {
    return io.vertx.core.Future.succeededFuture();
  }

  /** This node takes no more rooms: the others stop placing rooms on it (it is about to stop). */
  default io.vertx.core.Future<Void> stopTakingRooms(io.vertx.core.Vertx vertx) {
    return io.vertx.core.Future.succeededFuture();
  }

  /**
   * Whether this node sees enough of the cluster to serve rooms: a majority of the configured
   * members (counted whether they take rooms yet or not). A node cut off from the others (paused, partitioned) stops taking rooms, so that the
   * majority's owners are not fenced out by it again and again; the fence keeps it correct anyway.
   */
  boolean quorate();

  /**
   * The wire version of room messages every node in the cluster reads (the lowest of their
   * versions): what this node writes, so that a cluster of old and new builds works during a
   * rolling upgrade.
   */
  int wireVersion();

  /** Runs {@code listener} (on some thread) whenever {@link #nodes()} or {@link #quorate()} change. */
  void onChange(Runnable listener);

  /** One node alone: always quorate, always the owner. */
  static Membership single(String name) {
    return new Membership() {
      @Override
      public String self() {
        return name;
      }

      @Override
      public List<String> nodes() {
        return List.of(name);
      }

      @Override
      public boolean quorate() {
        return true;
      }

      @Override
      public int wireVersion() {
        return RoomCodec.WIRE_VERSION;
      }

      @Override
      public void onChange(Runnable listener) {
        // one node: nothing ever changes
      }
    };
  }
}
