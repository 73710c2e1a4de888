package io.peerwork.core.series;

import static io.peerwork.core.series.SeriesFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.Erasure;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Erasing one person from a series ({@link Erasure#series}): their address, name and goal texts
 * are in no event and no projection any more; their seats, routines and outcomes still count under a
 * pseudonym; everyone else's data is unchanged. And the in-memory journal stores the result in place.
 */
class SeriesErasureTest {
  static final TopicFormat FORMAT = io.peerwork.core.FixturesAccess.format();
  static final Instant JAN = Instant.parse("2027-01-01T10:00:00Z");
  static final LocalDate FEB = LocalDate.of(2027, 2, 2);
  static final String PSEUDONYM = Erasure.pseudonym("k3x9q2m7w4r8");

  private static SeriesFixtures.Run aMonthWithAnaAndBen() {
    String task = FORMAT.tasks().get(0).id();
    return new SeriesFixtures.Run(FORMAT, JAN)
        .ok(new SeriesCommand.CreateSeries(plan(FORMAT, 10)))
        .ok(new SeriesCommand.Register(FEB, "Ana Beispiel", "Ana.Beispiel@Example.at", "de", Optional.empty()))
        .ok(new SeriesCommand.Register(FEB, "Ben", "ben@example.at", "en", Optional.empty()))
        .ok(new SeriesCommand.ChooseRoutine("ana.beispiel@example.at", task, Cadence.MONTHLY))
        .at(Instant.parse("2027-02-02T08:10:00Z"))
        .ok(new SeriesCommand.CheckIn(FEB, "ana.beispiel@example.at"))
        .ok(new SeriesCommand.CheckIn(FEB, "ben@example.at"))
        .ok(new SeriesCommand.RecordOutcomes(FEB, "ana.beispiel@example.at", List.of(
            new GoalOutcome("Newsletter an Kundin Huber schreiben", Optional.of(task), GoalStatus.PARTLY_DONE)),
            new HelpTally(1, 0)))
        .ok(new SeriesCommand.RecordOutcomes(FEB, "ben@example.at", List.of(
            new GoalOutcome("Impressum", Optional.empty(), GoalStatus.DONE)), new HelpTally(0, 1)));
  }

  @Test
  void theirAddressNameAndTextsAreGoneAndEverythingElseCountsTheSame() {
    SeriesFixtures.Run run = aMonthWithAnaAndBen();
    List<SeriesEvent> erased = Erasure.series(run.events, "ANA.beispiel@example.AT", PSEUDONYM);
    SeriesState before = run.state;
    SeriesState after = replay(run.engine, erased);

    assertThat(erased).hasSameSizeAs(run.events);
    assertThat(erased.toString()).doesNotContainIgnoringCase("ana.beispiel").doesNotContain("Ana Beispiel")
        .doesNotContain("Kundin Huber");
    assertThat(after.toString()).doesNotContainIgnoringCase("ana.beispiel").doesNotContain("Ana Beispiel")
        .doesNotContain("Kundin Huber");
    // Their seat, routine and outcome still count, under the pseudonym.
    assertThat(after.seated(FEB)).hasSameSizeAs(before.seated(FEB));
    assertThat(after.seated(FEB)).filteredOn(s -> s.email().equals(PSEUDONYM)).singleElement()
        .satisfies(s -> assertThat(s.name()).isEqualTo(Erasure.ERASED));
    // Ben's data is untouched.
    assertThat(erased).filteredOn(e -> e.toString().contains("ben@example.at"))
        .containsExactlyElementsOf(run.events.stream().filter(e -> e.toString().contains("ben@example.at")).toList());
    assertThat(after.seated(FEB)).filteredOn(s -> s.email().equals("ben@example.at"))
        .containsExactlyElementsOf(before.seated(FEB).stream().filter(s -> s.email().equals("ben@example.at")).toList());
    // Erasing again changes nothing more.
    assertThat(Erasure.series(erased, "ana.beispiel@example.at", PSEUDONYM)).isEqualTo(erased);
  }

  @Test
  void theInMemoryJournalStoresTheErasureInPlaceAndRefusesAnotherShape() {
    SeriesFixtures.Run run = aMonthWithAnaAndBen();
    var journal = new InMemorySeriesJournal();
    journal.append(SeriesFixtures.ID, 0, run.events);
    SeriesEventRewriter rewriter = journal.rewriter().orElseThrow();

    assertThatThrownBy(() -> rewriter.rewrite(SeriesFixtures.ID, events -> events.subList(1, events.size())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep every event");
    assertThat(journal.read(SeriesFixtures.ID, 0)).extracting(RecordedSeriesEvent::event)
        .containsExactlyElementsOf(run.events);

    int changed = rewriter.rewrite(SeriesFixtures.ID,
        events -> Erasure.series(events, "ana.beispiel@example.at", PSEUDONYM));
    assertThat(changed).as("every event of Ana's, and no other")
        .isEqualTo(run.events.stream().filter(e -> e.toString().toLowerCase().contains("ana.beispiel")).count())
        .isEqualTo(5); // registered, routine, checked in, outcomes, helps
    List<RecordedSeriesEvent> stored = journal.read(SeriesFixtures.ID, 0);
    assertThat(stored).extracting(RecordedSeriesEvent::version)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, run.events.size()).boxed().toList());
    assertThat(stored.toString()).doesNotContainIgnoringCase("ana.beispiel").doesNotContain("Ana Beispiel");
    assertThat(journal.version(SeriesFixtures.ID)).isEqualTo(run.events.size());
  }

  @Test
  void theirBuddyEventsNameThePseudonymAndTheBuddyKeepsThePair() {
    SeriesFixtures.Run run = new SeriesFixtures.Run(FORMAT, JAN)
        .ok(new SeriesCommand.CreateSeries(plan(FORMAT, 10)))
        .ok(new SeriesCommand.Register(FEB, "Ana Beispiel", "Ana.Beispiel@Example.at", "de", Optional.empty()))
        .ok(new SeriesCommand.Register(FEB, "Ben", "ben@example.at", "en", Optional.empty()))
        .ok(new SeriesCommand.Register(FEB, "Cem", "cem@example.at", "de", Optional.empty()))
        .ok(new SeriesCommand.LookForBuddy(FEB, "ben@example.at"))
        .ok(new SeriesCommand.PairBuddies(FEB, "ana.beispiel@example.at", "ben@example.at"))
        .ok(new SeriesCommand.LookForBuddy(FEB, "cem@example.at"))
        .at(Instant.parse("2027-02-17T10:00:00Z"))
        .ok(new SeriesCommand.RecordBuddyMail(FEB, "ana.beispiel@example.at"))
        .ok(new SeriesCommand.BuddyCheckIn(FEB, "ana.beispiel@example.at", BuddyMood.STUCK))
        .ok(new SeriesCommand.LeaveBuddy(FEB, "ana.beispiel@example.at"))
        .ok(new SeriesCommand.LookForBuddy(FEB, "ana.beispiel@example.at"));
    SeriesFixtures.Run paired = new SeriesFixtures.Run(FORMAT, JAN);
    for (SeriesEvent e : run.events.subList(0, 9)) {
      paired.state = paired.engine.evolve(paired.state, e);
    }
    List<SeriesEvent> erased = Erasure.series(run.events, "ana.beispiel@example.at", PSEUDONYM);

    assertThat(erased.toString()).doesNotContainIgnoringCase("ana.beispiel");
    assertThat(erased).hasAtLeastOneElementOfType(SeriesEvent.BuddiesPaired.class)
        .filteredOn(e -> e instanceof SeriesEvent.BuddiesPaired).singleElement()
        .isEqualTo(new SeriesEvent.BuddiesPaired(((SeriesEvent.BuddiesPaired) run.events.get(5)).at(), FEB,
            PSEUDONYM, "ben@example.at"));
    assertThat(erased.stream().filter(e -> e.toString().contains(PSEUDONYM)).count()).isEqualTo(6);
    SeriesState after = replay(run.engine, erased);
    assertThat(after.lookingForBuddy(FEB)).containsExactly("cem@example.at", PSEUDONYM);
    SeriesState pairedAfter = replay(run.engine, erased.subList(0, 9));
    assertThat(pairedAfter.buddy(FEB, "ben@example.at")).contains(PSEUDONYM);
    assertThat(pairedAfter.buddyCheck(FEB, PSEUDONYM)).map(BuddyCheck::how).contains(BuddyMood.STUCK);
    assertThat(pairedAfter.buddyMailSent(FEB, PSEUDONYM)).isTrue();
    assertThat(paired.state.buddy(FEB, "ben@example.at")).contains("ana.beispiel@example.at");
  }

  @Test
  void afterTheRetentionTheOutcomesTextsGoAndTheirStatusesStay() {
    SeriesFixtures.Run run = aMonthWithAnaAndBen();
    assertThat(run.state.plan().orElseThrow().retentionMonths()).isEqualTo(SeriesPlan.DEFAULT_RETENTION_MONTHS);
    LocalDate keepFrom = run.state.plan().orElseThrow().keepsTextsFrom(FEB.plusMonths(12).plusDays(1));
    assertThat(keepFrom).isAfter(FEB);

    List<SeriesEvent> expired = Erasure.expiredOutcomes(run.events, keepFrom);
    SeriesState after = replay(run.engine, expired);
    assertThat(expired.toString()).doesNotContain("Kundin Huber", "Impressum").contains("ana.beispiel@example.at");
    assertThat(after.routines("ana.beispiel@example.at")).isEqualTo(run.state.routines("ana.beispiel@example.at"));
    assertThat(after.outcomes("ben@example.at", FEB).orElseThrow()).singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo(GoalStatus.DONE));
    // A goal whose text is gone is offered by its task alone (Ben finished his, so he is offered nothing).
    LocalDate mar = LocalDate.of(2027, 3, 2);
    assertThat(after.offeredGoals("ana.beispiel@example.at", mar)).filteredOn(g -> g.reason() == OfferedGoal.Reason.CARRIED_OVER)
        .singleElement().satisfies(g -> {
          assertThat(g.text()).isEmpty();
          assertThat(g.taskId()).isPresent();
        });
    assertThat(after.offeredGoals("ben@example.at", mar)).isEmpty();
    // Dates within the retention keep their texts.
    assertThat(Erasure.expiredOutcomes(run.events, FEB)).isEqualTo(run.events);
  }

  @Test
  void aPlanNamesItsRetentionWithinLimits() {
    SeriesPlan p = plan(FORMAT, 10);
    assertThat(p.retentionMonths()).isEqualTo(12);
    assertThat(new SeriesPlan(p.id(), p.formatId(), p.title(), p.recurrence(), p.zone(), 10, p.experts(), p.place(), 0)
        .retentionMonths()).as("a plan stored before retention existed").isEqualTo(12);
    assertThat(new SeriesPlan(p.id(), p.formatId(), p.title(), p.recurrence(), p.zone(), 10, p.experts(), p.place(), 3)
        .keepsTextsFrom(LocalDate.of(2027, 5, 31))).isEqualTo(LocalDate.of(2027, 2, 28));
    assertThatThrownBy(() -> new SeriesPlan(p.id(), p.formatId(), p.title(), p.recurrence(), p.zone(), 10,
        p.experts(), p.place(), 121)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theirWinsTipsAndCheersStayOnTheWallUnderThePseudonymWithoutTheirTexts() {
    SeriesFixtures.Run run = aMonthWithAnaAndBen()
        .ok(new SeriesCommand.SharePost(FEB, "ana.beispiel@example.at", WallPost.Kind.WIN,
            "Newsletter an Kundin Huber verschickt", Optional.empty()))
        .ok(new SeriesCommand.SharePost(FEB, "ben@example.at", WallPost.Kind.TIP, "Impressum-Generator nehmen",
            Optional.of(FORMAT.tasks().get(0).id())))
        .ok(new SeriesCommand.CheerPost("p2", "ana.beispiel@example.at"))
        .ok(new SeriesCommand.CheerPost("p1", "ben@example.at"));
    List<SeriesEvent> erased = Erasure.series(run.events, "ana.beispiel@example.at", PSEUDONYM);
    SeriesState after = replay(run.engine, erased);

    assertThat(erased).hasSameSizeAs(run.events);
    assertThat(erased.toString()).doesNotContainIgnoringCase("ana.beispiel").doesNotContain("Kundin Huber");
    WallPost hers = after.post("p1").orElseThrow();
    assertThat(hers.email()).isEqualTo(PSEUDONYM);
    assertThat(hers.text()).isEqualTo(Erasure.ERASED);
    assertThat(hers.cheers()).containsExactly("ben@example.at");
    // Ben's tip keeps its text; Ana's cheer of it still counts.
    WallPost his = after.post("p2").orElseThrow();
    assertThat(his.text()).isEqualTo("Impressum-Generator nehmen");
    assertThat(his.cheers()).containsExactly(PSEUDONYM);
    assertThat(after.wall("ben@example.at")).extracting(WallPost::id).containsExactly("p2", "p1");
  }

  @Test
  void aPseudonymPointsToNobody() {
    assertThat(PSEUDONYM).isEqualTo("erased-k3x9q2m7w4r8@erased.invalid");
    assertThat(Erasure.isPseudonym(PSEUDONYM)).isTrue();
    assertThat(Erasure.isPseudonym("ana@example.at")).isFalse();
    assertThatThrownBy(() -> Erasure.pseudonym("Ana@x")).isInstanceOf(IllegalArgumentException.class);
  }

  private static SeriesState replay(SeriesEngine engine, List<SeriesEvent> events) {
    SeriesState s = SeriesState.initial(SeriesFixtures.ID);
    for (SeriesEvent e : events) {
      s = engine.evolve(s, e);
    }
    return s;
  }
}
