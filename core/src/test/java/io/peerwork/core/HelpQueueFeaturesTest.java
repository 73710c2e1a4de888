package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import io.peerwork.core.Fixtures.Run;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The expert's queue beyond the basics: holds, groups, queue state, announcements, answers, topics, peers. */
class HelpQueueFeaturesTest {
  private static final RequestId R1 = RequestId.of("r1");
  private static final RequestId R2 = RequestId.of("r2");
  private static final RequestId R3 = RequestId.of("r3");

  private static List<RequestId> order(Run run) {
    return run.engine.queue(run.state).waiting().stream().map(e -> e.request().id()).toList();
  }

  private static Run withCem() {
    return Run.inFocus().ok(new Join(CEM, "Cem", Role.PARTICIPANT));
  }

  @Nested
  class Hold {
    @Test
    void aHeldRequestFreesTheExpertAndComesBackAtTheTopWhenTheParticipantIsReady() {
      Run run = withCem().ok(new RaiseHand(ANA, "image-tools", "Canva-Vorlage"))
          .ok(new RaiseHand(BEN, "content-ideas", "")).ok(new ClaimNext(EXPERT)).afterMinutes(4)
          .ok(new HoldHelp(EXPERT, R1, 0));
      assertThat(run.state.request(R1).orElseThrow().status()).isEqualTo(HelpRequest.Status.ON_HOLD);
      assertThat(run.state.openRequestOf(ANA)).isPresent(); // still her one open request
      assertThat(run.engine.queue(run.state).onHold()).extracting(HelpRequest::id).containsExactly(R1);

      run.ok(new ClaimNext(EXPERT)); // Ben moved up meanwhile
      assertThat(run.state.request(R2).orElseThrow().expert()).contains(EXPERT);
      run.ok(new FinishHelp(EXPERT, R2, HelpOutcome.SOLVED)).ok(new RaiseHand(CEM, "image-tools", ""));
      run.afterMinutes(10).ok(new ReadyAgain(ANA));
      assertThat(order(run)).containsExactly(R1, R3); // ahead of Cem, who asked while she tried

      run.ok(new ClaimNext(EXPERT)).afterMinutes(3).ok(new FinishHelp(EXPERT, R1, HelpOutcome.SOLVED));
      HelpRequest done = run.state.request(R1).orElseThrow();
      assertThat(done.helpTime()).contains(Duration.ofMinutes(7)); // 4 + 3: the hold is not help time
      assertThat(done.waited()).contains(Duration.ZERO); // waited until the first claim
      assertThat(done.holds()).isEqualTo(1);
      assertThat(Recap.of(run.state, run.now).holds()).isEqualTo(1);
    }

    @Test
    void aTimedHoldComesBackByItselfAtItsTimeWhichIsTheSessionsNextDeadline() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
          .ok(new HoldHelp(EXPERT, R1, 5));
      assertThat(run.state.nextDeadline()).contains(run.now.plus(Duration.ofMinutes(5)));
      assertThat(run.afterMinutes(4).okEvents(new Tick())).isEmpty();
      List<SessionEvent> back = run.afterMinutes(1).okEvents(new Tick());
      assertThat(back).containsExactly(new SessionEvent.HoldEnded(run.now, R1, Optional.empty()));
      assertThat(order(run)).containsExactly(R1);
    }

