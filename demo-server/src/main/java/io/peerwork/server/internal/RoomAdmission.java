package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerwork.core.Command;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionState;
import io.peerwork.core.SessionStatus;
import io.peerwork.core.TextRules;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admission to one room and the keeping of its seats ({@link RoomSeats}): which invite code admits
 * whom ({@link RoomRequest.Admit}), the sockets that open and close, the freeing of seats whose
 * holders stay away for the no-show minutes (on a timer, holding the room loaded while one is due),
 * and the hosts' {@code seats} frame, at most once per {@link RoomVerticle#VIEW_INTERVAL}. Commands
 * (a {@code Join}, a {@code ReleaseSeat}) go through the room's own handling. Logs as the room
 * ({@link RoomVerticle}'s logger). Not thread-safe: a room uses its own on its own context.
 */
final class RoomAdmission {
  private static final Logger LOG = Logger.getLogger(RoomVerticle.class.getName());

  private final Vertx vertx;
  private final SessionId id;
  private final LiveSession live;
  private final Clock clock;
  private final ObjectMapper json;
  private final Tokens tokens;
  private final JoinLimits limits;
  /** The room's command handling: decides, appends, applies and publishes a command. */
  private final Function<Command, RoomReply> handle;
  /** Told true while the room must stay loaded to free absent people's seats on time, then false. */
  private final Consumer<Boolean> hold;
  private final RoomSeats seats = new RoomSeats();
  private boolean held;
  private long seatsSeq;
  private long seatTimer = -1;
  private long seatsFrameTimer = -1;
  private long lastSeatsAt = System.nanoTime() - RoomVerticle.VIEW_INTERVAL.toNanos();

  RoomAdmission(Vertx vertx, SessionId id, LiveSession live, Clock clock, ObjectMapper json, Tokens tokens,
      JoinLimits limits, Function<Command, RoomReply> handle, Consumer<Boolean> hold) {
    this.vertx = vertx;
    this.id = id;
    this.live = live;
    this.clock = clock;
    this.json = json;
    this.tokens = tokens;
    this.limits = limits;
    this.handle = handle;
    this.hold = hold;
  }

  /** Cancels the seat timers and lets the room go; the room stops. */
  void stop() {
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
  }

  /** Catches up with the session's state: whoever holds a seat and has no socket is away from now. */
  void sync() {
    seats.sync(live.state(), clock.instant());
  }

  /** A socket of {@code who} opened (or connected again). */
  void connected(ParticipantId who, String socket) {
    seats.connected(who, socket, clock.instant());
    seatsChanged();
  }

  /** A socket of {@code who} closed. */
  void disconnected(ParticipantId who, String socket) {
    seats.disconnected(who, socket, live.state(), clock.instant());
    seatsChanged();
  }

  /**
   * An invite code asks for admission: which link and generation it is, whether that link may admit
   * one more, and, for a participant while the session is open, their seat, taken now (so a full
   * session says so at once; a seat whose holder never connects is freed after the no-show minutes).
   */
  RoomReply admit(RoomRequest.Admit a) {
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
    if (role == Role.PARTICIPANT && TextRules.isReservedName(a.name())) {
      // Core's Join says the same once the seat is taken; a token before the lobby opens must not carry it either.
      return new RoomReply.Refused(RejectionCode.RESERVED_NAME.name(),
          "a participant cannot be called '" + a.name() + "'");
    }
    int limit = limits.perLink(s.requirePlan().capacity());
    if (seats.admittedCount(s, role) >= limit) {
      return new RoomReply.Failed(ApiError.Code.INVITE_EXHAUSTED, "this link has admitted " + limit
          + " people; the host can give out a new one");
    }
    ParticipantId who = ParticipantId.of(role.name().substring(0, 1).toLowerCase(Locale.ROOT) + "-"
        + a.idSuffix());
    boolean seated = role == Role.PARTICIPANT && s.status() != SessionStatus.SCHEDULED;
    if (seated) {
      RoomReply joined = handle.apply(new Command.Join(who, a.name(), role));
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
  void releaseNoShows() {
    if (live.state().status() == SessionStatus.UNSCHEDULED) {
      return;
    }
    try {
      for (Command.ReleaseSeat release : seats.due(live.state(), clock.instant())) {
        RoomReply r = handle.apply(release);
        LOG.fine(() -> "room " + id + ": seat of " + release.participant() + " freed (" + release.reason() + "): " + r);
      }
    } catch (io.peerwork.core.JournalException.Fenced e) {
      // another node owns the room now (the room unloads itself, see RoomVerticle): its seats are that node's
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "room " + id + ": freeing absent people's seats failed; trying again shortly", e);
    }
  }

  /**
   * A timer for the next seat due to be freed (looking at the clock at least every {@link
   * RoomVerticle#RECHECK}); while there is one, the room stays loaded.
   */
  void checkSeats() {
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
      seatTimer = vertx.setTimer(Math.min(ms, RoomVerticle.RECHECK.toMillis()), t -> {
        seatTimer = -1;
        releaseNoShows();
        checkSeats();
      });
    });
  }

  /** The seats changed: the hosts' {@code seats} frame goes out, at most once per {@link RoomVerticle#VIEW_INTERVAL}. */
  void seatsChanged() {
    checkSeats();
    if (seatsFrameTimer >= 0) {
      return;
    }
    long waitNanos = RoomVerticle.VIEW_INTERVAL.toNanos() - (System.nanoTime() - lastSeatsAt);
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
}
