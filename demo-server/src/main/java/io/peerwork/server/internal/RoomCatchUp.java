package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.EventJournal;
import io.peerwork.core.LiveSession;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client gets to catch up with one room: on connecting, the events it missed since the seq
 * it names, the view and the chat lines it missed, or a snapshot if it names none or is more than
 * {@value #MAX_REPLAY} events behind; on {@code Resync}, the whole view for its audience. Not
 * thread-safe: a room uses its own on its own context.
 */
final class RoomCatchUp {
  /** A client this far behind gets a fresh snapshot instead of the missed events. */
  static final int MAX_REPLAY = 1000;

  private final SessionId id;
  private final SessionEngine engine;
  private final EventJournal journal;
  private final LiveSession live;
  private final Clock clock;
  private final ObjectMapper json;
  private final Views views;
  private final RoomPublisher publisher;
  private final RoomChat chat;
  /** Whole view frames for Resync at one seq: [staff, participants], built when first asked. */
  private final Map<Long, String[]> resyncViews = new HashMap<>(2);

  /** The room's load epoch, which each catch-up names. */
  private final long epoch;

  RoomCatchUp(SessionId id, SessionEngine engine, EventJournal journal, LiveSession live, Clock clock,
      ObjectMapper json, Views views, RoomPublisher publisher, RoomChat chat, long epoch) {
    this.epoch = epoch;
    this.id = id;
    this.engine = engine;
    this.journal = journal;
    this.live = live;
    this.clock = clock;
    this.json = json;
    this.views = views;
    this.publisher = publisher;
    this.chat = chat;
  }

  /**
   * The answer to a connection that arrived (and whose person joined, if they could): what it
   * missed since {@code c.since()}, events or a snapshot, and {@code joinRejected}.
   */
  RoomReply connected(RoomRequest.Connect c, Optional<RoomReply.Refused> joinRejected) {
    boolean staff = c.role() != Role.PARTICIPANT;
    publisher.flushView();
    SessionState s = live.state();
    List<String> frames = new ArrayList<>();
    long since = c.since();
    long version = s.version();
    if (since >= 0 && since <= version && version - since <= MAX_REPLAY) {
      for (RecordedEvent r : journal.read(id, since)) {
        if (r.version() > version) {
          break;
        }
        frames.add(publisher.eventFrame(r, staff));
      }
      frames.add(publisher.viewFrame(staff));
      chat.missed(c.chatEpoch(), c.chatSince(), frames);
    } else {
      ObjectNode snap = json.createObjectNode();
      snap.put("type", "snapshot");
      snap.put("seq", version);
      snap.put("chatEpoch", chat.epoch());
      snap.put("chatSeq", chat.seq());
      snap.set("format", views.format(engine.formats().require(s.requirePlan().formatId())));
      snap.set("view", views.room(s, live.queue(), clock.instant(), staff));
      chat.history(snap.putArray("chat"));
      frames.add(snap.toString());
    }
    return new RoomReply.Connected(frames, version, chat.epoch(), chat.seq(), joinRejected, epoch);
  }

  /** A client asked for a fresh view ({@code Resync}): the whole view for its socket, at the room's seq. */
  RoomReply resync(RoomRequest.Resync r) {
    publisher.flushView();
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
      cached[i] = publisher.viewFrame(staff);
    }
    return new RoomReply.Resynced(version, cached[i]);
  }
}
