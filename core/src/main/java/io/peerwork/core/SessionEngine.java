package io.peerwork.core;

import io.peerwork.core.spi.Ids;
import io.peerwork.core.spi.PeerHelpPolicy;
import io.peerwork.core.spi.QueuePolicy;
import io.peerwork.core.spi.TopicFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The session engine: {@code decide(state, command, now)} gives events or a rejection, and {@code
 * evolve(state, event)} gives the next state. Pure and deterministic: no I/O, no clock, no threads,
 * no mutable state of its own, so one engine serves any number of sessions from any thread.
 *
 * <pre>{@code
 * SessionEngine engine = SessionEngine.builder().formats(FormatRegistry.of(new MyFormat())).build();
 * SessionState state = SessionState.initial(SessionId.of("s1"));
 * Decision d = engine.decide(state, new Command.ScheduleSession(plan), now);
 * for (SessionEvent e : d.events()) state = engine.evolve(state, e);
 * }</pre>
 *
 * <p>{@link LiveSession} wraps this loop together with an {@link EventJournal}.
 */
public final class SessionEngine {
  private final FormatRegistry formats;
  private final Map<String, QueuePolicy> policies;
  private final PeerHelpPolicy peerPolicy;
  private final Decider decider;

  private SessionEngine(FormatRegistry formats, Map<String, QueuePolicy> policies, PeerHelpPolicy peerPolicy) {
    this.formats = formats;
    this.policies = policies;
    this.peerPolicy = peerPolicy;
    this.decider = new Decider(this);
  }

  /** A builder with no formats and the built-in queue policies. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides what {@code command} does to the session in {@code state} at {@code now}.
   *
   * <p>Never throws for any command on any state this engine produced: a command that cannot be
   * carried out gives a {@link Decision.Rejected} with a stable code, and the state is unchanged.
   * If {@code now} is earlier than the session's latest event (a clock that stepped back), the
   * events take effect at the latest event's instant, so time in a session never runs backwards.
   *
   * @param state the session's current state
   * @param command what is asked
   * @param now the current time, from the caller's clock
   */
  public Decision decide(SessionState state, Command command, Instant now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(now, "now");
    Instant at = state.lastEventAt().filter(last -> last.isAfter(now)).orElse(now);
    return decider.decide(state, command, at);
  }

