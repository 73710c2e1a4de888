package io.peerwork.core;

import static io.peerwork.core.Fixtures.FORMAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.ResourceTopicFormat;
import io.peerwork.core.spi.TopicFormat;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resources per task: what makes one valid, and the defaults a format ships. */
class TaskResourceTest {

  @Test
  void aResourceHasATitleAndALinkOrAChecklist() {
    assertThat(TaskResource.written("Hilfe", Optional.of("https://support.example.org/hilfe"), List.of()).problem())
        .isEmpty();
    assertThat(TaskResource.written("Vor dem Senden", Optional.empty(), List.of("Betreff prüfen")).problem()).isEmpty();
    assertThat(TaskResource.written("Nur ein Titel", Optional.empty(), List.of()).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("a link or a checklist"));
  }

  @Test
  void titlesLinksAndItemsFollowTheTextRules() {
    String link = "https://example.org";
    assertThat(TaskResource.written("x".repeat(120), Optional.of(link), List.of()).problem()).isEmpty();
    assertThat(TaskResource.written("x".repeat(121), Optional.of(link), List.of()).problem()).isPresent();
    assertThat(TaskResource.written("Zwei\nZeilen", Optional.of(link), List.of()).problem()).isPresent();
    assertThat(TaskResource.written("Hilfe", Optional.of("ftp://example.org/datei"), List.of()).problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("link:"));
    assertThat(TaskResource.written("Hilfe", Optional.of("https://bank.example@evil.example"), List.of()).problem())
        .isPresent();
    assertThat(TaskResource.written("Liste", Optional.empty(), List.of("y".repeat(200))).problem()).isEmpty();
    assertThat(TaskResource.written("Liste", Optional.empty(), List.of("y".repeat(201))).problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("checklist item 1"));
    assertThat(TaskResource.written("Liste", Optional.empty(), List.of("ok", "un\u200Bsichtbar")).problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("checklist item 2"));
    assertThat(TaskResource.written("Liste", Optional.empty(), Collections.nCopies(10, "Schritt")).problem()).isEmpty();
    assertThat(TaskResource.written("Liste", Optional.empty(), Collections.nCopies(11, "Schritt")).problem()).isPresent();
    assertThatThrownBy(() -> TaskResource.written(" ", Optional.of(link), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whatAPersonWritesIsTheSameInEveryLanguageAndStoredNormalized() {
    TaskResource r = TaskResource.written("  Cafe\u0301 ", Optional.of(" https://example.org/a "), List.of(" Schritt "));
    assertThat(r.title().de()).isEqualTo(r.title().en());
    TaskResource n = r.normalized();
    assertThat(n.title().de()).isEqualTo("Café");
    assertThat(n.link()).contains("https://example.org/a");
    assertThat(n.checklist()).extracting(LocalizedText::en).containsExactly("Schritt");
  }

  @Test
  void aListNamesTheResourceThatIsWrong() {
    TaskResource ok = TaskResource.written("Hilfe", Optional.of("https://example.org"), List.of());
    TaskResource bad = TaskResource.written("Kaputt", Optional.empty(), List.of());
    assertThat(TaskResource.problemOf(List.of(ok, bad))).hasValueSatisfying(p -> assertThat(p).startsWith("resource 2:"));
    assertThat(TaskResource.problemOf(Collections.nCopies(11, ok))).hasValueSatisfying(p -> assertThat(p).contains("at most 10"));
    assertThat(TaskResource.problemOf(List.of())).isEmpty();
  }

  /** Reads src/test/resources/io/peerwork/core/resources-sample/. */
  static final class WithResources extends ResourceTopicFormat {
    WithResources() {
      super(WithResources.class, "resources-sample");
    }
  }

  static final class BrokenResources extends ResourceTopicFormat {
    BrokenResources() {
      super(BrokenResources.class, "broken-resources-sample");
    }
  }

  @Test
  void aResourceFormatReadsItsDefaultResourcesFromItsFiles() {
    TopicFormat f = new WithResources();
    assertThat(f.defaultResources("inbox")).hasSize(2);
    TaskResource help = f.defaultResources("inbox").get(0);
    assertThat(help.title()).isEqualTo(LocalizedText.of("Hilfe zum Posteingang", "Help on the inbox"));
    assertThat(help.link()).contains("https://www.example.org/hilfe/posteingang");
    assertThat(help.checklist()).extracting(LocalizedText::de).containsExactly("Filter prüfen", "Vorlagen anlegen");
    TaskResource before = f.defaultResources("inbox").get(1);
    assertThat(before.link()).isEmpty();
    assertThat(before.checklist()).extracting(LocalizedText::en).containsExactly("Read first, then write");
    assertThat(f.defaultResources("newsletter")).isEmpty();
    assertThat(f.defaultResources("no-such-task")).isEmpty();
    assertThat(FormatRegistry.validate(f)).isEmpty();
  }

  @Test
  void wrongDefaultResourcesAreReportedTogether() {
    assertThatThrownBy(BrokenResources::new).isInstanceOf(InvalidFormatException.class)
        .satisfies(e -> assertThat(((InvalidFormatException) e).problems()).containsExactlyInAnyOrder(
            "'task.inbox.resource.1': link: " + TextRules.describe(TextRules.Field.LINK, TextRules.Problem.NOT_A_LINK),
            "texts_en.properties: 'task.inbox.resource.2.title' is missing",
            "'task.inbox.resource.3': a resource has a link or a checklist, or both"));
  }

  @Test
  void theRegistryChecksTheDefaultsOfAnyFormat() {
    TopicFormat careless = new TopicFormat() {
      @Override public String id() { return FORMAT.id(); }
      @Override public LocalizedText name() { return FORMAT.name(); }
      @Override public LocalizedText description() { return FORMAT.description(); }
      @Override public Agenda agenda() { return FORMAT.agenda(); }
      @Override public List<RecurringTask> tasks() { return FORMAT.tasks(); }
      @Override public List<HelpTopic> helpTopics() { return FORMAT.helpTopics(); }
      @Override public List<TaskResource> defaultResources(String taskId) {
        return List.of(TaskResource.written("Hilfe", Optional.of("not a link"), List.of()));
      }
    };
    // One problem per task of the catalogue, each naming its task.
    assertThat(FormatRegistry.validate(careless)).hasSize(FORMAT.tasks().size())
        .allSatisfy(p -> assertThat(p).startsWith("default resources of task '").contains("': resource 1: link:"))
        .anySatisfy(p -> assertThat(p).startsWith("default resources of task 'plan-posts': resource 1: link:"));
    assertThat(FORMAT.defaultResources("plan-posts")).isEmpty();
  }
}
