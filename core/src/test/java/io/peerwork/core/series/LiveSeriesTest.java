package io.peerwork.core.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.AppendResult;
import io.peerwork.core.FixturesAccess;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LiveSeries: durable first, then applied; catches up and decides again after a conflict. */
class LiveSeriesTest {
  private static final Instant NOW = Instant.parse("2026-02-10T09:00:00Z");
  private static final LocalDate MARCH = LocalDate.of(2026, 3, 3);

  private static final TopicFormat FORMAT = FixturesAccess.format();

  private final SeriesEngine engine = new SeriesEngine(FormatRegistry.of(FORMAT));
  private final InMemorySeriesJournal journal = new InMemorySeriesJournal();

  private static SeriesCommand register(String email) {
    return new SeriesCommand.Register(MARCH, "Someone", email, "de", Optional.empty());
  }

  @Test
  void acceptedCommandsAreInTheJournalBeforeTheyAreApplied() {
    LiveSeries live = LiveSeries.load(engine, journal, SeriesFixtures.ID);
    live.handle(new SeriesCommand.CreateSeries(SeriesFixtures.plan(FORMAT, 1)), NOW);

    LiveSeries.Outcome out = live.handle(register("ana@example.org"), NOW);

    assertThat(out.recorded()).extracting(RecordedSeriesEvent::version).containsExactly(2L);
    assertThat(journal.readAll(SeriesFixtures.ID)).extracting(RecordedSeriesEvent::event)
        .containsExactly(journal.readAll(SeriesFixtures.ID).get(0).event(), out.recorded().get(0).event());
    assertThat(live.state().version()).isEqualTo(journal.version(SeriesFixtures.ID));
  }

  @Test
  void rejectionsWriteNothing() {
    LiveSeries live = LiveSeries.load(engine, journal, SeriesFixtures.ID);

    LiveSeries.Outcome out = live.handle(register("ana@example.org"), NOW);

    assertThat(out.decision().isAccepted()).isFalse();
    assertThat(out.recorded()).isEmpty();
    assertThat(journal.series()).isEmpty();
  }

  @Test
  void checkDecidesWithoutRecordingOrApplying() {
    LiveSeries live = LiveSeries.load(engine, journal, SeriesFixtures.ID);
    live.handle(new SeriesCommand.CreateSeries(SeriesFixtures.plan(FORMAT, 1)), NOW);
    live.handle(register("ana@example.org"), NOW);

    SeriesDecision fresh = live.check(register("bo@example.org"), NOW);
    SeriesDecision again = live.check(register("ana@example.org"), NOW);

    assertThat(fresh.isAccepted()).isTrue();
    assertThat(((SeriesDecision.Rejected) again).code()).isEqualTo(io.peerwork.core.RejectionCode.ALREADY_REGISTERED);
    assertThat(journal.version(SeriesFixtures.ID)).isEqualTo(2);
    assertThat(live.state().version()).isEqualTo(2);
    assertThat(live.state().waitlist(MARCH)).isEmpty();
  }

  @Test
  void aSecondWriterIsCaughtUpWithAndTheCommandDecidedAgain() {
    LiveSeries first = LiveSeries.load(engine, journal, SeriesFixtures.ID);
    first.handle(new SeriesCommand.CreateSeries(SeriesFixtures.plan(FORMAT, 1)), NOW);
    LiveSeries second = LiveSeries.load(engine, journal, SeriesFixtures.ID);
    first.handle(register("ana@example.org"), NOW);

    // second still thinks the seat is free; after catching up, bo goes on the waitlist
    LiveSeries.Outcome out = second.handle(register("bo@example.org"), NOW);

    assertThat(out.recorded()).singleElement().satisfies(r -> {
      assertThat(r.version()).isEqualTo(3);
      assertThat(((SeriesEvent.Registered) r.event()).waitlisted()).isTrue();
    });
    assertThat(second.state().waitlist(MARCH)).extracting(Seat::email).containsExactly("bo@example.org");
    assertThat(journal.append(SeriesFixtures.ID, 3, List.of())).isEqualTo(new AppendResult.Appended(3));
  }

  @Test
  void loadingReplaysTheJournal() {
    LiveSeries first = LiveSeries.load(engine, journal, SeriesFixtures.ID);
    first.handle(new SeriesCommand.CreateSeries(SeriesFixtures.plan(FORMAT, 1)), NOW);
    first.handle(register("ana@example.org"), NOW);
    first.handle(register("bo@example.org"), NOW);

    SeriesState reloaded = LiveSeries.load(engine, journal, SeriesFixtures.ID).state();

    assertThat(reloaded.version()).isEqualTo(3);
    assertThat(reloaded.seated(MARCH)).isEqualTo(first.state().seated(MARCH));
    assertThat(reloaded.waitlist(MARCH)).isEqualTo(first.state().waitlist(MARCH));
  }
}
