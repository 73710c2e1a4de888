package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One room's chat lines and cheers. They are not session events: they are numbered by a separate
 * per-room counter ({@code chatSeq}) within a {@code chatEpoch} that changes whenever the room is
 * loaded, and the last {@value #CHAT_HISTORY} are kept in memory for clients that resume. Not
 * thread-safe: a room uses its own on its own context.
 */
final class RoomChat {
  static final int CHAT_HISTORY = 200;

  private record ChatEntry(long seq, String frame, ObjectNode node) {}

  private final LiveSession live;
  private final Clock clock;
  private final ObjectMapper json;
  private final RoomPublisher publisher;
  private final String chatEpoch = UUID.randomUUID().toString().substring(0, 8);
  private final Deque<ChatEntry> chat = new ArrayDeque<>();
  private long chatSeq;

  RoomChat(LiveSession live, Clock clock, ObjectMapper json, RoomPublisher publisher) {
    this.live = live;
    this.clock = clock;
    this.json = json;
    this.publisher = publisher;
  }

  /** The epoch of this room's chat numbers, new whenever the room is loaded. */
  String epoch() {
    return chatEpoch;
  }

  /** The number of the latest chat line or cheer (0 for none yet). */
  long seq() {
    return chatSeq;
  }

  /** A chat line or a cheer: numbered, kept for resuming clients, published to the room. */
  RoomReply chat(RoomRequest.Chat c) {
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
    publisher.publish(RoomFrame.of(RoomFrame.Kind.CHAT, chatSeq, OptionalLong.empty(), Optional.of(chatEpoch), frame),
        null);
    return new RoomReply.Chatted(chatSeq);
  }

  /**
   * Adds to {@code frames} the kept lines a client missed that saw up to {@code since} of {@code
   * epoch}: those after it, or every kept one if its epoch is not this room's.
   */
  void missed(String epoch, long since, List<String> frames) {
    long chatSince = chatEpoch.equals(epoch) ? since : 0;
    for (ChatEntry e : chat) {
      if (e.seq() > chatSince) {
        frames.add(e.frame());
      }
    }
  }

  /** Adds every kept line to a snapshot's {@code history}. */
  void history(ArrayNode history) {
    for (ChatEntry e : chat) {
      history.add(e.node());
    }
  }
}
