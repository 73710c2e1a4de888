package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import io.peerwork.core.Fixtures.Run;
import io.peerwork.core.SessionEvent.*;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Seats belong to people: hosts remove and readmit members, absent seats are freed, invite links replaced. */
class SeatsTest {

  @Test
  void aHostRemovesAMemberWhoseVisitEndsWhoseHandIsWithdrawnAndWhoseGoalsStay() {
    Run run = Run.inFocus().ok(new DeclareGoal(ANA, "Posts planen", Optional.empty()))
        .ok(new RaiseHand(ANA, "image-tools", "Canva?")).afterMinutes(5);

    List<SessionEvent> events = run.okEvents(new RemoveMember(Optional.of(HOST), ANA, "  Werbung im Chat "));

    assertThat(events).containsExactly(
        new HandWithdrawn(run.now, RequestId.of("r1")),
        new MemberRemoved(run.now, ANA, Optional.of(HOST), "Werbung im Chat"));
    assertThat(run.state.isPresent(ANA)).isFalse();
    assertThat(run.state.member(ANA).orElseThrow().visits(run.now)).last()
        .satisfies(v -> assertThat(v.to()).isEqualTo(run.now));
    assertThat(run.state.removal(ANA)).contains(new Removal(ANA, run.now, Optional.of(HOST), "Werbung im Chat"));
    assertThat(run.state.goalsOf(ANA)).hasSize(1);
    assertThat(run.state.presentCount(Role.PARTICIPANT)).isEqualTo(1);
  }

