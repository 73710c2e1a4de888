package io.peerwork.testkit;

import io.peerwork.core.Agenda;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionState;
import io.peerwork.core.SessionStatus;
import io.peerwork.core.TaskResource;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The contract every {@link TopicFormat} must keep. A format's test extends it and says which
 * format it tests:
 *
 * <pre>{@code
 * class SocialMediaKitchenTest extends TopicFormatContract {
 *   @Override
 *   protected TopicFormat format() {
 *     return new SocialMediaKitchen();
 *   }
 * }
 * }</pre>
 *
 * <p>First, core's own checks ({@link FormatRegistry#validate}: the id's form, unique task and
 * topic ids, tasks naming only the format's topics, checklists not empty, the help settings and the
 * default resources in bounds). Beyond them, and without listing any of their problems a second
 * time: the id is stable; every text (name, description, tasks, checklists, help topics, phase
 * hints) is there in German and English, without placeholders, and longer texts are really
 * translated; the agenda is plausible; checklists are not too long; the help settings and default
 * resources give the same answer every time; and whole simulated sessions (a jqwik property over
 * seeds and sizes, see {@link SessionSimulator}) run to their recap with no rejection the
 * simulation did not provoke.
 *
 * <p>Each test collects every problem of its kind before it fails, and the message lists them all,
 * so that a plugin author can fix everything in one go. The limits below are the contract's
 * judgement of what is plausible for a monthly session of self-employed people; they are
 * deliberately wider than any real format needs.
 */
public abstract class TopicFormatContract {
  /** For the test class that extends it. */
  protected TopicFormatContract() {}

  /** The shortest plausible session. */
  public static final Duration MIN_SESSION = Duration.ofMinutes(30);
  /** The longest plausible session. */
  public static final Duration MAX_SESSION = Duration.ofHours(10);

  /** Core's own limit of a session ({@link FormatRegistry#validate} refuses longer ones). */
  private static final Duration CORE_MAX_SESSION = Duration.ofHours(12);
  /** The shortest plausible focus block. */
  public static final Duration MIN_FOCUS_BLOCK = Duration.ofMinutes(10);
  /** The longest plausible focus block. */
  public static final Duration MAX_FOCUS_BLOCK = Duration.ofHours(3);
  /** The longest plausible phase that is not a focus block. */
  public static final Duration MAX_OTHER_PHASE = Duration.ofHours(2);
  /** The most steps a checklist should have before it needs to be split into two tasks. */
  public static final int MAX_CHECKLIST_STEPS = 12;
  /** A text of at least this many words must differ between German and English. */
  public static final int WORDS_THAT_NEED_TRANSLATION = 4;
  /** The shortest time-box of a help ({@link TopicFormat#helpTimeBox(String)}). */
  public static final Duration MIN_TIME_BOX = Duration.ofMinutes(1);
  /** The longest time-box of a help. */
  public static final Duration MAX_TIME_BOX = Duration.ofMinutes(60);
  /** The longest pause before someone who was helped may ask again ({@link TopicFormat#raiseAgainAfter()}). */
  public static final Duration MAX_RAISE_AGAIN_AFTER = Duration.ofMinutes(60);

  private static final Pattern PLACEHOLDER =
      Pattern.compile("(?i)\\b(todo|tbd|fixme|xxx|lorem ipsum)\\b|\\?\\?\\?|\\$\\{|\\{\\d+}");

  /**
   * The format under test. May return the same instance each time or a new one; a new one must be
   * equal in every respect.
   */
  protected abstract TopicFormat format();

  /** The format passes core's own validation, {@link FormatRegistry#validate}. */
  @Test
  public void passesTheRegistrysValidation() {
    failIfAny("FormatRegistry.validate", FormatRegistry.validate(format()));
  }

  /**
   * The id is stable: the same on every call, on every call of {@link #format()}, and on a new
   * instance made with the public no-argument constructor (the one {@link java.util.ServiceLoader}
   * uses), if the class has one. (Its form is core's check: {@link #passesTheRegistrysValidation}.)
   */
  @Test
  public void idIsStable() {
    var problems = new ArrayList<String>();
    TopicFormat f = format();
    String id = f.id();
    if (!String.valueOf(id).equals(f.id())) {
      problems.add("id() changes between calls: '" + id + "', then '" + f.id() + "'");
    }
    String again = format().id();
    if (!String.valueOf(id).equals(again)) {
      problems.add("format() returned formats with different ids: '" + id + "' and '" + again + "'");
    }
    freshInstance(f).ifPresent(fresh -> {
      if (!String.valueOf(id).equals(fresh.id())) {
        problems.add("a new " + f.getClass().getSimpleName() + "() has id '" + fresh.id() + "', not '" + id + "'");
      }
    });
    failIfAny("id", problems);
  }

