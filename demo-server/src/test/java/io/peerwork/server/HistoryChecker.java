package io.peerwork.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks what {@link ChaosClient}s saw against the journal in PostgreSQL, in the style of Jepsen's
 * set checker: the history (commands sent, answers, event frames per connection) and the final
 * state (the rows of {@code peerwork_event}) must agree.
 *
 * <ol>
 *   <li>a. Every acked command is in the journal exactly once, at the {@code seq} of its ack; no
 *       rejected command is; every command was answered for good.
 *   <li>b. Each connection's event frames after its snapshot or resume point are gap-free and
 *       strictly increasing; a later snapshot on the same connection may skip ahead, never back.
 *   <li>c. No (session, version) is written twice, and each session's versions are 1..N.
 *   <li>d. Everyone saw the same event at each seq, and it is the journal's event at that version.
 * </ol>
 */
final class HistoryChecker {
  /** What the checker found: counts, and each violation in words (empty: the history is fine). */
  record Report(Map<String, Long> counts, List<String> violations) {
    boolean ok() {
      return violations.isEmpty();
    }

    @Override
    public String toString() {
      var b = new StringBuilder("counts ").append(counts);
      b.append("\n").append(violations.size()).append(" violation(s)");
      violations.stream().limit(40).forEach(v -> b.append("\n  ").append(v));
      if (violations.size() > 40) {
        b.append("\n  ...");
      }
      return b.toString();
    }
  }

  private record Row(String session, long version, String commandId, JsonNode payload) {}

  private HistoryChecker() {}

