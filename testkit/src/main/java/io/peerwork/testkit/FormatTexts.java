package io.peerwork.testkit;

import io.peerwork.core.LocalizedText;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.TaskResource;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Every text of a format, each with a description of where it is, for tests of a format's wording:
 * a house style, a glossary, a regional usage.
 *
 * <pre>{@code
 * assertThat(FormatTexts.of(format))
 *     .noneMatch(t -> t.text().de().contains("Januar")); // Austrian German says "Jänner"
 * }</pre>
 */
public final class FormatTexts {
  private FormatTexts() {}

  /**
   * A text and where it is.
   *
   * @param where e.g. {@code task 'vat-return' step 2}
   * @param text the text in every language
   */
  public record Entry(String where, LocalizedText text) {
    /** Checks for nulls. */
    public Entry {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * The texts of {@code format} in a fixed order: name, description, each task's title,
   * description and checklist steps, the titles and checklist items of each task's default
   * resources, each help topic's name and description, the phase hints.
   */
  public static List<Entry> of(TopicFormat format) {
    var out = new ArrayList<Entry>();
    out.add(new Entry("name", format.name()));
    out.add(new Entry("description", format.description()));
    for (RecurringTask t : format.tasks()) {
      out.add(new Entry("task '" + t.id() + "' title", t.title()));
      out.add(new Entry("task '" + t.id() + "' description", t.description()));
      for (int i = 0; i < t.checklist().size(); i++) {
        out.add(new Entry("task '" + t.id() + "' step " + (i + 1), t.checklist().get(i)));
      }
    }
    for (RecurringTask t : format.tasks()) {
      List<TaskResource> resources = format.defaultResources(t.id());
      for (int i = 0; resources != null && i < resources.size(); i++) {
        String where = "task '" + t.id() + "' resource " + (i + 1);
        out.add(new Entry(where + " title", resources.get(i).title()));
        List<LocalizedText> items = resources.get(i).checklist();
        for (int j = 0; j < items.size(); j++) {
          out.add(new Entry(where + " item " + (j + 1), items.get(j)));
        }
      }
    }
    for (HelpTopic t : format.helpTopics()) {
      out.add(new Entry("help topic '" + t.id() + "' name", t.name()));
      out.add(new Entry("help topic '" + t.id() + "' description", t.description()));
    }
    for (PhaseKind kind : PhaseKind.values()) {
      format.phaseHint(kind).ifPresent(h -> out.add(new Entry("hint for " + kind.name().toLowerCase(Locale.ROOT), h)));
    }
    return List.copyOf(out);
  }
}
