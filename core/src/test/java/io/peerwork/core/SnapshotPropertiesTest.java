package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.ScheduleSession;
import io.peerwork.core.SessionPropertiesTest.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Snapshots are exact: for random command sequences run through a live session that saves a
 * snapshot every {@code interval} events, every snapshot's state and that state with the events
 * after it evolved on it equal the replay of the events ({@link SessionState#equals}); a session
 * loaded again (from its newest snapshot and the tail) equals the full replay; and every command
 * it had applied, sent again to the session loaded from a snapshot, is a duplicate with its first
 * version, never applied twice, whether its id is after the snapshot (in memory) or before it
 * (asked of the journal, or refused by it).
 */
class SnapshotPropertiesTest {

  @Provide
  Arbitrary<List<Step>> steps() {
    return SessionPropertiesTest.stepLists();
  }

  @StatisticsReport(onFailureOnly = true)
  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void aStateFromASnapshotAndItsTailEqualsTheReplay(
      @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 1, max = 20) int interval) {
    var journal = new SnapshotJournal(interval);
    LiveSession live = LiveSession.load(ENGINE, journal, SID);
    Instant now = T0.minus(Duration.ofMinutes(15));
    live.handle(new ScheduleSession(plan(3, "fcfs")), Optional.of(CommandId.of("host/0")), now);
    Map<CommandId, Command> commands = new LinkedHashMap<>();
    Map<CommandId, Long> versions = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      now = now.plus(Duration.ofMinutes(Math.max(0, step.minutes())));
      CommandId id = CommandId.of("person-" + step.who() + "/" + i);
      Command command = SessionPropertiesTest.command(step, live.state());
      LiveSession.Outcome out = live.handle(command, Optional.of(id), now);
      if (!out.recorded().isEmpty()) {
        commands.put(id, command);
        versions.put(id, out.version());
      }
      assertThat(SessionSnapshot.of(live.state()).state()).isEqualTo(live.state());
    }
    List<SessionEvent> events = journal.all(SID);
    SessionState replayed = ENGINE.replay(SID, events);
    assertThat(live.state()).isEqualTo(replayed);

    long previous = 0;
    for (SessionSnapshot s : journal.saved) {
      int v = (int) s.version();
      assertThat(v / interval).as("a snapshot only when a multiple of %d was passed", interval)
          .isGreaterThan((int) (previous / interval));
      previous = v;
      assertThat(s.state()).isEqualTo(ENGINE.replay(SID, events.subList(0, v)));
      assertThat(ENGINE.evolve(s.state(), events.subList(v, events.size()))).isEqualTo(replayed);
    }
    assertThat(events.size() / interval).as("no multiple passed without a snapshot").isEqualTo(previous / interval);

    journal.readsAfter.clear();
    LiveSession again = LiveSession.load(ENGINE, journal, SID);
    assertThat(again.state()).isEqualTo(replayed);
    assertThat(journal.readsAfter).containsExactly(journal.saved.isEmpty() ? 0L : previous);

    for (var e : commands.entrySet()) {
      LiveSession.Outcome out = again.handle(e.getValue(), Optional.of(e.getKey()), now);
      assertThat(out.duplicate()).as("%s sent again", e.getKey()).isTrue();
      assertThat(out.version()).isEqualTo(versions.get(e.getKey()));
    }
    assertThat(journal.version(SID)).as("nothing applied twice").isEqualTo(events.size());
    Statistics.label("loaded from a snapshot").collect(!journal.saved.isEmpty());
    Statistics.label("loaded from a snapshot").coverage(c -> c.check(true).percentage(p -> p > 50));
    Statistics.label("asked the journal for an id before the snapshot").collect(journal.commandLookups > 0);
    Statistics.label("asked the journal for an id before the snapshot")
        .coverage(c -> c.check(true).percentage(p -> p > 30));
  }
}
