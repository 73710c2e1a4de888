package io.peerwork.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one load run. Rates are per second over the measured window (after the warm-up);
 * latencies are from a command's scheduled send time to its event's arrival at the last member of
 * its room, in milliseconds.
 *
 * @param label the run's name
 * @param rooms rooms
 * @param participantsPerRoom members per room
 * @param rate commands per sending participant per second, as asked
 * @param connections WebSockets held open at the end of the run
 * @param setupSeconds time to create the rooms and connect everyone
 * @param measuredSeconds length of the measured window
 * @param commandsPerSecond commands sent
 * @param deliveriesPerSecond event frames received, all members together
 * @param framesPerSecond all frames received (events, views, acks...)
 * @param megabytesPerSecond payload received
 * @param p50 median latency, ms
 * @param p95 95th percentile, ms
 * @param p99 99th percentile, ms
 * @param max the largest latency, ms
 * @param samples commands whose latency was recorded
 * @param lost commands whose event had not reached every member when the step's drain ended (in
 *     the last step of a run: after the final drain, plus events missing at any connection's tail)
 * @param duplicated events a connection got twice (counted since the run began)
 * @param outOfOrder events that skipped ahead of an earlier one (a gap in the sequence; since the run began)
 * @param rejected commands the server rejected or refused, by code
 * @param disconnects connections that closed during the run
 * @param maxSendLagMs how late the generator itself sent, at worst (it saturated if large)
 * @param generatorCores the generator's CPU use in cores, over the measured window
 * @param serverCores the server's CPU use in cores (if its pid was given), else -1
 * @param machineCores the whole machine's busy cores (every process, the generator and server too)
 * @param heapPerConnectionBytes server heap per connection after full GCs, or -1 if not measured
 * @param cpuWindowSeconds the time between the two readings of the CPU counters, which the cores
 *     are averaged over (the measured window, give or take the milliseconds a reading takes)
 * @param serverBytesPerSecond bytes the server's processes wrote per second ({@code wchar} in
 *     {@code /proc}, sockets included), or -1 if unknown
 */
