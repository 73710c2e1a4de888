package io.peerwork.testkit.internal;

import io.peerwork.core.Agenda;
import io.peerwork.core.Announcement;
import io.peerwork.core.Command;
import io.peerwork.core.CurrentPhase;
import io.peerwork.core.Decision;
import io.peerwork.core.Goal;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpFeedback;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.HelpQueueView;
import io.peerwork.core.HelpRequest;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.QueueStatus;
import io.peerwork.core.Recap;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.RequestId;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** One run of the session simulator: mutable, used once, by one thread. */
public final class SimulationRun {
  private static final int MAX_GOALS_PER_BLOCK = 3;
  private static final int MAX_EXTENSIONS = 2;
  private static final int MAX_QUEUE_PAUSES = 2;

  private final TopicFormat format;
  private final long seed;
  private final String lang;
  private final Instant plannedStart;
  private final ZoneId zone;
  private final String policy;
  private final Random rnd;
  private final ManualClock clock;
  private final InMemoryEventJournal journal = new InMemoryEventJournal();
  private final SessionEngine engine;
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
  /** When each peer will be done with the request they help with. */
  private final Map<ParticipantId, Instant> peerDoneAt = new HashMap<>();
  /** Requests on hold whose members will say they are ready, and when. */
  private final Map<RequestId, Instant> readyAt = new LinkedHashMap<>();
  /** What helped participants will answer after their helps, in the order they were helped. */
  private final List<Answer> answers = new ArrayList<>();
  /** For each goal: the fraction of its focus block after which it gets marked, and how. */
  private final Map<GoalId, Fate> fates = new HashMap<>();
  /** How many goals each participant still wants to declare for the block at this agenda index. */
  private final Map<ParticipantId, Integer> wantsGoals = new HashMap<>();

  private final List<Incident> provoked = new ArrayList<>();
  private final List<Incident> unexpected = new ArrayList<>();
  private int extensions;
  private int unknownIds;
  private int queuePauses;
  /** The expert's pause of the queue while it lasts. */
  private Optional<Pause> pause = Optional.empty();

  private record Fate(double at, GoalStatus status) {}

  /** A helped participant's answer, given at {@code at} if they are still there. */
  private record Answer(RequestId request, ParticipantId who, Instant at, HelpFeedback answer) {}

