package io.peerwork.core.internal;

import io.peerwork.core.Agenda;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.TaskResource;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.Ids;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Validates a topic format and collects every problem. */
public final class FormatChecks {
  /** The shortest plausible agenda. */
  public static final Duration MIN_LENGTH = Duration.ofMinutes(30);
  /** The longest plausible agenda. */
  public static final Duration MAX_LENGTH = Duration.ofHours(12);
  /** The longest plausible single focus block. */
  public static final Duration MAX_FOCUS = Duration.ofHours(3);

  /** The shortest plausible typical help. */
  public static final Duration MIN_HELP = Duration.ofMinutes(2);
  /** The longest plausible typical help. */
  public static final Duration MAX_HELP = Duration.ofMinutes(60);

  /** The shortest time-box of a help. */
  public static final Duration MIN_TIME_BOX = Duration.ofMinutes(1);
  /** The longest time-box of a help. */
  public static final Duration MAX_TIME_BOX = Duration.ofMinutes(60);
  /** The longest pause before a participant who was helped may ask again. */
  public static final Duration MAX_RAISE_AGAIN_AFTER = Duration.ofMinutes(60);

  private FormatChecks() {}

  /** The format's id, or a description of it if {@code id()} fails. */
  public static String safeId(TopicFormat f) {
    try {
      String id = f.id();
      return id == null ? f.getClass().getName() : id;
    } catch (RuntimeException e) {
      return f.getClass().getName();
    }
  }

  /** Every problem of the format; empty if none. */
  public static List<String> problems(TopicFormat f) {
    var problems = new ArrayList<String>();
    String id = get(problems, "id()", f::id);
    if (id != null && !Ids.isWellFormed(id)) {
      problems.add("id '" + id + "' is not lower-case words joined by hyphens (2 to 64 characters)");
    }
    get(problems, "name()", f::name);
    get(problems, "description()", f::description);

    Agenda agenda = get(problems, "agenda()", f::agenda);
    if (agenda != null) {
      Duration total = agenda.plannedLength();
      if (total.compareTo(MIN_LENGTH) < 0 || total.compareTo(MAX_LENGTH) > 0) {
        problems.add("agenda lasts " + total.toMinutes() + " minutes; a session lasts 30 minutes to 12 hours");
      }
      for (int i = 0; i < agenda.size(); i++) {
        Phase p = agenda.phase(i);
        if (p.kind() == PhaseKind.FOCUS_BLOCK && p.planned().compareTo(MAX_FOCUS) > 0) {
          problems.add("agenda phase " + i + " is a focus block of " + p.planned().toMinutes()
              + " minutes; at most " + MAX_FOCUS.toMinutes() + " keeps people fresh");
        }
      }
    }

    List<HelpTopic> topics = get(problems, "helpTopics()", f::helpTopics);
    Set<String> topicIds = new java.util.LinkedHashSet<>();
    if (topics != null) {
      if (topics.isEmpty()) {
        problems.add("has no help topics; participants could not ask for help");
      }
      for (HelpTopic t : topics) {
        if (t == null) {
          problems.add("helpTopics() contains null");
        } else if (!topicIds.add(t.id())) {
          problems.add("help topic id '" + t.id() + "' is used twice");
        }
      }
    }

    List<RecurringTask> tasks = get(problems, "tasks()", f::tasks);
    if (tasks != null) {
      if (tasks.isEmpty()) {
        problems.add("has no recurring tasks in its catalogue");
      }
      Set<String> taskIds = new HashSet<>();
      for (RecurringTask t : tasks) {
        if (t == null) {
          problems.add("tasks() contains null");
          continue;
        }
        if (!taskIds.add(t.id())) {
          problems.add("task id '" + t.id() + "' is used twice");
        }
        if (t.checklist().isEmpty()) {
          problems.add("task '" + t.id() + "' has an empty checklist");
        }
        for (String topic : t.helpTopicIds()) {
          if (topics != null && !topicIds.contains(topic)) {
            problems.add("task '" + t.id() + "' names help topic '" + topic + "', which the format does not have");
          }
        }
      }
    }

    Integer capacity = get(problems, "defaultCapacity()", f::defaultCapacity);
    if (capacity != null && (capacity < 1 || capacity > 500)) {
      problems.add("defaultCapacity() is " + capacity + "; it must be 1 to 500");
    }
    String policy = get(problems, "defaultQueuePolicy()", f::defaultQueuePolicy);
    if (policy != null && !Ids.isWellFormed(policy)) {
      problems.add("defaultQueuePolicy() '" + policy + "' is not a well-formed id");
    }
    Duration help = get(problems, "typicalHelpTime()", f::typicalHelpTime);
    if (help != null && (help.compareTo(MIN_HELP) < 0 || help.compareTo(MAX_HELP) > 0)) {
      problems.add("typicalHelpTime() is " + help + "; it must be 2 to 60 minutes");
    }
    java.util.Optional<Duration> box = checkTimeBox(problems, "helpTimeBox()", f::helpTimeBox, null);
    for (String topic : topicIds) {
      // A topic that only inherits a bad default is not reported once more.
      checkTimeBox(problems, "helpTimeBox(\"" + topic + "\")", () -> f.helpTimeBox(topic), box);
    }
    Duration again = get(problems, "raiseAgainAfter()", f::raiseAgainAfter);
    if (again != null && (again.isNegative() || again.compareTo(MAX_RAISE_AGAIN_AFTER) > 0)) {
      problems.add("raiseAgainAfter() is " + describe(again) + "; it must be 0 to 60 minutes");
    }
    for (PhaseKind kind : PhaseKind.values()) {
      get(problems, "phaseHint(" + kind + ")", () -> f.phaseHint(kind));
    }
    if (tasks != null) {
      resourceProblems(f, tasks, problems);
    }
    // A task listed twice would otherwise report each of its problems twice.
    return List.copyOf(new java.util.LinkedHashSet<>(problems));
  }