  static Report check(String dbUrl, List<ChaosClient> clients) throws Exception {
    var counts = new TreeMap<String, Long>();
    var violations = new ArrayList<String>();
    List<Row> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(dbUrl); var s = c.createStatement()) {
      try (ResultSet r = s.executeQuery(
          "SELECT session_id, version, command_id, payload FROM peerwork_event ORDER BY session_id, version")) {
        while (r.next()) {
          rows.add(new Row(r.getString(1), r.getLong(2), r.getString(3), TestServer.JSON.readTree(r.getString(4))));
        }
      }
      // c. no (session, version) twice, in the table itself.
      try (ResultSet r = s.executeQuery(
          "SELECT count(*), count(DISTINCT (session_id, version)) FROM peerwork_event")) {
        r.next();
        if (r.getLong(1) != r.getLong(2)) {
          violations.add("c: " + r.getLong(1) + " rows but " + r.getLong(2) + " distinct (session, version)");
        }
      }
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM peerwork_stream_owner WHERE stream_kind = 'session'")) {
        r.next();
        counts.put("owner rows", r.getLong(1));
      }
      try (ResultSet r = s.executeQuery("SELECT coalesce(sum(epoch), 0) FROM peerwork_stream_owner WHERE stream_kind = 'session'")) {
        r.next();
        counts.put("owner epochs (takes)", r.getLong(1));
      }
    }
    counts.put("journal rows", (long) rows.size());

    // c. versions 1..N per session; the journal by (session, version) and by (session, command id).
    var journal = new HashMap<String, Map<Long, JsonNode>>();
    var byCommand = new HashMap<String, List<Long>>();
    for (Row row : rows) {
      journal.computeIfAbsent(row.session(), k -> new HashMap<>()).put(row.version(), row.payload());
      if (row.commandId() != null) {
        byCommand.computeIfAbsent(row.session() + " " + row.commandId(), k -> new ArrayList<>()).add(row.version());
      }
    }
    journal.forEach((session, versions) -> {
      long n = versions.size();
      for (long v = 1; v <= n; v++) {
        if (!versions.containsKey(v)) {
          violations.add("c: session " + session + " has " + n + " events but no version " + v);
          break;
        }
      }
    });

    long sent = 0;
    long acked = 0;
    long rejected = 0;
    long sends = 0;
    long connections = 0;
    long eventFrames = 0;
    // d. seq -> the event, per session, as first delivered (and by whom).
    var delivered = new HashMap<String, Map<Long, JsonNode>>();
    var firstBy = new HashMap<String, String>();
    for (ChaosClient client : clients) {
      violations.addAll(client.violations());
      for (ChaosClient.Command cmd : client.commands().values()) {
        sent++;
        sends += cmd.sends;
        String key = client.sessionId + " " + client.participantId + "/" + cmd.id;
        List<Long> stored = byCommand.getOrDefault(key, List.of());
        if (cmd.outcome == null) {
          violations.add("a: " + client.name + "'s " + cmd.id + " was never answered (" + cmd.sends + " sends)");
        } else if (cmd.outcome.equals("ack")) {
          acked++;
          if (stored.size() != 1) {
            violations.add("a: " + client.name + "'s " + cmd.id + " acked at " + cmd.seq + " is in the journal "
                + stored.size() + " time(s)");
          } else if (stored.get(0) != cmd.seq) {
            violations.add("a: " + client.name + "'s " + cmd.id + " acked at " + cmd.seq + " is in the journal at "
                + stored.get(0));
          }
        } else {
          if (cmd.outcome.equals("rejected")) {
            rejected++;
            counts.merge("rejected " + cmd.code, 1L, Long::sum);
          } else {
            violations.add("a: " + client.name + "'s " + cmd.id + " answered " + cmd.outcome + " " + cmd.code);
          }
          if (!stored.isEmpty()) {
            violations.add("a: " + client.name + "'s " + cmd.id + " answered " + cmd.outcome + " " + cmd.code
                + " but is in the journal at " + stored);
          }
        }
      }
      Map<Long, JsonNode> seen = delivered.computeIfAbsent(client.sessionId, k -> new HashMap<>());
      Map<Long, JsonNode> stored = journal.getOrDefault(client.sessionId, Map.of());
      for (ChaosClient.Conn conn : client.connections()) {
        connections++;
        if (conn.closeCode >= 0) {
          counts.merge("closed " + conn.closeCode, 1L, Long::sum);
        }
        long expected = conn.base + 1;
        for (JsonNode f : conn.events) {
          long seq = f.path("seq").asLong();
          if (f.path("type").asText().equals("snapshot")) {
            // A catch-up answered with a snapshot: it may skip ahead, never go back.
            if (seq < expected - 1) {
              violations.add("b: " + client.name + " connection " + conn.number + " (port " + conn.port
                  + ") got a snapshot at " + seq + " after event " + (expected - 1));
              break;
            }
            counts.merge("later snapshots", 1L, Long::sum);
            expected = seq + 1;
            continue;
          }
          eventFrames++;
          if (conn.base < 0) {
            violations.add("b: " + client.name + " connection " + conn.number + " got event " + seq
                + " before a snapshot or a resume point");
            break;
          }
          if (seq != expected) {
            violations.add("b: " + client.name + " connection " + conn.number + " (port " + conn.port + ", since "
                + conn.since + ") got event " + seq + " where " + expected + " was due");
            break;
          }
          expected++;
          JsonNode event = f.path("event");
          JsonNode before = seen.putIfAbsent(seq, event);
          String who = client.sessionId + " " + seq;
          firstBy.putIfAbsent(who, client.name);
          if (before != null && !before.equals(event)) {
            violations.add("d: " + client.name + " saw " + event + " at " + who + ", " + firstBy.get(who) + " saw "
                + before);
          }
          JsonNode row = stored.get(seq);
          if (row == null) {
            violations.add("d: " + client.name + " saw " + event + " at " + who + ", which is not in the journal");
          } else if (!row.equals(event)) {
            violations.add("d: " + client.name + " saw " + event + " at " + who + ", the journal has " + row);
          }
        }
        violations.addAll(conn.problems);
      }
    }
    counts.put("commands", sent);
    counts.put("sends (with resends)", sends);
    counts.put("acked", acked);
    counts.put("rejected", rejected);
    counts.put("connections", connections);
    counts.put("event frames checked", eventFrames);
    counts.put("sessions", (long) journal.size());
    return new Report(counts, violations);
  }
}