  /**
   * Every text is there in German and English, is not blank, and has no placeholder such as
   * {@code TODO}, {@code ???} or <code>${...}</code>.
   */
  @Test
  public void everyTextIsThereInGermanAndEnglish() {
    var problems = new ArrayList<String>();
    for (FormatTexts.Entry e : FormatTexts.of(format())) {
      for (String lang : List.of("de", "en")) {
        String s = e.text().byLanguage().get(lang);
        if (s == null || s.isBlank()) {
          problems.add(e.where() + " has no " + lang + " text");
        } else if (PLACEHOLDER.matcher(s).find()) {
          problems.add(e.where() + " (" + lang + ") looks like a placeholder: '" + s + "'");
        }
      }
    }
    failIfAny("texts", problems);
  }

  /**
   * Texts of {@value #WORDS_THAT_NEED_TRANSLATION} words or more differ between German and English:
   * a sentence that reads the same in both was not translated. Short texts may be the same (a
   * brand name, "SEO").
   */
  @Test
  public void longerTextsAreTranslated() {
    var problems = new ArrayList<String>();
    for (FormatTexts.Entry e : FormatTexts.of(format())) {
      LocalizedText text = e.text();
      if (text.de().strip().equalsIgnoreCase(text.en().strip())
          && text.en().strip().split("\\s+").length >= WORDS_THAT_NEED_TRANSLATION) {
        problems.add(e.where() + " is the same in German and English: '" + text.en() + "'");
      }
    }
    failIfAny("translations", problems);
  }

  /**
   * The agenda has a focus block; each focus block lasts {@link #MIN_FOCUS_BLOCK} to {@link
   * #MAX_FOCUS_BLOCK}, every other phase at most {@link #MAX_OTHER_PHASE}; the whole session
   * {@link #MIN_SESSION} to {@link #MAX_SESSION}; it neither starts nor ends with a break, and no
   * two breaks follow each other.
   */
  @Test
  public void agendaIsPlausible() {
    var problems = new ArrayList<String>();
    Agenda agenda = format().agenda();
    if (agenda.focusBlocks() < 1) {
      problems.add("the agenda has no focus block");
    }
    for (int i = 0; i < agenda.size(); i++) {
      Phase p = agenda.phase(i);
      String where = "agenda phase " + (i + 1) + " (" + p.kind() + ", " + p.planned().toMinutes() + " min)";
      if (p.kind() == PhaseKind.FOCUS_BLOCK) {
        // Longer than MAX_FOCUS_BLOCK is core's check (passesTheRegistrysValidation): listed there, not twice.
        if (p.planned().compareTo(MIN_FOCUS_BLOCK) < 0) {
          problems.add(where + ": a focus block lasts " + MIN_FOCUS_BLOCK.toMinutes() + " to "
              + MAX_FOCUS_BLOCK.toMinutes() + " minutes");
        }
      } else if (p.planned().compareTo(MAX_OTHER_PHASE) > 0) {
        problems.add(where + ": only a focus block may last longer than " + MAX_OTHER_PHASE.toMinutes() + " minutes");
      }
      if (p.kind() == PhaseKind.BREAK && (i == 0 || i == agenda.size() - 1)) {
        problems.add(where + ": a session neither starts nor ends with a break");
      }
      if (p.kind() == PhaseKind.BREAK && i > 0 && agenda.phase(i - 1).kind() == PhaseKind.BREAK) {
        problems.add(where + ": two breaks in a row");
      }
    }
    Duration total = agenda.plannedLength();
    // Shorter than MIN_SESSION or longer than 12 hours is core's check: listed there, not twice.
    if (total.compareTo(MAX_SESSION) > 0 && total.compareTo(CORE_MAX_SESSION) <= 0) {
      problems.add("the agenda lasts " + total.toMinutes() + " minutes; a session lasts "
          + MIN_SESSION.toMinutes() + " to " + MAX_SESSION.toMinutes());
    }
    failIfAny("agenda", problems);
  }

