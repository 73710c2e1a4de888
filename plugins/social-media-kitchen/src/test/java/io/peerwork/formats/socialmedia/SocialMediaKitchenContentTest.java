package io.peerwork.formats.socialmedia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Agenda;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.FormatTexts;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What hosts and participants of a Social Media Kitchen rely on. */
class SocialMediaKitchenContentTest {
  private final TopicFormat format = new SocialMediaKitchen();

  @Test
  void isAboutFourHoursWithArrivalGoalsFocusAnInputAndAClosingRound() {
    Agenda agenda = format.agenda();
    assertThat(agenda.plannedLength()).isBetween(Duration.ofMinutes(210), Duration.ofMinutes(270));
    assertThat(agenda.phase(0).kind()).isEqualTo(PhaseKind.ARRIVAL);
    assertThat(agenda.phase(1).kind()).isEqualTo(PhaseKind.GOAL_ROUND);
    assertThat(agenda.phase(agenda.size() - 1).kind()).isEqualTo(PhaseKind.CLOSING_ROUND);
    assertThat(agenda.focusBlocks()).isGreaterThanOrEqualTo(2);
    assertThat(agenda.phases()).filteredOn(p -> p.kind() == PhaseKind.EXPERT_INPUT).hasSize(1);
    assertThat(agenda.phases()).filteredOn(p -> p.kind() == PhaseKind.BREAK).isNotEmpty();
    for (PhaseKind kind : PhaseKind.values()) {
      assertThat(format.phaseHint(kind)).as("hint for %s", kind).isPresent();
    }
  }

  @Test
  void hasTheChoresOfSocialMediaWorkWithShortChecklists() {
    assertThat(format.tasks()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(format.tasks()).extracting(RecurringTask::id).contains("plan-next-month", "write-and-schedule-posts",
        "create-images", "answer-comments", "review-statistics", "update-profiles", "plan-campaign",
        "stories-and-reels", "hashtag-research", "repurpose-content");
    assertThat(format.tasks()).allSatisfy(t -> {
      assertThat(t.checklist()).as(t.id()).hasSizeBetween(3, 6);
      assertThat(t.helpTopicIds()).as(t.id()).isNotEmpty();
    });
    assertThat(format.task("plan-next-month").orElseThrow().cadence()).isEqualTo(Cadence.MONTHLY);
    assertThat(format.task("write-and-schedule-posts").orElseThrow().cadence()).isEqualTo(Cadence.WEEKLY);
  }

  @Test
  void everyHelpTopicServesSomeTask() {
    Set<String> used = format.tasks().stream().flatMap(t -> t.helpTopicIds().stream()).collect(Collectors.toSet());
    assertThat(format.helpTopics()).extracting(HelpTopic::id)
        .contains("content-ideas", "image-tools", "scheduling-tools", "platform-rules", "reach-hashtags",
            "statistics", "paid-ads")
        .allSatisfy(id -> assertThat(used).contains(id));
  }

  @Test
  void speaksAustrianGermanAndEnglish() {
    assertThat(format.name().de()).isEqualTo("Social Media Kitchen");
    assertThat(format.task("plan-next-month").orElseThrow().title().en()).isEqualTo("Plan next month's posts");
    assertThat(FormatTexts.of(format)).noneMatch(e -> e.text().de().contains("Januar"));
    assertThat(format.phaseHint(PhaseKind.GOAL_ROUND).orElseThrow().de()).contains("Jänner");
    assertThat(format.task("update-profiles").orElseThrow().checklist())
        .anySatisfy(step -> assertThat(step.de()).contains("Impressum", "ECG", "MedienG"));
  }

  @Test
  void aHelpIsTimeBoxedToTenMinutesFifteenForVideosAndAdsAndAskingAgainWaitsFive() {
    assertThat(format.helpTimeBox()).contains(Duration.ofMinutes(10));
    assertThat(format.helpTimeBox("content-ideas")).contains(Duration.ofMinutes(10));
    assertThat(format.helpTimeBox("video")).contains(Duration.ofMinutes(15));
    assertThat(format.helpTimeBox("paid-ads")).contains(Duration.ofMinutes(15));
    assertThat(format.raiseAgainAfter()).isEqualTo(Duration.ofMinutes(5));
  }
}
