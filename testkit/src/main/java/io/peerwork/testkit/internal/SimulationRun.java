package io.peerwork.testkit.internal;

import io.peerwork.core.Agenda;
import io.peerwork.core.Command;
import io.peerwork.core.CurrentPhase;
import io.peerwork.core.Decision;
import io.peerwork.core.Goal;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.HelpRequest;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.Recap;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.SessionState;
import io.peerwork.core.SessionStatus;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.ManualClock;
import io.peerwork.testkit.Simulation;
import io.peerwork.testkit.Simulation.Incident;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** One run of the session simulator: mutable, used once, by one thread. */
public final class SimulationRun {
  private static final int MAX_GOALS_PER_BLOCK = 3;
  private static final int MAX_EXTENSIONS = 2;

  private final TopicFormat format;
  private final long seed;
  private final String lang;
  private final Instant plannedStart;
  private final ZoneId zone;
  private final String policy;
  private final Random rnd;
  private final ManualClock clock;
  private final InMemoryEventJournal journal = new InMemoryEventJournal();
  private final LiveSession live;
  private final SessionId sessionId;

  private final ParticipantId host = ParticipantId.of("host");
  private final List<ParticipantId> participants = new ArrayList<>();
  private final List<ParticipantId> experts = new ArrayList<>();
  private final Map<ParticipantId, String> names = new HashMap<>();
  /** Participants not yet in the room, and when they will (re)join. */
  private final Map<ParticipantId, Instant> comesAt = new HashMap<>();
  /** When each expert will be done with the request they hold. */
  private final Map<ParticipantId, Instant> helpDoneAt = new HashMap<>();
  /** For each goal: the fraction of its focus block after which it gets marked, and how. */
  private final Map<GoalId, Fate> fates = new HashMap<>();
  /** How many goals each participant still wants to declare for the block at this agenda index. */
  private final Map<ParticipantId, Integer> wantsGoals = new HashMap<>();

  private final List<Incident> provoked = new ArrayList<>();
  private final List<Incident> unexpected = new ArrayList<>();
  private int extensions;
  private int unknownIds;

  private record Fate(double at, GoalStatus status) {}

  /** Prepares a run; nothing happens until {@link #run()}. */
  public SimulationRun(SessionEngine engine, TopicFormat format, int participantCount, int expertCount, long seed,
      String lang, Instant plannedStart, ZoneId zone, String policy) {
    this.format = format;
    this.seed = seed;
    this.lang = lang;
    this.plannedStart = plannedStart;
    this.zone = zone;
    this.policy = policy;
    this.rnd = new Random(seed);
    this.clock = ManualClock.at(plannedStart.minus(Duration.ofDays(7)), zone);
    this.sessionId = SessionId.of("sim-" + Long.toHexString(seed));
    this.live = LiveSession.load(engine, journal, sessionId);
    for (int i = 1; i <= participantCount; i++) {
      ParticipantId p = ParticipantId.of("p" + i);
      participants.add(p);
      names.put(p, Phrases.participantName(i));
    }
    for (int i = 1; i <= expertCount; i++) {
      ParticipantId e = ParticipantId.of("e" + i);
      experts.add(e);
      names.put(e, Phrases.expertName(i, lang));
    }
    names.put(host, Phrases.hostName(lang));
  }

  /** Runs the session to its end. */
  public Simulation run() {
    schedule();
    lobby();
    while (state().status() == SessionStatus.RUNNING) {
      step();
    }
    afterTheEnd();
    SessionState end = state();
    // A session that never started (the engine refused to start it) still gets an interim recap.
    Recap recap = end.status().isFinal() ? Recap.of(end) : Recap.of(end, clock.instant());
    List<io.peerwork.core.SessionEvent> events = journal.readAll(sessionId).stream().map(RecordedEvent::event).toList();
    return new Simulation(seed, end, recap, events, provoked, unexpected);
  }

  // ---- the course of the session ---------------------------------------------------------------

  private void schedule() {
    String title = Phrases.title(format.name().in(lang), lang);
    int capacity = Math.min(SessionPlan.MAX_CAPACITY, Math.max(format.defaultCapacity(), participants.size()));
    var plan = new SessionPlan(sessionId, format.id(), title, plannedStart, zone, capacity, format.agenda(), policy);
    if (!send(new Command.ScheduleSession(plan))) {
      throw new IllegalStateException("the engine rejected the plan of the simulated session: " + unexpected.get(0));
    }
  }

