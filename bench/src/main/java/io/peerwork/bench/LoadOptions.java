package io.peerwork.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one run of the {@link LoadGenerator} does.
 *
 * @param url the server's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param rooms how many sessions to create and fill
 * @param participantsPerRoom members per room, the first of them the host (who only listens)
 * @param rates commands per sending participant per second, one step of the run each, in order;
 *     a single 0 holds idle connections for {@code duration}
 * @param duration how long each step sends, warm-up included
 * @param warmup the first part of {@code duration} that is not measured
 * @param label a name for the run in the results
 * @param localAddresses source addresses the WebSockets are spread over (loopback has about
 *     28,000 ephemeral ports per source address)
 * @param eventLoops the generator's event loops; each owns whole rooms
 * @param setupConcurrency rooms being created and filled at once
 * @param drain how long to wait after the last send for every event to reach every member
 * @param compression whether to ask for permessage-deflate, as browsers do
 * @param serverPid the server's process id, to read its CPU time and (with {@code heap}) its heap;
 *     -1 if unknown
 * @param heap whether to measure the server's heap per connection (full GCs via {@code jcmd})
 * @param out a file to append the results' JSON lines to, or null
 * @param prewarm an unmeasured step before the first, at the first rate, to warm the server's JIT
 * @param stopP99 stop the sweep after a step whose p99 exceeds this many milliseconds
 * @param organizerKey the demo server's organizer key, sent when creating sessions; empty if none
 * @param repeat how many times each rate runs in a row; the result keeps the run with the lowest p99
 *     (on a shared machine the quieter one), and prints every run
 * @param urls the servers the members connect to: {@code url} alone, or the nodes of a cluster, over
 *     which room {@code r}'s member {@code i} goes to {@code urls[(r + i) % n]} (the HTTP API is
 *     asked at {@code url})
 */
public record LoadOptions(
    URI url,
    int rooms,
    int participantsPerRoom,
    List<Double> rates,
    Duration duration,
    Duration warmup,
    String label,
    List<String> localAddresses,
    int eventLoops,
    int setupConcurrency,
    Duration drain,
    boolean compression,
    long serverPid,
    boolean heap,
    String out,
    Duration prewarm,
    double stopP99,
    String organizerKey,
    int repeat,
    List<URI> urls) {

  /** Checks ranges. */
  public LoadOptions {
    Objects.requireNonNull(url, "url");
    if (rooms < 1 || participantsPerRoom < 2) {
      throw new IllegalArgumentException("need at least 1 room of at least 2 (a host and a participant)");
    }
    rates = List.copyOf(rates);
    if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 0 || r > 1000)) {
      throw new IllegalArgumentException("rates out of range: " + rates);
    }
    if (warmup.compareTo(duration) >= 0 && rates.get(0) > 0) {
      throw new IllegalArgumentException("the warm-up must be shorter than the duration");
    }
    localAddresses = List.copyOf(localAddresses);
    Objects.requireNonNull(organizerKey, "organizerKey");
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1: " + repeat);
    }
    if (localAddresses.isEmpty() || eventLoops < 1 || setupConcurrency < 1) {
      throw new IllegalArgumentException("need a local address, an event loop and a setup slot");
    }
    urls = urls.isEmpty() ? List.of(url) : List.copyOf(urls);
  }

  /** Options whose members all connect to {@code url}. */
  public LoadOptions(URI url, int rooms, int participantsPerRoom, List<Double> rates, Duration duration,
      Duration warmup, String label, List<String> localAddresses, int eventLoops, int setupConcurrency,
      Duration drain, boolean compression, long serverPid, boolean heap, String out, Duration prewarm,
      double stopP99, String organizerKey, int repeat) {
    this(url, rooms, participantsPerRoom, rates, duration, warmup, label, localAddresses, eventLoops,
        setupConcurrency, drain, compression, serverPid, heap, out, prewarm, stopP99, organizerKey, repeat, List.of());
  }

  /** Defaults for a short run against {@code url}. */
  public static LoadOptions defaults(String url) {
    return new LoadOptions(URI.create(url), 10, 20, List.of(1.0), Duration.ofSeconds(10), Duration.ofSeconds(3),
        "run", addresses(4), Math.max(1, Runtime.getRuntime().availableProcessors()), 32, Duration.ofSeconds(10),
        false, -1, false, null, Duration.ZERO, Double.MAX_VALUE, "", 1);
  }

  /** {@code 127.0.0.1} to {@code 127.0.0.n}. */
  static List<String> addresses(int n) {
    var list = new ArrayList<String>();
    for (int i = 1; i <= n; i++) {
      list.add("127.0.0." + i);
    }
    return list;
  }

  /** Connections this run holds. */
  public int connections() {
    return rooms * participantsPerRoom;
  }

  /** The first step's rate. */
  public double rate() {
    return rates.get(0);
  }

  /** A copy with another label and load. */
  public LoadOptions with(String newLabel, int newRooms, int perRoom, List<Double> newRates, Duration newDuration,
      Duration newWarmup) {
    return new LoadOptions(url, newRooms, perRoom, newRates, newDuration, newWarmup, newLabel,
        localAddresses, eventLoops, setupConcurrency, drain, compression, serverPid, heap, out, prewarm, stopP99,
        organizerKey, repeat, urls);
  }
}
