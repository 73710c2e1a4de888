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
        "agendaIsPlausible", "tasksAndHelpTopicsFitTogether");
    assertThat(f.values()).noneMatch("PASSED"::equals);

    assertThat(f.get("passesTheRegistrysValidation")).contains(
        "is not lower-case words", "help topic id 'tools' is used twice", "task id 'post' is used twice",
        "task 'post' has an empty checklist", "names help topic 'nope'", "focus block of 200 minutes");
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
    assertThat(f.get("tasksAndHelpTopicsFitTogether")).contains(
        "task 'post' has 0 checklist steps", "task 'post' names help topic 'nope'");
  }

  @Test
  void theSimulationPropertyFailsForTheBrokenFormat() {
    Map<String, String> f = failures("jqwik");
    assertThat(f).containsOnlyKeys("simulatedSessionsRunToTheirRecap");
    assertThat(f.get("simulatedSessionsRunToTheirRecap")).contains("InvalidFormatException", "problem(s)");
  }

  @Test
  void aSoundFormatPassesEveryCheck() {
    var messages = new HashMap<String, String>();
    for (String engine : new String[] {"junit-jupiter", "jqwik"}) {
      EngineTestKit.engine(engine)
          .selectors(selectClass("io.peerwork.testkit.example.NewsletterCornerTest"))
          .configurationParameter("jqwik.database", "target/.jqwik-database-sound")
          .execute()
          .allEvents()
          .stream()
          .filter(e -> e.getType() == EventType.FINISHED)
          .filter(e -> e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance).isPresent())
          .forEach(e -> messages.put(methodName(e), message(e)));
    }
    assertThat(messages).hasSize(8);
    assertThat(messages.values()).allMatch("PASSED"::equals);
    assertThat(new NewsletterCorner().id()).isEqualTo("newsletter-corner");
  }
}
