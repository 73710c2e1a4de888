package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static io.peerwork.core.TextRules.Field.*;
import static io.peerwork.core.TextRules.Problem.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import io.peerwork.core.Fixtures.Run;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesFixtures;
import io.peerwork.core.series.SeriesPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text rules, one example per rule, and what the engines make of them. */
class TextRulesTest {

  @Test
  void lengthsAreCountedInCodePointsAfterStripping() {
    assertThat(TextRules.check(NAME, "   ")).contains(EMPTY);
    assertThat(TextRules.check(NAME, " " + "😀".repeat(60) + " ")).isEmpty();
    assertThat(TextRules.check(NAME, "x".repeat(61))).contains(TOO_LONG);
    assertThat(TextRules.check(TITLE, "x".repeat(120))).isEmpty();
    assertThat(TextRules.check(TITLE, "x".repeat(121))).contains(TOO_LONG);
    assertThat(TextRules.check(NOTE, "")).isEmpty();
    assertThat(TextRules.check(NOTE, "x".repeat(501))).contains(TOO_LONG);
    assertThat(TextRules.check(REASON, "x".repeat(281))).contains(TOO_LONG);
    assertThat(TextRules.check(GOAL, "")).contains(EMPTY);
  }

  @Test
  void lineBreaksOnlyWhereAFieldHasSeveralLines() {
    assertThat(TextRules.check(GOAL, "Zwei\nZeilen\r\nund\ttab")).isEmpty();
    assertThat(TextRules.check(NAME, "Ana\nINFO admin logged in")).contains(CONTROL_CHARACTER);
    assertThat(TextRules.check(TITLE, "Küche\rforged")).contains(CONTROL_CHARACTER);
    assertThat(TextRules.check(TITLE, "Küche\u2028forged")).contains(CONTROL_CHARACTER);
    assertThat(TextRules.check(GOAL, "nul\u0000")).contains(CONTROL_CHARACTER);
    assertThat(TextRules.check(NOTE, "escape \u001b[31m")).contains(CONTROL_CHARACTER);
    assertThat(TextRules.check(NOTE, "next line \u0085")).contains(CONTROL_CHARACTER);
    assertThat(TextRules.check(NAME, "broken \ud800 surrogate")).contains(CONTROL_CHARACTER);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C})
  void bidiOverridesAndIsolatesAreRefused(int cp) {
    for (TextRules.Field f : TextRules.Field.values()) {
      assertThat(TextRules.check(f, "Ana" + Character.toString(cp) + "gnp.exe")).as(f.name()).contains(BIDI_CONTROL);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x034F, 0x2061, 0x2064, 0x3164, 0x115F, 0xFFA0,
      0x180E})
  void zeroWidthAndOtherInvisibleCharactersAreRefused(int cp) {
    for (TextRules.Field f : TextRules.Field.values()) {
      assertThat(TextRules.check(f, "Ho" + Character.toString(cp) + "st")).as(f.name()).contains(ZERO_WIDTH);
    }
  }

  @Test
  void linksAreAbsoluteHttpUrisWithAHostAndNoUser() {
    assertThat(TextRules.check(LINK, "https://meet.example.org/smk?room=1#top")).isEmpty();
    assertThat(TextRules.check(LINK, "http://localhost:8080/x")).isEmpty();
    assertThat(TextRules.check(LINK, "https://a b")).contains(NOT_A_LINK);
    assertThat(TextRules.check(LINK, "https://")).contains(NOT_A_LINK);
    assertThat(TextRules.check(LINK, "https:meet.example.org")).contains(NOT_A_LINK);
    assertThat(TextRules.check(LINK, "/relative/path")).contains(NOT_A_LINK);
    assertThat(TextRules.check(LINK, "javascript:alert(1)")).contains(NOT_A_LINK);
    assertThat(TextRules.check(LINK, "ftp://files.example.org")).contains(NOT_A_LINK);
    assertThat(TextRules.check(LINK, "https://bank.example@evil.example/")).contains(NOT_A_LINK);
    assertThat(TextRules.check(LINK, "https://meet.example.org/" + "x".repeat(300))).contains(TOO_LONG);
    assertThat(TextRules.check(LINK, "HTTPS://[::1]:8443/a%20b?x=1&y=/z#frag")).isEmpty();
    assertThat(TextRules.check(LINK, "https://meet.example.org/a%zz")).contains(NOT_A_LINK);
    assertThat(TextRules.check(LINK, "https://meet.example.org/#a#b")).contains(NOT_A_LINK);
    assertThat(TextRules.check(LINK, "https://meet.example.org/<script>")).contains(NOT_A_LINK);
  }

  @Test
  void textIsStoredInNfcAndStripped() {
    String decomposed = "Jose\u0301"; // "José" as e + combining acute
    assertThat(TextRules.normalize("  " + decomposed + " ")).isEqualTo("Jos\u00e9");
    Run run = Run.lobby().ok(new Join(CEM, " " + decomposed + " ", Role.PARTICIPANT));
    assertThat(run.state.member(CEM).orElseThrow().displayName()).isEqualTo("Jos\u00e9");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Host", " host ", "HOST", "Gastgeber", "Gastgeberin", "Gastgeber:in", "Expert",
      "Expertin", "Experte", "Expert:in", "Moderator", "Moderatorin", "Admin", "Administrator", "System", "Peerwork",
      "Teilnehmer:in", "Participant"})
  void reservedNamesAreRefusedForParticipantsOnly(String name) {
    assertThat(TextRules.isReservedName(name)).isTrue();
    Run.lobby().rejects(new Join(CEM, name, Role.PARTICIPANT), RejectionCode.RESERVED_NAME);
    Run.lobby().ok(new Join(ParticipantId.of("h2"), name, Role.HOST));
    Run.lobby().ok(new Join(ParticipantId.of("e3"), name, Role.EXPERT));
  }

  @Test
  void namesThatOnlyContainARoleWordAreFine() {
    assertThat(TextRules.isReservedName("Hosting Hannah")).isFalse();
    Run.lobby().ok(new Join(CEM, "Expertenrunde Eva", Role.PARTICIPANT));
  }

  @Test
  void everyTextOfASessionGoesThroughTheRules() {
    Run.lobby().rejects(new Join(CEM, "Ana\u202Egnp.exe", Role.PARTICIPANT), RejectionCode.INVALID_NAME);
    Run.lobby().rejects(new Join(CEM, "Ho\u200Bst", Role.PARTICIPANT), RejectionCode.INVALID_NAME);
    Run.inFocus().rejects(new DeclareGoal(ANA, "Posts\u2066", Optional.empty()), RejectionCode.INVALID_GOAL_TEXT);
    Run.inFocus().ok(new DeclareGoal(ANA, "Posts", Optional.empty()))
        .rejects(new EditGoal(ANA, GoalId.of("g1"), "Posts\uFEFF"), RejectionCode.INVALID_GOAL_TEXT);
    Run.inFocus().rejects(new RaiseHand(ANA, "image-tools", "\u202Dhilfe"), RejectionCode.INVALID_NOTE);
    Run.lobby().rejects(new CancelSession(HOST, "krank\u0007"), RejectionCode.REASON_TOO_LONG);
    Run.lobby().rejects(new CallOffSession("krank\u200C"), RejectionCode.REASON_TOO_LONG);
  }

  @Test
  void startsOutsideThePlanningWindowAreRefusedAndNothingIsStored() {
    Instant now = T0;
    Instant tooLate = PlanningWindow.latest(now).plusSeconds(1);
    new Run().at(now).rejects(new ScheduleSession(plan(tooLate)), RejectionCode.DATE_OUT_OF_RANGE);
    new Run().at(now).rejects(new ScheduleSession(plan(Instant.parse("1999-12-31T23:59:59Z"))),
        RejectionCode.DATE_OUT_OF_RANGE);
    new Run().at(now).ok(new ScheduleSession(plan(PlanningWindow.latest(now))));
    new Run().at(now).ok(new ScheduleSession(plan(PlanningWindow.EARLIEST)));
    new Run().at(now).ok(new ScheduleSession(plan(T0.plusSeconds(3600))))
        .rejects(new RescheduleSession(Instant.parse("+999999999-01-01T00:00:00Z")), RejectionCode.DATE_OUT_OF_RANGE);
  }

  @Test
  void aSeriesChecksItsTextsAndDatesBeforeAnythingIsStored() {
    SeriesPlan base = SeriesFixtures.plan(FORMAT, 5);
    var run = new SeriesFixtures.Run(FORMAT, T0);
    run.rejects(new SeriesCommand.CreateSeries(with(base, "Küche\nWARN forged", base.experts(), base.place(),
        base.recurrence())), RejectionCode.INVALID_TITLE);
    run.rejects(new SeriesCommand.CreateSeries(with(base, "Küche", List.of("Eva\u202E"), base.place(),
        base.recurrence())), RejectionCode.INVALID_NAME);
    run.rejects(new SeriesCommand.CreateSeries(with(base, "Küche", base.experts(), Place.online("https://a b"),
        base.recurrence())), RejectionCode.INVALID_LINK);
    run.rejects(new SeriesCommand.CreateSeries(with(base, "Küche", base.experts(), Place.at("Gasse\t1"),
        base.recurrence())), RejectionCode.INVALID_ADDRESS);
    run.rejects(new SeriesCommand.CreateSeries(with(base, "Küche", base.experts(), base.place(),
        new Recurrence.Dates(List.of(LocalDateTime.of(2027, 1, 5, 9, 0), LocalDateTime.of(999_999_999, 1, 1, 9, 0)),
            Duration.ofHours(3)))), RejectionCode.DATE_OUT_OF_RANGE);
    assertThat(run.events).isEmpty();
    run.ok(new SeriesCommand.CreateSeries(with(base, " Ku\u0308che ", base.experts(), base.place(), base.recurrence())));
    assertThat(((SeriesEvent.SeriesCreated) run.events.get(0)).plan().title()).isEqualTo("Küche");

    LocalDate feb = LocalDate.of(2026, 4, 7);
    run.rejects(new SeriesCommand.Register(feb, "Ana\u2067", "ana@example.at", "de", Optional.empty()),
        RejectionCode.INVALID_NAME);
    run.rejects(new SeriesCommand.Register(feb, "Expert:in", "ana@example.at", "de", Optional.empty()),
        RejectionCode.RESERVED_NAME);
    run.rejects(new SeriesCommand.CancelDate(feb, "Grippe\u001b"), RejectionCode.REASON_TOO_LONG);
    run.rejects(new SeriesCommand.MoveDate(feb, LocalDateTime.of(2040, 1, 1, 9, 0)), RejectionCode.DATE_OUT_OF_RANGE);
    assertThat(run.events).hasSize(1);
  }

  private static SeriesPlan with(SeriesPlan p, String title, List<String> experts, Place place, Recurrence r) {
    return new SeriesPlan(p.id(), p.formatId(), title, r, p.zone(), p.capacity(), experts, place);
  }

  private static SessionPlan plan(Instant start) {
    return new SessionPlan(SID, FORMAT.id(), "Küche", start, ZoneId.of("UTC"), 5, AGENDA, "fcfs");
  }
}