  @Test
  void aRemovedExpertsHelpGoesBackToTheQueue() {
    Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT));
    assertThat(run.okEvents(new RemoveMember(Optional.of(HOST), EXPERT, "")))
        .containsExactly(new HelpReleased(run.now, RequestId.of("r1")),
            new MemberRemoved(run.now, EXPERT, Optional.of(HOST), ""));
    assertThat(run.state.waitingRequests()).hasSize(1);
  }

  @Test
  void aRemovedMemberCannotJoinUntilReadmitted() {
    Run run = Run.lobby().ok(new RemoveMember(Optional.of(HOST), ANA, "Spam"));
    run.rejects(new Join(ANA, "Ana", Role.PARTICIPANT), RejectionCode.MEMBER_REMOVED);

    assertThat(run.okEvents(new ReadmitMember(Optional.of(HOST), ANA)))
        .containsExactly(new MemberReadmitted(run.now, ANA, Optional.of(HOST)));
    assertThat(run.state.isPresent(ANA)).isFalse(); // readmitted, not back yet
    run.ok(new Join(ANA, "Ana", Role.PARTICIPANT));
    assertThat(run.state.isPresent(ANA)).isTrue();
  }

  @Test
  void removingAndReadmittingTwiceChangesNothingTheSecondTime() {
    Run run = Run.lobby().ok(new RemoveMember(Optional.of(HOST), ANA, ""));
    assertThat(run.okEvents(new RemoveMember(Optional.of(HOST), ANA, "nochmal"))).isEmpty();
    run.ok(new ReadmitMember(Optional.empty(), ANA));
    assertThat(run.okEvents(new ReadmitMember(Optional.empty(), ANA))).isEmpty();
  }

  @Test
  void theOrganiserRemovesSomeoneWhoHasNotJoinedSoTheyCannotJoinLater() {
    Run run = Run.lobby();
    assertThat(run.okEvents(new RemoveMember(Optional.empty(), CEM, "Platz zurückgegeben")))
        .containsExactly(new MemberRemoved(run.now, CEM, Optional.empty(), "Platz zurückgegeben"));
    run.rejects(new Join(CEM, "Cem", Role.PARTICIPANT), RejectionCode.MEMBER_REMOVED);
    run.ok(new ReadmitMember(Optional.empty(), CEM)).ok(new Join(CEM, "Cem", Role.PARTICIPANT));
  }

  @Test
  void aReleasedSeatIsFreeForTheNextPersonAndItsHolderMayComeBack() {
    Run run = new Run().ok(new ScheduleSession(plan(1, "fcfs"))).ok(new Join(HOST, "H", Role.HOST))
        .ok(new OpenSession(HOST)).ok(new Join(ANA, "Bot", Role.PARTICIPANT));
    run.rejects(new Join(BEN, "Ben", Role.PARTICIPANT), RejectionCode.SESSION_FULL);

    run.afterMinutes(10);
    assertThat(run.okEvents(new ReleaseSeat(ANA, SeatReleaseReason.NEVER_CONNECTED)))
        .containsExactly(new SeatReleased(run.now, ANA, SeatReleaseReason.NEVER_CONNECTED));
    run.ok(new Join(BEN, "Ben", Role.PARTICIPANT));
    run.rejects(new Join(ANA, "Bot", Role.PARTICIPANT), RejectionCode.SESSION_FULL);
    run.ok(new Leave(BEN)).ok(new Join(ANA, "Bot", Role.PARTICIPANT)); // not removed: may come back
  }

  @Test
  void onlyASeatThatIsHeldCanBeReleased() {
    Run.lobby().ok(new Leave(ANA)).rejects(new ReleaseSeat(ANA, SeatReleaseReason.CONNECTION_LOST),
        RejectionCode.NOT_A_PARTICIPANT);
  }

  @Test
  void theHostSetsTheNoShowMinutes() {
    Run run = Run.lobby();
    assertThat(run.state.noShowMinutes()).isEqualTo(SessionState.DEFAULT_NO_SHOW_MINUTES);
    assertThat(run.okEvents(new SetNoShowMinutes(HOST, 0))).containsExactly(new NoShowMinutesSet(run.now, 0, HOST));
    assertThat(run.state.noShowMinutes()).isZero();
    assertThat(run.okEvents(new SetNoShowMinutes(HOST, 0))).isEmpty();
    run.ok(new SetNoShowMinutes(HOST, 120));
    assertThat(run.state.noShowMinutes()).isEqualTo(120);
  }

  @Test
  void revokingALinkStartsItsNextGeneration() {
    Run run = Run.lobby();
    assertThat(run.state.invite(Role.PARTICIPANT)).isEqualTo(InviteGeneration.first(Role.PARTICIPANT));
    run.after(Duration.ofMinutes(3));
    assertThat(run.okEvents(new RevokeInvite(HOST, Role.PARTICIPANT)))
        .containsExactly(new InviteRevoked(run.now, Role.PARTICIPANT, 1, HOST));
    run.ok(new RevokeInvite(HOST, Role.PARTICIPANT)).ok(new RevokeInvite(HOST, Role.EXPERT));
    assertThat(run.state.invite(Role.PARTICIPANT).generation()).isEqualTo(2);
    assertThat(run.state.invite(Role.PARTICIPANT).since()).contains(run.now);
    assertThat(run.state.invite(Role.PARTICIPANT).membersBefore()).isEqualTo(2); // Ana and Ben
    assertThat(run.state.invite(Role.EXPERT).generation()).isEqualTo(1);
    assertThat(run.state.invite(Role.HOST).generation()).isZero();
  }

  @Test
  void theNewStateSurvivesASnapshotAndAReplay() {
    Run run = Run.lobby().ok(new RemoveMember(Optional.of(HOST), ANA, "Spam"))
        .ok(new RemoveMember(Optional.empty(), CEM, "")).ok(new SetNoShowMinutes(HOST, 25))
        .ok(new RevokeInvite(HOST, Role.EXPERT)).ok(new ReleaseSeat(BEN, SeatReleaseReason.CONNECTION_LOST));
    assertThat(SessionSnapshot.of(run.state).state()).isEqualTo(run.state);
    assertThat(ENGINE.replay(SID, run.events)).isEqualTo(run.state);
  }
}
