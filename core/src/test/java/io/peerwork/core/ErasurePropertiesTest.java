package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Erasing one person from a random session ({@link Erasure#session}): their name and texts are gone
 * from every projection (the state, the recap), while everything else stays as it was: the same
 * events in number, type and time, the same phases, goals and helps with their statuses, and every
 * other participant's recap unchanged. Random sessions are those of {@link SessionPropertiesTest}.
 */
class ErasurePropertiesTest {

  @Provide
  Arbitrary<List<SessionPropertiesTest.Step>> steps() {
    return SessionPropertiesTest.stepLists();
  }

  /** The events of a session driven by {@code steps} (rejected commands leave nothing). */
  private static List<SessionEvent> run(List<SessionPropertiesTest.Step> steps, boolean fair) {
    SessionState state = SessionState.initial(SID);
    var events = new ArrayList<SessionEvent>();
    Instant now = T0.minus(Duration.ofMinutes(15));
    Decision first = ENGINE.decide(state, new Command.ScheduleSession(SessionPropertiesTest.plan(5, fair, true)), now);
    for (SessionEvent e : first.events()) {
      state = ENGINE.evolve(state, e);
      events.add(e);
    }
    for (SessionPropertiesTest.Step step : steps) {
      now = now.plus(Duration.ofMinutes(step.minutes()));
      Decision d = ENGINE.decide(state, SessionPropertiesTest.command(step, state), now);
      for (SessionEvent e : d.events()) {
        state = ENGINE.evolve(state, e);
        events.add(e);
      }
    }
    return events;
  }

  @Property(tries = 150, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void anErasedPersonIsGoneFromEveryProjectionAndNobodyElsesRecapChanges(
      @ForAll("steps") List<SessionPropertiesTest.Step> steps,
      @ForAll @IntRange(min = 0, max = 8) int whoIndex,
      @ForAll boolean fair) {
    List<SessionEvent> events = run(steps, fair);
    SessionState before = ENGINE.replay(SID, events);
    List<Member> members = List.copyOf(before.members().values());
    ParticipantId who = members.isEmpty() ? ParticipantId.of("nobody")
        : members.get(whoIndex % members.size()).id();
    String name = before.member(who).map(Member::displayName).orElse("\u0000none");
    // Names of the random sessions may repeat: only a name nobody else has must be gone from everything.
    boolean nameIsTheirs = members.stream().filter(m -> m.displayName().equals(name)).count() == 1;

    List<SessionEvent> erased = Erasure.session(events, who);
    SessionState after = ENGINE.replay(SID, erased);

    // The same stream for everyone else: as many events, of the same types, at the same times.
    assertThat(erased).hasSameSizeAs(events);
    for (int i = 0; i < events.size(); i++) {
      assertThat(erased.get(i).getClass()).isEqualTo(events.get(i).getClass());
      assertThat(erased.get(i).at()).isEqualTo(events.get(i).at());
    }
    assertThat(after.version()).isEqualTo(before.version());
    assertThat(after.status()).isEqualTo(before.status());
    assertThat(after.currentPhase()).isEqualTo(before.currentPhase());
    assertThat(after.goals()).extracting(Goal::id, Goal::owner, Goal::status)
        .containsExactlyElementsOf(before.goals().stream().map(g -> net.jqwik.api.Tuple.of(g.id(), g.owner(),
            g.status())).map(t -> org.assertj.core.groups.Tuple.tuple(t.get1(), t.get2(), t.get3())).toList());
    assertThat(after.requests()).extracting(HelpRequest::id, HelpRequest::status)
        .containsExactlyElementsOf(before.requests().stream()
            .map(r -> org.assertj.core.groups.Tuple.tuple(r.id(), r.status())).toList());

    // Their name and texts are in no projection: not in the state, not in the recap.
    if (!who.value().equals("nobody")) {
      assertThat(after.member(who).orElseThrow().displayName()).isEqualTo(Erasure.ERASED);
      if (nameIsTheirs) {
        assertThat(after.toString()).as("the state after erasing %s", name).doesNotContain(name);
      }
      assertThat(after.goals()).filteredOn(g -> g.owner().equals(who))
          .allSatisfy(g -> assertThat(g.text()).isIn(Erasure.ERASED, ""));
      assertThat(after.requests()).filteredOn(r -> r.participant().equals(who))
          .allSatisfy(r -> assertThat(r.note()).isIn(Erasure.ERASED, ""));
    }
    if (before.status().isFinal()) {
      Recap was = Recap.of(before);
      Recap is = Recap.of(after);
      if (nameIsTheirs) {
        assertThat(is.toString()).doesNotContain(name);
      }
      assertThat(is.participants()).filteredOn(p -> !p.id().equals(who))
          .as("every other participant's recap").containsExactlyElementsOf(
              was.participants().stream().filter(p -> !p.id().equals(who)).toList());
      assertThat(is.helps()).hasSameSizeAs(was.helps());
    }

    // Erasing twice changes nothing more.
    assertThat(Erasure.session(erased, who)).isEqualTo(erased);
  }

  @Property(tries = 60, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void afterTheRetentionNoFreeTextRemainsAndEverythingElseIsAsItWas(
      @ForAll("steps") List<SessionPropertiesTest.Step> steps, @ForAll boolean fair) {
    List<SessionEvent> events = run(steps, fair);
    SessionState before = ENGINE.replay(SID, events);
    SessionState after = ENGINE.replay(SID, Erasure.expired(events));
    assertThat(after.goals()).allSatisfy(g -> assertThat(g.text()).isIn(Erasure.ERASED, ""));
    assertThat(after.requests()).allSatisfy(r -> assertThat(r.note()).isIn(Erasure.ERASED, ""));
    assertThat(after.members()).as("names stay until a person asks").isEqualTo(before.members());
    assertThat(after.goals()).extracting(Goal::status)
        .containsExactlyElementsOf(before.goals().stream().map(Goal::status).toList());
    assertThat(after.version()).isEqualTo(before.version());
    assertThat(Erasure.expired(Erasure.expired(events))).isEqualTo(Erasure.expired(events));
  }
}
