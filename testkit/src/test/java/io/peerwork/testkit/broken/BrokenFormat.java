package io.peerwork.testkit.broken;

import io.peerwork.core.Agenda;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A format with every mistake the contract knows, to prove that it reports them all at once. */
public final class BrokenFormat implements TopicFormat {
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static final AtomicInteger PAUSES = new AtomicInteger();

  /** Malformed, and different on every call. */
  @Override
  public String id() {
    return "Broken_" + CALLS.incrementAndGet();
  }

  @Override
  public LocalizedText name() {
    return LocalizedText.of("Kaputtes Format", "Broken format");
  }

  /** Not translated. */
  @Override
  public LocalizedText description() {
    return LocalizedText.of("A format that is broken on purpose.", "A format that is broken on purpose.");
  }

  /** Starts with a break, two breaks in a row, a focus block too short and one too long, a long talk. */
  @Override
  public Agenda agenda() {
    return Agenda.of(
        Phase.of(PhaseKind.BREAK, 10),
        Phase.of(PhaseKind.FOCUS_BLOCK, 5),
        Phase.of(PhaseKind.BREAK, 10),
        Phase.of(PhaseKind.BREAK, 10),
        Phase.of(PhaseKind.FOCUS_BLOCK, 200),
        Phase.of(PhaseKind.EXPERT_INPUT, 150));
  }

  /** The same id twice, a missing help topic, an empty checklist, a placeholder. */
  @Override
  public List<RecurringTask> tasks() {
    return List.of(
        new RecurringTask("post", LocalizedText.of("Posten", "Post"), LocalizedText.of("Posten", "Post"),
            Cadence.WEEKLY, List.of(LocalizedText.of("TODO", "Write the post")), List.of("tools", "nope")),
        new RecurringTask("post", LocalizedText.of("Nochmal", "Again"), LocalizedText.of("Nochmal", "Again"),
            Cadence.MONTHLY, List.of(), List.of()));
  }

  /** Finds no task, not even those of {@link #tasks()}. */
  @Override
  public Optional<RecurringTask> task(String id) {
    return Optional.empty();
  }

  /** The same id twice. */
  @Override
  public List<HelpTopic> helpTopics() {
    var t = new HelpTopic("tools", LocalizedText.of("Werkzeuge", "Tools"), LocalizedText.of("Welche?", "Which?"));
    return List.of(t, t);
  }

  /** A resource with neither a link nor a checklist, and resources for a help topic's id, which is no task. */
  @Override
  public List<io.peerwork.core.TaskResource> defaultResources(String taskId) {
    return switch (taskId) {
      case "post" -> List.of(new io.peerwork.core.TaskResource(LocalizedText.of("Nur ein Titel", "Just a title"),
          Optional.empty(), List.of()));
      case "tools" -> List.of(io.peerwork.core.TaskResource.written("Werkzeugkiste", Optional.of("https://example.org"),
          List.of()));
      default -> List.of();
    };
  }

  @Override
  public Optional<LocalizedText> phaseHint(PhaseKind kind) {
    return kind == PhaseKind.GOAL_ROUND ? Optional.of(LocalizedText.of("???", "What will you do?")) : Optional.empty();
  }

  /** No time at all for a help on tools. */
  @Override
  public Optional<Duration> helpTimeBox(String topicId) {
    return topicId.equals("tools") ? Optional.of(Duration.ZERO) : helpTimeBox();
  }

  /** More than an hour for any other help. */
  @Override
  public Optional<Duration> helpTimeBox() {
    return Optional.of(Duration.ofMinutes(61));
  }

  /** More than an hour, and longer on every call. */
  @Override
  public Duration raiseAgainAfter() {
    return Duration.ofMinutes(60 + PAUSES.incrementAndGet());
  }
}
