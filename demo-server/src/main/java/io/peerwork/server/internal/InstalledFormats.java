package io.peerwork.server.internal;

import io.peerwork.core.EventJournal;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.JournalException;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.guice.FormatPlugins;
import io.peerwork.server.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The server's formats at start: those of its class path and of its plugins folder ({@link
 * FormatPlugins}), told in the start log with where each came from; and the stored sessions whose
 * format is not among them.
 */
public final class InstalledFormats {
  private static final Logger LOG = Logger.getLogger(InstalledFormats.class.getName());
  /** Up to this many stored sessions of missing formats are named in the warning. */
  static final int NAMED_SESSIONS = 10;

  private InstalledFormats() {}

  /**
   * Loads the formats of {@code loader}'s class path and of the plugins folder of {@code settings},
   * logging one line that lists them (INFO) and one line per broken jar (WARNING), which is left out.
   *
   * @throws IllegalStateException with the broken jars' lines, in one line, if {@code settings} are
   *     strict and a jar is broken (nothing is logged then, and no jar stays open)
   */
  public static FormatPlugins load(ServerConfig.Plugins settings, ClassLoader loader) {
    FormatPlugins found = FormatPlugins.load(loader, settings.dir());
    if (settings.strict() && !found.problems().isEmpty()) {
      found.close();
      throw new IllegalStateException(String.join("; ", found.problems().stream().map(FormatPlugins.Problem::line)
          .toList()) + " (--strict-plugins: the server does not start with a broken plugin)");
    }
    for (FormatPlugins.Problem p : found.problems()) {
      LOG.warning("plugin left out: " + p.line());
    }
    LOG.info(found.summary());
    return found;
  }

  /**
   * The stored sessions of {@code journal} whose format {@code formats} lacks, by format id; logs one
   * WARNING with their count and the format ids (and the sessions' ids if few) when there are any.
   * Reads each stored session's first event; a session that cannot be read is left to its room.
   */
  public static Map<String, List<SessionId>> warnMissing(EventJournal journal, FormatRegistry formats) {
    var missing = new TreeMap<String, List<SessionId>>();
    for (SessionId id : journal.sessions()) {
      try {
        List<RecordedEvent> events = journal.read(id, 0);
        if (!events.isEmpty() && events.get(0).event() instanceof SessionEvent.SessionScheduled s
            && formats.find(s.plan().formatId()).isEmpty()) {
          missing.computeIfAbsent(s.plan().formatId(), k -> new ArrayList<>()).add(id);
        }
      } catch (JournalException e) {
        // its room says so when it is asked for
      }
    }
    if (!missing.isEmpty()) {
      LOG.warning(missingLine(missing));
    }
    return missing;
  }

  /** The warning about stored sessions whose format is missing. */
  static String missingLine(Map<String, List<SessionId>> missing) {
    int count = missing.values().stream().mapToInt(List::size).sum();
    var line = new StringBuilder();
    line.append(count).append(count == 1 ? " stored session has a format" : " stored sessions have a format")
        .append(" that is not installed: ").append(String.join(", ", missing.keySet()));
    if (count <= NAMED_SESSIONS) {
      line.append(" (sessions ").append(String.join(", ", missing.values().stream().flatMap(List::stream)
          .map(SessionId::value).sorted().toList())).append(")");
    }
    line.append(". They cannot be joined (FORMAT_MISSING) until the format's jar is back in the plugins folder"
        + " and the server restarted.");
    return line.toString();
  }
}