  /**
   * Every task's checklist has at most {@value #MAX_CHECKLIST_STEPS} steps, and {@link
   * TopicFormat#task} and {@link TopicFormat#helpTopic} find every task and topic of the catalogue.
   * (At least one task and topic, no empty checklist and only the format's topics per task are
   * core's checks: {@link #passesTheRegistrysValidation}.)
   */
  @Test
  public void tasksAndHelpTopicsFitTogether() {
    var problems = new ArrayList<String>();
    TopicFormat f = format();
    // No topics or tasks, an empty checklist and a task naming an unknown topic are core's checks
    // (passesTheRegistrysValidation): listed there, not twice.
    for (RecurringTask t : f.tasks()) {
      int steps = t.checklist().size();
      if (steps > MAX_CHECKLIST_STEPS) {
        problems.add("task '" + t.id() + "' has " + steps + " checklist steps; give it 1 to " + MAX_CHECKLIST_STEPS);
      }
      if (f.task(t.id()).isEmpty()) {
        problems.add("task(\"" + t.id() + "\") does not find the task");
      }
    }
    for (HelpTopic t : f.helpTopics()) {
      if (f.helpTopic(t.id()).isEmpty()) {
        problems.add("helpTopic(\"" + t.id() + "\") does not find the topic");
      }
    }
    failIfAny("tasks and help topics", problems);
  }

  /**
   * The help settings are stable: the time-box of every help topic, the one of a help on any topic
   * ({@link TopicFormat#helpTimeBox()}) and the pause before asking again each give the same answer
   * when asked twice, also of a second {@link #format()}: sessions are replayed from their events,
   * and a time-box that changes would change the room under them. (Their bounds, {@link
   * #MIN_TIME_BOX} to {@link #MAX_TIME_BOX} and 0 to {@link #MAX_RAISE_AGAIN_AFTER}, are core's
   * check: {@link #passesTheRegistrysValidation}.)
   */
  @Test
  public void helpTimeBoxesAndThePauseBeforeAskingAgainAreStable() {
    var problems = new ArrayList<String>();
    TopicFormat f = format();
    TopicFormat again = format();
    stable(problems, "helpTimeBox()", f::helpTimeBox, again::helpTimeBox);
    var topicIds = new java.util.LinkedHashSet<String>();
    f.helpTopics().forEach(t -> topicIds.add(t.id()));
    for (String id : topicIds) {
      stable(problems, "helpTimeBox(\"" + id + "\")", () -> f.helpTimeBox(id), () -> again.helpTimeBox(id));
    }
    stable(problems, "raiseAgainAfter()", f::raiseAgainAfter, again::raiseAgainAfter);
    failIfAny("help settings", problems);
  }

  /**
   * The resources the format ships per task ({@link TopicFormat#defaultResources}) are the same on
   * every call, and there are none for ids that are not tasks of the catalogue (a help topic's id,
   * an unknown id). Whether they are valid ({@link TaskResource#problemOf}: at most {@value
   * TaskResource#MAX_PER_TASK} per task, each with a title, and a link or a checklist) is core's
   * check ({@link #passesTheRegistrysValidation}); their texts are checked with the format's other
   * texts ({@link FormatTexts}).
   */
  @Test
  public void defaultResourcesAreStableAndOnlyForTheFormatsTasks() {
    var problems = new ArrayList<String>();
    TopicFormat f = format();
    Set<String> taskIds = new HashSet<>();
    for (RecurringTask t : f.tasks()) {
      taskIds.add(t.id());
      List<TaskResource> resources = f.defaultResources(t.id());
      if (resources == null) {
        problems.add("defaultResources(\"" + t.id() + "\") is null; return List.of() for none");
        continue;
      }
      if (!resources.equals(f.defaultResources(t.id()))) {
        problems.add("defaultResources(\"" + t.id() + "\") changes between calls");
      }
    }
    var others = new java.util.LinkedHashSet<String>();
    f.helpTopics().forEach(t -> others.add(t.id()));
    others.add("no-such-task");
    others.add(f.id());
    others.removeAll(taskIds);
    for (String other : others) {
      List<TaskResource> resources = f.defaultResources(other);
      if (resources == null || !resources.isEmpty()) {
        problems.add("defaultResources(\"" + other + "\") is " + resources + ", but '" + other
            + "' is no task of the format; give resources only to tasks of the catalogue");
      }
    }
    failIfAny("default resources", problems);
  }

