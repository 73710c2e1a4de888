package io.peerwork.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that helps with one task of a format's catalogue: a link (an official help page, a
 * template) or a short checklist, or both, under a title. A format may ship some per task ({@link
 * io.peerwork.core.spi.TopicFormat#defaultResources}); the expert of a series curates them per task
 * ({@link io.peerwork.core.series.SeriesCommand.SetTaskResources}), and they carry over from month
 * to month. People see them when they declare the task as a goal or raise a hand on one of its help
 * topics.
 *
 * <p>What makes a resource valid ({@link #problem()}): a title of 1 to {@value #MAX_TITLE}
 * characters on one line in every language ({@link TextRules.Field#TITLE}); a link, if any, an
 * absolute {@code http(s)} address ({@link TextRules.Field#LINK}); at most {@value #MAX_CHECKLIST}
 * checklist items of 1 to {@value #MAX_ITEM} characters on one line each ({@link
 * TextRules.Field#CHECKLIST_ITEM}); and a link or a checklist, or both. The constructor checks only
 * for nulls, like a command's: the series engine answers an invalid resource with {@link
 * RejectionCode#INVALID_RESOURCE}, and a format's defaults are checked by {@link
 * FormatRegistry#validate}.
 *
 * <pre>{@code
 * TaskResource help = TaskResource.written("Google Business Profile help",
 *     Optional.of("https://support.google.com/business/"), List.of("Check opening hours"));
 * help.problem(); // Optional.empty(): fine
 * }</pre>
 *
 * @param title what it is, e.g. "Official help on opening hours"
 * @param link where it is, if it is a page
 * @param checklist short steps, in order; may be empty if there is a link
 */
public record TaskResource(LocalizedText title, Optional<String> link, List<LocalizedText> checklist) {
  /** The most resources one task has. */
  public static final int MAX_PER_TASK = 10;
  /** The most characters of a title. */
  public static final int MAX_TITLE = 120;
  /** The most items of a checklist. */
  public static final int MAX_CHECKLIST = 10;
  /** The most characters of a checklist item. */
  public static final int MAX_ITEM = 200;

  /** Checks for nulls and copies the checklist. */
  public TaskResource {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(link, "link");
    checklist = List.copyOf(Objects.requireNonNull(checklist, "checklist"));
  }

  /**
   * A resource a person wrote in the room, in one language: the same text for German and English
   * ({@link LocalizedText#same}), shown as written.
   *
   * @throws IllegalArgumentException if the title or a checklist item is blank
   */
  public static TaskResource written(String title, Optional<String> link, List<String> checklist) {
    Objects.requireNonNull(checklist, "checklist");
    return new TaskResource(LocalizedText.same(title), link, checklist.stream().map(LocalizedText::same).toList());
  }

  /**
   * What is wrong with this resource, as an English sentence for developers; empty if it is valid
   * (see the class comment).
   */
  public Optional<String> problem() {
    for (var e : title.byLanguage().entrySet()) {
      Optional<TextRules.Problem> p = TextRules.check(TextRules.Field.TITLE, e.getValue());
      if (p.isPresent()) {
        return Optional.of("title (" + e.getKey() + "): " + TextRules.describe(TextRules.Field.TITLE, p.get()));
      }
    }
    if (link.isPresent()) {
      Optional<TextRules.Problem> p = TextRules.check(TextRules.Field.LINK, link.get());
      if (p.isPresent()) {
        return Optional.of("link: " + TextRules.describe(TextRules.Field.LINK, p.get()));
      }
    }
    if (checklist.size() > MAX_CHECKLIST) {
      return Optional.of("a checklist has at most " + MAX_CHECKLIST + " items, not " + checklist.size());
    }
    for (int i = 0; i < checklist.size(); i++) {
      for (var e : checklist.get(i).byLanguage().entrySet()) {
        Optional<TextRules.Problem> p = TextRules.check(TextRules.Field.CHECKLIST_ITEM, e.getValue());
        if (p.isPresent()) {
          return Optional.of("checklist item " + (i + 1) + " (" + e.getKey() + "): "
              + TextRules.describe(TextRules.Field.CHECKLIST_ITEM, p.get()));
        }
      }
    }
    if (link.isEmpty() && checklist.isEmpty()) {
      return Optional.of("a resource has a link or a checklist, or both");
    }
    return Optional.empty();
  }

  /**
   * The first problem of a task's list of resources, naming the resource by its place (1, 2, ...):
   * more than {@value #MAX_PER_TASK}, or one that is not valid ({@link #problem()}); empty if none.
   */
  public static Optional<String> problemOf(List<TaskResource> resources) {
    if (resources.size() > MAX_PER_TASK) {
      return Optional.of("a task has at most " + MAX_PER_TASK + " resources, not " + resources.size());
    }
    for (int i = 0; i < resources.size(); i++) {
      int n = i + 1;
      Optional<String> p = resources.get(i).problem();
      if (p.isPresent()) {
        return p.map(s -> "resource " + n + ": " + s);
      }
    }
    return Optional.empty();
  }

  /** This resource as it is stored: every text and the link {@linkplain TextRules#normalize normalized}. */
  public TaskResource normalized() {
    var items = new ArrayList<LocalizedText>(checklist.size());
    checklist.forEach(item -> items.add(normalize(item)));
    return new TaskResource(normalize(title), link.map(TextRules::normalize), items);
  }

  private static LocalizedText normalize(LocalizedText t) {
    var out = new java.util.TreeMap<String, String>();
    t.byLanguage().forEach((lang, s) -> out.put(lang, TextRules.normalize(s)));
    return new LocalizedText(Map.copyOf(out));
  }
}
