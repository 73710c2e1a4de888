package io.peerwork.server.internal;

import java.util.List;

/**
 * The nodes this node sees, by name: what placement hashes rooms over ({@link Placement}). One node
 * alone ({@link #single}) or a Hazelcast cluster ({@link ClusterNodes}). Thread-safe.
 */
public interface Membership {

  /** This node's name (the owner a room's row in the database names). */
  String self();

  /** The names of the nodes in the cluster as this node sees it now, this one's included, sorted. */
  List<String> nodes();

  /**
   * Whether this node sees enough of the cluster to serve rooms: a majority of the configured
   * members. A node cut off from the others (paused, partitioned) stops taking rooms, so that the
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
