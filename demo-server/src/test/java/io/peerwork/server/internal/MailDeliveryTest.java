package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits between attempts to send a mail: doubling from 30 s, never above 1 h, spread by jitter. */
class MailDeliveryTest {
  final MailDelivery d = MailDelivery.defaults();

  @Test
  void theWaitDoublesAfterEachFailureUpToAnHour() {
    assertThat(d.retryAfter(1, 0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.retryAfter(2, 0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(d.retryAfter(3, 0)).isEqualTo(Duration.ofMinutes(2));
    assertThat(d.retryAfter(7, 0)).isEqualTo(Duration.ofMinutes(32));
    assertThat(d.retryAfter(8, 0)).isEqualTo(Duration.ofHours(1));
    assertThat(d.retryAfter(1_000, 0)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void jitterShortensTheWaitByAtMostAQuarter() {
    assertThat(d.retryAfter(1, 0.999)).isBetween(Duration.ofMillis(22_500), Duration.ofSeconds(30));
    assertThat(d.retryAfter(50, 0.5)).isEqualTo(Duration.ofMinutes(52).plusSeconds(30));
  }

  @Test
  void anAttemptEndsWellWithinTheLease() {
    assertThat(d.sendTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(new MailDelivery(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(30), Duration.ofDays(1), 1).sendTimeout()).isEqualTo(Duration.ofSeconds(15));
  }
}
