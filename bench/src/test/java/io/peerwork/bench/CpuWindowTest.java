package io.peerwork.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The arithmetic of a measured window's CPU use and bytes written. */
class CpuWindowTest {
  private static final long S = 1_000_000_000L;

  private static CpuWindow.Sample at(long wall, long serverCpu, long written, long generatorCpu, long machine) {
    return new CpuWindow.Sample(wall, new ProcessTree.Reading(3, serverCpu, written), generatorCpu, machine);
  }

  @Test
  void ratesDivideByTheTimeBetweenTheReadingsNotByTheNominalWindow() {
    // The old generator read the counters about 6 s apart and divided by the 7 s window: a server busy
    // on one core read 0.86 cores. Readings 6 s apart with 6 CPU-seconds between them are one core.
    var w = CpuWindow.between(at(10 * S, 100 * S, 0, 50 * S, 200 * S),
        at(16 * S, 106 * S, 12_000_000, 53 * S, 210 * S));
    assertThat(w.seconds()).isEqualTo(6.0);
    assertThat(w.serverCores()).isCloseTo(1.0, within(1e-9));
    assertThat(w.generatorCores()).isCloseTo(0.5, within(1e-9));
    assertThat(w.machineCores()).isCloseTo(10.0 / 6, within(1e-9));
    assertThat(w.serverBytesPerSecond()).isCloseTo(2_000_000, within(1e-6));
  }

  @Test
  void anUnknownServerGivesMinusOneButStillTheGeneratorAndMachine() {
    var none = ProcessTree.Reading.NONE;
    var w = CpuWindow.between(new CpuWindow.Sample(0, none, 0, 0), new CpuWindow.Sample(2 * S, none, S, 2 * S));
    assertThat(w.serverCores()).isEqualTo(-1);
    assertThat(w.serverBytesPerSecond()).isEqualTo(-1);
    assertThat(w.generatorCores()).isCloseTo(0.5, within(1e-9));
    assertThat(w.machineCores()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void unknownBytesAtEitherEndAreUnknownButCpuIsKept() {
    var w = CpuWindow.between(at(0, 0, -1, 0, 0), at(S, S / 2, 500, 0, 0));
    assertThat(w.serverBytesPerSecond()).isEqualTo(-1);
    assertThat(w.serverCores()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void noTimeBetweenTheReadingsMeansNoRates() {
    var w = CpuWindow.between(at(5 * S, 0, 0, 0, 0), at(5 * S, S, 0, 0, 0));
    assertThat(w.seconds()).isZero();
    assertThat(w.serverCores()).isEqualTo(-1);
  }

  @Test
  void cpuSecondsPer100kDeliveries() {
    // 0.48 cores at 19,000 deliveries/s: 0.48 CPU-s per 19,000 deliveries, 2.53 per 100,000.
    assertThat(CpuWindow.cpuSecondsPer100k(0.48, 19_000)).isCloseTo(2.526, within(1e-3));
    assertThat(CpuWindow.cpuSecondsPer100k(-1, 19_000)).isEqualTo(-1);
    assertThat(CpuWindow.cpuSecondsPer100k(0.5, 0)).isEqualTo(-1);
  }
}
