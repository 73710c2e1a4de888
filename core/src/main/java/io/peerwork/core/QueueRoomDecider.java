package io.peerwork.core;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.Verdicts.*;

import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * How the help queue is run, by its experts and hosts: open, paused or closed with a reason, the
 * message pinned at the top of the room, which topics each expert takes, and where each helps.
 */
final class QueueRoomDecider {
  /** The most help topics an expert takes or a peer offers. */
  static final int MAX_TOPICS = 20;

  private final SessionEngine engine;

  QueueRoomDecider(SessionEngine engine) {
    this.engine = engine;
  }

  static Decision setQueueState(SessionState s, Command.SetQueueState cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireStaff(s, cmd.actor(), "opens, pauses or closes the queue");
    }
    if (denied != null) {
      return denied;
    }
    Decision refused = refuse(TextRules.Field.REASON, cmd.reason(), REASON_TOO_LONG);
    if (refused != null) {
      return refused;
    }
    String reason = TextRules.normalize(cmd.reason());
    QueueState now = s.queueState();
    return now.status() == cmd.status() && now.reason().equals(reason)
        ? accept()
        : accept(new SessionEvent.QueueStateSet(at, cmd.status(), reason, cmd.actor()));
  }

  static Decision postAnnouncement(SessionState s, Command.PostAnnouncement cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireStaff(s, cmd.actor(), "posts an announcement");
    }
    if (denied != null) {
      return denied;
    }
    Decision refused = refuse(TextRules.Field.ANNOUNCEMENT, cmd.text(), INVALID_ANNOUNCEMENT);
    if (refused != null) {
      return refused;
    }
    return accept(new SessionEvent.AnnouncementPosted(at, cmd.actor(), TextRules.normalize(cmd.text()), cmd.audience()));
  }

  static Decision removeAnnouncement(SessionState s, Command.RemoveAnnouncement cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireStaff(s, cmd.actor(), "removes an announcement");
    }
    if (denied != null) {
      return denied;
    }
    if (s.announcement().isEmpty()) {
      return reject(NO_ANNOUNCEMENT, "there is no announcement to remove");
    }
    return accept(new SessionEvent.AnnouncementRemoved(at, cmd.actor()));
  }

  Decision setExpertTopics(SessionState s, Command.SetExpertTopics cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, cmd.actor(), Role.EXPERT);
    }
    if (denied == null) {
      denied = checkTopics(engine, s, cmd.topics());
    }
    if (denied != null) {
      return denied;
    }
    List<String> before = s.expertTopics().getOrDefault(cmd.actor(), List.of());
    return before.equals(cmd.topics()) ? accept() : accept(new SessionEvent.ExpertTopicsSet(at, cmd.actor(), cmd.topics()));
  }

  /** Null if {@code topics} are at most {@link #MAX_TOPICS} distinct help topics of the session's format. */
  static Decision checkTopics(SessionEngine engine, SessionState s, List<String> topics) {
    if (topics.size() > MAX_TOPICS || new HashSet<>(topics).size() != topics.size()) {
      return reject(TOO_MANY_TOPICS, "at most " + MAX_TOPICS + " help topics, each once");
    }
    Optional<TopicFormat> known = engine.formats().find(s.requirePlan().formatId());
    if (known.isEmpty()) {
      return formatGone(s);
    }
    for (String t : topics) {
      if (known.get().helpTopic(t).isEmpty()) {
        return reject(UNKNOWN_TOPIC, "format '" + known.get().id() + "' has no help topic '" + t + "'");
      }
    }
    return null;
  }

  /** Experts and hosts say where they help; an empty place clears it, the same one again is no change. */
  static Decision setHelpPlace(SessionState s, Command.SetHelpPlace cmd, Instant at) {
    Optional<Member> m = s.member(cmd.actor());
    if (m.isEmpty() || !m.get().isPresent()) {
      return reject(NOT_A_PARTICIPANT, cmd.actor() + " is not present in session " + s.id());
    }
    if (m.get().role() == Role.PARTICIPANT) {
      return reject(ROLE_NOT_ALLOWED, "only an expert or a host says where help happens; " + cmd.actor()
          + " is a participant");
    }
    String place = TextRules.normalize(cmd.place());
    if (!place.isEmpty()) {
      Decision refused = refuse(TextRules.helpPlaceField(place), cmd.place(), INVALID_HELP_PLACE);
      if (refused != null) {
        return refused;
      }
    }
    return place.equals(s.helpPlace(cmd.actor()).orElse(""))
        ? accept()
        : accept(new SessionEvent.HelpPlaceSet(at, cmd.actor(), place));
  }
}
