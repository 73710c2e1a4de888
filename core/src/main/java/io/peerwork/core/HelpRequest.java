package io.peerwork.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A participant's request for the expert's help.
 *
 * @param id the request's id in its session
 * @param participant who asked
 * @param topicId the format's help topic
 * @param note what it is about, up to 500 characters, may be empty
 * @param raisedAt when the hand went up
 * @param status where the request is
 * @param expert the expert who has it or had it, once claimed (a claim released by an expert who
 *     left is forgotten)
 * @param claimedAt when the expert took it
 * @param closedAt when it was finished or withdrawn
 * @param outcome the expert's outcome, once finished
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
    Optional<HelpOutcome> outcome) {

  /** Where a request is. */
  public enum Status {
    /** In the queue. */
    WAITING,
    /** An expert is helping. */
    IN_PROGRESS,
    /** The expert finished it. */
    FINISHED,
    /** Taken back before an expert took it. */
    WITHDRAWN;

    /** Whether the request still counts as the participant's one open request. */
    public boolean isOpen() {
      return this == WAITING || this == IN_PROGRESS;
    }
  }

  /** Checks for nulls. */
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
  }

  /** How long the participant waited before an expert took it, once claimed. */
  public Optional<Duration> waited() {
    return claimedAt.map(c -> Duration.between(raisedAt, c));
  }

  /** How long the help took, once finished. */
  public Optional<Duration> helpTime() {
    return status == Status.FINISHED
        ? claimedAt.flatMap(c -> closedAt.map(f -> Duration.between(c, f)))
        : Optional.empty();
  }

  static HelpRequest raised(RequestId id, ParticipantId who, String topic, String note, Instant at) {
    return new HelpRequest(id, who, topic, note, at, Status.WAITING, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  HelpRequest claimed(ParticipantId by, Instant at) {
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.IN_PROGRESS, Optional.of(by),
        Optional.of(at), Optional.empty(), Optional.empty());
  }

  HelpRequest released() {
    // Back in the queue as if never claimed: the wait goes on from when the hand was raised.
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.WAITING, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  HelpRequest finished(HelpOutcome how, Instant at) {
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.FINISHED, expert, claimedAt,
        Optional.of(at), Optional.of(how));
  }

  HelpRequest withdrawn(Instant at) {
    return new HelpRequest(id, participant, topicId, note, raisedAt, Status.WITHDRAWN, expert, claimedAt,
        Optional.of(at), Optional.empty());
  }
}
