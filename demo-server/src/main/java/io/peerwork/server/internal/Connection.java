package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One WebSocket of one person in one room. Thin: reads each frame once into a typed {@link
 * ClientFrame} ({@link ClientFrames}), rate-limits, and sends commands and chat to the room as typed
 * {@link RoomRequest}s over the event bus; forwards the room's encoded frames ({@link RoomFrame}) to
 * the socket, dropping what the socket has already had.
 *
 * <p>Resuming without gaps or repeats: the connection subscribes to the room's frames first, then
 * asks the room for everything after the client's last sequence number; frames that arrive
 * meanwhile are held back and sent after the catch-up, skipping those the catch-up already covered.
 */
final class Connection {
  /** Names connections: this node's start and a counter, so that names never repeat on a cluster. */
  private static final java.util.Iterator<String> SOCKETS = new java.util.Iterator<>() {
    private final String prefix = Long.toString(System.currentTimeMillis(), 36) + "-"
        + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffL, 36) + "-";
    private final java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public boolean hasNext() {
      return true;
    }

    @Override
    public String next() {
      return prefix + next.incrementAndGet();
    }
  };
  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  static final int MAX_FRAME = 64 * 1024;
  /** A message over this many bytes closes the socket with 1009 (protocol.md). */
  static final int MAX_MESSAGE = 256 * 1024;
  static final long EXPIRY_RECHECK_MS = 30_000;

  private final ServerWebSocket ws;
  private final Tokens.Claims me;
  private final ObjectMapper json;
  private final ClientFrames reader;
  private final RoomRegistry rooms;
  private final RateLimits limits;
  private final SeriesSessions series;
  private RoomFanout.Subscription subscription;
  /** A host's second subscription, to the room's {@code seats} frames; null for others. */
  private RoomFanout.Subscription hostSubscription;
  /** Whether the room counts this socket (it answered the Connect): then it is told when the socket closes. */
  private boolean counted;
  private List<Message<RoomFrame>> held = new ArrayList<>();
  /** This connection's name, unique on this node and over time: the room counts each socket once. */
  private final String socket = SOCKETS.next();
  /** The load epoch of the room this connection was last caught up by (0: none yet). */
  private long roomEpoch;
  /** A room reload (or a gap) seen while a catch-up was under way: ask again once it is answered. */
  private long reloadSeen = -1;
  private String clientChatEpoch = "";
  private long lastEvent = -1;
  private long lastView = -1;
  private String chatEpoch = "";
  private long lastChat;
  /** The series version of the last {@code resources} frame sent to the client (-1: none). */
  private long lastResources = -1;
  private boolean closed;
  private final Clock clock;
  private Vertx vertx;
  private long expiryTimer = -1;
  private final InboundMessages inbound;
  /** What the client gets in answer (acks, rejections, errors); nothing once the connection is closed. */
  private final ClientReplies replies;
  private Runnable onClose = () -> { };
  private Runnable recheckToken = () -> { };
  private Optional<java.time.Instant> keyRetires = Optional.empty();

  Connection(ServerWebSocket ws, Tokens.Claims me, ObjectMapper json, ClientFrames reader, RoomRegistry rooms,
      RateLimits limits, SeriesSessions series, Clock clock) {
    this.clock = clock;
    this.series = series;
    this.ws = ws;
    this.me = me;
    this.json = json;
    this.reader = reader;
    this.rooms = rooms;
    this.limits = limits;
    this.replies = new ClientReplies(ws, json, () -> closed);
    this.inbound = new InboundMessages(MAX_MESSAGE, this::onText,
        b -> replies.error(Optional.empty(), ApiError.Code.INVALID_REQUEST, "send JSON text frames"), this::tooLarge);
  }

  /**
   * Checks the token again at every expiry check: {@code check} throws the {@link ApiError} that
   * ends the connection (e.g. {@code KEY_RETIRED} once the key that signed it is retired).
   */
  Connection recheckTokenWith(Runnable check, Optional<java.time.Instant> retires) {
    recheckToken = check;
    keyRetires = retires;
    return this;
  }

  /** Runs {@code r} once, when this connection closes. */
  Connection onClose(Runnable r) {
    onClose = r;
    return this;
  }

  SessionId session() {
    return me.session();
  }

  /** Starts the connection: {@code since} is the last sequence number the client saw, or -1. */
  void start(long since, String clientChatEpoch, long chatSince) {
    vertx = Vertx.currentContext().owner();
    rooms.acquire(session());
    ws.closeHandler(v -> close());
    ws.exceptionHandler(e -> LOG.fine(() -> "socket error: " + e));
    // Frames are put together here rather than by Vert.x, whose message limit drops a message
    // without a word (its id never answered): see InboundMessages.
    ws.frameHandler(f -> inbound.add(f));
    ObjectNode welcome = json.createObjectNode();
    welcome.put("type", "welcome");
    welcome.put("sessionId", session().value());
    welcome.put("participantId", me.participant().value());
    welcome.put("role", me.role().name());
    welcome.put("displayName", me.displayName());
    ws.writeTextMessage(welcome.toString());

    String address = me.role() == Role.PARTICIPANT ? Rooms.events(session()) : Rooms.staffEvents(session());
    subscription = rooms.subscribe(address, this::onRoomFrame);
    Future<Void> ready = subscription.ready();
    if (me.role() == Role.HOST) {
      hostSubscription = rooms.subscribe(Rooms.hostEvents(session()), this::onRoomFrame);
      ready = Future.all(ready, hostSubscription.ready()).mapEmpty();
    }
    ready
        .compose(v -> notBehind(since, () -> rooms.request(session(), connect(since, clientChatEpoch, chatSince)), 0))
        .onSuccess(this::caughtUp)
        .onFailure(e -> {
          replies.error(Optional.empty(), ApiError.Code.ROOM_UNAVAILABLE, "the room is not available; try again");
          ws.close((short) 1011, "room unavailable");
        });
    watchExpiry();
  }

  /**
   * The answer of {@code ask}, asked again (up to {@value #BEHIND_RETRIES} times, a moment apart)
   * while the room answers from a state behind {@code seen}, the last sequence number this client
   * has: while a room moves between nodes, an owner that has not yet noticed the move may answer
   * with its older state, and a snapshot from it would take the client back. The last answer is
   * taken whatever it says: a room that stays behind (its database restored to an earlier state)
   * is where the session is now.
   */
  private Future<RoomReply> notBehind(long seen, java.util.function.Supplier<Future<RoomReply>> ask, int tries) {
    return ask.get().compose(reply -> {
      if (reply instanceof RoomReply.Connected c && c.seq() < seen && tries < BEHIND_RETRIES && !closed
          && limits.tryAcquire(session(), me.participant())) { // each try costs the room a snapshot: within the frame rate
        LOG.fine(() -> session() + ": the room answered at " + c.seq() + ", behind " + seen + "; asking again");
        Promise<RoomReply> later = Promise.promise();
        long delay = BEHIND_DELAY_MS + java.util.concurrent.ThreadLocalRandom.current().nextLong(BEHIND_DELAY_MS);
        vertx.setTimer(delay, t -> notBehind(seen, ask, tries + 1).onComplete(later));
        return later.future();
      }
      return Future.succeededFuture(reply);
    });
  }

  /** How often a room that answers behind the client is asked again, and the least pause between tries. */
  private static final int BEHIND_RETRIES = 8;
  private static final long BEHIND_DELAY_MS = 150;

  private RoomRequest.Connect connect(long since, String chatEpochSeen, long chatSince) {
    return new RoomRequest.Connect(me.participant(), me.role(), me.displayName(), since, chatEpochSeen, chatSince,
        socket);
  }

  /**
   * Asks the room again for what this connection missed since its last frame, and to count it: the
   * room was loaded anew (perhaps on another node) while the socket stayed open, or a frame went
   * missing. Room frames are held back meanwhile, as on connecting. The client notices nothing but
   * the frames it missed.
   */
  private void catchUpAgain() {
    if (closed) {
      return;
    }
    if (held != null) {
      reloadSeen = Math.max(reloadSeen, 0); // a catch-up is under way: another follows it
      return;
    }
    held = new ArrayList<>();
    long seen = lastEvent;
    notBehind(seen, () -> rooms.request(session(), connect(seen, chatEpoch, lastChat)), 0).onComplete(ar -> {
      if (ar.succeeded() && ar.result() instanceof RoomReply.Connected c) {
        counted = true;
        if (!closed) {
          for (String f : c.frames()) {
            ws.writeTextMessage(f);
          }
        }
        lastEvent = Math.max(lastEvent, c.seq());
        lastView = Math.max(lastView, c.seq());
        if (!c.chatEpoch().equals(chatEpoch)) {
          chatEpoch = c.chatEpoch();
          lastChat = c.chatSeq();
        } else {
          lastChat = Math.max(lastChat, c.chatSeq());
        }
        roomEpoch = Math.max(roomEpoch, c.epoch());
        releaseHeld();
      } else if (ar.succeeded() && ar.result() instanceof RoomReply.Failed f && f.code().equals("MEMBER_REMOVED")) {
        held = null;
        caughtUp(f);
      } else {
        // The room cannot be reached now: the client reconnects (to any node) and resumes by seq.
        held = null;
        if (!closed) {
          replies.error(Optional.empty(), ApiError.Code.ROOM_UNAVAILABLE, "the room is moving; reconnecting");
          close();
          ws.close((short) 1012, "room moving; reconnect");
        }
      }
    });
  }

  /** Forwards what was held back during a catch-up, then catches up again if a reload came meanwhile. */
  private void releaseHeld() {
    List<Message<RoomFrame>> pending = held;
    held = null;
    long seen = reloadSeen;
    reloadSeen = -1;
    pending.forEach(this::forward);
    if (seen == 0 || seen > roomEpoch) {
      catchUpAgain();
    }
  }

  private void caughtUp(RoomReply reply) {
    if (reply instanceof RoomReply.Connected) {
      counted = true;
    }
    if (closed) {
      disconnected();
      return;
    }
    if (!(reply instanceof RoomReply.Connected c)) {
      if (reply instanceof RoomReply.Failed f && f.code().equals("MEMBER_REMOVED")) {
        ws.writeTextMessage(RoomPublisher.removedError(json, f.message()));
        close();
        ws.close((short) 4403, "removed from the session");
      } else if (reply instanceof RoomReply.Failed f && f.code().equals(ApiError.Code.SESSION_NOT_FOUND.name())) {
        replies.error(Optional.empty(), f.code(), f.message());
        ws.close((short) 4404, "no such session");
      } else if (reply instanceof RoomReply.Failed f) {
        replies.error(Optional.empty(), f.code(), f.message());
        ws.close((short) 1011, f.code().equals(ApiError.Code.SESSION_DATA_UNREADABLE.name())
            ? "session data unreadable"
            : f.code().equals(ApiError.Code.FORMAT_MISSING.name()) ? "format missing" : "room unavailable");
      } else {
        replies.error(Optional.empty(), ApiError.Code.ROOM_UNAVAILABLE, "the room is not available; try again");
        ws.close((short) 1011, "room unavailable");
      }
      return;
    }
    for (String f : c.frames()) {
      ws.writeTextMessage(f);
    }
    lastEvent = c.seq();
    lastView = lastEvent;
    chatEpoch = c.chatEpoch();
    lastChat = c.chatSeq();
    roomEpoch = c.epoch();
    c.joinRejected().ifPresent(r -> replies.rejected(Optional.empty(), "Join", r));
    releaseHeld();
    if (me.role() == Role.PARTICIPANT && series != null) {
      // A session of a series: what the goal round offers this person (see protocol.md, "offers").
      series.offers(session(), me.participant()).onSuccess(frame -> frame.ifPresent(f -> {
        if (!closed) {
          ws.writeTextMessage(f);
        }
      })).onFailure(e -> LOG.fine(() -> "no offers for " + me.participant() + ": " + e));
    }
    if (series != null) {
      // A session of a series: its resources per task, for everyone (see protocol.md, "resources").
      series.resources(session()).onSuccess(r -> r.ifPresent(this::sendResources))
          .onFailure(e -> LOG.fine(() -> "no resources for " + session() + ": " + e));
    }
  }

  /** Sends a {@code resources} frame fetched from the series, unless the client has a newer one. */
  private void sendResources(SeriesSessions.Resources r) {
    if (closed || r.version() <= lastResources) {
      return;
    }
    lastResources = r.version();
    ws.writeTextMessage(r.text());
  }

  private void onRoomFrame(Message<RoomFrame> m) {
    if (m.body().kind() == RoomFrame.Kind.RELOAD) {
      long epoch = m.body().seq();
      if (held != null) {
        reloadSeen = Math.max(reloadSeen, epoch); // decided when the catch-up under way is answered
      } else if (epoch == 0 || epoch > roomEpoch) {
        catchUpAgain();
      }
      return;
    }
    if (held != null) {
      held.add(m);
    } else {
      forward(m);
    }
  }

  /** Sends a room frame unless the client has it already. */
  private void forward(Message<RoomFrame> m) {
    if (closed) {
      return;
    }
    if (held != null) {
      held.add(m); // a catch-up started while held frames were being forwarded: these wait for it
      return;
    }
    RoomFrame f = m.body();
    long seq = f.seq();
    switch (f.kind()) {
      case EVENT -> {
        if (seq <= lastEvent) {
          return;
        }
        if (lastEvent >= 0 && seq > lastEvent + 1) {
          // Events went missing on the way (a room that moved between nodes): fetch them, then this one.
          catchUpAgain();
          if (held != null) {
            held.add(m);
          }
          return;
        }
        lastEvent = seq;
      }
      case VIEW -> {
        if (seq <= lastView) {
          return;
        }
        lastView = seq;
      }
      case PATCH -> {
        if (seq <= lastView) {
          return; // the client's view is this one or newer
        }
        if (f.base().orElse(-1) != lastView) {
          resync(Optional.empty()); // not for the view the client has: send it a whole one instead
          return;
        }
        lastView = seq;
      }
      case CHAT -> {
        String epoch = f.chatEpoch().orElse(chatEpoch);
        if (!epoch.equals(chatEpoch)) {
          // The room was loaded again while this socket stayed open: its chat starts again at 1. The
          // frame names its epoch, so the client learns the new one from it (see protocol.md).
          chatEpoch = epoch;
          lastChat = 0;
        }
        if (seq <= lastChat) {
          return;
        }
        lastChat = seq;
      }
      case RELOAD -> {
        return; // handled on arrival, never sent to the client
      }
      case SEATS -> {
        // whole each time, in the order the room published them: nothing to drop
      }
      case RESOURCES -> {
        if (seq <= lastResources) {
          return; // the client has these, or newer ones
        }
        lastResources = seq;
      }
      case CLOSE -> {
        if (!f.to().orElse("").equals(me.participant().value())) {
          return; // someone else's
        }
        f.encoded().writeTo(ws);
        close();
        if (f.seq() == SeriesSessions.CLOSE_SIGNED_OUT) {
          ws.close(SeriesSessions.CLOSE_SIGNED_OUT, "signed out");
        } else {
          ws.close((short) 4403, "removed from the session");
        }
        return;
      }
    }
    if (ws.isClosed()) {
      return; // gone, and its close handler has not run yet: it resumes from its last frame
    }
    if (ws.writeQueueFull()) {
      // The client cannot keep up; rather than buffer without end, let it reconnect and resume.
      close();
      ws.close((short) 4008, "too slow; reconnect with since");
      return;
    }
    f.encoded().writeTo(ws); // the bytes the room encoded once for every socket of this audience
  }

  private void onText(String text) {
    if (text.length() > MAX_FRAME || (text.length() > MAX_FRAME / 4
        && text.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME)) {
      // Oversized frames count against the limit too, so they cannot be sent faster than others.
      Optional<String> id = ClientFrames.peekId(text);
      if (limits.tryAcquire(session(), me.participant())) {
        replies.error(id, ApiError.Code.FRAME_TOO_LARGE, "frames may have at most " + MAX_FRAME + " bytes");
      } else {
        replies.error(id, ApiError.Code.RATE_LIMITED, "too many frames; slow down");
      }
      return;
    }
    ClientFrame frame = reader.read(text, me);
    // Every frame counts against the limit, readable or not; the answer names the frame if it can.
    if (!limits.tryAcquire(session(), me.participant())) {
      replies.error(frame.frameId(), ApiError.Code.RATE_LIMITED, "too many frames; slow down");
      return;
    }
    if (frame instanceof ClientFrame.Invalid i) {
      replies.error(i.frameId(), i.code(), i.message());
    } else if (frame instanceof ClientFrame.Ping p) {
      ObjectNode pong = json.createObjectNode();
      pong.put("type", "pong");
      pong.put("id", p.id());
      ws.writeTextMessage(pong.toString());
    } else if (frame instanceof ClientFrame.ChatLine c) {
      ask(c.id(), "Chat", new RoomRequest.Chat(me.participant(), false, Optional.of(c.text()), Optional.empty()));
    } else if (frame instanceof ClientFrame.Cheer c) {
      ask(c.id(), "Cheer", new RoomRequest.Chat(me.participant(), true, Optional.empty(), c.to()));
    } else if (frame instanceof ClientFrame.SetResources r) {
      setResources(r);
    } else if (frame instanceof ClientFrame.Act a) {
      ask(a.id(), a.type(), new RoomRequest.Execute(a.command(), Optional.of(commandId(a.id()))));
    } else if (frame instanceof ClientFrame.Resync r) {
      resync(Optional.of(r.id()));
    }
  }

  /**
   * {@code SetTaskResources}: an expert or host sets a task's resources in the session's series (not
   * a session command: the series keeps them, so they carry over to its next dates). Answered with
   * an {@code ack}, or {@code rejected} with core's code; everyone in the room then gets a {@code
   * resources} frame. The series' storage failures are {@code error} frames, like a room's.
   */
  private void setResources(ClientFrame.SetResources r) {
    String type = "SetTaskResources";
    if (me.role() == Role.PARTICIPANT) {
      replies.rejected(Optional.of(r.id()), type, new RoomReply.Refused(io.peerwork.core.RejectionCode.ROLE_NOT_ALLOWED
          .name(), "only an expert or a host sets the resources of a task"));
      return;
    }
    if (series == null) {
      replies.rejected(Optional.of(r.id()), type, new RoomReply.Refused(io.peerwork.core.RejectionCode.SERIES_NOT_FOUND
          .name(), "this server keeps no series"));
      return;
    }
    series.setResources(session(), r.taskId(), r.resources()).onComplete(ar -> {
      if (ar.succeeded()) {
        if (ar.result().isPresent()) {
          replies.rejected(Optional.of(r.id()), type, ar.result().get());
        } else {
          replies.ack(r.id(), null, 0);
        }
      } else if (ar.cause() instanceof ApiError e) {
        replies.error(Optional.of(r.id()), e.code(), e.getMessage());
      } else if (RoomFailures.journalFailure(ar.cause()).orElse(null) instanceof io.peerwork.core.JournalException.OutcomeUnknown) {
        replies.error(Optional.of(r.id()), ApiError.Code.OUTCOME_UNKNOWN, "the database failed while saving this; it may"
            + " or may not be saved: sending it again is safe");
      } else {
        LOG.fine(() -> "resources of " + session() + " not set: " + ar.cause());
        replies.error(Optional.of(r.id()), ApiError.Code.STORAGE_UNAVAILABLE, "the series could not be saved; try again");
      }
    });
  }

  /**
   * A message over {@link #MAX_MESSAGE}: answers its id if its beginning names one, then closes the
   * socket with 1009 ("message too big"), as protocol.md says.
   */
  private void tooLarge(String beginning) {
    if (closed) {
      return;
    }
    replies.error(ClientFrames.peekId(beginning), ApiError.Code.FRAME_TOO_LARGE,
        "a message over " + MAX_MESSAGE + " bytes closes the socket");
    close();
    ws.close((short) 1009, "message too big");
  }

  /**
   * The id a command is kept under in the session's journal: the frame's id, scoped to its sender,
   * so nobody's ids can collide with (or block) another person's.
   */
  private String commandId(String frameId) {
    return me.participant().value() + "/" + frameId;
  }

  /**
   * Sends the client a whole {@code view} frame at the room's latest sequence number, then acks
   * {@code id} (empty: the connection's own resync, after a patch that did not fit). Room frames are
   * held back meanwhile, as while catching up, and then forwarded unless the view covers them. If a
   * view is on its way already (a catch-up or another resync), that one serves.
   */
  private void resync(Optional<String> id) {
    if (held != null) {
      id.ifPresent(i -> replies.ack(i, null, 0));
      return;
    }
    held = new ArrayList<>();
    rooms.request(session(), new RoomRequest.Resync(me.role())).onComplete(ar -> {
      List<Message<RoomFrame>> pending = held;
      held = null;
      if (ar.succeeded() && ar.result() instanceof RoomReply.Resynced r) {
        if (!closed) {
          ws.writeTextMessage(r.frame());
        }
        lastView = Math.max(lastView, r.seq());
        id.ifPresent(i -> replies.ack(i, "seq", r.seq()));
      } else if (id.isPresent()) {
        if (ar.succeeded()) {
          replies.answer(id.get(), "Resync", ar.result());
        } else {
          replies.error(id, ApiError.Code.ROOM_UNAVAILABLE, "the room did not answer; try again");
        }
      }
      pending.forEach(this::forward);
    });
  }

  private void ask(String id, String type, RoomRequest request) {
    rooms.request(session(), request)
        .onSuccess(r -> replies.answer(id, type, r))
        .onFailure(e -> replies.error(Optional.of(id), ApiError.Code.ROOM_UNAVAILABLE,
            "the room did not answer; try again with the same id"));
  }

  /**
   * Closes the socket with 4401 when its token expires: a socket must not outlive the permission it
   * was opened with. Looks at the clock again at least every {@link #EXPIRY_RECHECK_MS}, so a clock
   * that jumps is noticed.
   */
  private void watchExpiry() {
    long left = Duration.between(clock.instant(), me.expires()).toMillis();
    if (left <= 0) {
      replies.error(Optional.empty(), ApiError.Code.TOKEN_EXPIRED, "your token has expired; join again");
      close();
      ws.close((short) 4401, "token expired");
      return;
    }
    try {
      recheckToken.run();
    } catch (ApiError e) {
      // The key that signed the token was retired (or the token is otherwise no longer good).
      replies.error(Optional.empty(), e.code(), e.getMessage());
      close();
      ws.close((short) 4401, "token no longer valid");
      return;
    }
    // The key's retirement comes before the token's expiry only during a rotation.
    long untilRetired = keyRetires.map(r -> Math.max(1, Duration.between(clock.instant(), r).toMillis() + 5))
        .orElse(Long.MAX_VALUE);
    expiryTimer = vertx.setTimer(Math.min(Math.min(left, untilRetired), EXPIRY_RECHECK_MS), t -> {
      expiryTimer = -1;
      if (!closed) {
        watchExpiry();
      }
    });
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    onClose.run();
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    if (subscription != null) {
      subscription.close(); // frames already handed over meanwhile are dropped by forward()
    }
    if (hostSubscription != null) {
      hostSubscription.close();
    }
    disconnected();
    rooms.release(session());
  }

  /** Tells the room, once, that this socket it counted is gone (its holder may be away from now). */
  private void disconnected() {
    if (counted) {
      counted = false;
      rooms.request(session(), new RoomRequest.Disconnect(me.participant(), socket))
          .onFailure(e -> LOG.fine(() -> "room " + session() + " not told of a closed socket: " + e));
    }
  }
}