  private void lobby() {
    clock.set(plannedStart.minus(Duration.ofMinutes(30)));
    send(new Command.Join(host, names.get(host), Role.HOST));
    for (ParticipantId e : experts) {
      clock.advanceMinutes(1 + rnd.nextInt(3));
      send(new Command.Join(e, names.get(e), Role.EXPERT));
    }
    // An eager participant tries to come in before the doors open.
    ParticipantId eager = participants.get(rnd.nextInt(participants.size()));
    provoke(new Command.Join(eager, names.get(eager), Role.PARTICIPANT), RejectionCode.SESSION_NOT_OPEN);

    // Doors open: by the host a little early, or by the clock at the planned start.
    Instant open;
    if (rnd.nextBoolean()) {
      clock.set(plannedStart.minus(Duration.ofMinutes(10)));
      send(new Command.OpenSession(host));
      open = clock.instant();
    } else {
      clock.set(plannedStart);
      send(new Command.Tick());
      open = plannedStart;
    }
    Duration agendaLength = format.agenda().plannedLength();
    for (ParticipantId p : participants) {
      boolean late = rnd.nextInt(100) < 15;
      long minutes = late
          ? 15 + rnd.nextInt((int) Math.max(1, agendaLength.toMinutes() / 2))
          : rnd.nextInt(15);
      comesAt.put(p, open.plus(Duration.ofMinutes(minutes)));
    }
    // The host starts the agenda at the planned start or a few minutes after.
    Instant startAt = plannedStart.plus(Duration.ofMinutes(rnd.nextInt(4)));
    while (clock.instant().isBefore(startAt)) {
      clock.advanceMinutes(1);
      arrivals();
      goals();
    }
    send(new Command.StartSession(host));
  }

  private void step() {
    clock.advanceMinutes(1 + rnd.nextInt(3));
    arrivals();
    CurrentPhase phase = state().currentPhase().orElseThrow();
    PhaseKind kind = phase.phase().kind();
    goals();
    if (kind == PhaseKind.FOCUS_BLOCK) {
      work(phase);
    }
    experts(kind);
    if (rnd.nextInt(100) < 4) {
      provokeSomething();
    }
    hostDecides(phase);
    if (state().status() == SessionStatus.RUNNING) {
      send(new Command.Tick());
    }
  }

  private void arrivals() {
    for (ParticipantId p : participants) {
      Instant at = comesAt.get(p);
      if (at != null && !clock.instant().isBefore(at)) {
        comesAt.remove(p);
        send(new Command.Join(p, names.get(p), Role.PARTICIPANT));
        wantsGoals.put(p, 1 + rnd.nextInt(MAX_GOALS_PER_BLOCK));
      }
    }
  }

  /** Present participants declare goals for the running or next focus block, one per step. */
  private void goals() {
    SessionState s = state();
    Agenda agenda = s.requirePlan().agenda();
    int current = s.currentPhase().map(CurrentPhase::index).orElse(0);
    int block = agenda.focusBlockAtOrAfter(current);
    if (block < 0) {
      return;
    }
    for (ParticipantId p : participants) {
      if (!s.isPresent(p)) {
        continue;
      }
      List<Goal> mine = s.goalsOf(p);
      long inBlock = mine.stream().filter(g -> g.focusBlock() == block).count();
      int wanted = wantsGoals.getOrDefault(p, 1);
      if (inBlock >= wanted || (current == block && rnd.nextInt(100) < 50)) {
        continue;
      }
      Optional<Goal> unfinished = mine.stream()
          .filter(g -> g.focusBlock() < block && g.status() != GoalStatus.DONE)
          .filter(g -> mine.stream().noneMatch(n -> n.focusBlock() == block && n.text().equals(g.text())))
          .findFirst();
      Command.DeclareGoal declare;
      if (unfinished.isPresent() && rnd.nextInt(100) < 70) {
        // Carries on with what the last block left unfinished; that one counts as partly done.
        Goal earlier = unfinished.get();
        if (earlier.status() == GoalStatus.OPEN) {
          send(new Command.MarkGoal(p, earlier.id(), GoalStatus.PARTLY_DONE));
        }
        declare = new Command.DeclareGoal(p, earlier.text(), earlier.taskId());
      } else {
        declare = newGoal(p);
      }
      Optional<GoalId> id = sendGoal(declare);
      id.ifPresent(g -> fates.put(g, fate()));
    }
  }

  private Command.DeclareGoal newGoal(ParticipantId p) {
    List<RecurringTask> tasks = format.tasks();
    if (tasks.isEmpty() || rnd.nextInt(100) < 25) {
      return new Command.DeclareGoal(p, Phrases.freeGoal(rnd, lang), Optional.empty());
    }
    RecurringTask task = tasks.get(rnd.nextInt(tasks.size()));
    String text = rnd.nextInt(100) < 60 || task.checklist().isEmpty()
        ? task.title().in(lang)
        : task.title().in(lang) + ": " + task.checklist().get(rnd.nextInt(task.checklist().size())).in(lang);
    return new Command.DeclareGoal(p, Phrases.clip(text, 280), Optional.of(task.id()));
  }