  /** Applies one event: the next state. Events are facts, so this never rejects. */
  public SessionState evolve(SessionState state, SessionEvent event) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(event, "event");
    return state.apply(event);
  }

  /** Applies every event of {@code events}, in order. */
  public SessionState evolve(SessionState state, Iterable<? extends SessionEvent> events) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(events, "events");
    return state.applyAll(events);
  }

  /** Rebuilds a session's state from all its events, the first being its {@code SessionScheduled}. */
  public SessionState replay(SessionId id, Iterable<? extends SessionEvent> events) {
    return evolve(SessionState.initial(id), events);
  }

  /**
   * The help queue of the session: places, estimated waits and helps in progress (see {@link
   * HelpQueueView} for how waits are estimated). If the session's queue policy is no longer
   * registered, the queue is served first come, first served; if its format is no longer
   * registered, a help is assumed to take {@link HelpQueueView#DEFAULT_HELP_TIME} until the
   * session's own helps say otherwise.
   */
  public HelpQueueView queue(SessionState state) {
    List<HelpRequest> waiting = orderedWaiting(state);
    var inProgress = new ArrayList<HelpRequest>();
    var onHold = new ArrayList<HelpRequest>();
    var finished = new ArrayList<Duration>();
    int expertHelps = 0;
    for (HelpRequest r : state.requests()) {
      if (r.status() == HelpRequest.Status.IN_PROGRESS) {
        inProgress.add(r);
        expertHelps += r.byPeer() ? 0 : 1;
      } else if (r.status() == HelpRequest.Status.ON_HOLD) {
        onHold.add(r);
      }
      if (!r.byPeer()) {
        r.helpTime().ifPresent(finished::add);
      }
    }
    Optional<TopicFormat> format = state.plan().flatMap(p -> formats.find(p.formatId()));
    Duration prior = prior(format, waiting, inProgress);
    Duration typical = HelpQueueView.typicalHelpTime(prior, finished);
    int experts = state.presentCount(Role.EXPERT);
    boolean serving = experts > 0 && state.queueState().status() != QueueStatus.PAUSED;
    List<Optional<ParticipantId>> peers = peerSuggestions(state, waiting, experts - expertHelps);
    var entries = new ArrayList<HelpQueueView.Entry>(waiting.size());
    for (int i = 0; i < waiting.size(); i++) {
      int place = i + 1;
      Optional<HelpQueueView.Wait> estimate = serving
          ? Optional.of(HelpQueueView.estimate(place, typical, expertHelps, experts))
          : Optional.empty();
      entries.add(new HelpQueueView.Entry(place, waiting.get(i), estimate, peers.get(i)));
    }
    return new HelpQueueView(entries, inProgress, onHold, typical, finished.size(), experts);
  }

  /** The format's typical help, or the mean time-box of the requests waiting and in progress. */
  private static Duration prior(Optional<TopicFormat> format, List<HelpRequest> waiting, List<HelpRequest> inProgress) {
    if (format.isEmpty()) {
      return HelpQueueView.DEFAULT_HELP_TIME;
    }
    TopicFormat f = format.get();
    Duration typical = f.typicalHelpTime();
    Duration sum = Duration.ZERO;
    int n = 0;
    boolean boxed = false;
    for (List<HelpRequest> list : List.of(waiting, inProgress)) {
      for (HelpRequest r : list) {
        Optional<Duration> box = f.helpTimeBox(r.topicId());
        boxed |= box.isPresent();
        sum = sum.plus(box.orElse(typical));
        n++;
      }
    }
    return boxed ? sum.dividedBy(n) : typical;
  }

  /** The peer suggested for each waiting request, in the queue's order; each peer at most once. */
  private List<Optional<ParticipantId>> peerSuggestions(SessionState state, List<HelpRequest> waiting, int idle) {
    var out = new ArrayList<Optional<ParticipantId>>(waiting.size());
    if (state.peerOffers().isEmpty()) {
      waiting.forEach(r -> out.add(Optional.empty()));
      return out;
    }
    int expertsFree = state.queueState().status() == QueueStatus.PAUSED ? 0 : Math.max(0, idle);
    var taken = new java.util.HashSet<ParticipantId>();
    for (HelpRequest r : waiting) {
      if (r.peerDeclined()) {
        out.add(Optional.empty());
        continue;
      }
      var context = new io.peerwork.core.spi.PeerContext() {
        @Override
        public int expertsFree() {
          return expertsFree;
        }

        @Override
        public List<ParticipantId> availablePeers(String topicId) {
          var peers = new ArrayList<ParticipantId>();
          state.peerOffers().forEach((peer, topics) -> {
            if (topics.contains(topicId) && !taken.contains(peer) && !r.includes(peer) && state.isPresent(peer)
                && state.member(peer).map(m -> m.role() == Role.PARTICIPANT).orElse(false)
                && state.helpingWith(peer).isEmpty() && state.openRequestOf(peer).isEmpty()) {
              peers.add(peer);
            }
          });
          return List.copyOf(peers);
        }

        @Override
        public int peerHelpsGiven(ParticipantId peer) {
          return state.peerHelpsGiven(peer);
        }
      };
      Optional<ParticipantId> peer = peerPolicy.suggest(r, context);
      if (peer == null || (peer.isPresent() && !context.availablePeers(r.topicId()).contains(peer.get()))) {
        peer = Optional.empty(); // a policy's pick outside the available peers is ignored, as documented
      }
      peer.ifPresent(taken::add);
      out.add(peer);
    }
    return out;
  }

  /**
   * The help topics {@code participant} may offer to help others with ({@link
   * Command.OfferPeerHelp}), in the format's order: those the catalogue names for the task of one
   * of their goals marked {@link GoalStatus#DONE} in this session, and those they offer already (a
   * goal marked done and then otherwise keeps the offer it earned). The session does not know
   * which goals come from a participant's routines in a series, so only goals done count. Empty if
   * the session has no plan, its format is not registered, or the participant has no such goal.
   *
   * @param state the session's state
   * @param participant the participant, whatever their role
   */
  public List<String> earnedPeerTopics(SessionState state, ParticipantId participant) {
    Objects.requireNonNull(participant, "participant");
    Optional<TopicFormat> format = state.plan().flatMap(p -> formats.find(p.formatId()));
    if (format.isEmpty()) {
      return List.of();
    }
    var earned = new HashSet<>(state.peerOffers().getOrDefault(participant, List.of()));
    for (Goal g : state.goalsOf(participant)) {
      if (g.status() == GoalStatus.DONE && g.taskId().isPresent()) {
        format.get().task(g.taskId().get()).ifPresent(t -> earned.addAll(t.helpTopicIds()));
      }
    }
    return format.get().helpTopics().stream().map(io.peerwork.core.spi.HelpTopic::id).filter(earned::contains).toList();
  }

  /** The peer help policy of this engine's sessions. */
  public PeerHelpPolicy peerHelpPolicy() {
    return peerPolicy;
  }

  /** The formats this engine knows. */
  public FormatRegistry formats() {
    return formats;
  }

  /** The queue policy with {@code id}, if registered. */
  public Optional<QueuePolicy> queuePolicy(String id) {
    return Optional.ofNullable(policies.get(id));
  }

  /** Every registered queue policy. */
  public List<QueuePolicy> queuePolicies() {
    return List.copyOf(policies.values());
  }

  /**
   * The waiting requests in the order they are served: those back from a hold first (in the order
   * they came back), then the others in the session's queue policy's order.
   */
  List<HelpRequest> orderedWaiting(SessionState state) {
    List<HelpRequest> waiting = state.waitingRequests();
    if (waiting.size() < 2) {
      return waiting;
    }
    // A session whose policy is no longer registered (a plugin was removed) is served first come, first served.
    QueuePolicy policy = policies.getOrDefault(state.requirePlan().queuePolicyId(),
        QueuePolicies.FIRST_COME_FIRST_SERVED);
    List<HelpRequest> ordered = policy.order(waiting, state::helpsReceived);
    if (ordered == null || ordered.size() != waiting.size() || !new HashSet<>(ordered).equals(new HashSet<>(waiting))) {
      throw new PeerworkException("queue policy '" + policy.id() + "' did not return each waiting request exactly once");
    }
    // Requests back from a hold come first, in the order they came back; then the policy's order.
    var returned = new ArrayList<HelpRequest>();
    var rest = new ArrayList<HelpRequest>(ordered.size());
    for (HelpRequest r : ordered) {
      (r.returnedAt().isPresent() ? returned : rest).add(r);
    }
    if (returned.isEmpty()) {
      return List.copyOf(ordered);
    }
    returned.sort(java.util.Comparator.comparing(r -> r.returnedAt().get()));
    returned.addAll(rest);
    return List.copyOf(returned);
  }

  /** Builds a {@link SessionEngine}. */
  public static final class Builder {
    private FormatRegistry formats = FormatRegistry.of();
    private final Map<String, QueuePolicy> policies = new LinkedHashMap<>();
    private PeerHelpPolicy peerPolicy = PeerHelpPolicies.WHEN_EXPERTS_BUSY;

    private Builder() {
      QueuePolicies.builtIn().forEach(p -> policies.put(p.id(), p));
    }

    /** The formats sessions may be of. */
    public Builder formats(FormatRegistry registry) {
      this.formats = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Shorthand for {@code formats(FormatRegistry.of(formats))}. */
    public Builder formats(TopicFormat... formats) {
      return formats(FormatRegistry.of(formats));
    }

    /**
     * Adds a queue policy.
     *
     * @throws PeerworkException if its id is malformed or taken
     */
    public Builder queuePolicy(QueuePolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (!Ids.isWellFormed(policy.id())) {
        throw new PeerworkException("queue policy id '" + policy.id() + "' is not well-formed");
      }
      if (policies.putIfAbsent(policy.id(), policy) != null) {
        throw new PeerworkException("two queue policies have the id '" + policy.id() + "'");
      }
      return this;
    }

    /**
     * Which peer, if any, is suggested to a waiting participant; default {@link
     * PeerHelpPolicies#WHEN_EXPERTS_BUSY}. One policy serves all of the engine's sessions.
     */
    public Builder peerHelpPolicy(PeerHelpPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (!Ids.isWellFormed(policy.id())) {
        throw new PeerworkException("peer help policy id '" + policy.id() + "' is not well-formed");
      }
      this.peerPolicy = policy;
      return this;
    }

    /**
     * The engine.
     *
     * @throws PeerworkException if a format's default queue policy is not registered
     */
    public SessionEngine build() {
      for (TopicFormat f : formats.all()) {
        if (!policies.containsKey(f.defaultQueuePolicy())) {
          throw new PeerworkException("format '" + f.id() + "' wants queue policy '" + f.defaultQueuePolicy()
              + "', which is not registered; known: " + policies.keySet());
        }
      }
      return new SessionEngine(formats, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policies)), peerPolicy);
    }
  }
}
