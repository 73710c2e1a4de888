package io.peerwork.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.peerwork.testkit.broken.BrokenFormatContract;
import io.peerwork.testkit.example.NewsletterCorner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs the contract against a format with many mistakes and checks that it reports each one. */
class TopicFormatContractTest {

  /** The failure message of each contract test method that ran against {@link BrokenFormatContract}. */
  private static Map<String, String> failures(String engine) {
    var messages = new HashMap<String, String>();
    EngineTestKit.engine(engine)
        .selectors(selectClass(BrokenFormatContract.class))
        .configurationParameter("jqwik.database", "target/.jqwik-database-broken")
        .configurationParameter("jqwik.reporting.usejunitplatform", "true")
        .execute()
        .allEvents()
        .stream()
        .filter(e -> e.getType() == EventType.FINISHED)
        .filter(e -> e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance).isPresent())
        .forEach(e -> messages.put(methodName(e), message(e)));
    return messages;
  }

  private static String methodName(Event e) {
    return ((MethodSource) e.getTestDescriptor().getSource().orElseThrow()).getMethodName();
  }

  private static String message(Event e) {
    TestExecutionResult result = e.getPayload(TestExecutionResult.class).orElseThrow();
    return result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
        ? "PASSED"
        : result.getThrowable().map(Throwable::toString).orElse("FAILED");
  }

  @Test
  void everyCheckFailsForTheBrokenFormatAndListsEveryProblem() {
    Map<String, String> f = failures("junit-jupiter");

    assertThat(f).containsOnlyKeys("passesTheRegistrysValidation", "idIsStable",
        "everyTextIsThereInGermanAndEnglish", "longerTextsAreTranslated",
        "agendaIsPlausible", "tasksAndHelpTopicsFitTogether",
        "helpTimeBoxesAndThePauseBeforeAskingAgainAreStable", "defaultResourcesAreStableAndOnlyForTheFormatsTasks");
    assertThat(f.values()).noneMatch("PASSED"::equals);

    List<String> coreProblems = List.of("is not lower-case words", "help topic id 'tools' is used twice",
        "task id 'post' is used twice", "task 'post' has an empty checklist", "names help topic 'nope'",
        "focus block of 200 minutes", "helpTimeBox(\"tools\") is 0 minutes; a time-box must be 1 to 60 minutes",
        "helpTimeBox() is 61 minutes; a time-box must be 1 to 60 minutes", "raiseAgainAfter() is ",
        "task 'post': resource 1: a resource has a link or a checklist, or both");
    assertThat(f.get("passesTheRegistrysValidation")).contains("FormatRegistry.validate: 10 problem(s)")
        .contains(coreProblems);
    // Each problem once: what core's validation lists, no other check lists again.
    f.forEach((check, message) -> {
      if (!check.equals("passesTheRegistrysValidation")) {
        for (String p : List.of("is not lower-case words", "used twice", "empty checklist", "0 checklist steps",
            "names help topic 'nope'", "200 min", "is 61 minutes", "is 0 minutes", "a link or a checklist")) {
          assertThat(message).as(check + " repeats core's problem '" + p + "'").doesNotContain(p);
        }
      }
    });
    assertThat(f.get("idIsStable")).contains("id() changes between calls",
        "format() returned formats with different ids", "a new BrokenFormat() has id");
    assertThat(f.get("everyTextIsThereInGermanAndEnglish")).contains(
        "task 'post' step 1 (de) looks like a placeholder: 'TODO'",
        "hint for goal_round (de) looks like a placeholder: '???'");
    assertThat(f.get("longerTextsAreTranslated")).contains("description is the same in German and English")
        .doesNotContain("name is the same");
    assertThat(f.get("agendaIsPlausible")).contains(
        "agenda phase 1 (BREAK, 10 min): a session neither starts nor ends with a break",
        "agenda phase 2 (FOCUS_BLOCK, 5 min): a focus block lasts 10 to 180 minutes",
        "agenda phase 4 (BREAK, 10 min): two breaks in a row",
        "agenda phase 6 (EXPERT_INPUT, 150 min): only a focus block may last longer than 120 minutes",
        "4 problem(s)");
    // A pause that grows on every call (the out-of-bounds time-boxes are core's problems).
    assertThat(f.get("helpTimeBoxesAndThePauseBeforeAskingAgainAreStable")).contains(
        "raiseAgainAfter() answers ", "; a format must give the same answer every time", "1 problem(s)");
    assertThat(f.get("tasksAndHelpTopicsFitTogether")).contains("task(\"post\") does not find the task");
    assertThat(f.get("defaultResourcesAreStableAndOnlyForTheFormatsTasks")).contains(
        "defaultResources(\"tools\")", "no task of the format");
  }

  @Test
  void theSimulationIsSkippedOnceForTheBrokenFormatAndPointsToTheValidation() {
    var events = EngineTestKit.engine("jqwik")
        .selectors(selectClass(BrokenFormatContract.class))
        .configurationParameter("jqwik.database", "target/.jqwik-database-broken")
        .configurationParameter("jqwik.reporting.usejunitplatform", "true")
        .execute()
        .allEvents();
    // Not one failure per try and per shrinking step: one skipped property, with a pointer to the problems.
    assertThat(events.stream().filter(e -> e.getType() == EventType.FINISHED)
        .filter(e -> e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance).isPresent()))
        .singleElement()
        .satisfies(e -> {
          assertThat(methodName(e)).isEqualTo("simulatedSessionsRunToTheirRecap");
          TestExecutionResult result = e.getPayload(TestExecutionResult.class).orElseThrow();
          assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
          assertThat(result.getThrowable().orElseThrow()).hasMessage("not simulated: the format fails "
              + "FormatRegistry.validate with 10 problem(s), listed by passesTheRegistrysValidation");
        });
  }

  @Test
  void aSoundFormatPassesEveryCheck() {
    var messages = new HashMap<String, String>();
    for (String engine : new String[] {"junit-jupiter", "jqwik"}) {
      EngineTestKit.engine(engine)
          .selectors(selectClass("io.peerwork.testkit.example.NewsletterCornerTest"))
          .configurationParameter("jqwik.database", "target/.jqwik-database-sound")
          .configurationParameter("jqwik.reporting.onlyfailures", "true")
          .execute()
          .allEvents()
          .stream()
          .filter(e -> e.getType() == EventType.FINISHED)
          .filter(e -> e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance).isPresent())
          .forEach(e -> messages.put(methodName(e), message(e)));
    }
    assertThat(messages).hasSize(9);
    assertThat(messages.values()).allMatch("PASSED"::equals);
    assertThat(new NewsletterCorner().id()).isEqualTo("newsletter-corner");
  }
}
