package io.peerwork.core.spi;

import io.peerwork.core.Agenda;
import io.peerwork.core.InvalidFormatException;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.PeerworkException;
import io.peerwork.core.TaskResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * A {@link TopicFormat} read from resource files, so that its texts can be reviewed and corrected
 * by people who do not read Java. A format class then is one constructor:
 *
 * <pre>{@code
 * public final class WebsiteWorkshop extends ResourceTopicFormat {
 *   public WebsiteWorkshop() {
 *     super(WebsiteWorkshop.class, "website-workshop");
 *   }
 * }
 * }</pre>
 *
 * <p>It reads, relative to the anchor class's package, the folder {@code <folder>/}:
 *
 * <ul>
 *   <li>{@code format.properties}, the structure: {@code id}, {@code languages} (must include
 *       {@code de} and {@code en}), {@code agenda} (e.g. {@code ARRIVAL 15, FOCUS_BLOCK 50,
 *       CLOSING_ROUND 20}: phase kinds with minutes), {@code topics} and {@code tasks} (ids in
 *       display order), {@code task.<id>.cadence} ({@code WEEKLY}, {@code MONTHLY}, ...), {@code
 *       task.<id>.topics} (help topic ids, may be empty); optional {@code capacity}, {@code
 *       queue-policy}, {@code typical-help-minutes}, {@code time-box-minutes} (the {@linkplain
 *       #helpTimeBox() time-box} of every help), {@code topic.<id>.time-box-minutes} (one topic's
 *       own {@linkplain #helpTimeBox(String) time-box}, instead of the one of every help) and {@code
 *       raise-again-after-minutes} ({@link #raiseAgainAfter()}).
 *   <li>{@code texts_<language>.properties} for each language, UTF-8: {@code name}, {@code
 *       description}, {@code topic.<id>.name}, {@code topic.<id>.description}, {@code
 *       task.<id>.title}, {@code task.<id>.description}, {@code task.<id>.step.1}, {@code
 *       .step.2}, ... (the checklist), and optionally {@code hint.<PHASE_KIND>}.
 *   <li>Optionally, default resources per task ({@link TopicFormat#defaultResources}), numbered from
 *       1: {@code task.<id>.resource.<n>.title} and the checklist {@code
 *       task.<id>.resource.<n>.check.1}, {@code .check.2}, ... in the texts files, and the link
 *       {@code task.<id>.resource.<n>.link} in {@code format.properties} (one link for every
 *       language). A resource has a link or a checklist, or both.
 * </ul>
 *
 * <p>Everything is read and checked once, in the constructor; every problem found (a missing key,
 * a text missing in one language, a checklist of different length in two languages) is reported
 * together in one {@link InvalidFormatException}.
 */
public abstract class ResourceTopicFormat implements TopicFormat {
  private final String id;
  private final LocalizedText name;
  private final LocalizedText description;
  private final Agenda agenda;
  private final List<RecurringTask> tasks;
  private final List<HelpTopic> helpTopics;
  private final Map<String, RecurringTask> tasksById;
  private final Map<String, HelpTopic> topicsById;
  private final int defaultCapacity;
  private final String defaultQueuePolicy;
  private final Duration typicalHelpTime;
  private final Optional<Duration> helpTimeBox;
  private final Map<String, Duration> topicTimeBoxes;
  private final Duration raiseAgainAfter;
  private final Map<PhaseKind, LocalizedText> hints;
  private final Map<String, List<TaskResource>> resources;

  /**
   * Reads the format from {@code folder}, relative to {@code anchor}'s package.
   *
   * @throws InvalidFormatException listing every problem, if the files are incomplete or wrong
   */
  protected ResourceTopicFormat(Class<?> anchor, String folder) {
    var problems = new ArrayList<String>();
    Properties structure = load(anchor, folder + "/format.properties", problems);
    String fid = structure.getProperty("id", "").strip();
    if (fid.isEmpty()) {
      problems.add("format.properties: 'id' is missing");
    }
    List<String> languages = list(structure.getProperty("languages", "de, en"));
    if (!languages.contains("de") || !languages.contains("en")) {
      problems.add("format.properties: 'languages' must include de and en, not " + languages);
    }
    var texts = new LinkedHashMap<String, Properties>();
    for (String lang : languages) {
      texts.put(lang, load(anchor, folder + "/texts_" + lang + ".properties", problems));
    }
    var reader = new Texts(texts, problems);

    this.id = fid;
    this.name = reader.text("name");
    this.description = reader.text("description");
    this.agenda = agenda(structure.getProperty("agenda", ""), problems);

    var topics = new ArrayList<HelpTopic>();
    for (String topicId : list(structure.getProperty("topics", ""))) {
      LocalizedText tn = reader.text("topic." + topicId + ".name");
      LocalizedText td = reader.text("topic." + topicId + ".description");
      if (tn != null && td != null) {
        add(problems, () -> topics.add(new HelpTopic(topicId, tn, td)));
      }
    }
    this.helpTopics = List.copyOf(topics);

    var taskList = new ArrayList<RecurringTask>();
    for (String taskId : list(structure.getProperty("tasks", ""))) {
      String prefix = "task." + taskId;
      LocalizedText title = reader.text(prefix + ".title");
      LocalizedText desc = reader.text(prefix + ".description");
      List<LocalizedText> steps = reader.numbered(prefix + ".step.");
      Cadence cadence = null;
      String c = structure.getProperty(prefix + ".cadence");
      if (c == null) {
        problems.add("format.properties: '" + prefix + ".cadence' is missing");
      } else {
        try {
          cadence = Cadence.valueOf(c.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          problems.add("format.properties: '" + prefix + ".cadence' is '" + c + "'; use WEEKLY, MONTHLY, QUARTERLY or YEARLY");
        }
      }
      List<String> topicIds = list(structure.getProperty(prefix + ".topics", ""));
      if (title != null && desc != null && cadence != null) {
        Cadence cad = cadence;
        add(problems, () -> taskList.add(new RecurringTask(taskId, title, desc, cad, steps, topicIds)));
      }
    }
    this.tasks = List.copyOf(taskList);
    this.tasksById = byId(tasks, RecurringTask::id);
    this.topicsById = byId(helpTopics, HelpTopic::id);
    this.resources = resources(tasks, structure, reader, problems);

    int capacity = 20;
    try {
      capacity = Integer.parseInt(structure.getProperty("capacity", "20").strip());
    } catch (NumberFormatException e) {
      problems.add("format.properties: 'capacity' is not a number");
    }
    this.defaultCapacity = capacity;
    this.defaultQueuePolicy = structure.getProperty("queue-policy", "fcfs").strip();
    this.typicalHelpTime = minutes(structure, "typical-help-minutes", problems)
        .orElse(TopicFormat.super.typicalHelpTime());
    this.helpTimeBox = minutes(structure, "time-box-minutes", problems);
    var boxes = new HashMap<String, Duration>();
    for (String key : new java.util.TreeSet<>(structure.stringPropertyNames())) {
      if (key.startsWith("topic.") && key.endsWith(".time-box-minutes")) {
        String topicId = key.substring("topic.".length(), key.length() - ".time-box-minutes".length());
        if (!topicsById.containsKey(topicId)) {
          problems.add("format.properties: '" + key + "' names help topic '" + topicId
              + "', which is not in 'topics'");
        }
        minutes(structure, key, problems).ifPresent(box -> boxes.put(topicId, box));
      }
    }
    this.topicTimeBoxes = Map.copyOf(boxes);
    this.raiseAgainAfter = minutes(structure, "raise-again-after-minutes", problems)
        .orElse(TopicFormat.super.raiseAgainAfter());

    var hintMap = new EnumMap<PhaseKind, LocalizedText>(PhaseKind.class);
    for (PhaseKind kind : PhaseKind.values()) {
      reader.optionalText("hint." + kind.name()).ifPresent(h -> hintMap.put(kind, h));
    }
    this.hints = hintMap;

    if (!problems.isEmpty()) {
      throw new InvalidFormatException(fid.isEmpty() ? getClass().getName() : fid, problems);
    }
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final LocalizedText name() {
    return name;
  }

  @Override
  public final LocalizedText description() {
    return description;
  }

  @Override
  public final Agenda agenda() {
    return agenda;
  }

  @Override
  public final List<RecurringTask> tasks() {
    return tasks;
  }

  @Override
  public final List<HelpTopic> helpTopics() {
    return helpTopics;
  }

  /** Looked up in a map built once, instead of the default's search of the list. */
  @Override
  public final Optional<RecurringTask> task(String taskId) {
    return Optional.ofNullable(tasksById.get(taskId));
  }

  /** Looked up in a map built once, instead of the default's search of the list. */
  @Override
  public final Optional<HelpTopic> helpTopic(String topicId) {
    return Optional.ofNullable(topicsById.get(topicId));
  }

  @Override
  public Duration typicalHelpTime() {
    return typicalHelpTime;
  }

  /** The topic's {@code topic.<id>.time-box-minutes}, else {@link #helpTimeBox()}. */
  @Override
  public Optional<Duration> helpTimeBox(String topicId) {
    Duration own = topicTimeBoxes.get(topicId);
    return own != null ? Optional.of(own) : helpTimeBox();
  }

  /** The {@code time-box-minutes} of {@code format.properties}; empty if it has none. */
  @Override
  public Optional<Duration> helpTimeBox() {
    return helpTimeBox;
  }

  /** The {@code raise-again-after-minutes} of {@code format.properties}; 0 if it has none. */
  @Override
  public Duration raiseAgainAfter() {
    return raiseAgainAfter;
  }

  @Override
  public int defaultCapacity() {
    return defaultCapacity;
  }

  @Override
  public String defaultQueuePolicy() {
    return defaultQueuePolicy;
  }

  /** The task's resources as the files give them ({@code task.<id>.resource.<n>...}); none if they give none. */
  @Override
  public List<TaskResource> defaultResources(String taskId) {
    return resources.getOrDefault(taskId, List.of());
  }

  @Override
  public Optional<LocalizedText> phaseHint(PhaseKind kind) {
    return Optional.ofNullable(hints.get(kind));
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + id + "]";
  }

  /** The first of each id, as the default methods' search would find it. */
  private static <T> Map<String, T> byId(List<T> items, Function<T, String> idOf) {
    var out = new HashMap<String, T>();
    for (T item : items) {
      out.putIfAbsent(idOf.apply(item), item);
    }
    return Map.copyOf(out);
  }

  private static Properties load(Class<?> anchor, String path, List<String> problems) {
    var props = new Properties();
    try (InputStream in = anchor.getResourceAsStream(path)) {
      if (in == null) {
        problems.add(path + ": not found next to " + anchor.getName());
        return props;
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        props.load(r);
      }
    } catch (IOException | IllegalArgumentException e) {
      problems.add(path + ": cannot be read: " + e.getMessage());
    }
    return props;
  }

  /**
   * The whole minutes under {@code key}, if the structure has it; a value that is not a whole number
   * is a problem. Whether the minutes are plausible is for {@link io.peerwork.core.FormatRegistry#validate}.
   */
  private static Optional<Duration> minutes(Properties structure, String key, List<String> problems) {
    String value = structure.getProperty(key);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofMinutes(Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      problems.add("format.properties: '" + key + "' is not a number");
      return Optional.empty();
    }
  }

  private static Agenda agenda(String spec, List<String> problems) {
    var phases = new ArrayList<Phase>();
    for (String item : list(spec)) {
      String[] parts = item.split("\\s+");
      try {
        if (parts.length != 2) {
          throw new IllegalArgumentException("expected KIND MINUTES");
        }
        phases.add(Phase.of(PhaseKind.valueOf(parts[0].toUpperCase(Locale.ROOT)), Integer.parseInt(parts[1])));
      } catch (IllegalArgumentException e) {
        problems.add("format.properties: agenda item '" + item + "' is not 'KIND MINUTES' (" + e.getMessage() + ")");
      }
    }
    try {
      return new Agenda(phases);
    } catch (IllegalArgumentException e) {
      problems.add("format.properties: agenda: " + e.getMessage());
      return null;
    }
  }

  private static List<String> list(String csv) {
    var out = new ArrayList<String>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  private static void add(List<String> problems, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException | PeerworkException e) {
      problems.add(e.getMessage());
    }
  }

  /**
   * Each task's default resources: resource {@code n} of task {@code id} exists if {@code
   * task.<id>.resource.<n>.title} is in a texts file or {@code task.<id>.resource.<n>.link} in
   * {@code format.properties}, for n = 1, 2, ... up to the first that has neither. Its checklist is
   * {@code task.<id>.resource.<n>.check.1}, {@code .check.2}, ... in the texts files.
   */
  private static Map<String, List<TaskResource>> resources(List<RecurringTask> tasks, Properties structure,
      Texts reader, List<String> problems) {
    var out = new HashMap<String, List<TaskResource>>();
    for (RecurringTask task : tasks) {
      var list = new ArrayList<TaskResource>();
      for (int n = 1; ; n++) {
        String prefix = "task." + task.id() + ".resource." + n;
        String link = structure.getProperty(prefix + ".link");
        if (link == null && !reader.hasAny(prefix + ".title")) {
          break;
        }
        LocalizedText title = reader.text(prefix + ".title");
        List<LocalizedText> checks = reader.optionalNumbered(prefix + ".check.");
        if (title != null) {
          var r = new TaskResource(title, Optional.ofNullable(link).map(String::strip), checks);
          r.problem().ifPresentOrElse(p -> problems.add("'" + prefix + "': " + p), () -> list.add(r.normalized()));
        }
      }
      if (list.size() > TaskResource.MAX_PER_TASK) {
        problems.add("task '" + task.id() + "' has " + list.size() + " resources; at most "
            + TaskResource.MAX_PER_TASK);
      }
      if (!list.isEmpty()) {
        out.put(task.id(), List.copyOf(list));
      }
    }
    return Map.copyOf(out);
  }

  /** Reads texts in every language and reports keys missing in some. */
  private static final class Texts {
    private final Map<String, Properties> byLanguage;
    private final List<String> problems;

    Texts(Map<String, Properties> byLanguage, List<String> problems) {
      this.byLanguage = byLanguage;
      this.problems = problems;
    }

    LocalizedText text(String key) {
      var values = new LinkedHashMap<String, String>();
      for (var e : byLanguage.entrySet()) {
        String v = e.getValue().getProperty(key);
        if (v == null || v.isBlank()) {
          problems.add("texts_" + e.getKey() + ".properties: '" + key + "' is missing");
        } else {
          values.put(e.getKey(), v);
        }
      }
      return values.size() == byLanguage.size() && values.containsKey("de") && values.containsKey("en")
          ? new LocalizedText(values)
          : null;
    }

    Optional<LocalizedText> optionalText(String key) {
      boolean any = byLanguage.values().stream().anyMatch(p -> p.getProperty(key) != null);
      return any ? Optional.ofNullable(text(key)) : Optional.empty();
    }

    boolean hasAny(String key) {
      return byLanguage.values().stream().anyMatch(p -> p.getProperty(key) != null);
    }

    /** {@code prefix1}, {@code prefix2}, ... up to the first missing in every language; may be none. */
    List<LocalizedText> optionalNumbered(String prefix) {
      var items = new ArrayList<LocalizedText>();
      for (int i = 1; hasAny(prefix + i); i++) {
        LocalizedText t = text(prefix + i);
        if (t != null) {
          items.add(t);
        }
      }
      return items;
    }

    List<LocalizedText> numbered(String prefix) {
      var steps = new ArrayList<LocalizedText>();
      for (int i = 1; ; i++) {
        String key = prefix + i;
        if (byLanguage.values().stream().noneMatch(p -> p.getProperty(key) != null)) {
          break;
        }
        LocalizedText t = text(key);
        if (t != null) {
          steps.add(t);
        }
      }
      if (steps.isEmpty()) {
        problems.add("texts: '" + prefix + "1' is missing (a checklist needs at least one step)");
      }
      return steps;
    }
  }
}
