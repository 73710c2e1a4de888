package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.ScheduleSession;
import io.peerwork.core.SessionPropertiesTest.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Clients that retry: any sequence of commands, each sent 1 to 3 times with the same {@link
 * CommandId}, through a journal that fails at random points (before storing anything, or after
 * storing, or with nothing stored but the outcome unknown to the caller), ends with each command
 * applied at most once, and every command {@link LiveSession#handle} answered as accepted or as
 * a duplicate is in the journal at the version it answered.
 */
class IdempotentCommandsPropertiesTest {

  /** What the flaky journal does with one call. */
  enum Fault {
    /** Passes the call on. */
    NONE,
    /** Throws {@link JournalException.StorageUnavailable} and stores nothing. */
    UNAVAILABLE,
    /** Stores the append, then throws {@link JournalException.OutcomeUnknown} (the answer is lost). */
    STORED_THEN_UNKNOWN,
    /** Stores nothing and throws {@link JournalException.OutcomeUnknown} (a commit that failed). */
    LOST_THEN_UNKNOWN
  }

  /**
   * A journal that fails when its faults say so: each append and each read takes the next fault;
   * once they are used up, the outage is over and every call goes through.
   */
  static final class FlakyJournal implements EventJournal {
    final InMemoryEventJournal real = new InMemoryEventJournal();
    private final List<Fault> faults;
    private int next;
    int duplicatesAnswered;

    FlakyJournal(List<Fault> faults) {
      this.faults = faults;
    }

    private Fault nextFault() {
      return next < faults.size() ? faults.get(next++) : Fault.NONE;
    }

    @Override
    public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events,
        Optional<CommandId> command) {
      switch (nextFault()) {
        case UNAVAILABLE -> throw new JournalException.StorageUnavailable("no connection (test)", null);
        case LOST_THEN_UNKNOWN -> throw new JournalException.OutcomeUnknown("commit failed (test)", null);
        case STORED_THEN_UNKNOWN -> {
          real.append(session, expectedVersion, events, command);
          throw new JournalException.OutcomeUnknown("committed, answer lost (test)", null);
        }
        default -> {
          AppendResult r = real.append(session, expectedVersion, events, command);
          if (r instanceof AppendResult.Duplicate) {
            duplicatesAnswered++;
          }
          return r;
        }
      }
    }

    @Override
    public List<RecordedEvent> read(SessionId session, long afterVersion) {
      // Reads fail too, but only "unavailable": a read has no outcome to be unsure of.
      if (nextFault() == Fault.UNAVAILABLE) {
        throw new JournalException.StorageUnavailable("no connection for a read (test)", null);
      }
      return real.read(session, afterVersion);
    }

    @Override
    public long version(SessionId session) {
      return real.version(session);
    }

    @Override
    public List<SessionId> sessions() {
      return real.sessions();
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    return SessionPropertiesTest.stepLists();
  }

  @Provide
  Arbitrary<List<Fault>> faults() {
    return Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(Fault.NONE)),
            Tuple.of(2, Arbitraries.just(Fault.UNAVAILABLE)),
            Tuple.of(2, Arbitraries.just(Fault.STORED_THEN_UNKNOWN)),
            Tuple.of(1, Arbitraries.just(Fault.LOST_THEN_UNKNOWN)))
        .list().ofMaxSize(500);
  }

  @StatisticsReport(onFailureOnly = true)
  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void everyCommandIsAppliedAtMostOnceAndEveryAnswerIsInTheJournal(
      @ForAll("steps") List<Step> steps, @ForAll("faults") List<Fault> faults) {
    var journal = new FlakyJournal(faults);
    LiveSession live = retrying(() -> LiveSession.load(ENGINE, journal, SID));
    Instant start = T0.minus(Duration.ofMinutes(15));
    retrying(() -> live.handle(new ScheduleSession(plan(3, "fcfs")), start));

    /* For each command id: the version its accepted answer named, if any answer was accepted. */
    Map<CommandId, Long> answered = new HashMap<>();
    /* Every outcome that names a version in the journal: the id, the version, the events (if accepted). */
    List<Object[]> toCheck = new ArrayList<>();
    boolean retryFoundStored = false;
    Instant now = start;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      now = now.plus(Duration.ofMinutes(Math.max(0, step.minutes())));
      CommandId id = CommandId.of("person-" + step.who() + "/" + i);
      Command command = SessionPropertiesTest.command(step, live.state());
      int sends = 1 + Math.floorMod(step.number() + step.target(), 3);
      boolean failedBefore = false;
      for (int send = 0; send < sends; send++) {
        LiveSession.Outcome out;
        try {
          out = live.handle(command, Optional.of(id), now);
        } catch (JournalException.StorageUnavailable e) {
          // "Not applied" must be true: the journal does not hold this id.
          assertThat(journal.real.readAll(SID)).as("StorageUnavailable for %s, which is stored", id)
              .noneMatch(r -> r.commandId().equals(Optional.of(id)));
          failedBefore = true;
          continue; // the client sends the same command with the same id again
        } catch (JournalException.OutcomeUnknown e) {
          failedBefore = true;
          continue; // the client does not know; it sends the same command with the same id again
        }
        if (out.duplicate()) {
          assertThat(out.recorded()).isEmpty();
          if (answered.containsKey(id)) {
            assertThat(out.version()).as("a duplicate of %s names the first answer's version", id)
                .isEqualTo(answered.get(id));
          }
          retryFoundStored |= failedBefore && !answered.containsKey(id);
          answered.putIfAbsent(id, out.version());
          toCheck.add(new Object[] {id, out.version(), List.of()});
        } else if (out.decision().isAccepted() && !out.recorded().isEmpty()) {
          assertThat(answered).as("%s was applied already, and then applied again", id).doesNotContainKey(id);
          answered.put(id, out.version());
          assertThat(out.recorded().get(out.recorded().size() - 1).version()).isEqualTo(out.version());
          toCheck.add(new Object[] {id, out.version(), out.recorded()});
        } else {
          assertThat(out.version()).isEqualTo(live.state().version());
        }
      }
    }

    List<RecordedEvent> stored = journal.real.readAll(SID);
    // Each command id at most once in the journal.
    Map<CommandId, Long> inJournal = new HashMap<>();
    for (RecordedEvent r : stored) {
      r.commandId().ifPresent(id -> assertThat(inJournal.put(id, r.version())).as("%s stored twice", id).isNull());
    }
    // Every accepted or duplicate answer is in the journal at the version it named, with its events.
    for (Object[] check : toCheck) {
      CommandId id = (CommandId) check[0];
      long version = (Long) check[1];
      assertThat(inJournal.get(id)).as("%s answered at version %d", id, version).isEqualTo(version);
      @SuppressWarnings("unchecked")
      List<RecordedEvent> recorded = (List<RecordedEvent>) check[2];
      for (RecordedEvent r : recorded) {
        assertThat(stored.get((int) r.version() - 1)).isEqualTo(r);
      }
    }
    // With one writer, the live session knows every applied id itself: the journal's own check
    // (its unique index) is only the safety net for two writers.
    assertThat(journal.duplicatesAnswered).isZero();
    // And its state is the journal's, once it has caught up.
    retrying(() -> {
      live.catchUp();
      return live;
    });
    assertThat(live.state()).isEqualTo(ENGINE.replay(SID, stored.stream().map(RecordedEvent::event).toList()));

    Statistics.label("a retry found its command stored after an unknown outcome").collect(retryFoundStored);
    Statistics.label("a retry found its command stored after an unknown outcome")
        .coverage(c -> c.check(true).percentage(p -> p > 10)); // about a quarter of runs; the bound only proves it happens
  }

  /** Calls {@code call} until the flaky journal lets it through. */
  private static <T> T retrying(Supplier<T> call) {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.get();
      } catch (JournalException.StorageUnavailable | JournalException.OutcomeUnknown e) {
        if (attempt > 1000) {
          throw new AssertionError("the journal never let the call through", e);
        }
      }
    }
  }
}
