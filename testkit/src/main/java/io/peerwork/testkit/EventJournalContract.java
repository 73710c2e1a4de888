package io.peerwork.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Agenda;
import io.peerwork.core.AppendResult;
import io.peerwork.core.EventJournal;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.RequestId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link EventJournal} passes: extend this class in a test of your journal and
 * implement {@link #newJournal()}. Runs on JUnit Jupiter (plus one jqwik property, so the jqwik
 * engine should be on the test class path too).
 *
 * <pre>{@code
 * class MyJournalContractTest extends EventJournalContract {
 *   @Override
 *   protected EventJournal newJournal() {
 *     return new MyJournal(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks: append, read, version and sessions; that an append with the wrong expected
 * version returns a {@link AppendResult.Conflict} and writes nothing, not even part of a batch;
 * reads in version order without gaps from any version; sessions independent of each other; real
 * threads appending to one session with the same expected version (exactly one wins, nothing is
 * lost or duplicated, readers never see half an append); every event type and awkward text (such
 * as {@code "Grüße 👋"}) read back equal; an empty append only checks the version.
 *
 * <p>Journals that implement {@link AutoCloseable} are closed after each test (and after each try
 * of a property).
 */
public abstract class EventJournalContract {
  /** The instant the sample events carry. */
  protected static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");

  private static final SessionId A = SessionId.of("session-a");
  private static final SessionId B = SessionId.of("session-b");

  private final List<EventJournal> opened = Collections.synchronizedList(new ArrayList<>());

  /**
   * A new, empty journal: no session has an event. Called once per test, and once per try of a
   * property. It may share a database with journals made before, as long as it starts empty and
   * journals made before are not used again.
   */
  protected abstract EventJournal newJournal();

  /**
   * Called before every test and property (before {@link #newJournal()}). Does nothing by default; a journal that needs a
   * resource that may be missing (a database server) throws an assumption failure here, e.g. with
   * {@code Assumptions.assumeTrue(url != null, "... NOT tested ...")}, so every test is reported
   * as skipped rather than failed.
   */
  protected void assumeAvailable() {}

  /** One event of every {@link SessionEvent} type, with ids and texts that differ. */
  public static List<SessionEvent> oneOfEveryEventType() {
    ParticipantId ana = ParticipantId.of("ana");
    ParticipantId eva = ParticipantId.of("eva");
    var plan = new SessionPlan(SessionId.of("smk-2026-03-03"), "social-media-kitchen",
        "Social Media Kitchen, März", T0, ZoneId.of("Europe/Vienna"), 12,
        Agenda.of(Phase.of(PhaseKind.ARRIVAL, 10), Phase.of(PhaseKind.GOAL_ROUND, 15),
            Phase.of(PhaseKind.FOCUS_BLOCK, 50), Phase.of(PhaseKind.BREAK, 10),
            Phase.of(PhaseKind.EXPERT_INPUT, 20), Phase.of(PhaseKind.CLOSING_ROUND, 15)),
        "fair");
    List<SessionEvent> events = List.of(
        new SessionEvent.SessionScheduled(T0, plan),
        new SessionEvent.SessionOpened(T0.plusSeconds(1), Optional.of(ana)),
        new SessionEvent.SessionStarted(T0.plusSeconds(2), ana),
        new SessionEvent.PhaseAdvanced(T0.plusSeconds(3), 0, 1, Optional.empty()),
        new SessionEvent.PhaseExtended(T0.plusSeconds(4), 1, Duration.ofMinutes(5), ana),
        new SessionEvent.ParticipantJoined(T0.plusSeconds(5), eva, "Eva Müller-Lüdenscheidt", Role.EXPERT),
        new SessionEvent.ParticipantLeft(T0.plusSeconds(6), eva),
        new SessionEvent.GoalDeclared(T0.plusSeconds(7), GoalId.of("g1"), ana, 2, "Posts für März planen",
            Optional.of("plan-posts")),
        new SessionEvent.GoalEdited(T0.plusSeconds(8), GoalId.of("g1"), "Grüße 👋 an alle"),
        new SessionEvent.GoalMarked(T0.plusSeconds(9), GoalId.of("g1"), GoalStatus.PARTLY_DONE),
        new SessionEvent.GoalsCarriedOver(T0.plusSeconds(10), List.of(GoalId.of("g1"), GoalId.of("g2"))),
        new SessionEvent.HandRaised(T0.plusSeconds(11), RequestId.of("r1"), ana, "image-tools", "Canva?"),
        new SessionEvent.HandWithdrawn(T0.plusSeconds(12), RequestId.of("r1")),
        new SessionEvent.HelpClaimed(T0.plusSeconds(13), RequestId.of("r2"), eva),
        new SessionEvent.HelpReleased(T0.plusSeconds(14), RequestId.of("r2")),
        new SessionEvent.HelpFinished(T0.plusSeconds(15), RequestId.of("r2"), HelpOutcome.FOLLOW_UP),
        new SessionEvent.SessionEnded(T0.plusSeconds(16), Optional.empty()),
        new SessionEvent.SessionCancelled(T0.plusSeconds(17), ana, "Krankheit – sorry!"));
    return events;
  }

  /** A small event that carries {@code text}, to tell events apart. */
  protected static SessionEvent marker(String text) {
    return new GoalEdited(T0, GoalId.of("g1"), text);
  }

  private static List<SessionEvent> markers(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> marker(prefix + i)).collect(Collectors.toList());
  }

  private EventJournal journal() {
    EventJournal journal = newJournal();
    assertThat(journal).as("newJournal()").isNotNull();
    opened.add(journal);
    return journal;
  }

  @BeforeEach
  void checkAvailable() {
    assumeAvailable();
  }

  @AfterEach
  @AfterTry
  void closeJournals() throws Exception {
    List<EventJournal> toClose;
    synchronized (opened) {
      toClose = new ArrayList<>(opened);
      opened.clear();
    }
    for (EventJournal j : toClose) {
      if (j instanceof AutoCloseable c) {
        c.close();
      }
    }
  }

  private static List<RecordedEvent> recorded(SessionId session, long firstVersion, List<SessionEvent> events) {
    var out = new ArrayList<RecordedEvent>();
    long v = firstVersion;
    for (SessionEvent e : events) {
      out.add(new RecordedEvent(session, v++, e));
    }
    return out;
  }

  // ---------------------------------------------------------------- basics

  @Test
  void aNewJournalIsEmpty() {
    EventJournal journal = journal();
    assertThat(journal.version(A)).isZero();
    assertThat(journal.read(A, 0)).isEmpty();
    assertThat(journal.readAll(A)).isEmpty();
    assertThat(journal.sessions()).isEmpty();
  }

  @Test
  void theFirstAppendStartsAtVersionOne() {
    EventJournal journal = journal();
    List<SessionEvent> events = markers("e", 3);

    assertThat(journal.append(A, 0, events)).isEqualTo(new AppendResult.Appended(3));

    assertThat(journal.readAll(A)).containsExactlyElementsOf(recorded(A, 1, events));
    assertThat(journal.version(A)).isEqualTo(3);
    assertThat(journal.sessions()).containsExactly(A);
  }

  @Test
  void appendsContinueAtTheExpectedVersion() {
    EventJournal journal = journal();
    journal.append(A, 0, markers("first-", 2));

    assertThat(journal.append(A, 2, List.of(marker("third")))).isEqualTo(new AppendResult.Appended(3));
    assertThat(journal.append(A, 3, markers("later-", 4))).isEqualTo(new AppendResult.Appended(7));

    assertThat(journal.readAll(A)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(journal.readAll(A).get(2).event()).isEqualTo(marker("third"));
    assertThat(journal.version(A)).isEqualTo(7);
  }

  // ---------------------------------------------------------------- conflicts

  @Test
  void aStaleExpectedVersionConflictsAndWritesNothing() {
    EventJournal journal = journal();
    journal.append(A, 0, markers("e", 2));
    List<RecordedEvent> before = journal.readAll(A);

    assertThat(journal.append(A, 1, List.of(marker("late")))).isEqualTo(new AppendResult.Conflict(1, 2));
    assertThat(journal.append(A, 0, List.of(marker("late")))).isEqualTo(new AppendResult.Conflict(0, 2));

    assertThat(journal.readAll(A)).isEqualTo(before);
    assertThat(journal.version(A)).isEqualTo(2);
  }

  @Test
  void anExpectedVersionAheadOfTheStreamConflictsAndLeavesNoGap() {
    EventJournal journal = journal();
    journal.append(A, 0, markers("e", 2));

    assertThat(journal.append(A, 5, List.of(marker("too far")))).isEqualTo(new AppendResult.Conflict(5, 2));
    assertThat(journal.append(A, 3, List.of(marker("one too far")))).isEqualTo(new AppendResult.Conflict(3, 2));

    assertThat(journal.version(A)).isEqualTo(2);
    assertThat(journal.append(A, 2, List.of(marker("e3")))).isEqualTo(new AppendResult.Appended(3));
    assertThat(journal.readAll(A)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aConflictingAppendOfManyEventsWritesNoneOfThem() {
    EventJournal journal = journal();
    List<SessionEvent> first = markers("e", 3);
    journal.append(A, 0, first);

    // Its first events would land on free versions (4, 5, ...) if the journal checked row by row.
    assertThat(journal.append(A, 1, markers("stale-", 6))).isEqualTo(new AppendResult.Conflict(1, 3));
    assertThat(journal.append(A, 4, markers("ahead-", 6))).isEqualTo(new AppendResult.Conflict(4, 3));

    assertThat(journal.readAll(A)).containsExactlyElementsOf(recorded(A, 1, first));
  }

  @Test
  void aConflictOnAnEmptyStreamCreatesNoSession() {
    EventJournal journal = journal();

    assertThat(journal.append(A, 1, markers("e", 2))).isEqualTo(new AppendResult.Conflict(1, 0));

    assertThat(journal.version(A)).isZero();
    assertThat(journal.readAll(A)).isEmpty();
    assertThat(journal.sessions()).isEmpty();
  }

  // ---------------------------------------------------------------- empty appends

  @Test
  void anEmptyAppendOnlyChecksTheVersion() {
    EventJournal journal = journal();

    assertThat(journal.append(A, 0, List.of())).isEqualTo(new AppendResult.Appended(0));
    assertThat(journal.sessions()).as("an empty append creates no session").isEmpty();
    assertThat(journal.append(A, 1, List.of())).isEqualTo(new AppendResult.Conflict(1, 0));

    journal.append(A, 0, markers("e", 2));
    assertThat(journal.append(A, 2, List.of())).isEqualTo(new AppendResult.Appended(2));
    assertThat(journal.append(A, 1, List.of())).isEqualTo(new AppendResult.Conflict(1, 2));
    assertThat(journal.append(A, 3, List.of())).isEqualTo(new AppendResult.Conflict(3, 2));
    assertThat(journal.version(A)).isEqualTo(2);
  }

  // ---------------------------------------------------------------- reading

  @Test
  void readsInOrderWithoutGapsFromAnyVersion() {
    EventJournal journal = journal();
    var all = new ArrayList<SessionEvent>();
    int[] batches = {1, 3, 1, 5, 2};
    long v = 0;
    for (int size : batches) {
      List<SessionEvent> batch = markers("b" + v + "-", size);
      assertThat(journal.append(A, v, batch)).isEqualTo(new AppendResult.Appended(v + size));
      all.addAll(batch);
      v += size;
    }
    List<RecordedEvent> expected = recorded(A, 1, all);

    for (int after = 0; after <= all.size() + 2; after++) {
      int from = Math.min(after, all.size());
      assertThat(journal.read(A, after)).as("read after %d", after).isEqualTo(expected.subList(from, all.size()));
    }
    assertThat(journal.readAll(A)).isEqualTo(expected);
  }

  @Test
  void anUnknownSessionReadsEmpty() {
    EventJournal journal = journal();
    journal.append(A, 0, markers("e", 2));

    assertThat(journal.read(SessionId.of("nobody"), 0)).isEmpty();
    assertThat(journal.version(SessionId.of("nobody"))).isZero();
  }

  // ---------------------------------------------------------------- sessions

  @Test
  void sessionsDoNotInterfere() {
    EventJournal journal = journal();

    assertThat(journal.append(A, 0, markers("a", 2))).isEqualTo(new AppendResult.Appended(2));
    assertThat(journal.append(B, 0, markers("b", 1))).isEqualTo(new AppendResult.Appended(1));
    assertThat(journal.append(A, 2, markers("a-more-", 1))).isEqualTo(new AppendResult.Appended(3));
    assertThat(journal.append(B, 2, markers("b-wrong-", 1))).isEqualTo(new AppendResult.Conflict(2, 1));
    assertThat(journal.append(B, 1, markers("b-more-", 3))).isEqualTo(new AppendResult.Appended(4));

    assertThat(journal.version(A)).isEqualTo(3);
    assertThat(journal.version(B)).isEqualTo(4);
    assertThat(journal.readAll(A)).allSatisfy(r -> assertThat(r.session()).isEqualTo(A))
        .extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
    assertThat(journal.readAll(B)).allSatisfy(r -> assertThat(r.session()).isEqualTo(B))
        .extracting(RecordedEvent::event)
        .containsExactly(marker("b1"), marker("b-more-1"), marker("b-more-2"), marker("b-more-3"));
    assertThat(journal.sessions()).containsExactlyInAnyOrder(A, B);
  }

  @Test
  void sessionIdsAreMatchedExactly() {
    EventJournal journal = journal();
    // Ids that a careless LIKE, a case-insensitive collation or trimming would mix up.
    List<SessionId> ids = List.of(SessionId.of("room"), SessionId.of("Room"), SessionId.of("room1"),
        SessionId.of("room_"), SessionId.of("room-1"), SessionId.of("r.o.o.m"));
    for (int i = 0; i < ids.size(); i++) {
      assertThat(journal.append(ids.get(i), 0, markers(ids.get(i).value() + "#", i + 1)))
          .isEqualTo(new AppendResult.Appended(i + 1));
    }
    for (int i = 0; i < ids.size(); i++) {
      SessionId id = ids.get(i);
      assertThat(journal.version(id)).as(id.value()).isEqualTo(i + 1);
      assertThat(journal.readAll(id)).as(id.value()).containsExactlyElementsOf(recorded(id, 1, markers(id.value() + "#", i + 1)));
    }
    assertThat(journal.sessions()).containsExactlyInAnyOrderElementsOf(ids);
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void everyEventTypeReadsBackEqual() {
    EventJournal journal = journal();
    List<SessionEvent> events = oneOfEveryEventType();
    assertThat(events.stream().map(Object::getClass).distinct())
        .as("oneOfEveryEventType() covers every SessionEvent type")
        .hasSize(SessionEvent.class.getPermittedSubclasses().length);

    journal.append(A, 0, events);

    assertThat(journal.readAll(A)).containsExactlyElementsOf(recorded(A, 1, events));
  }

  @Test
  void textReadsBackUnchanged() {
    EventJournal journal = journal();
    List<String> texts = List.of(
        "Grüße 👋",
        "Ünïcödé: 日本語, Ελληνικά, עברית, مرحبا, 🧑‍🍳🏳️‍🌈",
        "quotes \" and ' and backslash \\ and slash /",
        "line\nbreak, tab\t, carriage\rreturn",
        "control \u0001 and nul \u0000 characters",
        "'; DROP TABLE events; --",
        "",
        "   spaces around   ",
        "x".repeat(20_000));
    List<SessionEvent> events = new ArrayList<>();
    for (String text : texts) {
      events.add(new GoalEdited(T0, GoalId.of("g1"), text));
    }
    events.add(new SessionEvent.ParticipantJoined(T0, ParticipantId.of("zoe"), "Zoë 👋", Role.HOST));
    events.add(new SessionEvent.HandRaised(T0, RequestId.of("r1"), ParticipantId.of("zoe"), "topic", "Grüße 👋"));

    journal.append(A, 0, events);

    assertThat(journal.readAll(A)).containsExactlyElementsOf(recorded(A, 1, events));
  }

  @Test
  void instantsKeepTheirPrecision() {
    EventJournal journal = journal();
    List<SessionEvent> events = List.of(
        new GoalEdited(Instant.parse("2026-03-03T08:00:00.123456789Z"), GoalId.of("g1"), "nanos"),
        new GoalEdited(Instant.parse("1999-12-31T23:59:59Z"), GoalId.of("g1"), "old"),
        new GoalEdited(Instant.parse("2100-01-01T00:00:00.000001Z"), GoalId.of("g1"), "micros"));

    journal.append(A, 0, events);

    assertThat(journal.readAll(A)).containsExactlyElementsOf(recorded(A, 1, events));
  }

  // ---------------------------------------------------------------- threads

  @Test
  void ofConcurrentAppendersWithTheSameExpectedVersionExactlyOneWins() throws Exception {
    EventJournal journal = journal();
    int threads = 6;
    int rounds = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long version = 0;
      var expected = new ArrayList<SessionEvent>();
      for (int round = 0; round < rounds; round++) {
        var barrier = new CyclicBarrier(threads);
        final long v = version;
        final int r = round;
        var futures = new ArrayList<Future<AppendResult>>();
        for (int t = 0; t < threads; t++) {
          final int thread = t;
          futures.add(pool.submit(() -> {
            barrier.await(30, TimeUnit.SECONDS);
            return journal.append(A, v, markers("round" + r + "-thread" + thread + "-", 2));
          }));
        }
        var results = new ArrayList<AppendResult>();
        for (Future<AppendResult> f : futures) {
          results.add(f.get(60, TimeUnit.SECONDS));
        }
        List<Integer> winners = IntStream.range(0, threads)
            .filter(t -> results.get(t) instanceof AppendResult.Appended).boxed().collect(Collectors.toList());
        assertThat(winners).as("winners of round %d: %s", round, results).hasSize(1);
        assertThat(results.get(winners.get(0))).isEqualTo(new AppendResult.Appended(v + 2));
        assertThat(results).filteredOn(res -> res instanceof AppendResult.Conflict)
            .as("losers of round %d", round)
            .hasSize(threads - 1)
            .allSatisfy(res -> assertThat(res).isEqualTo(new AppendResult.Conflict(v, v + 2)));
        expected.addAll(markers("round" + r + "-thread" + winners.get(0) + "-", 2));
        version = v + 2;
        assertThat(journal.version(A)).isEqualTo(version);
      }
      assertThat(journal.readAll(A)).containsExactlyElementsOf(recorded(A, 1, expected));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentAppendersThatRetryLoseAndDuplicateNothing() throws Exception {
    EventJournal journal = journal();
    int writers = 5;
    int appendsEach = 12;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    var stop = new AtomicBoolean();
    try {
      var barrier = new CyclicBarrier(writers);
      var futures = new ArrayList<Future<Integer>>();
      for (int w = 0; w < writers; w++) {
        final int writer = w;
        futures.add(pool.submit(() -> {
          barrier.await(30, TimeUnit.SECONDS);
          int conflicts = 0;
          for (int i = 0; i < appendsEach; i++) {
            // Each append is a pair, so a reader that sees half of one sees an odd count.
            List<SessionEvent> pair = List.of(marker("w" + writer + "-" + i + "-begin"), marker("w" + writer + "-" + i + "-end"));
            while (true) {
              long v = journal.version(A);
              AppendResult res = journal.append(A, v, pair);
              if (res instanceof AppendResult.Appended) {
                break;
              }
              conflicts++;
            }
          }
          return conflicts;
        }));
      }
      Future<Integer> reader = pool.submit(() -> {
        int reads = 0;
        while (!stop.get()) {
          List<RecordedEvent> seen = journal.readAll(A);
          assertGaplessPairs(seen);
          reads++;
        }
        return reads;
      });
      for (Future<Integer> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
      stop.set(true);
      reader.get(60, TimeUnit.SECONDS);

      List<RecordedEvent> all = journal.readAll(A);
      assertThat(all).hasSize(writers * appendsEach * 2);
      assertThat(journal.version(A)).isEqualTo(writers * appendsEach * 2L);
      assertGaplessPairs(all);
      Set<SessionEvent> distinct = new HashSet<>();
      for (RecordedEvent r : all) {
        assertThat(distinct.add(r.event())).as("duplicate %s", r).isTrue();
      }
      for (int w = 0; w < writers; w++) {
        final String prefix = "w" + w + "-";
        List<String> own = all.stream().map(r -> ((GoalEdited) r.event()).text())
            .filter(text -> text.startsWith(prefix)).collect(Collectors.toList());
        var expectedOwn = new ArrayList<String>();
        for (int i = 0; i < appendsEach; i++) {
          expectedOwn.add(prefix + i + "-begin");
          expectedOwn.add(prefix + i + "-end");
        }
        assertThat(own).as("writer %d's events, in its order", w).isEqualTo(expectedOwn);
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  private static void assertGaplessPairs(List<RecordedEvent> seen) {
    assertThat(seen.size() % 2).as("a reader saw half of an append: %s", seen).isZero();
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i).version()).isEqualTo(i + 1L);
      if (i % 2 == 1) {
        String begin = ((GoalEdited) seen.get(i - 1).event()).text();
        String end = ((GoalEdited) seen.get(i).event()).text();
        assertThat(end).isEqualTo(begin.replace("-begin", "-end"));
      }
    }
  }

  // ---------------------------------------------------------------- model-based property

  /** One append of a generated sequence: to which session, how far off the expected version is, what. */
  record Step(int session, int offset, List<SessionEvent> events) {
    @Override
    public String toString() {
      return "append(s" + session + ", version" + (offset == 0 ? "" : (offset > 0 ? "+" : "") + offset)
          + ", " + events.size() + " events)";
    }
  }

  /**
   * Any sequence of appends to a few sessions, with right and wrong expected versions, leaves the
   * journal exactly like a list per session: conflicts change nothing, reads from every version
   * return the tail.
   */
  @Property(tries = 25)
  void appendsBehaveLikeAListPerSession(@ForAll("steps") List<Step> steps) {
    EventJournal journal = journal();
    List<SessionId> ids = List.of(SessionId.of("p0"), SessionId.of("p1"), SessionId.of("p2"));
    Map<SessionId, List<SessionEvent>> model = new HashMap<>();
    ids.forEach(id -> model.put(id, new ArrayList<>()));

    for (Step step : steps) {
      SessionId id = ids.get(step.session());
      List<SessionEvent> stream = model.get(id);
      long expectedVersion = Math.max(0, stream.size() + step.offset());
      AppendResult result = journal.append(id, expectedVersion, step.events());
      if (expectedVersion == stream.size()) {
        stream.addAll(step.events());
        assertThat(result).as(step.toString()).isEqualTo(new AppendResult.Appended(stream.size()));
      } else {
        assertThat(result).as(step.toString()).isEqualTo(new AppendResult.Conflict(expectedVersion, stream.size()));
      }
    }

    for (SessionId id : ids) {
      List<SessionEvent> stream = model.get(id);
      assertThat(journal.version(id)).isEqualTo(stream.size());
      List<RecordedEvent> expected = recorded(id, 1, stream);
      for (int after = 0; after <= stream.size(); after++) {
        assertThat(journal.read(id, after)).isEqualTo(expected.subList(after, stream.size()));
      }
    }
    assertThat(journal.sessions()).containsExactlyInAnyOrderElementsOf(
        ids.stream().filter(id -> !model.get(id).isEmpty()).collect(Collectors.toList()));
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    // Here, not in a @BeforeProperty: jqwik reports an assumption failure from there as an error,
    // but one from making the arbitraries as a skip.
    assumeAvailable();
    Arbitrary<String> texts = Arbitraries.oneOf(
        Arbitraries.of("Grüße 👋", "", "\"q\"", "a\\b", "line\nbreak", "日本語"),
        Arbitraries.strings().alpha().numeric().ofMaxLength(12));
    Arbitrary<SessionEvent> events = Combinators.combine(texts, Arbitraries.integers().between(0, 3))
        .as((text, kind) -> switch (kind) {
          case 0 -> new GoalEdited(T0, GoalId.of("g1"), text);
          case 1 -> new SessionEvent.HandRaised(T0, RequestId.of("r1"), ParticipantId.of("ana"), "t", text);
          case 2 -> new SessionEvent.GoalDeclared(T0, GoalId.of("g2"), ParticipantId.of("bo"), 1, text, Optional.empty());
          default -> new SessionEvent.SessionCancelled(T0, ParticipantId.of("ana"), text);
        });
    Arbitrary<Integer> offsets = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-3, -1)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 3)));
    Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 2), offsets, events.list().ofMaxSize(4))
        .as(Step::new);
    return step.list().ofMaxSize(20);
  }
}
