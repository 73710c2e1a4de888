package io.peerwork.core.spi;

import io.peerwork.core.LocalizedText;
import java.util.List;
import java.util.Objects;

/**
 * A chore from a format's catalogue that comes back again and again, e.g. "plan next month's
 * posts". A participant may pick it as a goal.
 *
 * @param id stable id, lower-case words joined by hyphens ({@link Ids#FORM})
 * @param title short title in German and English
 * @param description what the task is and why it matters, in German and English
 * @param cadence how often it comes due
 * @param checklist the steps, in order; at least one
 * @param helpTopicIds ids of the format's help topics that fit this task; may be empty
 */
public record RecurringTask(
    String id,
    LocalizedText title,
    LocalizedText description,
    Cadence cadence,
    List<LocalizedText> checklist,
    List<String> helpTopicIds) {

  /** Validates the id and copies the lists. */
  public RecurringTask {
    Ids.requireWellFormed(id, "task id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(cadence, "cadence");
    checklist = List.copyOf(Objects.requireNonNull(checklist, "checklist"));
    helpTopicIds = List.copyOf(Objects.requireNonNull(helpTopicIds, "helpTopicIds"));
  }
}
