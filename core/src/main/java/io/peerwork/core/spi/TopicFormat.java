package io.peerwork.core.spi;

import io.peerwork.core.Agenda;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.TaskResource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A topic format: what a kind of peer work session is about and how it runs, e.g. the "Social
 * Media Kitchen".
 *
 * <p>A format is data plus a little behaviour. It must be immutable and thread-safe, and every
 * method must return the same answer every time: sessions are replayed from their events, and the
 * engine relies on the format not to change under them. The required methods describe the format;
 * the {@code default} methods are optional hooks that a format overrides only when it needs to, so
 * later hooks break no existing format.
 *
 * <p>Most formats extend {@link ResourceTopicFormat}, which reads all of this from resource files
 * that a translator can edit. Register formats explicitly with {@link
 * io.peerwork.core.FormatRegistry}, or list the class in {@code
 * META-INF/services/io.peerwork.core.spi.TopicFormat} for {@link java.util.ServiceLoader}.
 */
public interface TopicFormat {

  /** Stable id, lower-case words joined by hyphens ({@link Ids#FORM}), e.g. {@code website-workshop}. */
  String id();

  /** The format's name in German and English. */
  LocalizedText name();

  /** What the format is for, one paragraph in German and English. */
  LocalizedText description();

  /** The agenda a new session of this format starts from; a session's plan may use a changed copy. */
  Agenda agenda();

  /** The catalogue of recurring tasks participants pick goals from, in display order. */
  List<RecurringTask> tasks();

  /** What participants can ask the expert about, in display order. */
  List<HelpTopic> helpTopics();

  /** The task with {@code id}, if the catalogue has it. */
  default Optional<RecurringTask> task(String id) {
    return tasks().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** The help topic with {@code id}, if the format has it. */
  default Optional<HelpTopic> helpTopic(String id) {
    return helpTopics().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** Hook: how many seats a new session has unless its organiser says otherwise. Default 20. */
  default int defaultCapacity() {
    return 20;
  }

  /**
   * Hook: the id of the {@link QueuePolicy} a new session uses unless its organiser says
   * otherwise. Default {@code fcfs}, first come first served.
   */
  default String defaultQueuePolicy() {
    return "fcfs";
  }

  /**
   * Hook: how long a help of this format typically takes, 2 to 60 minutes. Waits are estimated
   * from it until the session's own helps tell better (see {@link
   * io.peerwork.core.HelpQueueView}). Default 10 minutes.
   */
  default Duration typicalHelpTime() {
    return io.peerwork.core.HelpQueueView.DEFAULT_HELP_TIME;
  }

  /**
   * Hook: the soft length of one help on {@code topicId} (a time-box), 1 to 60 minutes, or empty
   * for none. The expert sees the time helped so far and a gentle signal when it is reached; the
   * recap lists help lengths against it; wait estimates take it as the typical help of the topic.
   * Default: {@link #helpTimeBox()} for every topic.
   */
  default Optional<Duration> helpTimeBox(String topicId) {
    return helpTimeBox();
  }

  /** Hook: the time-box of a help on any topic that has none of its own. Default: none. */
  default Optional<Duration> helpTimeBox() {
    return Optional.empty();
  }

  /**
   * Hook: how long after a finished help the same participant may ask again (raise a hand or join
   * a request), 0 to 60 minutes, so that one person cannot hold the expert by asking at once again;
   * the queue policy {@code fair} then still orders those who ask. Default 0: at once.
   */
  default Duration raiseAgainAfter() {
    return Duration.ZERO;
  }

  /**
   * Hook: what a format ships to help with the task {@code taskId} of its catalogue: links (an
   * official help page) and short checklists ({@link TaskResource}), at most {@value
   * TaskResource#MAX_PER_TASK}, each valid ({@link TaskResource#problem()}). People see them when
   * they declare the task as a goal or raise a hand on one of its help topics, until the expert of a
   * series curates the task's resources. Only for tasks the format has; empty for any other id.
   * Default: none.
   */
  default List<TaskResource> defaultResources(String taskId) {
    return List.of();
  }

  /**
   * Hook: a hint shown to everyone while a phase of this kind runs, e.g. in the goal round "pick
   * one post you will schedule today". Default: none.
   */
  default Optional<LocalizedText> phaseHint(PhaseKind kind) {
    return Optional.empty();
  }
}