  private Fate fate() {
    int roll = rnd.nextInt(100);
    GoalStatus status = roll < 55 ? GoalStatus.DONE : roll < 80 ? GoalStatus.PARTLY_DONE : GoalStatus.OPEN;
    return new Fate(0.3 + rnd.nextDouble() * 0.75, status);
  }

  /** In a focus block: hands go up and down, goals get done, people come and go. */
  private void work(CurrentPhase phase) {
    double done = fraction(phase);
    for (ParticipantId p : participants) {
      SessionState s = state();
      if (!s.isPresent(p)) {
        continue;
      }
      Optional<HelpRequest> open = s.openRequestOf(p);
      if (open.isEmpty() && rnd.nextInt(100) < 4) {
        send(new Command.RaiseHand(p, topicFor(p, s, phase.index()), note()));
      } else if (open.isPresent() && open.get().status() == HelpRequest.Status.WAITING && rnd.nextInt(100) < 2) {
        send(new Command.WithdrawHand(p));
      }
      for (Goal g : state().goalsOf(p)) {
        Fate f = fates.get(g.id());
        if (g.focusBlock() == phase.index() && g.status() == GoalStatus.OPEN && f != null
            && f.status() != GoalStatus.OPEN && done >= f.at()) {
          send(new Command.MarkGoal(p, g.id(), f.status()));
        }
      }
      int roll = rnd.nextInt(1000);
      if (roll < 4) {
        // Steps out for a call and comes back.
        send(new Command.Leave(p));
        comesAt.put(p, clock.instant().plus(Duration.ofMinutes(5 + rnd.nextInt(20))));
      } else if (roll < 6 && done > 0.5) {
        // Has to go for good.
        send(new Command.Leave(p));
      }
    }
  }

  private String topicFor(ParticipantId p, SessionState s, int block) {
    List<HelpTopic> topics = format.helpTopics();
    for (Goal g : s.goalsOf(p)) {
      if (g.focusBlock() == block && g.taskId().isPresent() && rnd.nextInt(100) < 75) {
        List<String> fitting = format.task(g.taskId().get()).map(RecurringTask::helpTopicIds).orElse(List.of());
        if (!fitting.isEmpty()) {
          return fitting.get(rnd.nextInt(fitting.size()));
        }
      }
    }
    return topics.get(rnd.nextInt(topics.size())).id();
  }

  private String note() {
    return rnd.nextInt(100) < 15 ? "" : Phrases.note(rnd, lang);
  }

  /** Experts finish what they hold when its time is up and, in focus blocks and breaks, take the next. */
  private void experts(PhaseKind kind) {
    for (ParticipantId e : experts) {
      SessionState s = state();
      Optional<HelpRequest> holding = s.requests().stream()
          .filter(r -> r.status() == HelpRequest.Status.IN_PROGRESS && r.expert().orElseThrow().equals(e))
          .findFirst();
      if (holding.isPresent()) {
        if (!clock.instant().isBefore(helpDoneAt.getOrDefault(e, Instant.MIN))) {
          int roll = rnd.nextInt(100);
          HelpOutcome outcome = roll < 70 ? HelpOutcome.SOLVED : roll < 90 ? HelpOutcome.PARTLY_SOLVED : HelpOutcome.FOLLOW_UP;
          send(new Command.FinishHelp(e, holding.get().id(), outcome));
        }
        continue;
      }
      if (kind != PhaseKind.FOCUS_BLOCK && kind != PhaseKind.BREAK) {
        continue;
      }
      List<HelpRequest> waiting = s.waitingRequests();
      if (waiting.isEmpty()) {
        continue;
      }
      boolean claimed = rnd.nextInt(100) < 20
          ? send(new Command.ClaimRequest(e, waiting.get(rnd.nextInt(waiting.size())).id()))
          : send(new Command.ClaimNext(e));
      if (claimed) {
        helpDoneAt.put(e, clock.instant().plus(Duration.ofMinutes(3 + rnd.nextInt(13))));
      }
    }
  }

  /** The host ends talky phases early now and then, gives a focus block a few more minutes, ends the last phase. */
  private void hostDecides(CurrentPhase phase) {
    SessionState s = state();
    boolean last = phase.index() + 1 >= s.requirePlan().agenda().size();
    double done = fraction(phase);
    if (phase.phase().kind() == PhaseKind.FOCUS_BLOCK) {
      if (extensions < MAX_EXTENSIONS && done > 0.9 && rnd.nextInt(100) < 10) {
        extensions++;
        send(new Command.ExtendPhase(host, 5 + 5 * rnd.nextInt(2)));
      }
      return;
    }
    if (done > 0.6 && rnd.nextInt(100) < 15) {
      if (last) {
        if (rnd.nextInt(100) < 30) {
          provoke(new Command.AdvancePhase(host), RejectionCode.NO_NEXT_PHASE);
        }
        send(new Command.EndSession(host));
      } else {
        send(new Command.AdvancePhase(host));
      }
    }
  }

