package io.peerwork.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  private static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");

  @Test
  void standsStillUntilMoved() {
    ManualClock clock = ManualClock.at(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advancesAndSets() {
    ManualClock clock = ManualClock.at(T0);
    assertThat(clock.advance(Duration.ofMinutes(15))).isEqualTo(T0.plusSeconds(900));
    assertThat(clock.advanceMinutes(5)).isEqualTo(T0.plusSeconds(1200));
    clock.set(T0.minusSeconds(60));
    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(60));
  }

  @Test
  void refusesToAdvanceBackwards() {
    ManualClock clock = ManualClock.at(T0);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(T0);
  }

  @Test
  void aViewInAnotherZoneSharesTheTimeButNotTheZone() {
    ZoneId vienna = ZoneId.of("Europe/Vienna");
    ManualClock utc = ManualClock.at(T0);
    ManualClock inVienna = utc.withZone(vienna);
    assertThat(inVienna.getZone()).isEqualTo(vienna);
    assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
    utc.advanceMinutes(30);
    assertThat(inVienna.instant()).isEqualTo(T0.plusSeconds(1800));
    assertThat(java.time.LocalTime.now(inVienna)).isEqualTo(java.time.LocalTime.of(9, 30));
    assertThat(utc.withZone(ZoneOffset.UTC)).isSameAs(utc);
  }
}
