package io.peerwork.formats.website;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.PhaseKind;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What hosts and participants of a Website Workshop rely on. */
class WebsiteWorkshopContentTest {
  private final TopicFormat format = new WebsiteWorkshop();

  @Test
  void isNamedInBothLanguages() {
    assertThat(format.name().de()).isEqualTo("Website-Werkstatt");
    assertThat(format.name().en()).isEqualTo("Website Workshop");
  }

  @Test
  void isAHalfDayWithAnExpertInput() {
    assertThat(format.agenda().plannedLength()).isBetween(Duration.ofMinutes(180), Duration.ofMinutes(270));
    assertThat(format.agenda().phases()).extracting(p -> p.kind())
        .startsWith(PhaseKind.ARRIVAL, PhaseKind.GOAL_ROUND).endsWith(PhaseKind.CLOSING_ROUND)
        .contains(PhaseKind.EXPERT_INPUT);
  }

  @Test
  void coversTheRecurringWorkOfASmallBusinessWebsite() {
    assertThat(format.tasks()).extracting(RecurringTask::id).contains("update-cms", "check-backups", "legal-pages",
        "write-blog-post", "seo-titles-descriptions", "speed-and-links", "update-offers", "maps-business-profile");
    assertThat(format.tasks()).allSatisfy(t -> {
      assertThat(t.checklist()).as(t.id()).hasSizeBetween(3, 6);
      assertThat(t.helpTopicIds()).as(t.id()).isNotEmpty();
    });
    // Updates and backups are monthly chores; the legal pages are checked every quarter.
    assertThat(format.task("update-cms").orElseThrow().cadence()).isEqualTo(Cadence.MONTHLY);
    assertThat(format.task("check-backups").orElseThrow().cadence()).isEqualTo(Cadence.MONTHLY);
    assertThat(format.task("legal-pages").orElseThrow().cadence()).isEqualTo(Cadence.QUARTERLY);
  }

  @Test
  void theLegalPagesFollowAustrianLaw() {
    RecurringTask legal = format.task("legal-pages").orElseThrow();
    assertThat(legal.title().de()).contains("Impressum", "Datenschutzerklärung", "Cookie-Banner");
    assertThat(legal.title().en()).contains("imprint", "privacy statement", "cookie banner");
    assertThat(legal.checklist().get(0).de()).contains("ECG", "MedienG", "UID-Nummer");
    assertThat(legal.helpTopicIds()).containsExactly("legal");
    assertThat(format.helpTopic("legal").orElseThrow().description().de()).contains("DSGVO");
  }

  @Test
  void everyHelpTopicServesSomeTask() {
    Set<String> used = format.tasks().stream().flatMap(t -> t.helpTopicIds().stream()).collect(Collectors.toSet());
    assertThat(format.helpTopics()).extracting(HelpTopic::id).allSatisfy(id -> assertThat(used).contains(id));
  }

  @Test
  void aHelpIsTimeBoxedToTenMinutesFifteenForHostingBackupsAndSpeedAndAskingAgainWaitsFive() {
    assertThat(format.helpTimeBox("seo")).contains(Duration.ofMinutes(10));
    assertThat(format.helpTimeBox("hosting")).contains(Duration.ofMinutes(15));
    assertThat(format.helpTimeBox("backup-security")).contains(Duration.ofMinutes(15));
    assertThat(format.helpTimeBox("performance")).contains(Duration.ofMinutes(15));
    assertThat(format.raiseAgainAfter()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theBusinessProfileAndAccessibilityTasksShipOfficialHelp() {
    assertThat(format.defaultResources("maps-business-profile")).extracting(r -> r.link().orElseThrow())
        .containsExactly("https://support.google.com/business/", "https://businessconnect.apple.com/");
    assertThat(format.defaultResources("check-accessibility")).hasSize(2)
        .satisfies(list -> assertThat(list.get(0).link()).contains("https://www.w3.org/WAI/test-evaluate/"))
        .satisfies(list -> assertThat(list.get(1).checklist()).hasSize(4));
    assertThat(format.defaultResources("update-cms")).isEmpty();
  }
}
