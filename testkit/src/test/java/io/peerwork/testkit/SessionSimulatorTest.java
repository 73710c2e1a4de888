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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionSimulatorTest {
  private static final NewsletterCorner FORMAT = new NewsletterCorner();

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
        SessionEvent.HandWithdrawn.class, SessionEvent.HelpClaimed.class, SessionEvent.HelpFinished.class));
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
    assertThat(recap.participants().stream().mapToInt(Recap.ParticipantRecap::helpsReceived).sum())
        .isEqualTo(recap.helpsFinished());
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
  void withoutExpertsNobodyIsHelped() {
    Simulation sim = SessionSimulator.of(FORMAT).withSeed(9).withParticipants(10).withExperts(0).run();
    assertThat(sim.unexpected()).isEmpty();
    assertThat(sim.recap().helpRequests()).isPositive();
    assertThat(sim.recap().helpsFinished()).isZero();
    assertThat(sim.recap().medianWait()).isEmpty();
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