  /** Once it is over, a straggler still tries to set a goal. */
  private void afterTheEnd() {
    clock.advanceMinutes(5);
    provoke(new Command.DeclareGoal(participants.get(0), Phrases.freeGoal(rnd, lang), Optional.empty()),
        RejectionCode.SESSION_ENDED);
  }

  // ---- invalid commands on purpose -------------------------------------------------------------

  private void provokeSomething() {
    SessionState s = state();
    List<ParticipantId> present = participants.stream().filter(s::isPresent).toList();
    if (present.isEmpty()) {
      return;
    }
    ParticipantId p = present.get(rnd.nextInt(present.size()));
    switch (rnd.nextInt(7)) {
      case 0 -> provoke(new Command.AdvancePhase(p), RejectionCode.ROLE_NOT_ALLOWED);
      case 1 -> {
        String topic = unknownId("topic", id -> format.helpTopic(id).isEmpty());
        provoke(new Command.RaiseHand(p, topic, note()), RejectionCode.UNKNOWN_TOPIC);
      }
      case 2 -> {
        String task = unknownId("task", id -> format.task(id).isEmpty());
        provoke(new Command.DeclareGoal(p, Phrases.freeGoal(rnd, lang), Optional.of(task)), RejectionCode.UNKNOWN_TASK);
      }
      case 3 -> {
        if (s.openRequestOf(p).isPresent()) {
          provoke(new Command.RaiseHand(p, format.helpTopics().get(0).id(), note()), RejectionCode.ALREADY_IN_QUEUE);
        } else {
          provoke(new Command.WithdrawHand(p), RejectionCode.NOT_IN_QUEUE);
        }
      }
      case 4 -> {
        Optional<Goal> other = s.goals().stream().filter(g -> !g.owner().equals(p)).findFirst();
        if (other.isPresent()) {
          provoke(new Command.MarkGoal(p, other.get().id(), GoalStatus.DONE), RejectionCode.NOT_YOUR_GOAL);
        }
      }
      case 5 -> {
        Optional<ParticipantId> idle = experts.stream().filter(s::isPresent)
            .filter(e -> s.requests().stream().noneMatch(r -> r.status() == HelpRequest.Status.IN_PROGRESS
                && r.expert().orElseThrow().equals(e)))
            .findFirst();
        if (idle.isPresent() && s.waitingRequests().isEmpty()) {
          provoke(new Command.ClaimNext(idle.get()), RejectionCode.QUEUE_EMPTY);
        }
      }
      default -> provoke(new Command.ClaimNext(p), RejectionCode.ROLE_NOT_ALLOWED);
    }
  }

  private String unknownId(String what, java.util.function.Predicate<String> free) {
    String id;
    do {
      id = "no-such-" + what + "-" + (++unknownIds);
    } while (!free.test(id));
    return id;
  }

  // ---- sending ---------------------------------------------------------------------------------

  /** Sends a command meant to be valid; notes a rejection as unexpected. Whether it was accepted. */
  private boolean send(Command c) {
    Decision d = live.handle(c, clock.instant()).decision();
    if (d instanceof Decision.Rejected r) {
      unexpected.add(new Incident(clock.instant(), c, Optional.empty(), Optional.of(r.rejection())));
      return false;
    }
    return true;
  }

  /** Sends a goal meant to be valid; the new goal's id if it was declared. */
  private Optional<GoalId> sendGoal(Command.DeclareGoal c) {
    int before = state().goals().size();
    if (!send(c)) {
      return Optional.empty();
    }
    List<Goal> after = state().goals();
    return after.size() > before ? Optional.of(after.get(after.size() - 1).id()) : Optional.empty();
  }

  /** Sends a command that must be rejected with {@code expected}. */
  private void provoke(Command c, RejectionCode expected) {
    Decision d = live.handle(c, clock.instant()).decision();
    var incident = new Incident(clock.instant(), c, Optional.of(expected),
        d instanceof Decision.Rejected r ? Optional.of(r.rejection()) : Optional.empty());
    (incident.asExpected() ? provoked : unexpected).add(incident);
  }

  private SessionState state() {
    return live.state();
  }

  private double fraction(CurrentPhase phase) {
    long total = Duration.between(phase.startedAt(), phase.endsAt()).toSeconds();
    long passed = Duration.between(phase.startedAt(), clock.instant()).toSeconds();
    return total <= 0 ? 1.0 : (double) passed / total;
  }
}
