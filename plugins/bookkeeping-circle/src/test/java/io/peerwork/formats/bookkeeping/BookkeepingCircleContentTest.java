package io.peerwork.formats.bookkeeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.FormatTexts;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What hosts and participants of a Bookkeeping Circle rely on. */
class BookkeepingCircleContentTest {
  private final TopicFormat format = new BookkeepingCircle();

  @Test
  void isNamedInBothLanguages() {
    assertThat(format.name().de()).isEqualTo("Buchhaltungs-Runde");
    assertThat(format.name().en()).isEqualTo("Bookkeeping Circle");
  }

  @Test
  void coversTheAustrianBookkeepingChores() {
    assertThat(format.tasks()).extracting(RecurringTask::id).contains("collect-receipts", "write-invoices",
        "bank-reconciliation", "vat-return", "tax-prepayments", "social-insurance-contributions",
        "payment-reminders");
    assertThat(format.task("vat-return").orElseThrow().title().de()).isEqualTo("Umsatzsteuervoranmeldung (UVA) einreichen");
    assertThat(format.task("vat-return").orElseThrow().checklist()).anySatisfy(s -> assertThat(s.de()).contains("FinanzOnline"));
    assertThat(format.task("social-insurance-contributions").orElseThrow().title().de()).contains("SVS");
    assertThat(format.task("book-income-and-expenses").orElseThrow().title().de()).contains("Einnahmen-Ausgaben-Rechnung");
    assertThat(format.tasks()).allSatisfy(t -> {
      assertThat(t.checklist()).as(t.id()).hasSizeBetween(3, 6);
      assertThat(t.helpTopicIds()).as(t.id()).isNotEmpty();
    });
  }

  @Test
  void cadencesMatchTheDeadlines() {
    assertThat(format.task("vat-return").orElseThrow().cadence()).isEqualTo(Cadence.MONTHLY);
    // Income tax prepayments and SVS contributions are due four times a year.
    assertThat(format.task("tax-prepayments").orElseThrow().cadence()).isEqualTo(Cadence.QUARTERLY);
    assertThat(format.task("social-insurance-contributions").orElseThrow().cadence()).isEqualTo(Cadence.QUARTERLY);
    assertThat(format.task("year-end-preparation").orElseThrow().cadence()).isEqualTo(Cadence.YEARLY);
  }

  @Test
  void theFairQueueKeepsOneBigQuestionFromTakingTheExpertAllDay() {
    assertThat(format.defaultQueuePolicy()).isEqualTo("fair");
    assertThat(format.defaultCapacity()).isLessThanOrEqualTo(15);
  }

  @Test
  void speaksAustrianGerman() {
    assertThat(FormatTexts.of(format)).noneMatch(e -> e.text().de().contains("Januar"));
    assertThat(FormatTexts.of(format)).anyMatch(e -> e.text().de().contains("Jänner"));
    assertThat(FormatTexts.of(format)).anyMatch(e -> e.text().de().contains("Finanzamt"));
  }

  @Test
  void everyHelpTopicServesSomeTask() {
    Set<String> used = format.tasks().stream().flatMap(t -> t.helpTopicIds().stream()).collect(Collectors.toSet());
    assertThat(format.helpTopics()).extracting(HelpTopic::id).allSatisfy(id -> assertThat(used).contains(id));
  }

  @Test
  void aHelpIsTimeBoxedToTenMinutesFifteenForTaxesAndAskingAgainWaitsTen() {
    assertThat(format.helpTimeBox("receipts-archive")).contains(Duration.ofMinutes(10));
    assertThat(format.helpTimeBox("vat")).contains(Duration.ofMinutes(15));
    assertThat(format.helpTimeBox("eu-business")).contains(Duration.ofMinutes(15));
    assertThat(format.helpTimeBox("income-tax")).contains(Duration.ofMinutes(15));
    assertThat(format.raiseAgainAfter()).isEqualTo(Duration.ofMinutes(10));
  }
}
