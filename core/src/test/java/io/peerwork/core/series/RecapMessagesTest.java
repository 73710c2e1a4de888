package io.peerwork.core.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Goal;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Recap;
import io.peerwork.core.spi.TopicFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecapMessagesTest {
  static final TopicFormat FORMAT = io.peerwork.core.FixturesAccess.format();
  static final ParticipantId ANA = ParticipantId.of("ana");
  static final SeriesDate MAR = date(LocalDate.of(2027, 3, 2), "2027-03-02T09:00:00+01:00[Europe/Vienna]");
  static final SeriesDate APR = date(LocalDate.of(2027, 4, 6), "2027-04-06T09:00:00+02:00[Europe/Vienna]");

  static SeriesDate date(LocalDate key, String start) {
    ZonedDateTime s = ZonedDateTime.parse(start);
    return new SeriesDate(key, s, s.plusHours(4), false, Optional.empty(), 0);
  }

  static Goal goal(int n, String text, GoalStatus status) {
    return new Goal(GoalId.of("g" + n), ANA, 2, text, Optional.empty(), status, Instant.EPOCH);
  }

  final Recap.ParticipantRecap ana = new Recap.ParticipantRecap(ANA, "Ana", List.of(
      goal(1, "Posts für März planen", GoalStatus.DONE),
      goal(2, "Profilbild tauschen", GoalStatus.CARRIED_OVER),
      goal(3, "Reel schneiden", GoalStatus.PARTLY_DONE)), 1, Duration.ofMinutes(95), 2);

  @Test
  void germanRecapSaysWhatWasDoneWhatCarriesOverAndTheNextDate() {
    OutgoingMessage m = RecapMessages.forParticipant("Ana@Example.at", "de", FORMAT, MAR, ana, Optional.of(APR));
    assertThat(m.to()).isEqualTo("ana@example.at");
    assertThat(m.subject()).isEqualTo("Dein Rückblick: Testküche, 2. März 2027");
    assertThat(m.body()).contains("Hallo Ana,", "danke fürs Mitmachen bei Testküche am 2. März 2027.",
        "Erledigt (1):\n  ✓ Posts für März planen",
        "Teilweise erledigt (1):\n  ◐ Reel schneiden",
        "Nimmst du mit ins nächste Mal (1):\n  → Profilbild tauschen",
        "Zeit im Fokus: 95 Minuten", "Hilfe bekommen: 1-mal", "Du hast anderen geholfen: 2-mal. Danke!",
        "Nächster Termin: Dienstag, 6. April 2027, 09:00 (Europe/Vienna)");
  }

  @Test
  void englishRecapWithoutANextDate() {
    OutgoingMessage m = RecapMessages.forParticipant("ana@example.at", "en", FORMAT, MAR,
        new Recap.ParticipantRecap(ANA, "Ana", List.of(), 0, Duration.ZERO, 0), Optional.empty());
    assertThat(m.subject()).isEqualTo("Your recap: Test kitchen, 2 March 2027");
    assertThat(m.body()).contains("Hello Ana,", "You set no goals this time.", "The next date is not set yet.")
        .doesNotContain("Done (", "You helped others");
  }
}
