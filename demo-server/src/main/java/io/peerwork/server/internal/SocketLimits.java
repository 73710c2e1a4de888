package io.peerwork.server.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open room sockets per person (a session and a participant id) and per client network (an IPv4
 * address, or the /64 of an IPv6 address): a socket is let in only while both counts are below
 * their caps, and counted out when it closes.
 */
final class SocketLimits {
  private final int perPerson;
  private final int perAddress;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  SocketLimits(int perPerson, int perAddress) {
    this.perPerson = perPerson;
    this.perAddress = perAddress;
  }

  /**
   * Counts a socket of {@code person} from {@code network} in, or names the cap it would exceed
   * ({@link Refusals#SOCKETS_PER_PERSON}, {@link Refusals#SOCKETS_PER_ADDRESS}) and counts nothing.
   */
  synchronized Optional<String> open(String person, String network) {
    if (open.getOrDefault("a " + network, 0) >= perAddress) {
      return Optional.of(Refusals.SOCKETS_PER_ADDRESS);
    }
    if (open.getOrDefault("p " + person, 0) >= perPerson) {
      return Optional.of(Refusals.SOCKETS_PER_PERSON);
    }
    open.merge("a " + network, 1, Integer::sum);
    open.merge("p " + person, 1, Integer::sum);
    return Optional.empty();
  }

  /** A socket counted in by {@link #open} closed. */
  synchronized void close(String person, String network) {
    open.computeIfPresent("a " + network, (k, n) -> n <= 1 ? null : n - 1);
    open.computeIfPresent("p " + person, (k, n) -> n <= 1 ? null : n - 1);
  }
}
