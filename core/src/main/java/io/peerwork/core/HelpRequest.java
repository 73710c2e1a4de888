package io.peerwork.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A participant's request for help: from the expert, or from a peer who offered to help with its
 * topic. Others may join it ("me too", {@link Command.JoinRequest}): then it is one group, taken
 * and finished at once, and each member counts as helped.
 *
 * @param id the request's id in its session
 * @param participant who asked (if the asker leaves a group, its first other member)
 * @param topicId the format's help topic
 * @param note what it is about, up to 500 characters, may be empty
 * @param raisedAt when the hand went up
 * @param status where the request is
 * @param expert the helper who has it, had it or holds it, once claimed: an expert, or a peer if
 *     {@code byPeer} (a claim released by a helper who left is forgotten)
 * @param claimedAt when the helper last took it
 * @param closedAt when it was finished or withdrawn
 * @param outcome the helper's outcome, once finished
 * @param group the others who joined it, in the order they joined, each with their own note
 * @param heldUntil while on hold: when it comes back by itself, if the expert set a time
 * @param returnedAt when it came back from a hold: it is then served before every other waiting
 *     request (returned ones among themselves by the time they came back; those that came back at
 *     the same instant in the queue policy's order)
 * @param firstClaimedAt when a helper first took it (waits are measured to this)
 * @param earlierHelp help time spent on it before its holds
 * @param byPeer whether a peer (a participant who offered) helps or helped, not an expert
 * @param peerDeclined whether the asker said they keep waiting for the expert: no peer is suggested
 *     to them again
 * @param holds how many times an expert put it on hold
 * @param ratings what the helped members said afterwards ({@link Command.RateHelp}), the latest
 *     answer of each, in the order first given
 */
public record HelpRequest(
    RequestId id,
    ParticipantId participant,
    String topicId,
    String note,
    Instant raisedAt,
    Status status,
    Optional<ParticipantId> expert,
    Optional<Instant> claimedAt,
    Optional<Instant> closedAt,
    Optional<HelpOutcome> outcome,
    List<Companion> group,
    Optional<Instant> heldUntil,
    Optional<Instant> returnedAt,
    Optional<Instant> firstClaimedAt,
    Duration earlierHelp,
    boolean byPeer,
    boolean peerDeclined,
    int holds,
    List<Rating> ratings) {

  /** Where a request is. */
  public enum Status {
    /** In the queue. */
    WAITING,
    /** A helper is helping. */
    IN_PROGRESS,
    /**
     * The expert put it on hold ("try this, tell me when it's done"): it waits outside the queue
     * until a member says they are ready or its time is up, then comes back at the top.
     */
    ON_HOLD,
    /** The helper finished it. */
    FINISHED,
    /** Taken back before anyone took it. */
    WITHDRAWN;

    /** Whether the request still counts as its members' one open request. */
    public boolean isOpen() {
      return this == WAITING || this == IN_PROGRESS || this == ON_HOLD;
    }
  }

  /**
   * Someone who joined a request ("me too").
   *
   * @param participant who
   * @param note their own note, up to 500 characters, may be empty
   * @param joinedAt when
   */
  public record Companion(ParticipantId participant, String note, Instant joinedAt) {
    /** Checks for nulls. */
    public Companion {
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(note, "note");
      Objects.requireNonNull(joinedAt, "joinedAt");
    }
  }

  /**
   * A helped member's answer after the help.
   *
   * @param participant who answered
   * @param answer solved, partly or not yet
   */
  public record Rating(ParticipantId participant, HelpFeedback answer) {
    /** Checks for nulls. */
    public Rating {
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(answer, "answer");
    }
  }

  /** Checks for nulls, copies the lists. */
  public HelpRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(participant, "participant");
    Objects.requireNonNull(topicId, "topicId");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expert, "expert");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(outcome, "outcome");
    group = List.copyOf(Objects.requireNonNull(group, "group"));
    Objects.requireNonNull(heldUntil, "heldUntil");
    Objects.requireNonNull(returnedAt, "returnedAt");
    Objects.requireNonNull(firstClaimedAt, "firstClaimedAt");
    Objects.requireNonNull(earlierHelp, "earlierHelp");
    ratings = List.copyOf(Objects.requireNonNull(ratings, "ratings"));
    if (holds < 0) {
      throw new IllegalArgumentException("holds must not be negative: " + holds);
    }
  }

  /** Everyone the request is for: the asker first, then the group in the order they joined. */
  public List<ParticipantId> members() {
    if (group.isEmpty()) {
      return List.of(participant);
    }
    var all = new ArrayList<ParticipantId>(group.size() + 1);
    all.add(participant);
    group.forEach(c -> all.add(c.participant()));
    return List.copyOf(all);
  }

  /** Whether {@code who} asked or joined it. */
  public boolean includes(ParticipantId who) {
    if (participant.equals(who)) {
      return true;
    }
    for (Companion c : group) {
      if (c.participant().equals(who)) {
        return true;
      }
    }
    return false;
  }

  /** Whether it is a group: someone joined it. */
  public boolean isGroup() {
    return !group.isEmpty();
  }

  /** The answer {@code who} gave after the help, if they did. */
  public Optional<HelpFeedback> ratingOf(ParticipantId who) {
    return ratings.stream().filter(r -> r.participant().equals(who)).map(Rating::answer).findFirst();
  }

  /** How long the asker waited before a helper first took it, once claimed. */
  public Optional<Duration> waited() {
    return firstClaimedAt.map(c -> Duration.between(raisedAt, c));
  }

  /** How long the help took, holds not counted, once finished. */
  public Optional<Duration> helpTime() {
    return status == Status.FINISHED
        ? claimedAt.flatMap(c -> closedAt.map(f -> earlierHelp.plus(Duration.between(c, f))))
        : Optional.empty();
  }

  /** How long it has been helped so far at {@code now}, holds not counted: for the time-box. */
  public Duration helpedFor(Instant now) {
    if (status == Status.IN_PROGRESS && claimedAt.isPresent() && now.isAfter(claimedAt.get())) {
      return earlierHelp.plus(Duration.between(claimedAt.get(), now));
    }
    return helpTime().orElse(earlierHelp);
  }

  static HelpRequest raised(RequestId id, ParticipantId who, String topic, String note, Instant at) {
    return new HelpRequest(id, who, topic, note, at, Status.WAITING, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Duration.ZERO, false, false, 0, List.of());
  }

  HelpRequest claimed(ParticipantId by, boolean peer, Instant at) {
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.IN_PROGRESS, Optional.of(by),
        Optional.of(at), Optional.empty(), Optional.empty(), group, Optional.empty(), Optional.empty(),
        firstClaimedAt.isPresent() ? firstClaimedAt : Optional.of(at), earlierHelp, peer, peerDeclined,
        holds, ratings);
  }

  HelpRequest released() {
    // Back in the queue as if never claimed: the wait goes on from when the hand was raised.
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.WAITING, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), group, Optional.empty(), returnedAt,
        Optional.empty(), Duration.ZERO, false, peerDeclined, holds, ratings);
  }

  HelpRequest held(Optional<Instant> until, Instant at) {
    Duration spent = claimedAt.map(c -> Duration.between(c, at)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.ON_HOLD, expert, claimedAt,
        Optional.empty(), Optional.empty(), group, until, Optional.empty(), firstClaimedAt, earlierHelp.plus(spent),
        byPeer, peerDeclined, holds + 1, ratings);
  }

  HelpRequest returned(Instant at) {
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.WAITING, expert, claimedAt,
        Optional.empty(), Optional.empty(), group, Optional.empty(), Optional.of(at), firstClaimedAt, earlierHelp,
        byPeer, peerDeclined, holds, ratings);
  }

  HelpRequest finished(HelpOutcome how, Instant at) {
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.FINISHED, expert, claimedAt,
        Optional.of(at), Optional.of(how), group, Optional.empty(), Optional.empty(), firstClaimedAt, earlierHelp,
        byPeer, peerDeclined, holds, ratings);
  }

  HelpRequest withdrawn(Instant at) {
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.WITHDRAWN, expert, claimedAt,
        Optional.of(at), Optional.empty(), group, Optional.empty(), Optional.empty(), firstClaimedAt, earlierHelp,
        byPeer, peerDeclined, holds, ratings);
  }

  HelpRequest joinedBy(ParticipantId who, String theirNote, Instant at) {
    var next = new ArrayList<>(group);
    next.add(new Companion(who, theirNote, at));
    return new HelpRequest(id, participant, topicId, note, raisedAt, status, expert, claimedAt, closedAt, outcome,
        next, heldUntil, returnedAt, firstClaimedAt, earlierHelp, byPeer, peerDeclined, holds, ratings);
  }

  /** Without {@code who}; if they asked, the first of the group asks now, with their own note. */
  HelpRequest without(ParticipantId who) {
    if (participant.equals(who)) {
      Companion first = group.get(0);
      return new HelpRequest(id, first.participant(), topicId, first.note(), raisedAt, status, expert, claimedAt,
          closedAt, outcome, group.subList(1, group.size()), heldUntil, returnedAt, firstClaimedAt, earlierHelp,
          byPeer, peerDeclined, holds, ratings);
    }
    var next = new ArrayList<Companion>(group.size());
    group.stream().filter(c -> !c.participant().equals(who)).forEach(next::add);
    return new HelpRequest(id, participant, topicId, note, raisedAt, status, expert, claimedAt, closedAt, outcome,
        next, heldUntil, returnedAt, firstClaimedAt, earlierHelp, byPeer, peerDeclined, holds, ratings);
  }

  HelpRequest declinedPeer() {
    return new HelpRequest(id, participant, topicId, note, raisedAt, status, expert, claimedAt, closedAt, outcome,
        group, heldUntil, returnedAt, firstClaimedAt, earlierHelp, byPeer, true, holds, ratings);
  }

  HelpRequest rated(ParticipantId who, HelpFeedback answer) {
    var next = new ArrayList<Rating>(ratings.size() + 1);
    boolean replaced = false;
    for (Rating r : ratings) {
      if (r.participant().equals(who)) {
        next.add(new Rating(who, answer));
        replaced = true;
      } else {
        next.add(r);
      }
    }
    if (!replaced) {
      next.add(new Rating(who, answer));
    }
    return new HelpRequest(id, participant, topicId, note, raisedAt, status, expert, claimedAt, closedAt, outcome,
        group, heldUntil, returnedAt, firstClaimedAt, earlierHelp, byPeer, peerDeclined, holds, next);
  }
}
