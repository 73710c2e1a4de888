package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.ResourceTopicFormat;
import io.peerwork.core.spi.TopicFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatRegistryTest {

  /** A format with several problems at once. */
  static final TopicFormat BROKEN = new TopicFormat() {
    @Override
    public String id() {
      return "Broken_Format";
    }

    @Override
    public LocalizedText name() {
      return LocalizedText.of("Kaputt", "Broken");
    }

    @Override
    public LocalizedText description() {
      throw new UnsupportedOperationException("forgot");
    }

    @Override
    public Agenda agenda() {
      return Agenda.of(Phase.of(PhaseKind.FOCUS_BLOCK, 240), Phase.of(PhaseKind.FOCUS_BLOCK, 480),
          Phase.of(PhaseKind.FOCUS_BLOCK, 480));
    }

    @Override
    public List<RecurringTask> tasks() {
      RecurringTask t = new RecurringTask("posts", LocalizedText.of("Posts", "Posts"), LocalizedText.of("P", "P"),
          Cadence.WEEKLY, List.of(), List.of("nowhere"));
      return List.of(t, t);
    }

    @Override
    public List<HelpTopic> helpTopics() {
      return List.of();
    }
  };

  @Test
  void validationReportsEveryProblemAtOnce() {
    assertThat(FormatRegistry.validate(BROKEN)).hasSize(10).anySatisfy(p -> assertThat(p).contains("Broken_Format"))
        .anySatisfy(p -> assertThat(p).contains("description() failed"))
        .anySatisfy(p -> assertThat(p).contains("lasts 1200 minutes"))
        .anySatisfy(p -> assertThat(p).contains("focus block of 480 minutes"))
        .anySatisfy(p -> assertThat(p).contains("no help topics"))
        .anySatisfy(p -> assertThat(p).contains("'posts' is used twice"))
        .anySatisfy(p -> assertThat(p).contains("empty checklist"))
        .anySatisfy(p -> assertThat(p).contains("help topic 'nowhere'"));
    assertThatThrownBy(() -> FormatRegistry.of(BROKEN)).isInstanceOf(InvalidFormatException.class)
        .satisfies(e -> assertThat(((InvalidFormatException) e).problems()).hasSize(10));
  }

  @Test
  void aTypicalHelpOutsideTwoToSixtyMinutesIsAProblem() {
    for (var minutes : java.util.List.of(1L, 61L)) {
      io.peerwork.core.spi.TopicFormat slow = new io.peerwork.core.spi.TopicFormat() {
        @Override public String id() { return FORMAT.id(); }
        @Override public LocalizedText name() { return FORMAT.name(); }
        @Override public LocalizedText description() { return FORMAT.description(); }
        @Override public Agenda agenda() { return FORMAT.agenda(); }
        @Override public java.util.List<io.peerwork.core.spi.RecurringTask> tasks() { return FORMAT.tasks(); }
        @Override public java.util.List<io.peerwork.core.spi.HelpTopic> helpTopics() { return FORMAT.helpTopics(); }
        @Override public java.time.Duration typicalHelpTime() { return java.time.Duration.ofMinutes(minutes); }
      };
      assertThat(FormatRegistry.validate(slow)).singleElement()
          .satisfies(p -> assertThat(p).contains("typicalHelpTime()").contains("2 to 60 minutes"));
    }
  }

  /** The test kitchen with other help settings. */
  private static TopicFormat withHelpSettings(java.util.Optional<java.time.Duration> box,
      java.util.Optional<java.time.Duration> imageToolsBox, java.time.Duration raiseAgainAfter) {
    return new TopicFormat() {
      @Override public String id() { return FORMAT.id(); }
      @Override public LocalizedText name() { return FORMAT.name(); }
      @Override public LocalizedText description() { return FORMAT.description(); }
      @Override public Agenda agenda() { return FORMAT.agenda(); }
      @Override public List<RecurringTask> tasks() { return FORMAT.tasks(); }
      @Override public List<HelpTopic> helpTopics() { return FORMAT.helpTopics(); }
      @Override public java.util.Optional<java.time.Duration> helpTimeBox() { return box; }
      @Override public java.util.Optional<java.time.Duration> helpTimeBox(String topicId) {
        return topicId.equals("image-tools") ? imageToolsBox : helpTimeBox();
      }
      @Override public java.time.Duration raiseAgainAfter() { return raiseAgainAfter; }
    };
  }

  @Test
  void aTimeBoxOutsideOneToSixtyMinutesIsRefusedAtRegistration() {
    var none = java.util.Optional.<java.time.Duration>empty();
    for (long minutes : new long[] {0, 61}) {
      var bad = java.util.Optional.of(java.time.Duration.ofMinutes(minutes));
      assertThat(FormatRegistry.validate(withHelpSettings(none, bad, java.time.Duration.ZERO))).singleElement()
          .isEqualTo("helpTimeBox(\"image-tools\") is " + minutes
              + " minutes; a time-box must be 1 to 60 minutes, or empty for none");
      // A bad default is reported once, not once more for every topic that inherits it.
      assertThat(FormatRegistry.validate(withHelpSettings(bad, none, java.time.Duration.ZERO))).singleElement()
          .isEqualTo("helpTimeBox() is " + minutes + " minutes; a time-box must be 1 to 60 minutes, or empty for none");
      assertThatThrownBy(() -> FormatRegistry.of(withHelpSettings(bad, none, java.time.Duration.ZERO)))
          .isInstanceOf(InvalidFormatException.class).hasMessageContaining("helpTimeBox()");
    }
    var ok = java.util.Optional.of(java.time.Duration.ofMinutes(1));
    var max = java.util.Optional.of(java.time.Duration.ofMinutes(60));
    assertThat(FormatRegistry.validate(withHelpSettings(ok, max, java.time.Duration.ofMinutes(60)))).isEmpty();
    assertThat(FormatRegistry.validate(withHelpSettings(none, null, java.time.Duration.ZERO))).singleElement()
        .isEqualTo("helpTimeBox(\"image-tools\") returned null");
  }

  @Test
  void askingAgainAfterMoreThanAnHourOrANegativeTimeIsRefused() {
    var none = java.util.Optional.<java.time.Duration>empty();
    assertThat(FormatRegistry.validate(withHelpSettings(none, none, java.time.Duration.ofMinutes(61))))
        .containsExactly("raiseAgainAfter() is 61 minutes; it must be 0 to 60 minutes");
    assertThat(FormatRegistry.validate(withHelpSettings(none, none, java.time.Duration.ofMinutes(-1))))
        .containsExactly("raiseAgainAfter() is -1 minutes; it must be 0 to 60 minutes");
  }

  @Test
  void aSoundFormatHasNoProblems() {
    assertThat(FormatRegistry.validate(FORMAT)).isEmpty();
    assertThat(FormatRegistry.validate(Fixtures.TIMED_FORMAT)).isEmpty();
  }

  @Test
  void duplicateIdsFailAndNameBothClasses() {
    assertThatThrownBy(() -> FormatRegistry.of(FORMAT, new Fixtures.Run().engine.formats().require("test-kitchen")))
        .isInstanceOf(DuplicateFormatException.class).hasMessageContaining("test-kitchen");
  }

  @Test
  void lookups() {
    FormatRegistry r = FormatRegistry.of(FORMAT);
    assertThat(r.find("test-kitchen")).contains(FORMAT);
    assertThat(r.find("nope")).isEmpty();
    assertThat(r.ids()).containsExactly("test-kitchen");
    assertThatThrownBy(() -> r.require("nope")).isInstanceOf(PeerworkException.class).hasMessageContaining("test-kitchen");
  }

  @Test
  void serviceLoaderDiscoversFormatsOnTheClassPath() {
    FormatRegistry r = FormatRegistry.discover(getClass().getClassLoader());
    assertThat(r.ids()).containsExactly("resource-sample");
    TopicFormat f = r.require("resource-sample");
    assertThat(f.name().de()).isEqualTo("Beispiel-Runde");
    assertThat(f.agenda().focusBlocks()).isEqualTo(2);
    assertThat(f.tasks()).singleElement().satisfies(t -> {
      assertThat(t.checklist()).extracting(LocalizedText::en).containsExactly("Open the inbox", "Answer everything");
      assertThat(t.cadence()).isEqualTo(Cadence.WEEKLY);
      assertThat(t.helpTopicIds()).containsExactly("tone");
    });
    assertThat(f.phaseHint(PhaseKind.GOAL_ROUND).orElseThrow().de()).isEqualTo("Ein Ziel, das in 45 Minuten machbar ist.");
    assertThat(f.defaultQueuePolicy()).isEqualTo("fair");
    assertThat(f.helpTimeBox("tone")).contains(java.time.Duration.ofMinutes(15));
    assertThat(f.helpTimeBox()).contains(java.time.Duration.ofMinutes(10));
    assertThat(f.helpTimeBox("no-such-topic")).contains(java.time.Duration.ofMinutes(10));
    assertThat(f.raiseAgainAfter()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(FormatRegistry.validate(f)).isEmpty();
  }

  /** Found by the test's META-INF/services file; reads src/test/resources/io/peerwork/core/resource-sample/. */
  public static final class ResourceSample extends ResourceTopicFormat {
    public ResourceSample() {
      super(ResourceSample.class, "resource-sample");
    }
  }

  static final class BrokenResources extends ResourceTopicFormat {
    BrokenResources() {
      super(BrokenResources.class, "broken-sample");
    }
  }

  @Test
  void resourceFormatReportsEveryMissingOrWrongEntryTogether() {
    assertThatThrownBy(BrokenResources::new).isInstanceOf(InvalidFormatException.class)
        .satisfies(e -> assertThat(((InvalidFormatException) e).problems()).containsExactlyInAnyOrder(
            "texts_en.properties: 'description' is missing",
            "format.properties: agenda item 'LUNCH 30' is not 'KIND MINUTES' (No enum constant io.peerwork.core.PhaseKind.LUNCH)",
            "texts_de.properties: 'topic.tone.name' is missing",
            "format.properties: 'task.inbox.cadence' is 'DAILY'; use WEEKLY, MONTHLY, QUARTERLY or YEARLY",
            "texts_en.properties: 'task.inbox.step.2' is missing",
            "format.properties: 'time-box-minutes' is not a number",
            "format.properties: 'topic.nope.time-box-minutes' names help topic 'nope', which is not in 'topics'",
            "format.properties: 'raise-again-after-minutes' is not a number"));
  }
}
