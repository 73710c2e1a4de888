package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.peerwork.core.Command;
import io.peerwork.core.CommandId;
import io.peerwork.core.JournalException;
import io.peerwork.core.Decision;
import io.peerwork.core.EventJournal;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Recap;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionState;
import io.peerwork.core.SessionStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one owner of one session's room. Deployed as a worker verticle, so its handlers run one at a
 * time on its own context and may block on the journal: each command is decided, appended (durable
 * first), applied, and its events published on {@link Rooms#events} (for participants) and {@link
 * Rooms#staffEvents} (for hosts and experts, with help notes) with their journal versions as sequence
 * numbers: each frame is encoded once per room and audience, never per socket. A patch of the
 * room's view ({@link ViewPatches}) follows its events, at most once per {@link #VIEW_INTERVAL}.
 * Requests and replies are typed ({@link RoomRequest}, {@link RoomReply}); a command whose id the
 * session carried out already is answered as the first time.
 *
 * <p>Chat and cheers are not session events: they are numbered by a separate per-room counter
 * ({@code chatSeq}) within a {@code chatEpoch} that changes whenever the room is loaded, and the
 * last {@value #CHAT_HISTORY} are kept in memory for clients that resume.
 */
public final class RoomVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RoomVerticle.class.getName());
  static final int CHAT_HISTORY = 200;
  /**
   * The longest a deadline timer waits before looking at the clock again, so a clock that jumps
   * (NTP, a test clock) is noticed within this time. A tick before the deadline costs no I/O.
   */
  static final Duration RECHECK = Duration.ofSeconds(2);
  /** A client this far behind gets a fresh snapshot instead of the missed events. */
  static final int MAX_REPLAY = 1000;
  /**
   * A room sends its view at most once in this time: the first change after a quiet moment at once,
   * the changes that follow within it together in one view at its end. Events go out at once.
   */
  static final Duration VIEW_INTERVAL = Duration.ofMillis(250);

  private final SessionId id;
  private final SessionEngine engine;
  private final EventJournal journal;
  private final Clock clock;
  private final ObjectMapper json;
  private final Views views;
  private final ViewPatches patches = new ViewPatches();
  private final MeterRegistry metrics;
  private final Consumer<SessionId> discard;
  /** People who may ever join this session (present or not): {@code max-members-per-session}. */
  private final int maxMembers;
  private final String chatEpoch = UUID.randomUUID().toString().substring(0, 8);
  private final Deque<ChatEntry> chat = new ArrayDeque<>();
  private long chatSeq;
  private LiveSession live;
  /** Whole view frames for Resync at one seq: [staff, participants], built when first asked. */
  private final java.util.Map<Long, String[]> resyncViews = new java.util.HashMap<>(2);
  /** The version up to which this room has published the session's events. */
  private long published;
  private MessageConsumer<RoomRequest> consumer;
  private long timer = -1;
  private long viewTimer = -1;
  /** When the last view was sent ({@link System#nanoTime}); long ago at first. */
  private long lastViewAt = System.nanoTime() - VIEW_INTERVAL.toNanos();

  private record ChatEntry(long seq, String frame, ObjectNode node) {}

  private final Tokens tokens;
  private final JoinLimits limits;
  /** Told true while the room must stay loaded to free absent people's seats on time, then false. */
  private final Consumer<Boolean> hold;
  private final RoomSeats seats = new RoomSeats();
  private boolean held;
  private long seatsSeq;
  private long seatTimer = -1;
  private long seatsFrameTimer = -1;
  private long lastSeatsAt = System.nanoTime() - VIEW_INTERVAL.toNanos();

  public RoomVerticle(SessionId id, SessionEngine engine, EventJournal journal, Clock clock, ObjectMapper json,
      MeterRegistry metrics, Consumer<SessionId> discard, int maxMembers, Tokens tokens, JoinLimits limits,
      Consumer<Boolean> hold) {
    this.maxMembers = maxMembers;
    this.tokens = tokens;
    this.limits = limits;
    this.hold = hold;
    this.id = id;
    this.engine = engine;
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
      live = LiveSession.load(engine, journal, id);
      published = live.state().version();
      seats.sync(live.state(), clock.instant()); // who holds a seat now is away from now, as far as this room knows
    } catch (JournalException.UnreadableEvent e) {
      // Only this room stops: every other room loads and runs on. Clients are told by the registry.
      LOG.log(Level.SEVERE, "room " + id + " cannot be loaded: event " + e.version() + " of its journal cannot be"
          + " read (" + e.getMessage() + "). The room stays closed until the row is repaired; see docs/operations.md.", e);
      return Future.failedFuture(e);
    }
    consumer = vertx.eventBus().consumer(Rooms.address(id), this::onRequest);
    return consumer.completion().onSuccess(v -> {
      tick();
      checkSeats();
      LOG.fine(() -> "room " + id + " loaded at version " + live.state().version());
    });
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (viewTimer >= 0) {
      vertx.cancelTimer(viewTimer);
    }
    if (seatTimer >= 0) {
      vertx.cancelTimer(seatTimer);
    }
    if (seatsFrameTimer >= 0) {
      vertx.cancelTimer(seatsFrameTimer);
    }
    if (held) {
      held = false;
      hold.accept(false);
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void onRequest(Message<RoomRequest> msg) {
    RoomRequest request = msg.body();
    try {
      boolean schedules = request instanceof RoomRequest.Execute e && e.command() instanceof Command.ScheduleSession;
      if (!schedules && live.state().status() == SessionStatus.UNSCHEDULED) {
        msg.reply(new RoomReply.Failed(ApiError.Code.SESSION_NOT_FOUND, "no session " + id));
        discard.accept(id);
        return;
      }
      releaseNoShows(); // the clock is looked at: seats due are freed before anything is decided
      msg.reply(answer(request));
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

  private RoomReply answer(RoomRequest request) {
    if (request instanceof RoomRequest.Execute e) {
      return handle(e.command(), e.commandId().map(CommandId::of));
    } else if (request instanceof RoomRequest.Connect c) {
      return connect(c);
    } else if (request instanceof RoomRequest.Chat c) {
      return chat(c);
    } else if (request instanceof RoomRequest.Info) {
      return new RoomReply.Info(RoomReply.PublicInfo.of(live.state()));
    } else if (request instanceof RoomRequest.Resync r) {
      return resync(r);
    } else if (request instanceof RoomRequest.Admit a) {
      return admit(a);
    } else if (request instanceof RoomRequest.Disconnect d) {
      seats.disconnected(d.participant(), live.state(), clock.instant());
      seatsChanged();
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
    // Staff and participant frames differ only where help requests (and their notes) appear; where
    // none does, one frame serves both audiences and is built once.
    for (RecordedEvent r : events) {
      String staff = eventFrame(r, true);
      send(RoomFrame.Kind.EVENT, r.version(), staff, differsForStaff(r) ? eventFrame(r, false) : staff);
    }
    published = version;
    viewChanged();
    schedule();
    seats.sync(live.state(), clock.instant());
    for (RecordedEvent r : events) {
      if (r.event() instanceof io.peerwork.core.SessionEvent.MemberRemoved removed) {
        closeSocketsOf(removed.participant(), removed.reason());
      }
    }
    seatsChanged();
    if (events.stream().anyMatch(r -> r.event() instanceof io.peerwork.core.SessionEvent.SessionEnded)) {
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

  /**
   * The state changed: send the view now if none went out within {@link #VIEW_INTERVAL}, else once
   * that time is up (a burst of commands costs one view, not one per command and member). The timer
   * runs on this room's context, so the view it sends includes every event published before it.
   */
  private void viewChanged() {
    if (viewTimer >= 0) {
      return; // a view is due already and will show this change too
    }
    long waitNanos = VIEW_INTERVAL.toNanos() - (System.nanoTime() - lastViewAt);
    if (waitNanos <= 0) {
      sendView();
      return;
    }
    viewTimer = vertx.setTimer(Math.max(1, waitNanos / 1_000_000), t -> {
      viewTimer = -1;
      sendView();
    });
  }

  private void sendView() {
    lastViewAt = System.nanoTime();
    Instant now = clock.instant();
    ObjectNode staffView = views.room(live.state(), live.queue(), now, true);
    ViewPatches.Frames f = patches.next(live.state().version(), staffView,
        viewListsHelpRequests() ? views.room(live.state(), live.queue(), now, false) : staffView);
    RoomFrame.Kind kind = f.kind().equals("patch") ? RoomFrame.Kind.PATCH : RoomFrame.Kind.VIEW;
    OptionalLong base = kind == RoomFrame.Kind.PATCH ? OptionalLong.of(f.base()) : OptionalLong.empty();
    RoomFrame staff = RoomFrame.of(kind, f.seq(), base, Optional.empty(), f.staff());
    publish(staff, f.participants().equals(f.staff()) ? null
        : RoomFrame.of(kind, f.seq(), base, Optional.empty(), f.participants()));
  }

  /**
   * Sends a view that is due now rather than when its timer fires, so the view a connecting or
   * resyncing client gets next is the base of the room's next patch.
   */
  private void flushView() {
    if (viewTimer >= 0) {
      vertx.cancelTimer(viewTimer);
      viewTimer = -1;
      sendView();
    } else if (patches.base() >= 0 && patches.base() != live.state().version()) {
      sendView(); // the state moved without a view (a command that failed after catching up)
    }
  }

  /** A client asked for a fresh view ({@code Resync}): the whole view for its socket, at the room's seq. */
  private RoomReply resync(RoomRequest.Resync r) {
    flushView();
    boolean staff = r.role() != Role.PARTICIPANT;
    long version = live.state().version();
    // Many sockets may ask at once (after a dropped frame): build each audience's whole view once per seq.
    String[] cached = resyncViews.get(version);
    if (cached == null) {
      resyncViews.clear();
      cached = new String[2];
      resyncViews.put(version, cached);
    }
    int i = staff ? 0 : 1;
    if (cached[i] == null) {
      cached[i] = viewFrame(staff);
    }
    return new RoomReply.Resynced(version, cached[i]);
  }

  private static boolean differsForStaff(RecordedEvent r) {
    return r.event() instanceof io.peerwork.core.SessionEvent.HandRaised
        || r.event() instanceof io.peerwork.core.SessionEvent.MemberRemoved;
  }

  /** Whether the view lists help requests, whose notes only staff see. */
  private boolean viewListsHelpRequests() {
    for (io.peerwork.core.HelpRequest r : live.state().requests()) {
      if (r.status().isOpen()) {
        return true;
      }
    }
    return false;
  }

  /** Publishes a frame to the room's staff (hosts, experts) and its participants, each encoded once. */
  private void send(RoomFrame.Kind kind, long seq, String staffFrame, String participantFrame) {
    publish(RoomFrame.of(kind, seq, OptionalLong.empty(), Optional.empty(), staffFrame), staffFrame.equals(participantFrame)
        ? null : RoomFrame.of(kind, seq, OptionalLong.empty(), Optional.empty(), participantFrame));
  }

  /** Publishes {@code staff} to hosts and experts, and {@code participants} (or the same, if null) to participants. */
  private void publish(RoomFrame staff, RoomFrame participants) {
    vertx.eventBus().publish(Rooms.staffEvents(id), staff);
    vertx.eventBus().publish(Rooms.events(id), participants == null ? staff : participants);
  }

  /** An event frame; participants do not see other people's help notes. */
  private String eventFrame(RecordedEvent r, boolean staff) {
    ObjectNode f = json.createObjectNode();
    f.put("type", "event");
    f.put("seq", r.version());
    ObjectNode e = json.valueToTree(r.event());
    if (!staff) {
      e.remove("note");
      if (r.event() instanceof io.peerwork.core.SessionEvent.MemberRemoved) {
        e.remove("reason"); // between the hosts and the person removed
      }
    }
    f.set("event", e);
    return f.toString();
  }

  private String viewFrame(boolean staff) {
    ObjectNode f = json.createObjectNode();
    f.put("type", "view");
    f.put("seq", live.state().version());
    f.set("view", views.room(live.state(), live.queue(), clock.instant(), staff));
    return f.toString();
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
    boolean staff = role != Role.PARTICIPANT;
    SessionState s = live.state();
    Optional<io.peerwork.core.Removal> removal = s.removal(who);
    if (removal.isPresent()) {
      return new RoomReply.Failed("MEMBER_REMOVED", removal.get().reason());
    }
    seats.connected(who, clock.instant());
    seatsChanged();
    Optional<RoomReply.Refused> joinRejected = Optional.empty();
    if (!s.isPresent(who) && !s.status().isFinal()
        && !(s.status() == SessionStatus.SCHEDULED && role == Role.PARTICIPANT)) {
      if (handle(new Command.Join(who, c.name(), role)) instanceof RoomReply.Refused refused) {
        joinRejected = Optional.of(refused);
      }
    }
    flushView();
    s = live.state();
    List<String> frames = new ArrayList<>();
    long since = c.since();
    long version = s.version();
    long chatSince = chatEpoch.equals(c.chatEpoch()) ? c.chatSince() : 0;
    if (since >= 0 && since <= version && version - since <= MAX_REPLAY) {
      for (RecordedEvent r : journal.read(id, since)) {
        if (r.version() > version) {
          break;
        }
        frames.add(eventFrame(r, staff));
      }
      frames.add(viewFrame(staff));
      for (ChatEntry e : chat) {
        if (e.seq() > chatSince) {
          frames.add(e.frame());
        }
      }
    } else {
      ObjectNode snap = json.createObjectNode();
      snap.put("type", "snapshot");
      snap.put("seq", version);
      snap.put("chatEpoch", chatEpoch);
      snap.put("chatSeq", chatSeq);
      snap.set("format", views.format(engine.formats().require(s.requirePlan().formatId())));
      snap.set("view", views.room(s, live.queue(), clock.instant(), staff));
      ArrayNode history = snap.putArray("chat");
      for (ChatEntry e : chat) {
        history.add(e.node());
      }
      frames.add(snap.toString());
    }
    return new RoomReply.Connected(frames, version, chatEpoch, chatSeq, joinRejected);
  }

  // ---- seats ---------------------------------------------------------------------------------

  /**
   * An invite code asks for admission: which link and generation it is, whether that link may admit
   * one more, and, for a participant while the session is open, their seat, taken now (so a full
   * session says so at once; a seat whose holder never connects is freed after the no-show minutes).
   */
  private RoomReply admit(RoomRequest.Admit a) {
    SessionState s = live.state();
    Optional<Tokens.InviteMatch> match = tokens.matchInvite(id, a.code(), r -> s.invite(r).generation());
    if (match.isEmpty()) {
      return new RoomReply.Failed(ApiError.Code.INVALID_INVITE, "this invite code does not open this session");
    }
    if (!match.get().current()) {
      return new RoomReply.Failed(ApiError.Code.INVITE_REVOKED, "the host has replaced this link; ask them for the new one");
    }
    if (s.status().isFinal()) {
      return new RoomReply.Failed("SESSION_ENDED", "the session is over");
    }
    Role role = match.get().role();
    if (role == Role.PARTICIPANT && io.peerwork.core.TextRules.isReservedName(a.name())) {
      // Core's Join says the same once the seat is taken; a token before the lobby opens must not carry it either.
      return new RoomReply.Refused(io.peerwork.core.RejectionCode.RESERVED_NAME.name(),
          "a participant cannot be called '" + a.name() + "'");
    }
    int limit = limits.perLink(s.requirePlan().capacity());
    if (seats.admittedCount(s, role) >= limit) {
      return new RoomReply.Failed(ApiError.Code.INVITE_EXHAUSTED, "this link has admitted " + limit
          + " people; the host can give out a new one");
    }
    ParticipantId who = ParticipantId.of(role.name().substring(0, 1).toLowerCase(java.util.Locale.ROOT) + "-"
        + a.idSuffix());
    boolean seated = role == Role.PARTICIPANT && s.status() != SessionStatus.SCHEDULED;
    if (seated) {
      RoomReply joined = handle(new Command.Join(who, a.name(), role));
      if (!(joined instanceof RoomReply.Done)) {
        return joined; // SESSION_FULL, INVALID_NAME, or a failure of the journal
      }
    } else {
      seats.admitted(role, match.get().generation(), who);
      seatsChanged();
    }
    return new RoomReply.Admitted(who, role, seated);
  }

  /** Frees the seats of participants away for the no-show minutes; a failure is logged and tried again later. */
  private void releaseNoShows() {
    if (live.state().status() == SessionStatus.UNSCHEDULED) {
      return;
    }
    try {
      for (Command.ReleaseSeat release : seats.due(live.state(), clock.instant())) {
        RoomReply r = handle(release);
        LOG.fine(() -> "room " + id + ": seat of " + release.participant() + " freed (" + release.reason() + "): " + r);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "room " + id + ": freeing absent people's seats failed; trying again shortly", e);
    }
  }

  /**
   * A timer for the next seat due to be freed (looking at the clock at least every {@link
   * #RECHECK}); while there is one, the room stays loaded.
   */
  private void checkSeats() {
    Optional<Instant> next = seats.nextDue(live.state());
    if (next.isPresent() != held) {
      held = next.isPresent();
      hold.accept(held);
    }
    if (seatTimer >= 0) {
      vertx.cancelTimer(seatTimer);
      seatTimer = -1;
    }
    next.ifPresent(at -> {
      long ms = Math.max(1, Duration.between(clock.instant(), at).toMillis() + 5);
      seatTimer = vertx.setTimer(Math.min(ms, RECHECK.toMillis()), t -> {
        seatTimer = -1;
        releaseNoShows();
        checkSeats();
      });
    });
  }

  /** The seats changed: the hosts' {@code seats} frame goes out, at most once per {@link #VIEW_INTERVAL}. */
  private void seatsChanged() {
    checkSeats();
    if (seatsFrameTimer >= 0) {
      return;
    }
    long waitNanos = VIEW_INTERVAL.toNanos() - (System.nanoTime() - lastSeatsAt);
    if (waitNanos <= 0) {
      sendSeats();
      return;
    }
    seatsFrameTimer = vertx.setTimer(Math.max(1, waitNanos / 1_000_000), t -> {
      seatsFrameTimer = -1;
      sendSeats();
    });
  }

  private void sendSeats() {
    lastSeatsAt = System.nanoTime();
    if (live.state().status() == SessionStatus.UNSCHEDULED) {
      return;
    }
    String frame = seats.frame(json, live.state(), ++seatsSeq, clock.instant(), tokens, limits);
    vertx.eventBus().publish(Rooms.hostEvents(id),
        RoomFrame.of(RoomFrame.Kind.SEATS, seatsSeq, OptionalLong.empty(), Optional.empty(), frame));
  }

  /** The sockets of a removed person get an error frame and are closed (4403), wherever they are. */
  private void closeSocketsOf(ParticipantId who, String reason) {
    RoomFrame close = RoomFrame.of(RoomFrame.Kind.CLOSE, 0, OptionalLong.empty(), Optional.empty(),
        Optional.of(who.value()), removedError(json, reason));
    vertx.eventBus().publish(Rooms.events(id), close);
    vertx.eventBus().publish(Rooms.staffEvents(id), close);
  }

  /** The {@code error} frame a removed person gets: code {@code MEMBER_REMOVED}, and the host's reason. */
  static String removedError(ObjectMapper json, String reason) {
    ObjectNode f = json.createObjectNode();
    f.put("type", "error");
    f.putNull("id");
    f.put("code", "MEMBER_REMOVED");
    f.put("message", "you were removed from this session");
    f.put("reason", reason);
    return f.toString();
  }

  /** A chat line or a cheer: numbered, kept for resuming clients, published to the room. */
  private RoomReply chat(RoomRequest.Chat c) {
    ParticipantId who = c.participant();
    if (!live.state().isPresent(who)) {
      return new RoomReply.Refused("NOT_A_PARTICIPANT", who + " is not present");
    }
    if (c.to().isPresent() && live.state().member(c.to().get()).isEmpty()) {
      return new RoomReply.Refused("NOT_A_PARTICIPANT", c.to().get() + " is not in this session");
    }
    ObjectNode f = json.createObjectNode();
    f.put("type", c.cheer() ? "cheer" : "chat");
    f.put("chatSeq", ++chatSeq);
    f.put("chatEpoch", chatEpoch);
    f.put("at", clock.instant().toString());
    ObjectNode from = f.putObject("from");
    from.put("id", who.value());
    from.put("name", live.state().member(who).map(m -> m.displayName()).orElse(""));
    from.put("role", live.state().member(who).map(m -> m.role().name()).orElse(""));
    c.text().ifPresent(t -> f.put("text", t));
    c.to().ifPresent(to -> f.put("to", to.value()));
    String frame = f.toString();
    chat.addLast(new ChatEntry(chatSeq, frame, f));
    while (chat.size() > CHAT_HISTORY) {
      chat.removeFirst();
    }
    publish(RoomFrame.of(RoomFrame.Kind.CHAT, chatSeq, OptionalLong.empty(), Optional.of(chatEpoch), frame), null);
    return new RoomReply.Chatted(chatSeq);
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
