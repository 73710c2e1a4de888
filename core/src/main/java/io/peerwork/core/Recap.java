package io.peerwork.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session achieved: per participant and for the whole session. Made from a state with {@link
 * #of(SessionState)} once the session is over, or {@link #of(SessionState, Instant)} for an interim
 * view of a running one.
 *
 * @param session the session's id
 * @param title its title
 * @param formatId its format
 * @param status its status when the recap was made
 * @param startedAt when the agenda started, if it did
 * @param endedAt when it ended or was cancelled, if it did
 * @param participants one entry per member with role {@link Role#PARTICIPANT}, in join order
 * @param attendance how many people of each role came
 * @param helpRequests how many hands were raised
 * @param helpsFinished how many of them were finished, by an expert or a peer
 * @param medianWait the median time from raising a hand to an expert taking it, over the claimed
 *     requests; empty if none was claimed
 * @param medianHelpTime the median time an expert spent on a finished request, holds not counted;
 *     empty if none finished
 * @param helps every finished help, in the order hands were raised: who was helped, by whom, how long
 * @param holds how many times experts put a request on hold
 * @param feedback what the helped participants answered afterwards, counted
 */
public record Recap(
    SessionId session,
    String title,
    String formatId,
    SessionStatus status,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    List<ParticipantRecap> participants,
    Attendance attendance,
    int helpRequests,
    int helpsFinished,
    Optional<Duration> medianWait,
    Optional<Duration> medianHelpTime,
    List<Help> helps,
    int holds,
    Feedback feedback) {

  /** Checks for nulls and copies the list. */
  public Recap {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(formatId, "formatId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    participants = List.copyOf(Objects.requireNonNull(participants, "participants"));
    Objects.requireNonNull(attendance, "attendance");
    Objects.requireNonNull(medianWait, "medianWait");
    Objects.requireNonNull(medianHelpTime, "medianHelpTime");
    helps = List.copyOf(Objects.requireNonNull(helps, "helps"));
    Objects.requireNonNull(feedback, "feedback");
  }

  /** How many finished helps were given by peers. */
  public long peerHelps() {
    return helps.stream().filter(Help::byPeer).count();
  }

  /** How many finished helps were for a group (someone joined the request). */
  public long groupHelps() {
    return helps.stream().filter(h -> h.helped().size() > 1).count();
  }

  /**
   * One finished help.
   *
   * @param request the request
   * @param topicId its help topic
   * @param helped who was helped: the asker, then those who joined
   * @param helper the expert or peer who helped
   * @param byPeer whether a peer helped
   * @param length how long the help took, holds not counted
   * @param holds how many times it was put on hold
   * @param outcome the helper's outcome
   * @param answers what the helped said afterwards ({@link Command.RateHelp}), for the helper's summary
   */
  public record Help(RequestId request, String topicId, List<ParticipantId> helped, ParticipantId helper,
      boolean byPeer, Duration length, int holds, HelpOutcome outcome, List<HelpRequest.Rating> answers) {
    /** Checks for nulls and copies the list. */
    public Help {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(topicId, "topicId");
      helped = List.copyOf(Objects.requireNonNull(helped, "helped"));
      Objects.requireNonNull(helper, "helper");
      Objects.requireNonNull(length, "length");
      Objects.requireNonNull(outcome, "outcome");
      answers = List.copyOf(Objects.requireNonNull(answers, "answers"));
    }
  }

  /**
   * The helped participants' answers after their helps ({@link Command.RateHelp}), counted.
   *
   * @param solved how many said solved
   * @param partly how many said partly
   * @param notYet how many said not yet
   */
  public record Feedback(int solved, int partly, int notYet) {}

  /**
   * The final recap of a session that has ended or was cancelled.
   *
   * @throws IllegalStateException if the session is not over
   */
  public static Recap of(SessionState state) {
    if (!state.status().isFinal()) {
      throw new IllegalStateException("session " + state.id() + " is " + state.status() + "; use of(state, asOf)");
    }
    return of(state, state.endedAt().orElseThrow());
  }

  /**
   * The recap as of {@code asOf}: a phase or a presence still running counts up to {@code asOf}.
   *
   * @throws IllegalStateException if the session is not scheduled
   */
  public static Recap of(SessionState state, Instant asOf) {
    SessionPlan plan = state.requirePlan();
    var focus = new ArrayList<Member.Span>();
    for (PhaseRun run : state.completedPhases()) {
      if (run.phase().kind().isFocus()) {
        focus.add(run.span());
      }
    }
    state.currentPhase()
        .filter(c -> c.phase().kind().isFocus() && asOf.isAfter(c.startedAt()))
        .ifPresent(c -> focus.add(new Member.Span(c.startedAt(), asOf)));

    var people = new ArrayList<ParticipantRecap>();
    int participants = 0;
    int experts = 0;
    int hosts = 0;
    for (Member m : state.members().values()) {
      switch (m.role()) {
        case EXPERT -> experts++;
        case HOST -> hosts++;
        case PARTICIPANT -> {
          participants++;
          Duration inFocus = Duration.ZERO;
          for (Member.Span visit : m.visits(asOf)) {
            for (Member.Span block : focus) {
              inFocus = inFocus.plus(visit.overlap(block));
            }
          }
          people.add(new ParticipantRecap(m.id(), m.displayName(), state.goalsOf(m.id()),
              state.helpsReceived(m.id()), inFocus, state.peerHelpsGiven(m.id())));
        }
      }
    }
    var waits = new ArrayList<Duration>();
    var times = new ArrayList<Duration>();
    var helps = new ArrayList<Help>();
    int holds = 0;
    int[] answers = new int[HelpFeedback.values().length];
    for (HelpRequest r : state.requests()) {
      r.waited().ifPresent(waits::add);
      holds += r.holds();
      r.ratings().forEach(x -> answers[x.answer().ordinal()]++);
      if (r.helpTime().isPresent()) {
        if (!r.byPeer()) {
          times.add(r.helpTime().get());
        }
        helps.add(new Help(r.id(), r.topicId(), r.members(), r.expert().orElseThrow(), r.byPeer(), r.helpTime().get(),
            r.holds(), r.outcome().orElseThrow(), r.ratings()));
      }
    }
    return new Recap(state.id(), plan.title(), plan.formatId(), state.status(), state.startedAt(),
        state.endedAt(), people, new Attendance(participants, experts, hosts), state.requests().size(),
        helps.size(), median(waits), median(times), helps, holds,
        new Feedback(answers[HelpFeedback.SOLVED.ordinal()], answers[HelpFeedback.PARTLY.ordinal()],
            answers[HelpFeedback.NOT_YET.ordinal()]));
  }

  /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
  static Optional<Duration> median(List<Duration> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    var sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return Optional.of(n % 2 == 1
        ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
  }

  /** The recap of {@code participant}, if they joined as a participant. */
  public Optional<ParticipantRecap> of(ParticipantId participant) {
    return participants.stream().filter(p -> p.id().equals(participant)).findFirst();
  }

  /**
   * How many people of each role joined the session at least once.
   *
   * @param participants people with role participant
   * @param experts experts
   * @param hosts hosts
   */
  public record Attendance(int participants, int experts, int hosts) {}

  /**
   * What one participant got done.
   *
   * @param id who
   * @param displayName their name
   * @param goals all their goals, in the order declared, with their final status
   * @param helpsReceived how many helps they received (requests they asked or joined, finished by an
   *     expert or a peer)
   * @param timeInFocus how long they were present during focus blocks
   * @param peerHelpsGiven how many helps they gave others as a peer
   */
  public record ParticipantRecap(
      ParticipantId id, String displayName, List<Goal> goals, int helpsReceived, Duration timeInFocus,
      int peerHelpsGiven) {

    /** Checks for nulls and copies the list. */
    public ParticipantRecap {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(displayName, "displayName");
      goals = List.copyOf(Objects.requireNonNull(goals, "goals"));
      Objects.requireNonNull(timeInFocus, "timeInFocus");
    }

    /** Their goals with {@code status}, in the order declared. */
    public List<Goal> goals(GoalStatus status) {
      return goals.stream().filter(g -> g.status() == status).toList();
    }

    /** How many goals they got done. */
    public int done() {
      return goals(GoalStatus.DONE).size();
    }

    /** How many goals they got partly done. */
    public int partlyDone() {
      return goals(GoalStatus.PARTLY_DONE).size();
    }

    /** How many goals carry over to the next session. */
    public int carriedOver() {
      return goals(GoalStatus.CARRIED_OVER).size();
    }

    /** Whole minutes present in focus blocks. */
    public long minutesInFocus() {
      return timeInFocus.toMinutes();
    }
  }
}
