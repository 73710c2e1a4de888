package io.peerwork.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.AppendResult;
import io.peerwork.core.Erasure;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.StreamOwners;
import io.peerwork.core.TaskResource;
import io.peerwork.core.series.GoalOutcome;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.RecordedSeriesEvent;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesEvent.DateCancelled;
import io.peerwork.core.series.SeriesEventRewriter;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.spi.Cadence;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SeriesJournal} passes: extend this class in a test of your journal and
 * implement {@link #newJournal()}. The same tests as {@link EventJournalContract}, on streams of
 * series events. Runs on JUnit Jupiter (plus one jqwik property, so the jqwik engine should be on
 * the test class path too).
 *
 * <pre>{@code
 * class MySeriesJournalContractTest extends SeriesJournalContract {
 *   @Override
 *   protected SeriesJournal newJournal() {
 *     return new MySeriesJournal(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks: append, read, version and series; that an append with the wrong expected
 * version returns a {@link AppendResult.Conflict} and writes nothing, not even part of a batch;
 * reads in version order without gaps from any version; series independent of each other; real
 * threads appending to one series with the same expected version (exactly one wins, nothing is
 * lost or duplicated, readers never see half an append); every {@link SeriesEvent} type and
 * awkward text read back equal; an empty append only checks the version. Owners and fences, as
 * for sessions (for a journal with {@link SeriesJournal#owners()}; skipped for one without): see
 * {@link EventJournalContract}. Rewrites, as for sessions (for a journal with {@link
 * SeriesJournal#rewriter()}; skipped for one without), and an erasure of one person's address, name
 * and goal texts through the rewriter, which a second time changes nothing.
 *
 * <p>Journals that implement {@link AutoCloseable} are closed after each test (and after each try
 * of a property).
 */
public abstract class SeriesJournalContract extends JournalContract<SeriesJournal, SeriesId, SeriesEvent> {
  /** For the test class that extends it. */
  protected SeriesJournalContract() {}

  private static final LocalDate MARCH = LocalDate.of(2026, 3, 3);

  /**
   * A new, empty journal: no series has an event. Called once per test, and once per try of a
   * property. It may share a database with journals made before, as long as it starts empty and
   * journals made before are not used again.
   */
  @Override
  protected abstract SeriesJournal newJournal();

  /** One event of every {@link SeriesEvent} type (a series created twice, with each kind of recurrence). */
  public static List<SeriesEvent> oneOfEveryEventType() {
    SeriesId id = SeriesId.of("smk-wien");
    ZoneId vienna = ZoneId.of("Europe/Vienna");
    var monthly = new SeriesPlan(id, "social-media-kitchen", "Social Media Kitchen Wien",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)), vienna, 12,
        List.of("Eva Expertin", "Zoë Ünal"),
        new Place(Optional.of("Gumpendorfer Straße 12, 1060 Wien"), Optional.of("https://meet.example.org/smk")));
    var dates = new SeriesPlan(SeriesId.of("smk-extra"), "social-media-kitchen", "Extra-Termine",
        new Recurrence.Dates(List.of(LocalDateTime.of(2026, 4, 7, 9, 0), LocalDateTime.of(2026, 5, 5, 14, 30)),
            Duration.ofMinutes(150)), vienna, 1, List.of(), Place.online("https://meet.example.org/extra"));
    return List.of(
        new SeriesEvent.SeriesCreated(T0, monthly),
        new SeriesEvent.SeriesCreated(T0.plusSeconds(1), dates),
        new SeriesEvent.DateMoved(T0.plusSeconds(2), MARCH, LocalDateTime.of(2026, 3, 4, 10, 15)),
        new SeriesEvent.DateCancelled(T0.plusSeconds(3), LocalDate.of(2026, 4, 7), "Krankheit – sorry!"),
        new SeriesEvent.Registered(T0.plusSeconds(4), MARCH, "ana@example.org", "Ana Müller", "de",
            Optional.of(2500L), false),
        new SeriesEvent.Registered(T0.plusSeconds(5), MARCH, "bo@example.org", "Bo", "en", Optional.empty(), true),
        new SeriesEvent.RegistrationCancelled(T0.plusSeconds(6), MARCH, "ana@example.org"),
        new SeriesEvent.PromotedFromWaitlist(T0.plusSeconds(7), MARCH, "bo@example.org"),
        new SeriesEvent.CheckedIn(T0.plusSeconds(8), MARCH, "bo@example.org"),
        new SeriesEvent.NoShowRecorded(T0.plusSeconds(9), MARCH, "cy@example.org"),
        new SeriesEvent.PaymentMarked(T0.plusSeconds(10), MARCH, "bo@example.org", true),
        new SeriesEvent.RoutineChosen(T0.plusSeconds(11), "bo@example.org", "plan-posts", Cadence.MONTHLY),
        new SeriesEvent.RoutineDropped(T0.plusSeconds(12), "bo@example.org", "plan-posts"),
        new SeriesEvent.OutcomesRecorded(T0.plusSeconds(13), MARCH, "bo@example.org", List.of(
            new GoalOutcome("Posts für März planen", Optional.of("plan-posts"), GoalStatus.DONE),
            new GoalOutcome("Grüße 👋", Optional.empty(), GoalStatus.PARTLY_DONE))),
        new SeriesEvent.PersonalLinksRevoked(T0.plusSeconds(14), "ana@example.org"),
        new SeriesEvent.TaskResourcesSet(T0.plusSeconds(15), "plan-posts", List.of(
            TaskResource.written("Redaktionsplan – Vorlage 📅", Optional.of("https://example.org/vorlage?x=1&y=ä"),
                List.of("Vorlage kopieren", "Themen „eintragen“")),
            new TaskResource(LocalizedText.of("Offizielle Hilfe", "Official help"),
                Optional.of("https://support.example.org/"), List.of()))),
        new SeriesEvent.HelpsRecorded(T0.plusSeconds(16), MARCH, "bo@example.org",
            new io.peerwork.core.series.HelpTally(3, 2)),
        new SeriesEvent.PostShared(T0.plusSeconds(17), "p1", MARCH, "bo@example.org",
            io.peerwork.core.series.WallPost.Kind.TIP, "Vorlage „kopieren“ 📅\nund ausfüllen", Optional.of("plan-posts")),
        new SeriesEvent.PostShared(T0.plusSeconds(18), "p2", MARCH, "bo@example.org",
            io.peerwork.core.series.WallPost.Kind.WIN, "Drei Posts geplant", Optional.empty()),
        new SeriesEvent.PostCheered(T0.plusSeconds(19), "p1", "cy@example.org"),
        new SeriesEvent.TipPromoted(T0.plusSeconds(20), "p1"),
        new SeriesEvent.PostRemoved(T0.plusSeconds(21), "p2"),
        new SeriesEvent.LookingForBuddy(T0.plusSeconds(22), MARCH, "zoë@example.org"),
        new SeriesEvent.BuddiesPaired(T0.plusSeconds(23), MARCH, "bo@example.org", "zoë@example.org"),
        new SeriesEvent.BuddyMailSent(T0.plusSeconds(24), MARCH, "bo@example.org"),
        new SeriesEvent.BuddyCheckedIn(T0.plusSeconds(25), MARCH, "bo@example.org",
            io.peerwork.core.series.BuddyMood.GOING_WELL),
        new SeriesEvent.BuddyLeft(T0.plusSeconds(26), MARCH, "zoë@example.org"));
  }

  /** A small event that carries {@code text}, to tell events apart. */
  protected static SeriesEvent marker(String text) {
    return new DateCancelled(T0, MARCH, text);
  }

  // ---------------------------------------------------------------- rewrites (for erasure)

  @Test
  void anErasureThroughTheRewriterTakesOutTheAddressNameAndTextsAndASecondChangesNothing() {
    SeriesJournal journal = openJournal();
    SeriesEventRewriter rewriter = rewriterOrSkip(journal.rewriter());
    SeriesId smk = SeriesId.of("smk-wien");
    SeriesId other = SeriesId.of("smk-graz");
    String zoe = " Zoe.Q@Example.org";
    List<SeriesEvent> events = List.of(
        oneOfEveryEventType().get(0),
        new SeriesEvent.Registered(T0.plusSeconds(1), MARCH, zoe, "Zoe Quastenflosser", "de", Optional.empty(), false),
        new SeriesEvent.Registered(T0.plusSeconds(2), MARCH, "bo@example.org", "Bo", "en", Optional.empty(), false),
        new SeriesEvent.RoutineChosen(T0.plusSeconds(3), "zoe.q@example.org", "plan-posts", Cadence.MONTHLY),
        new SeriesEvent.CheckedIn(T0.plusSeconds(4), MARCH, "zoe.q@example.org"),
        new SeriesEvent.OutcomesRecorded(T0.plusSeconds(5), MARCH, "zoe.q@example.org", List.of(
            new GoalOutcome("Angebot für Quastenflosser-Tauchreisen", Optional.of("plan-posts"), GoalStatus.DONE))),
        new SeriesEvent.OutcomesRecorded(T0.plusSeconds(6), MARCH, "bo@example.org", List.of(
            new GoalOutcome("Impressum", Optional.empty(), GoalStatus.DONE))));
    assertThat(journal.append(smk, 0, events.subList(0, 3))).isEqualTo(new AppendResult.Appended(3));
    assertThat(journal.append(smk, 3, events.subList(3, 7))).isEqualTo(new AppendResult.Appended(7));
    assertThat(journal.append(other, 0, events)).isEqualTo(new AppendResult.Appended(7));
    String pseudonym = Erasure.pseudonym("abcdefgh1234");
    java.util.function.UnaryOperator<List<SeriesEvent>> erase = e -> Erasure.series(e, "zoe.q@example.org", pseudonym);

    assertThat(rewriter.rewrite(smk, erase)).isEqualTo(4);

    List<RecordedSeriesEvent> now = journal.readAll(smk);
    assertThat(now).extracting(RecordedSeriesEvent::event).containsExactlyElementsOf(erase.apply(events));
    assertThat(now).extracting(RecordedSeriesEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(now.toString()).doesNotContainIgnoringCase("zoe.q@").doesNotContain("Quastenflosser");
    assertThat(journal.readAll(other)).as("another series").extracting(RecordedSeriesEvent::event)
        .containsExactlyElementsOf(events);
    assertThat(journal.append(smk, 7, List.of(marker("next")))).isEqualTo(new AppendResult.Appended(8));

    assertThat(rewriter.rewrite(smk, erase)).as("the same erasure again").isZero();
    assertThat(journal.readAll(smk).subList(0, 7)).isEqualTo(now);
  }

  @Override
  final Streams<SeriesId, SeriesEvent> streams(SeriesJournal journal) {
    return new Streams<>() {
      @Override
      public AppendResult append(SeriesId id, long expectedVersion, List<? extends SeriesEvent> events) {
        return journal.append(id, expectedVersion, events);
      }

      @Override
      public List<Stored<SeriesId, SeriesEvent>> read(SeriesId id, long afterVersion) {
        return journal.read(id, afterVersion).stream()
            .map(r -> new Stored<>(r.series(), r.version(), r.event())).toList();
      }

      @Override
      public long version(SeriesId id) {
        return journal.version(id);
      }

      @Override
      public List<SeriesId> ids() {
        return journal.series();
      }

      @Override
      public Optional<StreamOwners> owners() {
        return journal.owners();
      }

      @Override
      public Streams<SeriesId, SeriesEvent> fenced(SeriesId id, long epoch) {
        return streams(journal.fenced(id, epoch));
      }

      @Override
      public StreamOwners.Stream stream(SeriesId id) {
        return StreamOwners.Stream.of(id);
      }

      @Override
      public Optional<Rewriter<SeriesId, SeriesEvent>> rewriter() {
        return journal.rewriter().<Rewriter<SeriesId, SeriesEvent>>map(r -> r::rewrite);
      }
    };
  }

  @Override
  final SeriesId id(String text) {
    return SeriesId.of(text);
  }

  @Override
  final SeriesEvent marker(Instant at, String text) {
    return new DateCancelled(at, MARCH, text);
  }

  @Override
  final String textOf(SeriesEvent marker) {
    return ((DateCancelled) marker).reason();
  }

  @Override
  final Class<SeriesEvent> eventType() {
    return SeriesEvent.class;
  }

  @Override
  final List<SeriesEvent> everyType() {
    return oneOfEveryEventType();
  }

  @Override
  final List<SeriesEvent> withText(String text) {
    return List.of(
        new SeriesEvent.Registered(T0, MARCH, "zoe@example.org", text, "de", Optional.empty(), false),
        new SeriesEvent.OutcomesRecorded(T0, MARCH, "zoe@example.org",
            List.of(new GoalOutcome(text, Optional.of(text), GoalStatus.OPEN))));
  }

  @Override
  final Arbitrary<SeriesEvent> events(Arbitrary<String> texts) {
    return Combinators.combine(texts, Arbitraries.integers().between(0, 3))
        .as((text, kind) -> switch (kind) {
          case 0 -> new DateCancelled(T0, MARCH, text);
          case 1 -> new SeriesEvent.Registered(T0, MARCH, "ana@example.org", text, "en", Optional.of(0L), true);
          case 2 -> new SeriesEvent.RoutineChosen(T0, "bo@example.org", "task-" + text, Cadence.WEEKLY);
          default -> new SeriesEvent.OutcomesRecorded(T0, MARCH, "bo@example.org",
              List.of(new GoalOutcome(text, Optional.empty(), GoalStatus.DONE)));
        });
  }
}
