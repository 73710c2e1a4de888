package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Command;
import io.peerwork.core.InviteGeneration;
import io.peerwork.core.Member;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Removal;
import io.peerwork.core.Role;
import io.peerwork.core.SeatReleaseReason;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A room's seats beside its session: who has a socket open (the session knows who holds a seat, not
 * who is connected), since when a seat's holder is away, which seats are due to be freed for
 * absence ({@link Command.ReleaseSeat} after the session's no-show minutes), how many people each
 * invite link admitted, and the {@code seats} frame its hosts see (protocol.md, "seats").
 *
 * <p>Sockets are counted from the room's {@code Connect} and {@code Disconnect} requests, in memory:
 * a room loaded anew (a restart) counts everyone present as away since it loaded. Not thread-safe:
 * a room uses its own on its own context.
 */
final class RoomSeats {
  /** The open sockets of each person, by the connection's name: a socket that connects again counts once. */
  private final Map<ParticipantId, Set<String>> sockets = new HashMap<>();
  private final Map<ParticipantId, Instant> connectedSince = new HashMap<>();
  /** Members holding a seat (present) without an open socket: since when. */
  private final Map<ParticipantId, Instant> absentSince = new HashMap<>();
  /** Present members who had a socket open since they took their seat. */
  private final Set<ParticipantId> cameOnce = new HashSet<>();
  /** Admitted by the current generation of a role's link and not members yet (they join on connecting). */
  private final Map<Role, Set<ParticipantId>> pending = new EnumMap<>(Role.class);
  private final Map<Role, Integer> pendingGeneration = new EnumMap<>(Role.class);

  /** A socket ({@code socket}) of {@code who} opened, or connected again. */
  void connected(ParticipantId who, String socket, Instant now) {
    Set<String> open = sockets.computeIfAbsent(who, k -> new HashSet<>());
    if (open.add(socket) && open.size() == 1) {
      connectedSince.put(who, now);
    }
    absentSince.remove(who);
    cameOnce.add(who);
  }

  /** A socket ({@code socket}) of {@code who} closed; if it was their last one and they hold a seat, they are away from now. */
  void disconnected(ParticipantId who, String socket, SessionState s, Instant now) {
    Set<String> open = sockets.get(who);
    if (open == null || !open.remove(socket)) {
      return;
    }
    if (open.isEmpty()) {
      sockets.remove(who);
      connectedSince.remove(who);
      if (s.isPresent(who)) {
        absentSince.put(who, now);
      }
    }
  }

  /** Whether {@code who} has a socket open. */
  boolean isConnected(ParticipantId who) {
    return sockets.containsKey(who);
  }

  /** {@code who} was admitted by the current link of {@code role}; they become a member on connecting. */
  void admitted(Role role, int generation, ParticipantId who) {
    if (pendingGeneration.getOrDefault(role, 0) != generation) {
      pending.remove(role);
      pendingGeneration.put(role, generation);
    }
    pending.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(who);
  }

  /** Catches up with the session after its events: seats taken and given up, links replaced. */
  void sync(SessionState s, Instant now) {
    for (Member m : s.members().values()) {
      ParticipantId id = m.id();
      if (m.isPresent() && !sockets.containsKey(id)) {
        absentSince.putIfAbsent(id, now);
      } else {
        absentSince.remove(id);
      }
      if (!m.isPresent()) {
        cameOnce.remove(id);
      }
    }
    for (Role r : Role.values()) {
      int generation = s.invite(r).generation();
      Set<ParticipantId> p = pending.get(r);
      if (p == null) {
        pendingGeneration.put(r, generation);
        continue;
      }
      if (pendingGeneration.getOrDefault(r, 0) != generation) {
        p.clear();
        pendingGeneration.put(r, generation);
      }
      p.removeIf(id -> s.member(id).isPresent() || s.isRemoved(id));
    }
  }

  /**
   * How many the current link of {@code role} admitted: members with the role who joined since it
   * began, and those admitted but not joined yet.
   */
  int admittedCount(SessionState s, Role role) {
    InviteGeneration g = s.invite(role);
    int n = -g.membersBefore();
    for (Member m : s.members().values()) {
      if (m.role() == role) {
        n++;
      }
    }
    Set<ParticipantId> p = pending.get(role);
    return n + (p == null || pendingGeneration.getOrDefault(role, 0) != g.generation() ? 0 : p.size());
  }

  /** The seats to free now: participants away for the session's no-show minutes or longer. */
  List<Command.ReleaseSeat> due(SessionState s, Instant now) {
    var out = new ArrayList<Command.ReleaseSeat>();
    if (s.noShowMinutes() == 0 || s.status().isFinal()) {
      return out;
    }
    Duration grace = Duration.ofMinutes(s.noShowMinutes());
    for (var e : absentSince.entrySet()) {
      Optional<Member> m = s.member(e.getKey());
      if (m.isPresent() && m.get().isPresent() && m.get().role() == Role.PARTICIPANT
          && !now.isBefore(e.getValue().plus(grace))) {
        out.add(new Command.ReleaseSeat(e.getKey(),
            cameOnce.contains(e.getKey()) ? SeatReleaseReason.CONNECTION_LOST : SeatReleaseReason.NEVER_CONNECTED));
      }
    }
    return out;
  }

  /** When the next seat is due to be freed, if one is held by someone away. */
  Optional<Instant> nextDue(SessionState s) {
    if (s.noShowMinutes() == 0 || s.status().isFinal()) {
      return Optional.empty();
    }
    Instant next = null;
    for (var e : absentSince.entrySet()) {
      Optional<Member> m = s.member(e.getKey());
      if (m.isPresent() && m.get().isPresent() && m.get().role() == Role.PARTICIPANT) {
        Instant at = e.getValue().plus(Duration.ofMinutes(s.noShowMinutes()));
        next = next == null || at.isBefore(next) ? at : next;
      }
    }
    return Optional.ofNullable(next);
  }

  /**
   * Whether {@code e} may change what the hosts' {@code seats} frame shows (who is in, their seats,
   * the invite links, the capacity): false only for the events of goals, the help queue, phases and
   * announcements, so that a room busy with goals builds no seats frame (20 members and two invite
   * codes each time) for nothing. An event type not named here counts as a change.
   */
  static boolean concerns(SessionEvent e) {
    return !(e instanceof SessionEvent.GoalDeclared
        || e instanceof SessionEvent.GoalEdited
        || e instanceof SessionEvent.GoalMarked
        || e instanceof SessionEvent.GoalsCarriedOver
        || e instanceof SessionEvent.PhaseAdvanced
        || e instanceof SessionEvent.PhaseExtended
        || e instanceof SessionEvent.HandRaised
        || e instanceof SessionEvent.HandWithdrawn
        || e instanceof SessionEvent.HelpClaimed
        || e instanceof SessionEvent.HelpReleased
        || e instanceof SessionEvent.HelpFinished
        || e instanceof SessionEvent.HelpPlaceSet
        || e instanceof SessionEvent.HelpHeld
        || e instanceof SessionEvent.HoldEnded
        || e instanceof SessionEvent.RequestJoined
        || e instanceof SessionEvent.RequestLeft
        || e instanceof SessionEvent.QueueStateSet
        || e instanceof SessionEvent.AnnouncementPosted
        || e instanceof SessionEvent.AnnouncementRemoved
        || e instanceof SessionEvent.HelpRated
        || e instanceof SessionEvent.ExpertTopicsSet
        || e instanceof SessionEvent.PeerOfferSet
        || e instanceof SessionEvent.PeerHelpStarted
        || e instanceof SessionEvent.PeerHelpDeclined);
  }

  /** The {@code seats} frame for the room's hosts. */
  String frame(ObjectMapper json, SessionState s, long seq, Instant now, Tokens tokens, JoinLimits limits) {
    ObjectNode f = json.createObjectNode();
    f.put("type", "seats");
    f.put("seatsSeq", seq);
    f.put("serverTime", now.toString());
    int capacity = s.requirePlan().capacity();
    f.put("capacity", capacity);
    f.put("seatsTaken", s.presentCount(Role.PARTICIPANT));
    f.put("noShowMinutes", s.noShowMinutes());
    ArrayNode members = f.putArray("members");
    for (Member m : s.members().values()) {
      ObjectNode n = members.addObject();
      n.put("id", m.id().value());
      n.put("name", m.displayName());
      n.put("role", m.role().name());
      Optional<Removal> removal = s.removal(m.id());
      if (removal.isPresent()) {
        removed(n, removal.get());
      } else if (sockets.containsKey(m.id())) {
        n.put("state", "CONNECTED");
        n.put("since", connectedSince.get(m.id()).toString());
        n.put("sockets", sockets.get(m.id()).size());
      } else if (m.isPresent()) {
        Instant since = absentSince.getOrDefault(m.id(), now);
        n.put("state", "ABSENT");
        n.put("since", since.toString());
        if (m.role() == Role.PARTICIPANT && s.noShowMinutes() > 0) {
          n.put("freedAt", since.plus(Duration.ofMinutes(s.noShowMinutes())).toString());
        }
      } else {
        n.put("state", "LEFT");
        List<Member.Span> visits = m.earlierVisits();
        if (!visits.isEmpty()) {
          n.put("since", visits.get(visits.size() - 1).to().toString());
        }
      }
    }
    for (Removal r : s.removed().values()) {
      if (s.member(r.participant()).isEmpty()) {
        ObjectNode n = members.addObject();
        n.put("id", r.participant().value());
        n.put("name", "");
        n.put("role", Role.PARTICIPANT.name());
        removed(n, r);
      }
    }
    ObjectNode invites = f.putObject("invites");
    for (Role role : List.of(Role.PARTICIPANT, Role.EXPERT)) {
      ObjectNode n = invites.putObject(role.name().toLowerCase(Locale.ROOT));
      int generation = s.invite(role).generation();
      n.put("code", tokens.inviteCode(s.id(), role, generation));
      n.put("generation", generation);
      n.put("admitted", admittedCount(s, role));
      n.put("limit", limits.perLink(capacity));
    }
    return f.toString();
  }

  private static void removed(ObjectNode n, Removal r) {
    n.put("state", "REMOVED");
    n.put("since", r.at().toString());
    n.put("reason", r.reason());
    n.put("byOrganiser", r.by().isEmpty());
  }
}