public record LoadResult(
    String label,
    int rooms,
    int participantsPerRoom,
    double rate,
    int connections,
    double setupSeconds,
    double measuredSeconds,
    double commandsPerSecond,
    double deliveriesPerSecond,
    double framesPerSecond,
    double megabytesPerSecond,
    double p50,
    double p95,
    double p99,
    double max,
    long samples,
    long lost,
    long duplicated,
    long outOfOrder,
    Map<String, Long> rejected,
    long disconnects,
    double maxSendLagMs,
    double generatorCores,
    double serverCores,
    double machineCores,
    double heapPerConnectionBytes,
    double cpuWindowSeconds,
    double serverBytesPerSecond) {

  /** Copies the map. */
  public LoadResult {
    rejected = Map.copyOf(rejected);
  }

  /** Whether every event reached every member exactly once and in order. */
  public boolean clean() {
    return lost == 0 && duplicated == 0 && outOfOrder == 0 && disconnects == 0;
  }

  /** The run in one JSON object (one line). */
  public String toJson() {
    var sb = new StringBuilder("{");
    field(sb, "label", label);
    field(sb, "rooms", rooms);
    field(sb, "participantsPerRoom", participantsPerRoom);
    field(sb, "rate", rate);
    field(sb, "connections", connections);
    field(sb, "setupSeconds", setupSeconds);
    field(sb, "measuredSeconds", measuredSeconds);
    field(sb, "commandsPerSecond", commandsPerSecond);
    field(sb, "deliveriesPerSecond", deliveriesPerSecond);
    field(sb, "framesPerSecond", framesPerSecond);
    field(sb, "megabytesPerSecond", megabytesPerSecond);
    field(sb, "p50", p50);
    field(sb, "p95", p95);
    field(sb, "p99", p99);
    field(sb, "max", max);
    field(sb, "samples", samples);
    field(sb, "lost", lost);
    field(sb, "duplicated", duplicated);
    field(sb, "outOfOrder", outOfOrder);
    sb.append("\"rejected\":{");
    boolean first = true;
    for (var e : new TreeMap<>(rejected).entrySet()) {
      sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
      first = false;
    }
    sb.append("},");
    field(sb, "disconnects", disconnects);
    field(sb, "maxSendLagMs", maxSendLagMs);
    field(sb, "generatorCores", generatorCores);
    field(sb, "serverCores", serverCores);
    field(sb, "machineCores", machineCores);
    field(sb, "heapPerConnectionBytes", heapPerConnectionBytes);
    field(sb, "cpuWindowSeconds", cpuWindowSeconds);
    field(sb, "serverBytesPerSecond", serverBytesPerSecond);
    field(sb, "serverCpuSecondsPer100k", serverCpuSecondsPer100k());
    field(sb, "clean", clean());
    sb.setLength(sb.length() - 1);
    return sb.append('}').toString();
  }

  private static void field(StringBuilder sb, String name, Object value) {
    sb.append('"').append(name).append("\":");
    if (value instanceof String s) {
      sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (value instanceof Double d) {
      sb.append(String.format(Locale.ROOT, "%.3f", d));
    } else {
      sb.append(value);
    }
    sb.append(',');
  }

  /** A copy with the counts taken after the run's final drain. */
  public LoadResult withFinalTally(long newLost, long newDuplicated, long newOutOfOrder, long newDisconnects,
      int newConnections) {
    return new LoadResult(label, rooms, participantsPerRoom, rate, newConnections, setupSeconds, measuredSeconds,
        commandsPerSecond, deliveriesPerSecond, framesPerSecond, megabytesPerSecond, p50, p95, p99, max, samples,
        newLost, newDuplicated, newOutOfOrder, rejected, newDisconnects, maxSendLagMs, generatorCores, serverCores,
        machineCores, heapPerConnectionBytes, cpuWindowSeconds, serverBytesPerSecond);
  }

  /** The server's CPU seconds per 100,000 deliveries in the measured window; -1 if unknown. */
  public double serverCpuSecondsPer100k() {
    return CpuWindow.cpuSecondsPer100k(serverCores, deliveriesPerSecond);
  }

  /** Appends this result's JSON line to {@code file}, unless it is null; this result. */
  public LoadResult appendTo(String file) {
    if (file != null) {
      append(file, toJson());
    }
    return this;
  }

  /** A few lines for people. */
  public String summary() {
    return String.format(Locale.ROOT, """
        %s: %d rooms x %d, %.2f commands/participant/s
          connections held      %d (set up in %.1f s)
          commands/s            %,.0f
          deliveries/s          %,.0f events  (%,.0f frames/s, %.1f MB/s)
          command -> last member p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms  (%d commands)
          lost %d  duplicated %d  out of order %d  disconnects %d  rejected %s
          generator CPU %.2f cores  server CPU %s  machine busy %.2f cores  max send lag %.1f ms
          server wrote %s%s""",
        label, rooms, participantsPerRoom, rate, connections, setupSeconds, commandsPerSecond,
        deliveriesPerSecond, framesPerSecond, megabytesPerSecond, p50, p95, p99, max, samples, lost, duplicated,
        outOfOrder, disconnects, rejected, generatorCores,
        serverCores < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f cores (%.2f CPU-s per 100,000 deliveries)",
            serverCores, serverCpuSecondsPer100k()), machineCores, maxSendLagMs,
        serverBytesPerSecond < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB/s", serverBytesPerSecond / 1e6),
        heapPerConnectionBytes < 0 ? "" : String.format(Locale.ROOT, "%n  server heap per connection %,.0f bytes",
            heapPerConnectionBytes));
  }

  /** Appends {@code json} to {@code file}. */
  static void append(String file, String json) {
    try {
      Files.writeString(Path.of(file), json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }
}
