package io.peerwork.jdbc;

import io.peerwork.core.AppendResult;
import io.peerwork.core.GoalId;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import java.time.Instant;
import java.util.List;

/**
 * Appends events one by one, prints {@code appended N} after each append returns, then halts the
 * JVM without shutting anything down, as a crash would. Used by {@link CrashDurabilityTest}.
 * Arguments: JDBC URL, number of appends.
 */
public final class CrashingAppender {
  static final SessionId SESSION = SessionId.of("crash");

  private CrashingAppender() {}

  static GoalEdited event(long version) {
    return new GoalEdited(Instant.parse("2026-03-03T08:00:00Z"), GoalId.of("g1"), "event " + version);
  }

  public static void main(String[] args) {
    String url = args[0];
    int count = Integer.parseInt(args[1]);
    var journal = JdbcEventJournal.builder(url).open();
    for (long v = 0; v < count; v++) {
      AppendResult result = journal.append(SESSION, v, List.of(event(v + 1)));
      if (!(result instanceof AppendResult.Appended)) {
        System.out.println("unexpected " + result);
        Runtime.getRuntime().halt(2);
      }
      System.out.println("appended " + (v + 1));
      System.out.flush();
    }
    Runtime.getRuntime().halt(3); // no shutdown hooks, no close: the database is left as a crash leaves it
  }
}
