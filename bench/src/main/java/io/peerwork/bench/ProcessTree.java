package io.peerwork.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server's CPU time and bytes written, summed over its whole process tree (the process and every
 * descendant: the Node.js peer forks workers), read from Linux's {@code /proc}.
 *
 * <p>CPU time per process is {@code utime + stime + cutime + cstime} from {@code /proc/<pid>/stat}:
 * the waited-for children's share keeps the sum steady when a worker exits and its parent reaps it
 * (its time moves from its own line to the parent's). Bytes written are {@code wchar} from
 * {@code /proc/<pid>/io}: every byte the processes handed to {@code write}/{@code writev}, which is
 * how both Netty (NIO) and libuv write to sockets, so for a server without a disk journal it is the
 * bytes it wrote to its sockets (plus its few log lines).
 */
final class ProcessTree {
  /** Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/stat}; 100 on every Linux ABI. */
  static final long NANOS_PER_TICK = 10_000_000L;

  private final Path proc;

  ProcessTree(Path proc) {
    this.proc = proc;
  }

  /** The tree under the real {@code /proc}. */
  static ProcessTree system() {
    return new ProcessTree(Path.of("/proc"));
  }

  /** One line of {@code /proc/<pid>/stat}: who the process is, its parent, and its CPU ticks. */
  record Stat(long pid, long ppid, long ticks) {

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may hold spaces and
     * parentheses itself, so the fields are counted from the last {@code ')'}: state is field 3,
     * ppid 4, utime 14, stime 15, cutime 16, cstime 17.
     */
    static Stat parse(String line) {
      int open = line.indexOf('(');
      int close = line.lastIndexOf(')');
      if (open < 0 || close < open || close + 2 > line.length()) {
        throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
      }
      long pid = Long.parseLong(line.substring(0, open).strip());
      String[] f = line.substring(close + 2).strip().split("\\s+");
      if (f.length < 15) {
        throw new IllegalArgumentException("too few fields in /proc/<pid>/stat line: " + line);
      }
      // f[0] is field 3 (state), so field n is f[n - 3].
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return new Stat(pid, Long.parseLong(f[1]), ticks);
    }
  }

  /** {@code root} and all its descendants among {@code all}; empty if {@code root} is not among them. */
  static List<Stat> tree(long root, Collection<Stat> all) {
    Map<Long, List<Stat>> children = new HashMap<>();
    Stat top = null;
    for (Stat s : all) {
      children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s);
      if (s.pid() == root) {
        top = s;
      }
    }
    var out = new ArrayList<Stat>();
    if (top == null) {
      return out;
    }
    var todo = new ArrayDeque<Stat>();
    todo.add(top);
    while (!todo.isEmpty()) {
      Stat s = todo.poll();
      out.add(s);
      todo.addAll(children.getOrDefault(s.pid(), List.of()));
    }
    return out;
  }

  /** The {@code wchar} line of a {@code /proc/<pid>/io} text; empty if it has none. */
  static Optional<Long> wchar(String io) {
    for (String line : io.split("\n")) {
      if (line.startsWith("wchar:")) {
        return Optional.of(Long.parseLong(line.substring("wchar:".length()).strip()));
      }
    }
    return Optional.empty();
  }

  /** What one look at the tree found. */
  record Reading(int processes, long cpuNanos, long writtenBytes) {
    /** Nothing found (no such process). */
    static final Reading NONE = new Reading(0, 0, -1);
  }

  /**
   * CPU time and bytes written of {@code root}'s tree right now; {@link Reading#NONE} if the
   * process is gone. {@code writtenBytes} is -1 if some process's {@code /proc/<pid>/io} could not
   * be read (another user's process without the rights to it).
   */
  Reading read(long root) {
    var all = new ArrayList<Stat>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path d : dirs) {
        try {
          all.add(Stat.parse(Files.readString(d.resolve("stat"))));
        } catch (IOException | RuntimeException e) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      return Reading.NONE;
    }
    List<Stat> tree = tree(root, all);
    if (tree.isEmpty()) {
      return Reading.NONE;
    }
    long cpu = 0;
    long written = 0;
    for (Stat s : tree) {
      cpu += s.ticks() * NANOS_PER_TICK;
      if (written >= 0) {
        try {
          Optional<Long> w = wchar(Files.readString(proc.resolve(Long.toString(s.pid())).resolve("io")));
          written = w.isPresent() ? written + w.get() : -1;
        } catch (IOException | RuntimeException e) {
          written = -1;
        }
      }
    }
    return new Reading(tree.size(), cpu, written);
  }
}
