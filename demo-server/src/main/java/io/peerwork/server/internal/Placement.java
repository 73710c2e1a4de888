package io.peerwork.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which node should own a room or series: rendezvous (highest random weight) hashing of its key
 * over the nodes. Every node that sees the same members picks the same owner, and when a node comes
 * or goes only the keys it owned (or will own) move. Only a routing hint: the database's epochs
 * ({@link io.peerwork.core.StreamOwners}) keep two owners from both writing.
 */
public final class Placement {
  private Placement() {}

  /**
   * The owner of {@code key} among {@code nodes}.
   *
   * @throws IllegalArgumentException if {@code nodes} is empty
   */
  public static String owner(String key, List<String> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no nodes to place " + key + " on");
    }
    String best = null;
    long bestWeight = 0;
    long keyHash = fnv(key);
    for (String node : nodes) {
      long w = mix(keyHash ^ mix(fnv(node)));
      // Ties (practically never) go to the smaller name, so that every node decides alike.
      if (best == null || Long.compareUnsigned(w, bestWeight) > 0
          || (w == bestWeight && node.compareTo(best) < 0)) {
        best = node;
        bestWeight = w;
      }
    }
    return best;
  }

  /** FNV-1a over the UTF-8 bytes: stable across JVMs, unlike {@code String.hashCode} spread. */
  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finalizer: spreads every bit of the input over the output. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
