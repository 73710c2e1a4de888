package io.peerwork.bench;

/**
 * CPU use and bytes written over one measured window, from two {@link Sample}s taken at its start
 * and its end. Rates divide by the time that actually passed between the two samples, never by the
 * window's nominal length: a sample taken late (a busy generator) shortens the span the counters
 * cover, and dividing that by the nominal length read every CPU figure low.
 *
 * @param seconds wall-clock seconds between the two samples
 * @param serverCores the server's process tree's CPU seconds per second; -1 if unknown
 * @param generatorCores the generator's own CPU seconds per second
 * @param machineCores the whole machine's busy CPU seconds per second
 * @param serverBytesPerSecond bytes the server's process tree wrote per second; -1 if unknown
 */
record CpuWindow(double seconds, double serverCores, double generatorCores, double machineCores,
    double serverBytesPerSecond) {

  /**
   * Counters read at one moment.
   *
   * @param wallNanos {@link System#nanoTime()} at the reading
   * @param server the server's process tree, {@link ProcessTree.Reading#NONE} if unknown
   * @param generatorCpuNanos the generator's own CPU time
   * @param machineBusyNanos the machine's busy CPU time, all cores
   */
  record Sample(long wallNanos, ProcessTree.Reading server, long generatorCpuNanos, long machineBusyNanos) {}

  /** The window from {@code start} to {@code end}; all rates 0 if no time passed. */
  static CpuWindow between(Sample start, Sample end) {
    long nanos = end.wallNanos() - start.wallNanos();
    if (nanos <= 0) {
      return new CpuWindow(0, -1, 0, 0, -1);
    }
    double s = nanos / 1e9;
    boolean server = start.server().processes() > 0 && end.server().processes() > 0;
    boolean bytes = server && start.server().writtenBytes() >= 0 && end.server().writtenBytes() >= 0;
    return new CpuWindow(s,
        server ? (end.server().cpuNanos() - start.server().cpuNanos()) / 1e9 / s : -1,
        (end.generatorCpuNanos() - start.generatorCpuNanos()) / 1e9 / s,
        (end.machineBusyNanos() - start.machineBusyNanos()) / 1e9 / s,
        bytes ? (end.server().writtenBytes() - start.server().writtenBytes()) / s : -1);
  }

  /**
   * CPU seconds a server spent per 100,000 deliveries, at {@code cores} while delivering
   * {@code deliveriesPerSecond}; -1 if either is unknown or zero.
   */
  static double cpuSecondsPer100k(double cores, double deliveriesPerSecond) {
    return cores < 0 || deliveriesPerSecond <= 0 ? -1 : cores / deliveriesPerSecond * 100_000;
  }
}
