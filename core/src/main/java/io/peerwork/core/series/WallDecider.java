package io.peerwork.core.series;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.series.SeriesVerdicts.accept;
import static io.peerwork.core.series.SeriesVerdicts.reject;

import io.peerwork.core.TaskResource;
import io.peerwork.core.TextRules;
import io.peerwork.core.series.SeriesCommand.CheerPost;
import io.peerwork.core.series.SeriesCommand.PromoteTip;
import io.peerwork.core.series.SeriesCommand.RemovePost;
import io.peerwork.core.series.SeriesCommand.SetTaskResources;
import io.peerwork.core.series.SeriesCommand.SharePost;
import io.peerwork.core.series.SeriesEvent.PostCheered;
import io.peerwork.core.series.SeriesEvent.PostRemoved;
import io.peerwork.core.series.SeriesEvent.PostShared;
import io.peerwork.core.series.SeriesEvent.TipPromoted;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wall of a series: sharing a win or a tip, cheering another's post, removing a post, and the
 * host promoting a tip to a resource of its task. {@link SeriesEngine} has checked that the series
 * exists and its format is registered, and for {@link SharePost} that its date exists and is not
 * cancelled.
 */
final class WallDecider {
  private WallDecider() {}

  /** A seated person shares a win or a tip once their date has started ({@code started}). */
  static SeriesDecision share(SeriesState s, SharePost cmd, TopicFormat format, boolean started, Instant at) {
    LocalDate key = cmd.date();
    String email = SeriesState.normalize(cmd.email());
    SeriesDecision refused = SeriesPlanRules.text(TextRules.Field.GOAL, cmd.text(), INVALID_POST_TEXT);
    if (refused != null) {
      return refused;
    }
    if (cmd.kind() == WallPost.Kind.TIP && cmd.taskId().isEmpty()) {
      return reject(TIP_NEEDS_TASK, "a tip names a task of the format");
    }
    if (cmd.taskId().isPresent() && format.task(cmd.taskId().get()).isEmpty()) {
      return reject(UNKNOWN_TASK, "format '" + format.id() + "' has no task '" + cmd.taskId().get() + "'");
    }
    Optional<Seat> seat = s.registration(key, email);
    if (seat.isEmpty()) {
      return reject(NOT_REGISTERED, email + " is not registered for " + key);
    }
    if (seat.get().status() != Seat.Status.SEATED) {
      return reject(NOT_SEATED, email + " is on the waitlist of " + key);
    }
    if (!started) {
      return reject(DATE_NOT_STARTED, "wins and tips are shared after the date " + key + " has started");
    }
    return accept(new PostShared(at, s.nextPostId(), key, email, cmd.kind(), TextRules.normalize(cmd.text()),
        cmd.taskId()));
  }

  /** A member cheers another's post; cheering again records nothing. */
  static SeriesDecision cheer(SeriesState s, CheerPost cmd, Instant at) {
    String email = SeriesState.normalize(cmd.email());
    Optional<WallPost> post = s.post(cmd.postId());
    if (!s.isMember(email)) {
      return reject(NOT_SEATED, email + " has no seat in this series");
    }
    if (post.isEmpty()) {
      return reject(UNKNOWN_POST, "no post '" + cmd.postId() + "' on the wall");
    }
    if (post.get().email().equals(email)) {
      return reject(OWN_POST, "a person cheers the posts of others");
    }
    return post.get().cheers().contains(email) ? accept() : accept(new PostCheered(at, cmd.postId(), email));
  }

  /** Its author (with an e-mail) or the host (without) removes a post. */
  static SeriesDecision remove(SeriesState s, RemovePost cmd, Instant at) {
    Optional<WallPost> post = s.post(cmd.postId());
    if (post.isEmpty()) {
      return reject(UNKNOWN_POST, "no post '" + cmd.postId() + "' on the wall");
    }
    if (cmd.email().map(SeriesState::normalize).filter(e -> !e.equals(post.get().email())).isPresent()) {
      return reject(NOT_YOUR_POST, "only its author or the host removes a post");
    }
    return accept(new PostRemoved(at, cmd.postId()));
  }

  /**
   * The host adds a tip to its task's resources, as {@link SeriesEngine#setResources} would, and
   * marks it promoted.
   */
  static SeriesDecision promote(SeriesState s, PromoteTip cmd, TopicFormat format, Instant at) {
    Optional<WallPost> found = s.post(cmd.postId());
    if (found.isEmpty()) {
      return reject(UNKNOWN_POST, "no post '" + cmd.postId() + "' on the wall");
    }
    WallPost post = found.get();
    if (post.kind() != WallPost.Kind.TIP) {
      return reject(NOT_A_TIP, "post '" + post.id() + "' is a win");
    }
    if (post.promoted()) {
      return reject(ALREADY_PROMOTED, "post '" + post.id() + "' is a resource already");
    }
    String task = post.taskId().orElseThrow();
    if (format.task(task).isEmpty()) {
      return reject(UNKNOWN_TASK, "format '" + format.id() + "' has no task '" + task + "'");
    }
    // Without a link, the tip itself (on one line) is the resource's checklist.
    List<String> checklist = cmd.link().isPresent() ? List.of()
        : List.of(post.text().replaceAll("\\s*\\R\\s*", " ").strip());
    if (cmd.title().isBlank()) {
      return reject(INVALID_RESOURCE, "a resource has a title");
    }
    TaskResource added = TaskResource.written(cmd.title(), cmd.link(), checklist);
    var resources = new ArrayList<>(s.resources(task, format));
    resources.add(added);
    SeriesDecision set = SeriesEngine.setResources(s, new SetTaskResources(task, resources), format, at);
    if (set instanceof SeriesDecision.Rejected) {
      return set;
    }
    var events = new ArrayList<>(set.events());
    events.add(new TipPromoted(at, post.id()));
    return new SeriesDecision.Accepted(events);
  }
}
