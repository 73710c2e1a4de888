package io.peerwork.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.peerwork.testkit.broken.BrokenFormatContract;
import io.peerwork.testkit.example.NewsletterCorner;
import java.util.HashMap;
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

    assertThat(f).containsOnlyKeys("passesTheRegistrysValidation", "idIsWellFormedAndStable",
        "taskAndTopicIdsAreWellFormedAndUnique", "everyTextIsThereInGermanAndEnglish", "longerTextsAreTranslated",
        "agendaIsPlausible", "tasksAndHelpTopicsFitTogether",
        "helpTimeBoxesAndThePauseBeforeAskingAgainAreInBoundsAndStable", "defaultResourcesAreValidAndOnlyForTheFormatsTasks");
    assertThat(f.values()).noneMatch("PASSED"::equals);

    assertThat(f.get("passesTheRegistrysValidation")).contains("FormatRegistry.validate: 10 problem(s)",
        "is not lower-case words", "help topic id 'tools' is used twice", "task id 'post' is used twice",
        "task 'post' has an empty checklist", "names help topic 'nope'", "focus block of 200 minutes",
        "helpTimeBox(\"tools\") is 0 minutes; a time-box must be 1 to 60 minutes",
        "helpTimeBox() is 61 minutes; a time-box must be 1 to 60 minutes", "raiseAgainAfter() is ");
    assertThat(f.get("idIsWellFormedAndStable")).contains(
        "is not lower-case words joined by hyphens", "id() changes between calls",
        "format() returned formats with different ids", "a new BrokenFormat() has id");
    assertThat(f.get("taskAndTopicIdsAreWellFormedAndUnique")).contains(
        "help topic id 'tools' is used twice", "task id 'post' is used twice");
    assertThat(f.get("everyTextIsThereInGermanAndEnglish")).contains(
        "task 'post' step 1 (de) looks like a placeholder: 'TODO'",
        "hint for goal_round (de) looks like a placeholder: '???'");
    assertThat(f.get("longerTextsAreTranslated")).contains("description is the same in German and English")
        .doesNotContain("name is the same");
    assertThat(f.get("agendaIsPlausible")).contains(
        "agenda phase 1 (BREAK, 10 min): a session neither starts nor ends with a break",
        "agenda phase 2 (FOCUS_BLOCK, 5 min): a focus block lasts 10 to 180 minutes",
        "agenda phase 4 (BREAK, 10 min): two breaks in a row",
        "agenda phase 5 (FOCUS_BLOCK, 200 min): a focus block lasts 10 to 180 minutes",
        "agenda phase 6 (EXPERT_INPUT, 150 min): only a focus block may last longer than 120 minutes",
        "5 problem(s)");
    // A 0-minute time-box on one topic, a 61-minute one on every other, a pause that grows on every call.
    assertThat(f.get("helpTimeBoxesAndThePauseBeforeAskingAgainAreInBoundsAndStable")).contains(
        "helpTimeBox(\"tools\") is 0 minutes; a time-box is 1 to 60 minutes, or empty for none",
        "helpTimeBox() is 61 minutes; a time-box is 1 to 60 minutes, or empty for none",
        "raiseAgainAfter() answers ", "; a format must give the same answer every time", "3 problem(s)");
    assertThat(f.get("tasksAndHelpTopicsFitTogether")).contains(
        "task 'post' has 0 checklist steps", "task 'post' names help topic 'nope'");
    assertThat(f.get("defaultResourcesAreValidAndOnlyForTheFormatsTasks")).contains(
        "task 'post': resource 1: a resource has a link or a checklist, or both",
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
    assertThat(messages).hasSize(10);
    assertThat(messages.values()).allMatch("PASSED"::equals);
    assertThat(new NewsletterCorner().id()).isEqualTo("newsletter-corner");
  }
}