  /**
   * Whole sessions of the format, simulated with the real engine (see {@link SessionSimulator}),
   * run to their end; the engine answers every command as the simulation expects; the recap has
   * every participant; and replaying the recorded events gives the same state.
   *
   * <p>It runs only for a format that passes {@link FormatRegistry#validate} (the engine refuses any
   * other): for an invalid one it is skipped, once, and {@link #passesTheRegistrysValidation()} lists
   * the problems. A failing run is not shrunk: a smaller seed is another session, not a simpler one,
   * so the report shows the sample that failed and its problems once.
   */
  @Property(tries = 12, shrinking = ShrinkingMode.OFF)
  public void simulatedSessionsRunToTheirRecap(
      @ForAll("simulationSeeds") long seed,
      @ForAll @IntRange(min = 1, max = 16) int participants,
      @ForAll @IntRange(min = 0, max = 3) int experts,
      @ForAll boolean german) {
    TopicFormat f = format();
    String language = german ? "de" : "en";
    Simulation sim = SessionSimulator.of(f)
        .withSeed(seed).withParticipants(participants).withExperts(experts).withLanguage(language).run();
    var problems = new ArrayList<String>();
    sim.unexpected().forEach(i -> problems.add("unexpected: " + i));
    if (sim.state().status() != SessionStatus.ENDED) {
      problems.add("the session is " + sim.state().status() + ", not ENDED");
    }
    var joined = new java.util.LinkedHashSet<io.peerwork.core.ParticipantId>();
    for (io.peerwork.core.SessionEvent e : sim.events()) {
      if (e instanceof io.peerwork.core.SessionEvent.ParticipantJoined j && j.role() == io.peerwork.core.Role.PARTICIPANT) {
        joined.add(j.participant());
      }
    }
    var inRecap = new java.util.LinkedHashSet<io.peerwork.core.ParticipantId>();
    sim.recap().participants().forEach(p -> inRecap.add(p.id()));
    if (!inRecap.equals(joined)) {
      problems.add("the recap has participants " + inRecap + "; " + joined + " took part");
    }
    sim.state().goals().stream().filter(g -> g.status() == io.peerwork.core.GoalStatus.OPEN)
        .forEach(g -> problems.add("goal " + g.id() + " is still open after the end; open goals carry over"));
    if (sim.recap().attendance().hosts() != 1 || sim.recap().attendance().experts() != experts) {
      problems.add("the recap counts " + sim.recap().attendance() + "; 1 host and " + experts + " experts came");
    }
    SessionEngine engine = SessionEngine.builder().formats(f).build();
    SessionState replayed = engine.replay(sim.state().id(), sim.events());
    if (!replayed.equals(sim.state())) {
      problems.add("replaying the events gives " + replayed + ", not " + sim.state());
    }
    failIfAny("simulation with seed " + seed + ", " + participants + " participants, " + experts
        + " experts, " + language, problems);
  }

  /**
   * The seeds of {@link #simulatedSessionsRunToTheirRecap}; first, a skip of the whole property, once, for a
   * format the engine would refuse (see {@link #passesTheRegistrysValidation()}). Here and not in a
   * {@code @BeforeProperty}: jqwik reports an abort from there as an error, one from making the
   * arbitraries as a skip.
   */
  @Provide
  Arbitrary<Long> simulationSeeds() {
    List<String> problems;
    try {
      problems = FormatRegistry.validate(format());
    } catch (RuntimeException e) {
      problems = List.of(e.toString());
    }
    if (!problems.isEmpty()) {
      throw new TestAbortedException("not simulated: the format fails FormatRegistry.validate with "
          + problems.size() + " problem(s), listed by passesTheRegistrysValidation");
    }
    return Arbitraries.longs();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Optional<TopicFormat> freshInstance(TopicFormat f) {
    Class<?> c = f.getClass();
    if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())) {
      return Optional.empty();
    }
    try {
      Constructor<?> ctor = c.getConstructor();
      return Optional.of((TopicFormat) ctor.newInstance());
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new AssertionError("new " + c.getName() + "() failed", e);
    }
  }

  /**
   * The answer of {@code first}, if it is not null and {@code first} and {@code second} give it
   * again; else empty, with the problem noted.
   */
  private static <T> Optional<T> stable(List<String> problems, String what, java.util.function.Supplier<T> first,
      java.util.function.Supplier<T> second) {
    T a;
    T b;
    T c;
    try {
      a = first.get();
      b = first.get();
      c = second.get();
    } catch (RuntimeException e) {
      problems.add(what + " failed: " + e);
      return Optional.empty();
    }
    if (a == null || b == null || c == null) {
      problems.add(what + " returned null");
      return Optional.empty();
    }
    if (!a.equals(b) || !a.equals(c)) {
      problems.add(what + " answers " + show(a) + ", then " + show(a.equals(b) ? c : b)
          + "; a format must give the same answer every time");
      return Optional.empty();
    }
    return Optional.of(a);
  }

  /** A duration in minutes, an empty optional as "empty", anything else as itself. */
  private static String show(Object value) {
    if (value instanceof Optional<?> o) {
      return o.map(TopicFormatContract::show).orElse("empty");
    }
    return value instanceof Duration d ? minutes(d) : String.valueOf(value);
  }

  /** "61 minutes", or the ISO form of a duration that is not whole minutes. */
  private static String minutes(Duration d) {
    return d.toSecondsPart() == 0 && d.toNanosPart() == 0 ? d.toMinutes() + " minutes" : d.toString();
  }

  /** Fails with every problem listed, if there is any. */
  private static void failIfAny(String what, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new AssertionError(what + ": " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
    }
  }
}