  /** The queue paused by {@code by} until {@code until}; {@code notice}: they pinned a note for those waiting. */
  private record Pause(ParticipantId by, Instant until, boolean notice) {}

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
    this.engine = engine;
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
    expertChoosesTopics();
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
    if (send(new Command.StartSession(host)) && !experts.isEmpty() && rnd.nextInt(100) < 80) {
      String expert = names.get(experts.get(0));
      send(new Command.PostAnnouncement(host, Phrases.welcome(expert, lang), Announcement.Audience.EVERYONE));
    }
  }

  /** With two experts or more, the last one now and then takes only some help topics. */
  private void expertChoosesTopics() {
    if (experts.size() < 2 || rnd.nextBoolean()) {
      return;
    }
    var topics = new ArrayList<String>();
    format.helpTopics().forEach(t -> topics.add(t.id()));
    Collections.shuffle(topics, rnd);
    int take = Math.max(1, topics.size() / 2);
    send(new Command.SetExpertTopics(experts.get(experts.size() - 1), List.copyOf(topics.subList(0, take))));
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
    queueState(kind);
    experts(kind);
    peers(kind);
    readyAgain();
    answer();
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

  /**
   * {@code p} has just marked a goal of {@code task} done: now and then (less often once they offer
   * something already) they say they can help others with the help topics they earned so far.
   */
  private void offerPeerHelp(ParticipantId p, String task) {
    SessionState s = state();
    List<String> earned = engine.earnedPeerTopics(s, p);
    List<String> offered = s.peerOffers().getOrDefault(p, List.of());
    if (earned.isEmpty() || earned.equals(offered) || format.task(task).map(t -> t.helpTopicIds().isEmpty()).orElse(true)
        || rnd.nextInt(100) >= (offered.isEmpty() ? 45 : 20)) {
      return;
    }
    send(new Command.OfferPeerHelp(p, earned));
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
      if (open.isEmpty() && rnd.nextInt(100) < 4 && mayAsk(s, p)) {
        ask(p, s, phase.index());
      } else if (open.isPresent() && open.get().status() == HelpRequest.Status.WAITING && rnd.nextInt(100) < 2) {
        send(new Command.WithdrawHand(p));
      }
      for (Goal g : state().goalsOf(p)) {
        Fate f = fates.get(g.id());
        if (g.focusBlock() == phase.index() && g.status() == GoalStatus.OPEN && f != null
            && f.status() != GoalStatus.OPEN && done >= f.at()) {
          if (send(new Command.MarkGoal(p, g.id(), f.status())) && f.status() == GoalStatus.DONE && g.taskId().isPresent()) {
            offerPeerHelp(p, g.taskId().get());
          }
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

  /**
   * Whether {@code p} would ask now: no open request, not helping someone as a peer, the queue not
   * closed, and the format's pause after their last help is over.
   */
  private boolean mayAsk(SessionState s, ParticipantId p) {
    return s.openRequestOf(p).isEmpty() && s.helpingWith(p).isEmpty()
        && s.queueState().status() != QueueStatus.CLOSED && !tooSoon(s, p);
  }

  /** Whether {@code p} was helped so lately that the format asks them to wait before asking again. */
  private boolean tooSoon(SessionState s, ParticipantId p) {
    Duration pauseAfterHelp = format.raiseAgainAfter();
    return !pauseAfterHelp.isZero()
        && s.lastHelpedAt(p).map(t -> clock.instant().isBefore(t.plus(pauseAfterHelp))).orElse(false);
  }

  /** {@code p} raises a hand, or joins someone who already waits with the same topic ("me too"). */
  private void ask(ParticipantId p, SessionState s, int block) {
    String topic = topicFor(p, s, block);
    List<HelpRequest> same = s.waitingRequests().stream().filter(r -> r.topicId().equals(topic)).toList();
    if (!same.isEmpty() && rnd.nextInt(100) < 60) {
      String note = rnd.nextInt(100) < 40 ? "" : Phrases.meToo(rnd, lang);
      send(new Command.JoinRequest(p, same.get(rnd.nextInt(same.size())).id(), note));
    } else {
      send(new Command.RaiseHand(p, topic, note()));
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

  /**
   * Experts finish what they help with when its time is up (or now and then put it on hold for the
   * participant to try something out) and, in focus blocks and breaks while the queue is not
   * paused, take the next on their topics.
   */
  private void experts(PhaseKind kind) {
    for (ParticipantId e : experts) {
      SessionState s = state();
      Optional<HelpRequest> helping = s.helpingWith(e);
      if (helping.isPresent()) {
        if (!clock.instant().isBefore(helpDoneAt.getOrDefault(e, Instant.MIN))) {
          HelpRequest r = helping.get();
          if (r.holds() == 0 && rnd.nextInt(100) < 15) {
            hold(e, r);
          } else {
            int roll = rnd.nextInt(100);
            finish(e, r, roll < 70 ? HelpOutcome.SOLVED : roll < 90 ? HelpOutcome.PARTLY_SOLVED : HelpOutcome.FOLLOW_UP);
          }
        }
        continue;
      }
      if ((kind != PhaseKind.FOCUS_BLOCK && kind != PhaseKind.BREAK) || s.queueState().status() == QueueStatus.PAUSED) {
        continue;
      }
      List<HelpRequest> waiting = s.waitingRequests().stream().filter(r -> s.takesTopic(e, r.topicId())).toList();
      if (waiting.isEmpty()) {
        continue;
      }
      boolean claimed = rnd.nextInt(100) < 20
          ? send(new Command.ClaimRequest(e, waiting.get(rnd.nextInt(waiting.size())).id()))
          : send(new Command.ClaimNext(e));
      if (claimed) {
        // An expert keeps an eye on the topic's time-box: most helps end within it, some run over.
        int longest = state().helpingWith(e).flatMap(r -> format.helpTimeBox(r.topicId()))
            .map(box -> (int) Math.max(4, box.toMinutes() * 13 / 10)).orElse(15);
        helpDoneAt.put(e, clock.instant().plus(Duration.ofMinutes(3 + rnd.nextInt(longest - 2))));
      }
    }
  }

  /**
   * Expert {@code e} puts {@code r} on hold: until a member says they are ready (they do in 2 to 10
   * minutes), or for 5 or 10 minutes (a member may say so sooner).
   */
  private void hold(ParticipantId e, HelpRequest r) {
    int minutes = rnd.nextBoolean() ? 0 : 5 + 5 * rnd.nextInt(2);
    if (send(new Command.HoldHelp(e, r.id(), minutes)) && (minutes == 0 || rnd.nextBoolean())) {
      int after = minutes == 0 ? 2 + rnd.nextInt(9) : 1 + rnd.nextInt(minutes - 1);
      readyAt.put(r.id(), clock.instant().plus(Duration.ofMinutes(after)));
    }
  }

  /** {@code helper} finishes {@code r}; most of those helped will answer how it went a few minutes later. */
  private void finish(ParticipantId helper, HelpRequest r, HelpOutcome outcome) {
    if (!send(new Command.FinishHelp(helper, r.id(), outcome))) {
      return;
    }
    for (ParticipantId m : r.members()) {
      if (rnd.nextInt(100) < 70) {
        answers.add(new Answer(r.id(), m, clock.instant().plus(Duration.ofMinutes(1 + rnd.nextInt(5))), feedback(outcome)));
      }
    }
  }

  /** What a helped participant answers, mostly in line with the helper's outcome. */
  private HelpFeedback feedback(HelpOutcome outcome) {
    int roll = rnd.nextInt(100);
    return switch (outcome) {
      case SOLVED -> roll < 75 ? HelpFeedback.SOLVED : roll < 95 ? HelpFeedback.PARTLY : HelpFeedback.NOT_YET;
      case PARTLY_SOLVED -> roll < 20 ? HelpFeedback.SOLVED : roll < 80 ? HelpFeedback.PARTLY : HelpFeedback.NOT_YET;
      case FOLLOW_UP -> roll < 40 ? HelpFeedback.PARTLY : HelpFeedback.NOT_YET;
    };
  }

  /**
   * Peers finish their helps when the time is up; in focus blocks and breaks, askers who are
   * suggested a peer take them up on it (about two in three) or keep waiting for the expert.
   */
  private void peers(PhaseKind kind) {
    for (ParticipantId p : participants) {
      Optional<HelpRequest> helping = state().helpingWith(p);
      if (helping.isPresent() && !clock.instant().isBefore(peerDoneAt.getOrDefault(p, Instant.MIN))) {
        int roll = rnd.nextInt(100);
        finish(p, helping.get(), roll < 55 ? HelpOutcome.SOLVED : roll < 85 ? HelpOutcome.PARTLY_SOLVED : HelpOutcome.FOLLOW_UP);
      }
    }
    if (kind != PhaseKind.FOCUS_BLOCK && kind != PhaseKind.BREAK) {
      return;
    }
    var askers = new ArrayList<ParticipantId>();
    for (HelpQueueView.Entry entry : engine.queue(state()).waiting()) {
      if (entry.peer().isPresent()) {
        askers.add(entry.request().participant());
      }
    }
    for (ParticipantId asker : askers) {
      // Each answer changes whom the others are suggested, so ask the queue again.
      Optional<HelpQueueView.Entry> entry = engine.queue(state()).entryOf(asker)
          .filter(en -> en.request().participant().equals(asker));
      if (entry.isEmpty() || entry.get().peer().isEmpty() || !state().isPresent(asker) || rnd.nextInt(100) >= 50) {
        continue; // not suggested a peer any more, away (a request on hold waits for them), or thinks it over
      }
      ParticipantId peer = entry.get().peer().get();
      if (rnd.nextInt(100) < 65) {
        if (send(new Command.AcceptPeerHelp(asker, peer))) {
          peerDoneAt.put(peer, clock.instant().plus(Duration.ofMinutes(3 + rnd.nextInt(10))));
        }
      } else {
        send(new Command.DeclinePeerHelp(asker));
      }
    }
  }

  /** Members of requests on hold say they are ready when they are; one who left is waited for. */
  private void readyAgain() {
    for (var it = readyAt.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<RequestId, Instant> due = it.next();
      if (clock.instant().isBefore(due.getValue())) {
        continue;
      }
      SessionState s = state();
      HelpRequest r = s.request(due.getKey()).orElseThrow();
      if (r.status() != HelpRequest.Status.ON_HOLD) {
        it.remove();
        continue;
      }
      List<ParticipantId> here = r.members().stream().filter(s::isPresent).toList();
      if (here.isEmpty()) {
        due.setValue(clock.instant().plus(Duration.ofMinutes(5)));
        continue;
      }
      it.remove();
      send(new Command.ReadyAgain(here.get(rnd.nextInt(here.size()))));
    }
  }

  /** Helped participants who are still there answer how their help went. */
  private void answer() {
    for (var it = answers.iterator(); it.hasNext(); ) {
      Answer a = it.next();
      if (clock.instant().isBefore(a.at())) {
        continue;
      }
      it.remove();
      if (state().isPresent(a.who())) {
        send(new Command.RateHelp(a.who(), a.request(), a.answer()));
      }
    }
  }

  /**
   * Now and then in a focus block an expert pauses the queue for 5 or 10 minutes, with a reason,
   * and sometimes pins a note for those waiting; the queue opens again when the time is up or the
   * block ends, and the note comes down.
   */
  private void queueState(PhaseKind kind) {
    SessionState s = state();
    if (pause.isPresent()) {
      Pause p = pause.get();
      if (!clock.instant().isBefore(p.until()) || (kind != PhaseKind.FOCUS_BLOCK && kind != PhaseKind.BREAK)) {
        pause = Optional.empty();
        send(new Command.SetQueueState(p.by(), QueueStatus.OPEN, ""));
        if (p.notice() && s.announcement().map(a -> a.by().equals(p.by())).orElse(false)) {
          send(new Command.RemoveAnnouncement(p.by()));
        }
      }
      return;
    }
    if (kind != PhaseKind.FOCUS_BLOCK || queuePauses >= MAX_QUEUE_PAUSES || rnd.nextInt(1000) >= 15) {
      return;
    }
    List<ParticipantId> here = experts.stream().filter(s::isPresent).toList();
    if (here.isEmpty()) {
      return;
    }
    ParticipantId e = here.get(rnd.nextInt(here.size()));
    int minutes = 5 + 5 * rnd.nextInt(2);
    if (send(new Command.SetQueueState(e, QueueStatus.PAUSED, Phrases.pauseReason(minutes, lang)))) {
      queuePauses++;
      boolean notice = rnd.nextBoolean()
          && send(new Command.PostAnnouncement(e, Phrases.pauseNotice(lang), Announcement.Audience.WAITING));
      pause = Optional.of(new Pause(e, clock.instant().plus(Duration.ofMinutes(minutes)), notice));
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
    switch (rnd.nextInt(12)) {
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
            .filter(e -> s.helpingWith(e).isEmpty())
            .findFirst();
        if (idle.isPresent() && s.waitingRequests().isEmpty() && s.queueState().status() == QueueStatus.OPEN) {
          provoke(new Command.ClaimNext(idle.get()), RejectionCode.QUEUE_EMPTY);
        }
      }
      case 6 -> provoke(new Command.PostAnnouncement(p, Phrases.pauseNotice(lang), Announcement.Audience.EVERYONE),
          RejectionCode.ROLE_NOT_ALLOWED);
      case 7 -> {
        Optional<ParticipantId> expert = experts.stream().filter(s::isPresent).findFirst();
        if (s.queueState().status() == QueueStatus.PAUSED && expert.isPresent()) {
          provoke(new Command.ClaimNext(expert.get()), RejectionCode.QUEUE_PAUSED);
        }
      }
      case 8 -> {
        Optional<HelpRequest> others = s.requests().stream()
            .filter(r -> r.status() == HelpRequest.Status.FINISHED && !r.includes(p)).findFirst();
        if (others.isPresent()) {
          provoke(new Command.RateHelp(p, others.get().id(), HelpFeedback.SOLVED), RejectionCode.NOT_YOUR_REQUEST);
        }
      }
      case 9 -> {
        Optional<ParticipantId> justHelped = present.stream()
            .filter(q -> s.openRequestOf(q).isEmpty() && tooSoon(s, q)).findFirst();
        if (justHelped.isPresent() && s.queueState().status() != QueueStatus.CLOSED) {
          provoke(new Command.RaiseHand(justHelped.get(), format.helpTopics().get(0).id(), note()),
              RejectionCode.RAISED_TOO_SOON);
        }
      }
      case 10 -> {
        // Offers to help others with a topic before having done a task that names it.
        List<String> earned = engine.earnedPeerTopics(s, p);
        Optional<String> notEarned = format.helpTopics().stream().map(HelpTopic::id)
            .filter(t -> !earned.contains(t)).findFirst();
        if (notEarned.isPresent()) {
          provoke(new Command.OfferPeerHelp(p, List.of(notEarned.get())), RejectionCode.PEER_TOPIC_NOT_EARNED);
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
