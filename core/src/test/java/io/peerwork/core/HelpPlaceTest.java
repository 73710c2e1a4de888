package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import io.peerwork.core.Fixtures.Run;
import io.peerwork.core.SessionEvent.*;
import org.junit.jupiter.api.Test;

/** Experts say once where they help: a table or a call link, which the person they help is told. */
class HelpPlaceTest {

  @Test
  void anExpertSaysWhereTheyHelpOncePerSession() {
    Run run = Run.lobby();

    assertThat(run.okEvents(new SetHelpPlace(EXPERT, "  Tisch 2 "))).containsExactly(new HelpPlaceSet(run.now, EXPERT, "Tisch 2"));
    assertThat(run.state.helpPlace(EXPERT)).contains("Tisch 2");
    assertThat(run.okEvents(new SetHelpPlace(EXPERT, "Tisch 2"))).isEmpty(); // the same again: no change

    run.ok(new SetHelpPlace(EXPERT, "https://meet.example.org/peerwork-eva"));
    assertThat(run.state.helpPlaces()).containsExactlyEntriesOf(java.util.Map.of(EXPERT, "https://meet.example.org/peerwork-eva"));
  }

  @Test
  void anEmptyPlaceClearsIt() {
    Run run = Run.lobby().ok(new SetHelpPlace(EXPERT, "Tisch 2"));
    assertThat(run.okEvents(new SetHelpPlace(EXPERT, " "))).containsExactly(new HelpPlaceSet(run.now, EXPERT, ""));
    assertThat(run.state.helpPlace(EXPERT)).isEmpty();
    assertThat(run.state.helpPlaces()).isEmpty();
  }

  @Test
  void hostsMaySayItParticipantsMayNot() {
    Run run = Run.lobby();
    run.ok(new SetHelpPlace(HOST, "Empfang"));
    assertThat(run.state.helpPlace(HOST)).contains("Empfang");
    run.rejects(new SetHelpPlace(ANA, "Tisch 1"), RejectionCode.ROLE_NOT_ALLOWED);
  }

  @Test
  void aLinkIsCheckedAsALinkAndAPlaceAsOneShortLine() {
    Run run = Run.lobby();
    run.rejects(new SetHelpPlace(EXPERT, "https://"), RejectionCode.INVALID_HELP_PLACE);
    run.rejects(new SetHelpPlace(EXPERT, "https://meet example.org"), RejectionCode.INVALID_HELP_PLACE);
    run.rejects(new SetHelpPlace(EXPERT, "Tisch\u202E2"), RejectionCode.INVALID_HELP_PLACE);
    run.rejects(new SetHelpPlace(EXPERT, "T".repeat(121)), RejectionCode.INVALID_HELP_PLACE);
    run.ok(new SetHelpPlace(EXPERT, "T".repeat(120)));
    run.ok(new SetHelpPlace(EXPERT, "https://meet.example.org/" + "a".repeat(200))); // a link may be longer
  }

  @Test
  void thePlaceSurvivesASnapshot() {
    Run run = Run.lobby().ok(new SetHelpPlace(EXPERT, "Tisch 2")).ok(new SetHelpPlace(HOST, "Eingang"));
    SessionSnapshot snapshot = SessionSnapshot.of(run.state);
    assertThat(snapshot.helpPlaces()).containsExactly(new SessionSnapshot.HelpPlace(EXPERT, "Tisch 2"),
        new SessionSnapshot.HelpPlace(HOST, "Eingang"));
    assertThat(snapshot.state()).isEqualTo(run.state);
  }
}