  /**
   * A time-box must be empty (none) or 1 to 60 minutes; one equal to {@code reported} (checked
   * already) is not checked again. The time-box, or null if it could not be read.
   */
  private static java.util.Optional<Duration> checkTimeBox(List<String> problems, String what,
      Supplier<java.util.Optional<Duration>> getter, java.util.Optional<Duration> reported) {
    java.util.Optional<Duration> box = get(problems, what, getter);
    if (box == null || box.isEmpty() || box.equals(reported)) {
      return box;
    }
    Duration d = box.get();
    if (d.compareTo(MIN_TIME_BOX) < 0 || d.compareTo(MAX_TIME_BOX) > 0) {
      problems.add(what + " is " + describe(d) + "; a time-box must be 1 to 60 minutes, or empty for none");
    }
    return box;
  }

  /** "61 minutes", or the ISO form of a duration that is not whole minutes. */
  private static String describe(Duration d) {
    return d.toSecondsPart() == 0 && d.toNanosPart() == 0 ? d.toMinutes() + " minutes" : d.toString();
  }

  /**
   * The format's default resources ({@link TopicFormat#defaultResources}) of each task: valid, at
   * most {@value TaskResource#MAX_PER_TASK}.
   */
  private static void resourceProblems(TopicFormat f, List<RecurringTask> tasks, List<String> problems) {
    for (RecurringTask t : tasks) {
      if (t == null) {
        continue;
      }
      List<TaskResource> resources = get(problems, "defaultResources(\"" + t.id() + "\")",
          () -> f.defaultResources(t.id()));
      if (resources != null) {
        TaskResource.problemOf(resources)
            .ifPresent(p -> problems.add("default resources of task '" + t.id() + "': " + p));
      }
    }
  }

  private static <T> T get(List<String> problems, String what, Supplier<T> getter) {
    try {
      T value = getter.get();
      if (value == null) {
        problems.add(what + " returned null");
      }
      return value;
    } catch (RuntimeException e) {
      problems.add(what + " failed: " + e);
      return null;
    }
  }
}
