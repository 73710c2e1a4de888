package io.peerwork.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.Goal;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpRequest;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.PhaseRun;
import io.peerwork.core.Recap;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionStatus;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.testkit.example.NewsletterCorner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionSimulatorTest {
  private static final NewsletterCorner FORMAT = new NewsletterCorner();

  /**
   * A peer is suggested to a request whose asker is away (their request waits on hold for them):
   * only someone present answers the suggestion. Found by the format contract with seed 1, 13
   * participants, one expert (the simulator had the absent asker decline, NOT_A_PARTICIPANT).
   */
  @Test
  void onlyAnAskerWhoIsPresentAnswersAPeerSuggestion() {
    Simulation sim = SessionSimulator.of(new io.peerwork.testkit.example.NewsletterCorner())
        .withSeed(1).withParticipants(13).withExperts(1).withLanguage("de").run();
    assertThat(sim.unexpected()).isEmpty();
  }

  /**
   * Peers offer only what they earned: each offer comes after a goal of a task naming its topics was
   * marked done, and now and then someone offers a topic too early and is refused as expected.
   */
  @Test
  void peersOfferOnlyTopicsOfTasksTheyFinishedAndAnEarlyOfferIsRefused() {
    var engine = io.peerwork.core.SessionEngine.builder().formats(FORMAT).build();
    var provokedCodes = EnumSet.noneOf(RejectionCode.class);
    int offers = 0;
    for (long seed = 1; seed <= 8; seed++) {
      Simulation sim = SessionSimulator.of(FORMAT).withSeed(seed).withParticipants(12).withExperts(2).run();
      assertThat(sim.unexpected()).isEmpty();
      sim.provoked().forEach(i -> provokedCodes.add(i.expected().orElseThrow()));
      io.peerwork.core.SessionState state = io.peerwork.core.SessionState.initial(sim.state().id());
      for (SessionEvent e : sim.events()) {
        if (e instanceof SessionEvent.PeerOfferSet o) {
          offers++;
          assertThat(engine.earnedPeerTopics(state, o.participant())).as("earned by %s", o.participant())
              .containsAll(o.topics());
          assertThat(state.goalsOf(o.participant())).anyMatch(g -> g.status() == GoalStatus.DONE && g.taskId().isPresent());
        }
        state = engine.evolve(state, e);
      }
    }
    assertThat(offers).isPositive();
    assertThat(provokedCodes).contains(RejectionCode.PEER_TOPIC_NOT_EARNED);
  }

  @Test
  void theSameSeedGivesTheSameSession() {
    Simulation a = SessionSimulator.of(FORMAT).withSeed(7).withParticipants(10).run();
    Simulation b = SessionSimulator.of(FORMAT).withSeed(7).withParticipants(10).run();
    assertThat(b.events()).isEqualTo(a.events());
    assertThat(b.recap()).isEqualTo(a.recap());
  }

  @Test
  void anotherSeedGivesAnotherSession() {
    Simulation a = SessionSimulator.of(FORMAT).withSeed(7).withParticipants(10).run();
    Simulation b = SessionSimulator.of(FORMAT).withSeed(8).withParticipants(10).run();
    assertThat(b.events()).isNotEqualTo(a.events());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, -5, Long.MAX_VALUE})
  void runsToTheEndWithOnlyTheRejectionsItProvoked(long seed) {
    Simulation sim = SessionSimulator.of(FORMAT).withSeed(seed).withParticipants(12).withExperts(2).run();
    assertThat(sim.unexpected()).isEmpty();
    assertThat(sim.asExpected()).isTrue();
    assertThat(sim.state().status()).isEqualTo(SessionStatus.ENDED);
    // Always provoked: a participant knocking before the doors open, and one after the end.
    assertThat(sim.provoked()).extracting(i -> i.expected().orElseThrow())
        .contains(RejectionCode.SESSION_NOT_OPEN, RejectionCode.SESSION_ENDED);
    assertThat(sim.provoked()).allSatisfy(i -> assertThat(i.asExpected()).isTrue());
  }

  @Test
  void aSessionHasEverythingARealOneHas() {
    // Over a handful of seeds, every kind of thing happens at least once.
    var kinds = new ArrayList<Class<?>>();
    var statuses = EnumSet.noneOf(GoalStatus.class);
    var provokedCodes = EnumSet.noneOf(RejectionCode.class);
    for (long seed = 1; seed <= 8; seed++) {
      Simulation sim = SessionSimulator.of(FORMAT).withSeed(seed).withParticipants(12).withExperts(2).run();
      sim.events().forEach(e -> kinds.add(e.getClass()));
      sim.state().goals().forEach(g -> statuses.add(g.status()));
      sim.provoked().forEach(i -> provokedCodes.add(i.expected().orElseThrow()));
    }
    assertThat(Set.copyOf(kinds)).containsAll(List.of(
        SessionEvent.SessionScheduled.class, SessionEvent.SessionOpened.class, SessionEvent.SessionStarted.class,
        SessionEvent.PhaseAdvanced.class, SessionEvent.PhaseExtended.class, SessionEvent.SessionEnded.class,
        SessionEvent.ParticipantJoined.class, SessionEvent.ParticipantLeft.class, SessionEvent.GoalDeclared.class,
        SessionEvent.GoalMarked.class, SessionEvent.GoalsCarriedOver.class, SessionEvent.HandRaised.class,
        SessionEvent.HandWithdrawn.class, SessionEvent.HelpClaimed.class, SessionEvent.HelpFinished.class,
        SessionEvent.HelpHeld.class, SessionEvent.HoldEnded.class, SessionEvent.RequestJoined.class,
        SessionEvent.RequestLeft.class, SessionEvent.QueueStateSet.class, SessionEvent.AnnouncementPosted.class,
        SessionEvent.AnnouncementRemoved.class, SessionEvent.HelpRated.class, SessionEvent.ExpertTopicsSet.class,
        SessionEvent.PeerOfferSet.class, SessionEvent.PeerHelpStarted.class, SessionEvent.PeerHelpDeclined.class));
    assertThat(statuses).contains(GoalStatus.DONE, GoalStatus.PARTLY_DONE, GoalStatus.CARRIED_OVER);
    assertThat(provokedCodes).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void phasesEndByTheHostAndByTheClock() {
    var byHost = 0;
    var byClock = 0;
    for (long seed = 1; seed <= 8; seed++) {
      for (SessionEvent e : SessionSimulator.of(FORMAT).withSeed(seed).run().events()) {
        if (e instanceof SessionEvent.PhaseAdvanced a) {
          if (a.by().isPresent()) {
            byHost++;
          } else {
            byClock++;
          }
        }
      }
    }
    assertThat(byHost).isPositive();
    assertThat(byClock).isPositive();
  }

  @Test
  void theRecapAddsUp() {
    Simulation sim = SessionSimulator.of(FORMAT).withSeed(11).withParticipants(15).withExperts(1).run();
    Recap recap = sim.recap();
    assertThat(recap.attendance().participants()).isEqualTo(recap.participants().size()).isLessThanOrEqualTo(15);
    assertThat(recap.attendance().experts()).isEqualTo(1);
    assertThat(recap.attendance().hosts()).isEqualTo(1);
    assertThat(recap.helpRequests()).isEqualTo(sim.state().requests().size()).isPositive();
    assertThat(recap.helpsFinished()).isEqualTo(
        (int) sim.state().requests().stream().filter(r -> r.status() == HelpRequest.Status.FINISHED).count());
    // A group help counts for everyone in the group.
    assertThat(recap.participants().stream().mapToInt(Recap.ParticipantRecap::helpsReceived).sum())
        .isEqualTo(recap.helps().stream().mapToInt(h -> h.helped().size()).sum());
    assertThat(recap.participants().stream().mapToInt(Recap.ParticipantRecap::peerHelpsGiven).sum())
        .isEqualTo((int) recap.peerHelps());
    Duration focus = sim.state().completedPhases().stream()
        .filter(r -> r.phase().kind() == PhaseKind.FOCUS_BLOCK).map(PhaseRun::length)
        .reduce(Duration.ZERO, Duration::plus);
    assertThat(recap.participants()).allSatisfy(p -> {
      assertThat(p.timeInFocus()).isLessThanOrEqualTo(focus);
      assertThat(p.goals()).noneMatch(g -> g.status() == GoalStatus.OPEN);
    });
    assertThat(recap.participants()).anySatisfy(p -> assertThat(p.timeInFocus()).isPositive());
  }

  @Test
  void goalTextsAreInTheChosenLanguage() {
    for (String lang : List.of("de", "en")) {
      Simulation sim = SessionSimulator.of(FORMAT).withSeed(3).withLanguage(lang).withParticipants(10).run();
      List<Goal> fromCatalogue = sim.state().goals().stream().filter(g -> g.taskId().isPresent()).toList();
      assertThat(fromCatalogue).isNotEmpty().allSatisfy(g -> {
        RecurringTask task = FORMAT.task(g.taskId().orElseThrow()).orElseThrow();
        assertThat(g.text()).startsWith(task.title().in(lang));
      });
      assertThat(sim.state().requirePlan().title()).startsWith(FORMAT.name().in(lang));
    }
  }

  @Test
  void helpRequestsAreAboutTheFormatsTopics() {
    Set<String> topics = FORMAT.helpTopics().stream().map(t -> t.id()).collect(Collectors.toSet());
    Simulation sim = SessionSimulator.of(FORMAT).withSeed(5).withParticipants(12).run();
    assertThat(sim.state().requests()).isNotEmpty()
        .allSatisfy(r -> assertThat(topics).contains(r.topicId()));
  }

  @Test
  void withoutExpertsOnlyPeersHelp() {
    Simulation sim = SessionSimulator.of(FORMAT).withSeed(2).withParticipants(12).withExperts(0).run();
    assertThat(sim.unexpected()).isEmpty();
    assertThat(sim.recap().helpRequests()).isPositive();
    assertThat(sim.recap().helps()).isNotEmpty().allSatisfy(h -> assertThat(h.byPeer()).isTrue());
    assertThat(sim.recap().helpsFinished()).isEqualTo((int) sim.recap().peerHelps());
    assertThat(sim.recap().medianHelpTime()).as("an expert's help time; peers' helps do not count").isEmpty();
    assertThat(sim.events()).noneMatch(e -> e instanceof SessionEvent.HelpClaimed);
  }

  /** A long session with a fixed seed, in which every new thing of the queue happens. */
  private static final Simulation LONG = SessionSimulator.of(FORMAT).withSeed(3).withParticipants(30).withExperts(2).run();

  @Test
  void theRecapCountsHoldsGroupsPeerHelpsAndAnswersAsTheyHappened() {
    Recap recap = LONG.recap();
    assertThat(LONG.unexpected()).isEmpty();

    long held = LONG.events().stream().filter(e -> e instanceof SessionEvent.HelpHeld).count();
    assertThat(recap.holds()).isPositive().isEqualTo((int) held);
    assertThat(recap.helps().stream().mapToInt(Recap.Help::holds).sum()).isLessThanOrEqualTo(recap.holds());

    // A peer help counts once its peer finished it: a peer who left gave it back to the queue.
    var peerStarted = new java.util.HashMap<io.peerwork.core.RequestId, java.util.List<io.peerwork.core.ParticipantId>>();
    LONG.events().stream().filter(e -> e instanceof SessionEvent.PeerHelpStarted).map(e -> (SessionEvent.PeerHelpStarted) e)
        .forEach(e -> peerStarted.computeIfAbsent(e.request(), r -> new ArrayList<>()).add(e.peer()));
    List<Recap.Help> byPeers = recap.helps().stream().filter(Recap.Help::byPeer).toList();
    assertThat(recap.peerHelps()).isPositive().isEqualTo(byPeers.size());
    assertThat(byPeers).allSatisfy(h -> assertThat(peerStarted.get(h.request())).contains(h.helper()));
    long finishedByPeers = LONG.state().requests().stream()
        .filter(r -> peerStarted.containsKey(r.id()) && r.status() == HelpRequest.Status.FINISHED && r.byPeer()).count();
    assertThat(recap.peerHelps()).isEqualTo(finishedByPeers);
    // Every peer helped with a topic they had offered, and gave the helps the recap credits them with.
    var offers = new java.util.HashMap<io.peerwork.core.ParticipantId, List<String>>();
    LONG.events().stream().filter(e -> e instanceof SessionEvent.PeerOfferSet).map(e -> (SessionEvent.PeerOfferSet) e)
        .forEach(e -> offers.put(e.participant(), e.topics()));
    assertThat(byPeers).allSatisfy(h -> assertThat(offers.get(h.helper())).contains(h.topicId()));
    assertThat(recap.participants()).allSatisfy(p -> assertThat(p.peerHelpsGiven())
        .isEqualTo((int) byPeers.stream().filter(h -> h.helper().equals(p.id())).count()));

    // A group help is a finished request someone joined; each of them counts as helped.
    assertThat(recap.groupHelps()).isPositive().isEqualTo(
        LONG.state().requests().stream().filter(r -> r.status() == HelpRequest.Status.FINISHED && r.isGroup()).count());
    assertThat(recap.helps()).filteredOn(h -> h.helped().size() > 1).allSatisfy(h -> assertThat(LONG.events())
        .anyMatch(e -> e instanceof SessionEvent.RequestJoined j && j.request().equals(h.request())));

    // The answers counted are the last answer of each helped person, who was one of those helped.
    Recap.Feedback f = recap.feedback();
    assertThat(f.solved()).isPositive();
    assertThat(f.partly() + f.notYet()).isPositive();
    var answered = new java.util.LinkedHashMap<String, io.peerwork.core.HelpFeedback>();
    for (SessionEvent e : LONG.events()) {
      if (e instanceof SessionEvent.HelpRated r) {
        HelpRequest req = LONG.state().request(r.request()).orElseThrow();
        assertThat(req.status()).isEqualTo(HelpRequest.Status.FINISHED);
        assertThat(req.includes(r.participant())).isTrue();
        answered.put(r.request() + "/" + r.participant(), r.answer());
      }
    }
    assertThat(f.solved() + f.partly() + f.notYet()).isEqualTo(answered.size());
    assertThat(f.solved()).isEqualTo(
        (int) answered.values().stream().filter(a -> a == io.peerwork.core.HelpFeedback.SOLVED).count());
    assertThat(f.notYet()).isEqualTo(
        (int) answered.values().stream().filter(a -> a == io.peerwork.core.HelpFeedback.NOT_YET).count());
  }

  @Test
  void whileAnExpertPausesTheQueueNobodyIsTakenAndItOpensAgain() {
    var pauses = 0;
    for (long seed = 1; seed <= 6; seed++) {
      Simulation sim = SessionSimulator.of(FORMAT).withSeed(seed).withParticipants(12).withExperts(2).run();
      var status = io.peerwork.core.QueueStatus.OPEN;
      io.peerwork.core.ParticipantId pausedBy = null;
      for (SessionEvent e : sim.events()) {
        if (e instanceof SessionEvent.QueueStateSet q) {
          if (q.status() == io.peerwork.core.QueueStatus.PAUSED) {
            pauses++;
            assertThat(q.reason()).isNotBlank();
            pausedBy = q.by();
          } else {
            assertThat(q.by()).as("reopened by whoever paused").isEqualTo(pausedBy);
          }
          status = q.status();
        }
        if (e instanceof SessionEvent.HelpClaimed c) {
          assertThat(status).as("%s taken while the queue was paused", c.request()).isEqualTo(io.peerwork.core.QueueStatus.OPEN);
        }
      }
      // A pause ends with its focus block at the latest, and the note for those waiting comes down with it.
      assertThat(status).isEqualTo(io.peerwork.core.QueueStatus.OPEN);
      assertThat(sim.state().announcement().map(io.peerwork.core.Announcement::audience))
          .isIn(Optional.empty(), Optional.of(io.peerwork.core.Announcement.Audience.EVERYONE));
    }
    assertThat(pauses).isPositive();
  }

  @Test
  void nobodyAsksAgainBeforeTheFormatsPauseAfterTheirHelp() {
    Duration pause = FORMAT.raiseAgainAfter();
    assertThat(pause).isPositive();
    var asked = 0;
    for (SessionEvent e : LONG.events()) {
      java.time.Instant at;
      io.peerwork.core.ParticipantId who;
      if (e instanceof SessionEvent.HandRaised h) {
        at = h.at();
        who = h.participant();
      } else if (e instanceof SessionEvent.RequestJoined j) {
        at = j.at();
        who = j.participant();
      } else {
        continue;
      }
      asked++;
      for (HelpRequest earlier : LONG.state().requests()) {
        if (earlier.status() == HelpRequest.Status.FINISHED && earlier.includes(who)
            && earlier.closedAt().orElseThrow().isBefore(at)) {
          assertThat(Duration.between(earlier.closedAt().orElseThrow(), at)).as("%s asked again at %s", who, at)
              .isGreaterThanOrEqualTo(pause);
        }
      }
    }
    assertThat(asked).isGreaterThan(LONG.recap().helpRequests());
  }

  @Test
  void aLargeSessionRunsToo() {
    Simulation sim = SessionSimulator.of(FORMAT).withSeed(13).withParticipants(120).withExperts(4).run();
    assertThat(sim.unexpected()).isEmpty();
    assertThat(sim.recap().attendance().participants()).isGreaterThan(90);
  }

  @Test
  void refusesSettingsThatMakeNoSense() {
    SessionSimulator s = SessionSimulator.of(FORMAT);
    assertThatThrownBy(() -> s.withParticipants(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.withParticipants(501)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.withExperts(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.withLanguage("fr")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.withQueuePolicy("loudest-first")).isInstanceOf(IllegalArgumentException.class);
    assertThat(s.withSeed(5).seed()).isEqualTo(5);
    assertThat(s.seed()).isEqualTo(1);
  }

  @Test
  void theQueuePolicyCanBeChosen() {
    Simulation fcfs = SessionSimulator.of(FORMAT).withSeed(4).withQueuePolicy("fcfs").run();
    assertThat(fcfs.state().requirePlan().queuePolicyId()).isEqualTo("fcfs");
    Simulation byDefault = SessionSimulator.of(FORMAT).withSeed(4).run();
    assertThat(byDefault.state().requirePlan().queuePolicyId()).isEqualTo("fair");
  }
}
