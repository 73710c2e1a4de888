package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import io.peerwork.core.Fixtures.Run;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesDecision;
import io.peerwork.core.series.SeriesFixtures;
import io.peerwork.core.series.SeriesPlan;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any text holding a character the {@link TextRules} forbid everywhere (a control character other
 * than a line break or tab, a bidirectional override or isolate, a zero-width character), wherever
 * it stands, is refused by every command that takes text, of the session engine and of the series
 * engine, and nothing is stored. (The records of plans strip their texts as they are made, so the
 * texts of plans get a letter after the character: a character that counts as white space at the
 * end of a title is dropped there, not stored.)
 */
class ForbiddenCharactersPropertiesTest {
  private static final LocalDate APRIL = LocalDate.of(2026, 4, 7); // a first Tuesday after T0

  @Provide
  Arbitrary<String> textsWithAForbiddenCharacter() {
    Arbitrary<Integer> forbidden = Arbitraries.oneOf(
        Arbitraries.integers().between(0x00, 0x08), Arbitraries.of(0x0B, 0x0C),
        Arbitraries.integers().between(0x0E, 0x1F), Arbitraries.integers().between(0x7F, 0x9F),
        Arbitraries.of(0x2028, 0x2029), Arbitraries.integers().between(0x202A, 0x202E),
        Arbitraries.integers().between(0x2066, 0x2069), Arbitraries.integers().between(0x200B, 0x200D),
        Arbitraries.of(0x2060, 0xFEFF, 0x200E, 0x200F, 0x061C, 0x00AD, 0x034F, 0x3164, 0x115F, 0xFFA0));
    Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', 'ä', 'ß', '.', ':', '/')
        .ofMaxLength(20);
    return Combinators.combine(plain, forbidden, plain).as((a, cp, b) -> a + Character.toString(cp) + b);
  }

  @Property(tries = 300, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void everySessionCommandRefusesItAndStoresNothing(@ForAll("textsWithAForbiddenCharacter") String text) {
    List<Function<String, Command>> lobby = List.of(
        t -> new Join(CEM, "Cem" + t, Role.PARTICIPANT),
        t -> new Join(ParticipantId.of("h2"), "H" + t, Role.HOST),
        t -> new CancelSession(HOST, t),
        CallOffSession::new);
    for (Function<String, Command> c : lobby) {
      assertThat(Run.lobby().decide(c.apply(text))).as("%s", c.apply(text)).isInstanceOf(Decision.Rejected.class);
    }
    Run focus = Run.inFocus().ok(new DeclareGoal(ANA, "Posts", Optional.empty()));
    for (Command c : List.of(new DeclareGoal(ANA, "G" + text, Optional.empty()),
        new EditGoal(ANA, GoalId.of("g1"), "G" + text), new RaiseHand(ANA, "image-tools", text))) {
      assertThat(focus.decide(c)).as("%s", c).isInstanceOf(Decision.Rejected.class);
    }
    Decision schedule = new Run().decide(new ScheduleSession(new SessionPlan(SID, FORMAT.id(), "T" + text + ".", T0,
        ZoneId.of("UTC"), 5, AGENDA, "fcfs")));
    assertThat(schedule).isInstanceOf(Decision.Rejected.class);
    assertThat(schedule.events()).isEmpty();
  }

  @Property(tries = 300, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void everySeriesCommandRefusesItAndStoresNothing(@ForAll("textsWithAForbiddenCharacter") String text) {
    SeriesPlan p = SeriesFixtures.plan(FORMAT, 5);
    List<SeriesPlan> plans = List.of(
        new SeriesPlan(p.id(), p.formatId(), "T" + text + ".", p.recurrence(), p.zone(), 5, p.experts(), p.place()),
        new SeriesPlan(p.id(), p.formatId(), "T", p.recurrence(), p.zone(), 5, List.of("E" + text + "."), p.place()),
        new SeriesPlan(p.id(), p.formatId(), "T", p.recurrence(), p.zone(), 5, p.experts(), Place.at("A" + text + ".")),
        new SeriesPlan(p.id(), p.formatId(), "T", p.recurrence(), p.zone(), 5, p.experts(),
            Place.online("https://meet.example.org/" + text + ".")));
    for (SeriesPlan plan : plans) {
      SeriesDecision d = new SeriesFixtures.Run(FORMAT, T0).engine
          .decide(io.peerwork.core.series.SeriesState.initial(p.id()), new SeriesCommand.CreateSeries(plan), T0);
      assertThat(d).as("%s", plan).isInstanceOf(SeriesDecision.Rejected.class);
      assertThat(d.events()).isEmpty();
    }
    var run = new SeriesFixtures.Run(FORMAT, T0).ok(new SeriesCommand.CreateSeries(p));
    for (SeriesCommand c : List.of(
        new SeriesCommand.Register(APRIL, "Ana" + text, "ana@example.at", "de", Optional.empty()),
        new SeriesCommand.CancelDate(APRIL, text))) {
      SeriesDecision d = run.engine.decide(run.state, c, T0);
      assertThat(d).as("%s", c).isInstanceOf(SeriesDecision.Rejected.class);
      assertThat(d.events()).isEmpty();
    }
  }
}
