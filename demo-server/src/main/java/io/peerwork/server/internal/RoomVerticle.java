package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.peerwork.core.Command;
import io.peerwork.core.CommandId;
import io.peerwork.core.Decision;
import io.peerwork.core.EventJournal;
import io.peerwork.core.JournalException;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Recap;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.Removal;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionState;
import io.peerwork.core.SessionStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one owner of one session's room: its life cycle, the dispatch of its requests and the
 * handling of its commands. Deployed as a worker verticle, so its handlers run one at a time on its
 * own context and may block on the journal: each command is decided, appended (durable first),
 * applied, and its events published ({@link RoomPublisher}) with their journal versions as sequence
 * numbers; a view of the room follows its events, at most once per {@link #VIEW_INTERVAL}. Requests
 * and replies are typed ({@link RoomRequest}, {@link RoomReply}); a command whose id the session
 * carried out already is answered as the first time. Phase deadlines are met by a timer that sends
 * the room a {@link Command.Tick}.
 *
 * <p>The room's other jobs have a class each, used on its context only: admission and seats ({@link
 * RoomAdmission}), chat and cheers ({@link RoomChat}), and what a client gets to catch up on
 * connecting or resyncing ({@link RoomCatchUp}).
 */
public final class RoomVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RoomVerticle.class.getName());
  /**
   * The longest a deadline timer waits before looking at the clock again, so a clock that jumps
   * (NTP, a test clock) is noticed within this time. A tick before the deadline costs no I/O.
   */
  static final Duration RECHECK = Duration.ofSeconds(2);
  /**
   * A room sends its view at most once in this time: the first change after a quiet moment at once,
   * the changes that follow within it together in one view at its end. Events go out at once.
   */
  static final Duration VIEW_INTERVAL = Duration.ofMillis(250);
  /**
   * How old a room's last look at the owner table may be when it answers a connection or a resync
   * from memory. Another node takes a room only after this one was unheard of for a heartbeat
   * timeout (seconds), so a room that looked within this time still owned it; a room that was
   * paused (SIGSTOP, a long GC) looks again before it serves anyone.
   */
  static final Duration OWNER_CHECK = Duration.ofMillis(500);

  private final SessionId id;
  private final SessionEngine engine;
  /** The journal as this node has it; the room appends through its {@linkplain EventJournal#fenced fenced} view. */
  private final EventJournal shared;
  /** The journal fenced by this room's epoch (or {@link #shared} if it cannot fence): set when it loads. */
  private EventJournal journal;
  /** This node's name, as the owner of the room in the database. */
  private final String node;
  private final Membership membership;
  /** Gives epochs to rooms of a journal that cannot fence (in memory, with no owners of its own). */
  private final java.util.function.LongSupplier localEpochs;
  /** The epoch this room took when it loaded. */
  private long epoch;
  private final Clock clock;
  private final ObjectMapper json;
  private final Views views;
  private final MeterRegistry metrics;
  private final Consumer<SessionId> discard;
  private final Consumer<SessionId> fenced;
  /** People who may ever join this session (present or not): {@code max-members-per-session}. */
  private final int maxMembers;
  private final Tokens tokens;
  private final JoinLimits limits;
  /** Told true while the room must stay loaded to free absent people's seats on time, then false. */
  private final Consumer<Boolean> hold;
  private LiveSession live;
  /** The version up to which this room has published the session's events. */
  private long published;
  private MessageConsumer<RoomRequest> consumer;
  private long timer = -1;
  private RoomPublisher publisher;
  /** The code of a reply that says the room is not this node's (any more): the request goes elsewhere. */
  static final String NOT_OWNER = "NOT_OWNER";
  private RoomAdmission admission;
  private RoomChat chat;
  private RoomCatchUp catchUp;
  /** When ({@link System#nanoTime}) this room last found its epoch still the owner table's. */
  private long ownerCheckedAt;

  /**
   * @param discard unloads the room when it is idle (if it has no connection)
   * @param fenced called when the room learns that another node owns it now: unloads it at once
   */
  public RoomVerticle(SessionId id, SessionEngine engine, EventJournal journal, Clock clock, ObjectMapper json,
      MeterRegistry metrics, Consumer<SessionId> discard, int maxMembers, Tokens tokens, JoinLimits limits,
      Consumer<Boolean> hold, Membership membership, java.util.function.LongSupplier localEpochs,
      Consumer<SessionId> fenced) {
    this.membership = membership;
    this.node = membership.self();
    this.localEpochs = localEpochs;
    this.fenced = fenced;
    this.maxMembers = maxMembers;
    this.tokens = tokens;
    this.limits = limits;
    this.hold = hold;
    this.id = id;
    this.engine = engine;
    this.shared = journal;
    this.journal = journal;
    this.clock = clock;
    this.json = json;
    this.views = new Views(json);
    this.metrics = metrics;
    this.discard = discard;
  }

  @Override
  public Future<?> start() {
    try {
      // Take the room: from now on an owner of an earlier epoch (another node, paused or cut off)
      // can append nothing more, and this room reads everything it appended.
      var owners = shared.owners();
      epoch = owners.isPresent() ? owners.get().take(io.peerwork.core.StreamOwners.Stream.of(id), node)
          : localEpochs.getAsLong();
      journal = owners.isPresent() ? shared.fenced(id, epoch) : shared;
      ownerCheckedAt = System.nanoTime();
      live = LiveSession.load(engine, journal, id);
      published = live.state().version();
      publisher = new RoomPublisher(vertx, id, live, clock, json, views);
      admission = new RoomAdmission(vertx, id, live, clock, json, tokens, limits, command -> {
        try {
          return handle(command);
        } catch (JournalException.Fenced e) {
          lostOwnership();
          throw e;
        }
      }, hold);
      chat = new RoomChat(live, clock, json, publisher);
      catchUp = new RoomCatchUp(id, engine, journal, live, clock, json, views, publisher, chat, epoch);
      admission.sync(); // who holds a seat now is away from now, as far as this room knows
    } catch (JournalException.UnreadableEvent e) {
      // Only this room stops: every other room loads and runs on. Clients are told by the registry.
      LOG.log(Level.SEVERE, "room " + id + " cannot be loaded: event " + e.version() + " of its journal cannot be"
          + " read (" + e.getMessage() + "). The room stays closed until the row is repaired; see docs/operations.md.", e);
      return Future.failedFuture(e);
    }
    // Requests reach the room on this node only: other nodes send theirs to this node ({@link RoomEnvelope}).
    consumer = vertx.eventBus().localConsumer(Rooms.address(id), this::onRequest);
    return consumer.completion().onSuccess(v -> {
      // Connections that stayed open while the room moved (or was loaded again) ask it for what
      // they missed, and are counted here.
      publisher.reloaded(epoch, membership.wireVersion());
      tick();
      admission.checkSeats();
      LOG.fine(() -> "room " + id + " loaded at version " + live.state().version());
    });
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (publisher != null) {
      publisher.stop();
    }
    if (admission != null) {
      admission.stop();
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void onRequest(Message<RoomRequest> msg) {
    RoomRequest request = msg.body();
    if (lost) {
      msg.reply(new RoomReply.Failed(NOT_OWNER, "the room has moved to another node"));
      return;
    }
    try {
      boolean schedules = request instanceof RoomRequest.Execute e && e.command() instanceof Command.ScheduleSession;
      if (!schedules && live.state().status() == SessionStatus.UNSCHEDULED) {
        msg.reply(new RoomReply.Failed(ApiError.Code.SESSION_NOT_FOUND, "no session " + id));
        discard.accept(id);
        return;
      }
      Optional<RoomReply.Failed> missing = formatMissing(request);
      if (missing.isPresent()) {
        msg.reply(missing.get());
        return;
      }
      if ((request instanceof RoomRequest.Connect || request instanceof RoomRequest.Resync
          || request instanceof RoomRequest.Standing) && !stillOwner()) {
        // Answered from memory, a room another node took meanwhile would send an old view.
        lostOwnership();
        msg.reply(new RoomReply.Failed(NOT_OWNER, "the room has moved to another node"));
        return;
      }
      admission.releaseNoShows(); // the clock is looked at: seats due are freed before anything is decided
      msg.reply(answer(request));
    } catch (JournalException.Fenced e) {
      // Another node took the room: nothing was stored; this copy must go at once.
      lostOwnership();
      msg.reply(new RoomReply.Failed(NOT_OWNER, "the room has moved to another node"));
    } catch (JournalException e) {
      // StorageUnavailable: nothing applied. OutcomeUnknown: perhaps applied; the session reads the
      // journal before its next command, so a retry with the same id is applied at most once.
      LOG.log(Level.WARNING, "room " + id + ": " + kind(request) + " failed in the database: " + e.getMessage());
      msg.reply(RoomFailures.reply(e));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "room " + id + ": " + kind(request) + " failed", e);
      msg.reply(new RoomReply.Failed(ApiError.Code.INTERNAL, "the room could not handle this"));
    }
  }

  /**
   * {@code FORMAT_MISSING} for a request the room cannot serve because the session's format is not
   * installed on this server (its jar was removed from the plugins folder): everything but the
   * public info, the recap and a goodbye. Empty if the format is there, or the request is one of those.
   */
  private Optional<RoomReply.Failed> formatMissing(RoomRequest request) {
    if (request instanceof RoomRequest.Info || request instanceof RoomRequest.Recap
        || request instanceof RoomRequest.Disconnect || request instanceof RoomRequest.Erase
        || request instanceof RoomRequest.ExpireTexts || request instanceof RoomRequest.Standing) {
      return Optional.empty();
    }
    return live.state().plan().map(p -> p.formatId()).filter(f -> engine.formats().find(f).isEmpty())
        .map(f -> new RoomReply.Failed(ApiError.Code.FORMAT_MISSING, "this session's format '" + f
            + "' is not installed on this server; the organiser can put its jar back into the plugins folder"));
  }

  /**
   * An append was fenced: another node took the room. This copy takes nothing more (the registry
   * unloads it at once) and stops its timers; once only.
   */
  private void lostOwnership() {
    if (lost) {
      return;
    }
    lost = true;
    LOG.info(() -> "room " + id + " (epoch " + epoch + ") is owned by another node now; unloading it here");
    metrics.counter("peerwork.cluster.fence.failures").increment();
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    fenced.accept(id);
  }

  private boolean lost;

  /**
   * Erases {@code who}'s personal data from the session's journal, then unloads this room: the
   * next request loads it again from the rewritten events (chat lines kept in memory go with it), and
   * every connection catches up with views that show them erased.
   */
  private RoomReply erase(ParticipantId who) {
    if (journal.rewriter().isEmpty()) {
      return new RoomReply.Failed(ApiError.Code.ERASURE_UNAVAILABLE.name(),
          "this server's journal cannot rewrite events, so it cannot erase");
    }
    SessionState s = live.state();
    if (!s.isRemoved(who) && !s.status().isFinal()) {
      // The organiser removes them first (also if they never came in: a token fetched before cannot
      // bring them, or their name, back): their sockets close, their seat is free.
      handle(new Command.RemoveMember(Optional.empty(), who, ""));
    } else if (s.member(who).isPresent()) {
      publisher.closeSocketsOf(who, ""); // a session over (or a removal before): their sockets close all the same
    }
    return rewrite(events -> io.peerwork.core.Erasure.session(events, who), "a person's data was erased");
  }

  /**
   * Rewrites the session's journal with {@code change}; if anything changed, unloads this room, so
   * that the next request loads it again from the rewritten events (chat lines kept in memory go
   * with it) and every connection catches up with the new views.
   */
  private RoomReply rewrite(java.util.function.UnaryOperator<List<SessionEvent>> change, String what) {
    Optional<io.peerwork.core.EventRewriter> rewriter = journal.rewriter();
    if (rewriter.isEmpty()) {
      return new RoomReply.Failed(ApiError.Code.ERASURE_UNAVAILABLE.name(),
          "this server's journal cannot rewrite events, so it cannot erase");
    }
    int changed;
    try {
      changed = rewriter.get().rewrite(id, change);
    } finally {
      // Whatever came of it (changed, nothing, failed, or perhaps stored), this copy goes: it holds
      // the old events, and its snapshots may be gone. The next request loads the room from the journal.
      unloadForReload();
    }
    if (changed > 0) {
      LOG.info(() -> "room " + id + ": " + what + " (" + changed + " event(s)); loading the room again");
    }
    return new RoomReply.Erased(changed);
  }

  /** This copy takes nothing more and writes nothing more (no timer, no seat sweep); the registry unloads it. */
  private void unloadForReload() {
    lost = true; // answered NOT_OWNER from now: the registry loads the room again from the journal
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    admission.stop();
    fenced.accept(id);
  }

  /**
   * Whether this room still owns its stream, as far as reads from memory need to know: it looks at
   * the owner table when its last look is older than {@link #OWNER_CHECK}. Appends need no look
   * (the fenced journal refuses them). If the table cannot be read now, the room answers from
   * memory: an outage of the database must not cut everyone off, and whatever it would append is
   * still fenced.
   */
  private boolean stillOwner() {
    var owners = shared.owners();
    long now = System.nanoTime();
    if (owners.isEmpty() || now - ownerCheckedAt < OWNER_CHECK.toNanos()) {
      return true;
    }
    Optional<io.peerwork.core.StreamOwners.Owner> owner;
    try {
      owner = owners.get().owner(io.peerwork.core.StreamOwners.Stream.of(id));
    } catch (JournalException e) {
      LOG.fine(() -> "room " + id + ": the owner table cannot be read now: " + e.getMessage());
      return true;
    }
    if (owner.isPresent() && owner.get().epoch() != epoch) {
      return false;
    }
    ownerCheckedAt = now;
    return true;
  }

  private RoomReply answer(RoomRequest request) {
    if (request instanceof RoomRequest.Execute e) {
      return handle(e.command(), e.commandId().map(CommandId::of));
    } else if (request instanceof RoomRequest.Connect c) {
      return connect(c);
    } else if (request instanceof RoomRequest.Chat c) {
      return chat.chat(c);
    } else if (request instanceof RoomRequest.Info) {
      return new RoomReply.Info(RoomReply.PublicInfo.of(live.state()));
    } else if (request instanceof RoomRequest.Resync r) {
      return catchUp.resync(r);
    } else if (request instanceof RoomRequest.Erase e) {
      return erase(e.participant());
    } else if (request instanceof RoomRequest.Standing st) {
      return new RoomReply.Standing(live.state().isRemoved(st.participant()));
    } else if (request instanceof RoomRequest.ExpireTexts) {
      return rewrite(io.peerwork.core.Erasure::expired, "the retention's end erased its free texts");
    } else if (request instanceof RoomRequest.Admit a) {
      return admission.admit(a);
    } else if (request instanceof RoomRequest.Disconnect d) {
      admission.disconnected(d.participant(), d.socket());
      return new RoomReply.Done(live.state().version());
    } else {
      return recap();
    }
  }

  private static String kind(RoomRequest request) {
    return request instanceof RoomRequest.Execute e
        ? e.command().getClass().getSimpleName() : request.getClass().getSimpleName();
  }

  private RoomReply handle(Command command) {
    return handle(command, Optional.empty());
  }

  /**
   * Decides, appends, applies, publishes; answers {@link RoomReply.Done} or a rejection. A command
   * whose id the session has carried out already is answered as the first time, and not again.
   */
  private RoomReply handle(Command command, Optional<CommandId> commandId) {
    if (command instanceof Command.Join j && live.state().member(j.actor()).isEmpty()
        && live.state().members().size() >= maxMembers) {
      // A server-side cap, before core decides: every member stays in the state (and its views) for good.
      Refusals.count(metrics, Refusals.MEMBERS_PER_SESSION);
      return new RoomReply.Refused(ApiError.Code.SESSION_MEMBERS_LIMIT.name(),
          "this session has had " + maxMembers + " members, as many as it may have");
    }
    LiveSession.Outcome out = live.handle(command, commandId, clock.instant());
    try {
      publishNew(out.recorded());
    } catch (RuntimeException e) {
      // The command is stored and applied: its answer must say so, whatever went wrong in telling others.
      LOG.log(Level.WARNING, "room " + id + ": publishing after " + command.getClass().getSimpleName() + " failed", e);
    }
    if (out.duplicate()) {
      metrics.counter("peerwork.commands.repeated").increment();
      return new RoomReply.Done(out.version());
    }
    if (command instanceof Command.Tick && out.recorded().isEmpty()) {
      return new RoomReply.Done(live.state().version()); // the clock has not reached the deadline yet
    }
    metrics.counter("peerwork.commands", "type", command.getClass().getSimpleName(),
        "outcome", out.decision().isAccepted() ? "accepted" : "rejected").increment();
    if (out.decision() instanceof Decision.Rejected r) {
      return new RoomReply.Refused(r.code().name(), r.rejection().message());
    }
    return new RoomReply.Done(out.version());
  }

  /**
   * Publishes every event the session has beyond what this room published: the command's own
   * ({@code recorded}), and any the session caught up on before deciding it (after an append whose
   * outcome was unknown, or another writer's), read back from the journal.
   */
  private void publishNew(List<RecordedEvent> recorded) {
    long version = live.state().version();
    if (version <= published) {
      return;
    }
    List<RecordedEvent> events = !recorded.isEmpty() && recorded.get(0).version() == published + 1
        ? recorded : readBack(version, recorded);
    publisher.events(events);
    published = version;
    publisher.viewChanged();
    schedule();
    admission.sync();
    for (RecordedEvent r : events) {
      if (r.event() instanceof SessionEvent.MemberRemoved removed) {
        publisher.closeSocketsOf(removed.participant(), removed.reason());
      }
    }
    if (events.stream().anyMatch(r -> RoomSeats.concerns(r.event()))) {
      admission.seatsChanged();
    }
    if (events.stream().anyMatch(r -> r.event() instanceof SessionEvent.SessionEnded)) {
      vertx.eventBus().publish(Rooms.ENDED, id.value());
    }
  }

  /**
   * The events after {@link #published} up to {@code version}, as the journal has them; if it cannot
   * be read now, at least the command's own ({@code recorded}).
   */
  private List<RecordedEvent> readBack(long version, List<RecordedEvent> recorded) {
    try {
      return journal.read(id, published).stream().filter(r -> r.version() <= version).toList();
    } catch (JournalException e) {
      // The view still shows the new state, and a client that resumes reads the missed events then.
      LOG.warning(() -> "room " + id + ": events " + (published + 1) + " to " + version
          + " could not be read back to publish them: " + e.getMessage());
      return recorded;
    }
  }

  /** Phase deadlines: a timer for the next one sends the room a {@link Command.Tick}. */
  private void tick() {
    try {
      if (live.state().status() != SessionStatus.UNSCHEDULED && !live.state().status().isFinal()) {
        RoomReply r = handle(new Command.Tick());
        if (r instanceof RoomReply.Refused refused) {
          LOG.fine(() -> "room " + id + ": tick refused: " + refused.code());
        }
      }
    } catch (JournalException.Fenced e) {
      lostOwnership();
      return;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "room " + id + ": tick failed; trying again shortly", e);
    }
    schedule();
  }

  private void schedule() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    live.state().nextDeadline().ifPresent(deadline -> {
      long ms = Math.max(1, Duration.between(clock.instant(), deadline).toMillis() + 5);
      timer = vertx.setTimer(Math.min(ms, RECHECK.toMillis()), t -> {
        timer = -1;
        tick();
      });
    });
  }

  /**
   * A connection arrives: joins its person if they are not present yet and the session lets them,
   * then answers with what the connection missed since {@code since} (events, or a snapshot).
   */
  private RoomReply connect(RoomRequest.Connect c) {
    ParticipantId who = c.participant();
    Role role = c.role();
    SessionState s = live.state();
    Optional<Removal> removal = s.removal(who);
    if (removal.isPresent()) {
      return new RoomReply.Failed("MEMBER_REMOVED", removal.get().reason());
    }
    admission.connected(who, c.socket());
    Optional<RoomReply.Refused> joinRejected = Optional.empty();
    if (!s.isPresent(who) && !s.status().isFinal()
        && !(s.status() == SessionStatus.SCHEDULED && role == Role.PARTICIPANT)) {
      if (handle(new Command.Join(who, c.name(), role)) instanceof RoomReply.Refused refused) {
        joinRejected = Optional.of(refused);
      }
    }
    return catchUp.connected(c, joinRejected);
  }

  private RoomReply recap() {
    SessionState s = live.state();
    if (!s.status().isFinal()) {
      return new RoomReply.Failed(ApiError.Code.SESSION_NOT_OVER,
          "the session is " + s.status() + "; the recap comes at its end");
    }
    return new RoomReply.Recap(Recap.of(s));
  }
}
