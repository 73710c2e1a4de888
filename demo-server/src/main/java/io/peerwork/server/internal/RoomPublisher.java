package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.HelpRequest;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Sends one room's frames on the event bus: its events, encoded once per audience ({@link
 * Rooms#staffEvents} for hosts and experts, with help notes; {@link Rooms#events} for participants),
 * its view as a whole view or a patch ({@link ViewPatches}) at most once per {@link
 * RoomVerticle#VIEW_INTERVAL}, and the closing of a removed person's sockets. Not thread-safe: a
 * room uses its own on its own context.
 */
final class RoomPublisher {
  private final Vertx vertx;
  private final SessionId id;
  private final LiveSession live;
  private final Clock clock;
  private final ObjectMapper json;
  private final Views views;
  private final ViewPatches patches = new ViewPatches();
  private long viewTimer = -1;
  /** When the last view was sent ({@link System#nanoTime}); long ago at first. */
  private long lastViewAt = System.nanoTime() - RoomVerticle.VIEW_INTERVAL.toNanos();

  RoomPublisher(Vertx vertx, SessionId id, LiveSession live, Clock clock, ObjectMapper json, Views views) {
    this.vertx = vertx;
    this.id = id;
    this.live = live;
    this.clock = clock;
    this.json = json;
    this.views = views;
  }

  /** Cancels a view that is due; the room stops. */
  void stop() {
    if (viewTimer >= 0) {
      vertx.cancelTimer(viewTimer);
    }
  }

  /**
   * Publishes {@code events}. Staff and participant frames differ only where help requests (and
   * their notes) appear; where none does, one frame serves both audiences and is built once.
   */
  void events(List<RecordedEvent> events) {
    for (RecordedEvent r : events) {
      String staff = eventFrame(r, true);
      send(RoomFrame.Kind.EVENT, r.version(), staff, differsForStaff(r) ? eventFrame(r, false) : staff);
    }
  }

  /**
   * The state changed: send the view now if none went out within {@link RoomVerticle#VIEW_INTERVAL},
   * else once that time is up (a burst of commands costs one view, not one per command and member).
   * The timer runs on this room's context, so the view it sends includes every event published
   * before it.
   */
  void viewChanged() {
    if (viewTimer >= 0) {
      return; // a view is due already and will show this change too
    }
    long waitNanos = RoomVerticle.VIEW_INTERVAL.toNanos() - (System.nanoTime() - lastViewAt);
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
  void flushView() {
    if (viewTimer >= 0) {
      vertx.cancelTimer(viewTimer);
      viewTimer = -1;
      sendView();
    } else if (patches.base() >= 0 && patches.base() != live.state().version()) {
      sendView(); // the state moved without a view (a command that failed after catching up)
    }
  }

  private static boolean differsForStaff(RecordedEvent r) {
    return r.event() instanceof SessionEvent.HandRaised || r.event() instanceof SessionEvent.MemberRemoved
        || r.event() instanceof SessionEvent.RequestJoined || r.event() instanceof SessionEvent.HelpRated;
  }

  /** Whether the view lists help requests, whose notes and ratings only staff see. */
  private boolean viewListsHelpRequests() {
    for (HelpRequest r : live.state().requests()) {
      if (r.status() != HelpRequest.Status.WITHDRAWN) { // open ones and finished ones are listed
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
  void publish(RoomFrame staff, RoomFrame participants) {
    vertx.eventBus().publish(Rooms.staffEvents(id), staff);
    vertx.eventBus().publish(Rooms.events(id), participants == null ? staff : participants);
  }

  /** An event frame; participants do not see other people's help notes. */
  String eventFrame(RecordedEvent r, boolean staff) {
    ObjectNode f = json.createObjectNode();
    f.put("type", "event");
    f.put("seq", r.version());
    ObjectNode e = json.valueToTree(r.event());
    if (!staff) {
      e.remove("note");
      if (r.event() instanceof SessionEvent.MemberRemoved) {
        e.remove("reason"); // between the hosts and the person removed
      }
      if (r.event() instanceof SessionEvent.HelpRated) {
        e.remove("answer"); // for the helper and the hosts
      }
    }
    f.set("event", e);
    return f.toString();
  }

  /** The whole view frame for one audience, at the room's seq. */
  String viewFrame(boolean staff) {
    ObjectNode f = json.createObjectNode();
    f.put("type", "view");
    f.put("seq", live.state().version());
    f.set("view", views.room(live.state(), live.queue(), clock.instant(), staff));
    return f.toString();
  }

  /** The sockets of a removed person get an error frame and are closed (4403), wherever they are. */
  void closeSocketsOf(ParticipantId who, String reason) {
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

  /**
   * Tells every connection of the room, on every node, that the room was loaded at {@code epoch}:
   * a connection whose room was loaded under an earlier epoch asks it again for what it missed.
   */
  void reloaded(long epoch, int clusterWire) {
    if (clusterWire < 2) {
      return; // a node of wire version 1 would not read it; connections catch up by their gaps then
    }
    RoomFrame f = RoomFrame.of(RoomFrame.Kind.RELOAD, epoch, OptionalLong.empty(), Optional.empty(), "");
    vertx.eventBus().publish(Rooms.events(id), f);
    vertx.eventBus().publish(Rooms.staffEvents(id), f);
  }
}