    @Test
    void theParticipantMayWithdrawAHeldRequestAndAnyExpertMayTakeItBack() {
      Run run = Run.inFocus().ok(new Join(EXPERT2, "Emil", Role.EXPERT)).ok(new RaiseHand(ANA, "image-tools", ""))
          .ok(new ClaimNext(EXPERT)).ok(new HoldHelp(EXPERT, R1, 0));
      run.ok(new ClaimRequest(EXPERT2, R1));
      assertThat(run.state.request(R1).orElseThrow().expert()).contains(EXPERT2);
      run.ok(new HoldHelp(EXPERT2, R1, 0)).ok(new WithdrawHand(ANA));
      assertThat(run.state.request(R1).orElseThrow().status()).isEqualTo(HelpRequest.Status.WITHDRAWN);
    }
  }

  @Nested
  class Group {
    @Test
    void meTooJoinsTheRequestTheExpertTakesTheGroupAtOnceAndEachMemberCountsAsHelped() {
      Run run = withCem().ok(new RaiseHand(ANA, "image-tools", "Canva-Vorlage"))
          .ok(new JoinRequest(BEN, R1, "ich auch, mit Fotos"));
      HelpRequest group = run.state.request(R1).orElseThrow();
      assertThat(group.members()).containsExactly(ANA, BEN);
      assertThat(group.group().get(0).note()).isEqualTo("ich auch, mit Fotos"); // notes stay with their authors
      assertThat(run.state.openRequestOf(BEN)).contains(group);
      assertThat(run.engine.queue(run.state).entryOf(BEN).orElseThrow().place()).isEqualTo(1);
      run.rejects(new RaiseHand(BEN, "content-ideas", ""), RejectionCode.ALREADY_IN_QUEUE);

      run.ok(new ClaimNext(EXPERT)).ok(new FinishHelp(EXPERT, R1, HelpOutcome.SOLVED));
      assertThat(run.state.helpsReceived(ANA)).isEqualTo(1);
      assertThat(run.state.helpsReceived(BEN)).isEqualTo(1);
      assertThat(run.state.helpsReceived(CEM)).isZero();
      Recap recap = Recap.of(run.state, run.now);
      assertThat(recap.groupHelps()).isEqualTo(1);
      assertThat(recap.helps().get(0).helped()).containsExactly(ANA, BEN);
    }

    @Test
    void whenTheAskerLeavesTheGroupTheNextMemberAsksWithTheirOwnNote() {
      Run run = withCem().ok(new RaiseHand(ANA, "image-tools", "Canva")).ok(new JoinRequest(BEN, R1, "Fotos"))
          .ok(new JoinRequest(CEM, R1, ""));
      assertThat(run.okEvents(new WithdrawHand(ANA))).containsExactly(new SessionEvent.RequestLeft(run.now, R1, ANA));
      HelpRequest r = run.state.request(R1).orElseThrow();
      assertThat(r.participant()).isEqualTo(BEN);
      assertThat(r.note()).isEqualTo("Fotos");
      assertThat(r.members()).containsExactly(BEN, CEM);
      run.ok(new Leave(CEM)).ok(new WithdrawHand(BEN));
      assertThat(run.state.request(R1).orElseThrow().status()).isEqualTo(HelpRequest.Status.WITHDRAWN);
    }
  }

  @Nested
  class QueueStates {
    @Test
    void pausingKeepsEveryPlaceTakesNobodyAndShowsNoEstimateUntilTheQueueOpensAgain() {
      Run run = withCem().ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "image-tools", ""))
          .ok(new SetQueueState(EXPERT, QueueStatus.PAUSED, "Bin in 10 Minuten zurück"));
      assertThat(run.state.queueState().reason()).isEqualTo("Bin in 10 Minuten zurück");
      assertThat(run.state.queueState().by()).contains(EXPERT);
      run.ok(new RaiseHand(CEM, "content-ideas", "")); // hands still go up
      assertThat(order(run)).containsExactly(R1, R2, R3);
      assertThat(run.engine.queue(run.state).waiting()).allSatisfy(e -> assertThat(e.estimatedWait()).isEmpty());
      run.ok(new SetQueueState(EXPERT, QueueStatus.OPEN, "")).ok(new ClaimNext(EXPERT));
      assertThat(run.state.request(R1).orElseThrow().expert()).contains(EXPERT);
    }

    @Test
    void aClosedQueueTakesNoNewHandsButServesThoseWaiting() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""))
          .ok(new SetQueueState(HOST, QueueStatus.CLOSED, "Schluss für heute"));
      run.rejects(new RaiseHand(BEN, "image-tools", ""), RejectionCode.QUEUE_CLOSED);
      run.ok(new ClaimNext(EXPERT));
      assertThat(run.okEvents(new SetQueueState(HOST, QueueStatus.CLOSED, "Schluss für heute"))).isEmpty();
      run.rejects(new SetQueueState(ANA, QueueStatus.OPEN, ""), RejectionCode.ROLE_NOT_ALLOWED);
    }
  }

  @Nested
  class Announcements {
    @Test
    void aHostOrExpertPinsAMessageReplacesItAndTakesItDown() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""))
          .ok(new PostAnnouncement(HOST, "Kaffee steht bereit", Announcement.Audience.EVERYONE));
      assertThat(run.state.announcement().orElseThrow().text()).isEqualTo("Kaffee steht bereit");
      run.ok(new PostAnnouncement(EXPERT, "Wer wartet: Canva-Vorlage schon mal öffnen", Announcement.Audience.WAITING));
      Announcement a = run.state.announcement().orElseThrow();
      assertThat(a.by()).isEqualTo(EXPERT);
      assertThat(a.shownTo(run.state, ANA)).isTrue(); // waiting
      assertThat(a.shownTo(run.state, BEN)).isFalse(); // not waiting
      assertThat(a.shownTo(run.state, HOST)).isTrue();
      run.rejects(new PostAnnouncement(BEN, "Hallo alle", Announcement.Audience.EVERYONE), RejectionCode.ROLE_NOT_ALLOWED);
      run.ok(new RemoveAnnouncement(HOST));
      assertThat(run.state.announcement()).isEmpty();
    }
  }

  @Nested
  class AfterHelp {
    @Test
    void eachHelpedMemberAnswersWithOneTapAndALaterAnswerReplacesTheirs() {
      Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new JoinRequest(BEN, R1, ""))
          .ok(new ClaimNext(EXPERT)).ok(new FinishHelp(EXPERT, R1, HelpOutcome.PARTLY_SOLVED))
          .ok(new RateHelp(ANA, R1, HelpFeedback.NOT_YET)).ok(new RateHelp(BEN, R1, HelpFeedback.SOLVED))
          .ok(new RateHelp(ANA, R1, HelpFeedback.PARTLY));
      HelpRequest r = run.state.request(R1).orElseThrow();
      assertThat(r.ratingOf(ANA)).contains(HelpFeedback.PARTLY);
      assertThat(r.ratingOf(BEN)).contains(HelpFeedback.SOLVED);
      assertThat(run.okEvents(new RateHelp(BEN, R1, HelpFeedback.SOLVED))).isEmpty();
      assertThat(Recap.of(run.state, run.now).feedback()).isEqualTo(new Recap.Feedback(1, 1, 0));
    }

    @Test
    void aFormatMayAskForAPauseBeforeTheSameParticipantAsksAgain() {
      Run run = Run.timedLobby().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
          .ok(new FinishHelp(EXPERT, R1, HelpOutcome.SOLVED)).afterMinutes(4);
      run.rejects(new RaiseHand(ANA, "image-tools", ""), RejectionCode.RAISED_TOO_SOON);
      run.ok(new RaiseHand(BEN, "image-tools", "")); // others are not held back
      run.afterMinutes(1).ok(new RaiseHand(ANA, "image-tools", ""));
    }
  }

  @Nested
  class TimeBoxes {
    @Test
    void theWaitEstimateTakesTheTimeBoxesOfTheTopicsWaiting() {
      Run run = Run.timedLobby().ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(BEN, "content-ideas", ""));
      // the mean of 15 and 5 minutes, blended with no finished help yet
      assertThat(run.engine.queue(run.state).typicalHelpTime()).isEqualTo(Duration.ofMinutes(10));
      Run plain = Run.lobby().ok(new RaiseHand(ANA, "image-tools", ""));
      assertThat(plain.engine.queue(plain.state).typicalHelpTime()).isEqualTo(HelpQueueView.DEFAULT_HELP_TIME);
    }

    @Test
    void helpedForCountsTheHelpSoFarWithoutHolds() {
      Run run = Run.timedLobby().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT)).afterMinutes(6)
          .ok(new HoldHelp(EXPERT, R1, 0)).afterMinutes(20).ok(new ReadyAgain(ANA)).ok(new ClaimNext(EXPERT))
          .afterMinutes(2);
      assertThat(run.state.request(R1).orElseThrow().helpedFor(run.now)).isEqualTo(Duration.ofMinutes(8));
    }
  }

  @Nested
  class ExpertsByTopic {
    @Test
    void claimNextGivesAnExpertTheFirstRequestOnATopicTheyTake() {
      Run run = Run.inFocus().ok(new Join(EXPERT2, "Emil", Role.EXPERT))
          .ok(new SetExpertTopics(EXPERT2, List.of("image-tools")))
          .ok(new RaiseHand(ANA, "content-ideas", "")).ok(new RaiseHand(BEN, "image-tools", ""));
      run.ok(new ClaimNext(EXPERT2));
      assertThat(run.state.request(R2).orElseThrow().expert()).contains(EXPERT2);
      run.ok(new ClaimNext(EXPERT)); // takes all topics
      assertThat(run.state.request(R1).orElseThrow().expert()).contains(EXPERT);
      run.ok(new Join(CEM, "Cem", Role.PARTICIPANT)).ok(new RaiseHand(CEM, "content-ideas", ""))
          .rejects(new ClaimNext(EXPERT2), RejectionCode.EXPERT_BUSY);
      run.ok(new FinishHelp(EXPERT2, R2, HelpOutcome.SOLVED)).rejects(new ClaimNext(EXPERT2), RejectionCode.QUEUE_EMPTY);
      run.rejects(new SetExpertTopics(EXPERT2, List.of("knitting")), RejectionCode.UNKNOWN_TOPIC);
      run.rejects(new SetExpertTopics(ANA, List.of("image-tools")), RejectionCode.ROLE_NOT_ALLOWED);
    }
  }

  /** {@code who} declares a goal of {@code task} and marks it done: they may offer help on its topics. */
  private static Run done(Run run, ParticipantId who, String task) {
    run.ok(new DeclareGoal(who, "Erledigt: " + task, Optional.of(task)));
    return run.ok(new MarkGoal(who, run.state.goals().get(run.state.goals().size() - 1).id(), GoalStatus.DONE));
  }

  @Nested
  class EarnedPeerTopics {
    @Test
    void aPeerOffersATopicOnlyOnceAGoalOfATaskNamingItIsDone() {
      Run run = withCem();
      run.rejects(new OfferPeerHelp(BEN, List.of("image-tools")), RejectionCode.PEER_TOPIC_NOT_EARNED);
      run.ok(new DeclareGoal(BEN, "Canva-Vorlagen bauen", Optional.of("design-images")));
      GoalId goal = run.state.goals().get(0).id();
      run.rejects(new OfferPeerHelp(BEN, List.of("image-tools")), RejectionCode.PEER_TOPIC_NOT_EARNED); // open
      run.ok(new MarkGoal(BEN, goal, GoalStatus.PARTLY_DONE))
          .rejects(new OfferPeerHelp(BEN, List.of("image-tools")), RejectionCode.PEER_TOPIC_NOT_EARNED);
      run.ok(new MarkGoal(BEN, goal, GoalStatus.DONE));
      assertThat(run.engine.earnedPeerTopics(run.state, BEN)).containsExactly("image-tools");
      assertThat(run.engine.earnedPeerTopics(run.state, ANA)).isEmpty(); // Ben's goal earns Ben's topics only
      run.rejects(new OfferPeerHelp(ANA, List.of("image-tools")), RejectionCode.PEER_TOPIC_NOT_EARNED);

      // Another topic, alone or along with the earned one, is refused; nothing changes.
      Rejection r = run.rejects(new OfferPeerHelp(BEN, List.of("image-tools", "content-ideas")),
          RejectionCode.PEER_TOPIC_NOT_EARNED);
      assertThat(r.message()).contains("content-ideas");
      run.rejects(new OfferPeerHelp(BEN, List.of("content-ideas")), RejectionCode.PEER_TOPIC_NOT_EARNED);
      assertThat(run.state.peerOffers()).doesNotContainKey(BEN);

      assertThat(run.okEvents(new OfferPeerHelp(BEN, List.of("image-tools"))))
          .containsExactly(new SessionEvent.PeerOfferSet(run.now, BEN, List.of("image-tools")));
      assertThat(run.okEvents(new OfferPeerHelp(BEN, List.of("image-tools")))).isEmpty(); // the same again: no change
    }

    @Test
    void aGoalWithoutATaskOrATaskWithoutTopicsEarnsNothingAndUnknownTopicsAreStillUnknown() {
      Run run = withCem().ok(new DeclareGoal(BEN, "Impressum", Optional.empty()));
      run.ok(new MarkGoal(BEN, run.state.goals().get(0).id(), GoalStatus.DONE));
      assertThat(run.engine.earnedPeerTopics(run.state, BEN)).isEmpty();
      run.rejects(new OfferPeerHelp(BEN, List.of("knitting")), RejectionCode.UNKNOWN_TOPIC);
      done(run, BEN, "plan-posts").ok(new OfferPeerHelp(BEN, List.of("content-ideas")));
      assertThat(run.state.peerOffers()).containsEntry(BEN, List.of("content-ideas"));
    }

    @Test
    void aGoalMarkedOtherwiseLaterKeepsTheOfferButATopicWithdrawnIsEarnedAgainOnlyByAGoalDone() {
      Run run = done(withCem(), BEN, "design-images").ok(new OfferPeerHelp(BEN, List.of("image-tools")));
      run.ok(new MarkGoal(BEN, run.state.goals().get(0).id(), GoalStatus.OPEN));
      assertThat(run.state.peerOffers()).containsEntry(BEN, List.of("image-tools")); // kept
      assertThat(run.okEvents(new OfferPeerHelp(BEN, List.of("image-tools")))).isEmpty();
      run.ok(new OfferPeerHelp(BEN, List.of())) // taken back
          .rejects(new OfferPeerHelp(BEN, List.of("image-tools")), RejectionCode.PEER_TOPIC_NOT_EARNED);
      run.ok(new MarkGoal(BEN, run.state.goals().get(0).id(), GoalStatus.DONE)).ok(new OfferPeerHelp(BEN, List.of("image-tools")));
    }
  }

  @Nested
  class PeerHelpers {
    /** Ben, who designed images, offers image tools; the one expert is busy with Cem. */
    private Run busyExpertAndBenOffers() {
      return done(withCem(), BEN, "design-images").ok(new OfferPeerHelp(BEN, List.of("image-tools")))
          .ok(new RaiseHand(CEM, "content-ideas", "")).ok(new ClaimNext(EXPERT));
    }

    @Test
    void whileTheExpertIsBusyAPeerWhoOfferedTheTopicIsSuggestedAndHelpsWhenAccepted() {
      Run run = busyExpertAndBenOffers().ok(new RaiseHand(ANA, "image-tools", "Canva"));
      HelpQueueView.Entry ana = run.engine.queue(run.state).entryOf(ANA).orElseThrow();
      assertThat(ana.peer()).contains(BEN);
      run.ok(new AcceptPeerHelp(ANA, BEN));
      HelpRequest r = run.state.request(R2).orElseThrow();
      assertThat(r.byPeer()).isTrue();
      assertThat(r.expert()).contains(BEN);
      run.afterMinutes(5).ok(new FinishHelp(BEN, R2, HelpOutcome.SOLVED)).ok(new RateHelp(ANA, R2, HelpFeedback.SOLVED));
      assertThat(run.state.helpsReceived(ANA)).isEqualTo(1);
      assertThat(run.state.peerHelpsGiven(BEN)).isEqualTo(1);
      Recap recap = Recap.of(run.state, run.now);
      assertThat(recap.peerHelps()).isEqualTo(1);
      assertThat(recap.of(BEN).orElseThrow().peerHelpsGiven()).isEqualTo(1);
      assertThat(recap.medianHelpTime()).isEmpty(); // the expert's help time counts only experts' helps
    }

    @Test
    void noPeerIsSuggestedWhileAnExpertIsFreeOrToSomeoneWhoDeclinedAndDecliningKeepsThePlace() {
      Run free = done(withCem(), BEN, "design-images").ok(new OfferPeerHelp(BEN, List.of("image-tools")))
          .ok(new RaiseHand(ANA, "image-tools", ""));
      assertThat(free.engine.queue(free.state).entryOf(ANA).orElseThrow().peer()).isEmpty();

      Run run = busyExpertAndBenOffers().ok(new RaiseHand(ANA, "image-tools", ""));
      run.ok(new DeclinePeerHelp(ANA));
      HelpQueueView.Entry ana = run.engine.queue(run.state).entryOf(ANA).orElseThrow();
      assertThat(ana.peer()).isEmpty();
      assertThat(ana.place()).isEqualTo(1);
      run.rejects(new AcceptPeerHelp(ANA, BEN), RejectionCode.NO_PEER_SUGGESTED);
    }

    @Test
    void aPeerIsSuggestedToOneRequestAtATimeAndOnlyWhileFree() {
      Run run = busyExpertAndBenOffers().ok(new Join(ParticipantId.of("dora"), "Dora", Role.PARTICIPANT))
          .ok(new RaiseHand(ANA, "image-tools", "")).ok(new RaiseHand(ParticipantId.of("dora"), "image-tools", ""));
      var queue = run.engine.queue(run.state);
      assertThat(queue.entryOf(ANA).orElseThrow().peer()).contains(BEN);
      assertThat(queue.entryOf(ParticipantId.of("dora")).orElseThrow().peer()).isEmpty();
      run.ok(new RaiseHand(BEN, "content-ideas", "")); // a peer with an open request of their own is not free
      assertThat(run.engine.queue(run.state).entryOf(ANA).orElseThrow().peer()).isEmpty();
      SessionEngine never = SessionEngine.builder().formats(FORMAT, TIMED_FORMAT)
          .peerHelpPolicy(PeerHelpPolicies.NEVER).build();
      Run quiet = new Run(never);
      assertThat(never.peerHelpPolicy().id()).isEqualTo("never");
      assertThat(quiet.engine.queue(run.state).waiting()).allSatisfy(e -> assertThat(e.peer()).isEmpty());
    }

    @Test
    void aPeerWhoLeavesGivesTheRequestBackToTheQueueInItsPlace() {
      Run run = busyExpertAndBenOffers().ok(new RaiseHand(ANA, "image-tools", "")).ok(new AcceptPeerHelp(ANA, BEN))
          .ok(new Leave(BEN));
      HelpRequest r = run.state.request(R2).orElseThrow();
      assertThat(r.status()).isEqualTo(HelpRequest.Status.WAITING);
      assertThat(r.byPeer()).isFalse();
      assertThat(order(run)).containsExactly(R2);
    }
  }
}
