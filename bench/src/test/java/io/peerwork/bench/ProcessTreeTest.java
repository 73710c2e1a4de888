package io.peerwork.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a server's process tree from {@code /proc}: the parsing and the sums, on made-up files. */
class ProcessTreeTest {

  /** A stat line as Linux writes it, with utime 14, stime 15, cutime 16, cstime 17. */
  private static String stat(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime) {
    return pid + " (" + comm + ") S " + ppid + " " + pid + " 5609 0 -1 4194304 96 0 0 0 " + utime + " " + stime
        + " " + cutime + " " + cstime + " 20 0 1 0 31654 3133440 381 18446744073709551615 0 0 0 0\n";
  }

  @Test
  void aStatLineGivesPidParentAndAllFourCpuTimes() {
    var s = ProcessTree.Stat.parse(stat(4242, "java", 17, 300, 40, 5, 2));
    assertThat(s).isEqualTo(new ProcessTree.Stat(4242, 17, 347));
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    // Node names its cluster workers freely; a name may hold ") S 1 " and still be one field.
    var s = ProcessTree.Stat.parse(stat(7, "node worker) S 1 (x", 3, 10, 20, 0, 0));
    assertThat(s).isEqualTo(new ProcessTree.Stat(7, 3, 30));
  }

  @Test
  void aLineThatIsNotAStatLineIsRefused() {
    assertThatThrownBy(() -> ProcessTree.Stat.parse("no parentheses here"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcessTree.Stat.parse("1 (short) S 0 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTreeIsTheRootAndEveryDescendantButNoOtherProcess() {
    var all = List.of(
        new ProcessTree.Stat(1, 0, 1000), // init
        new ProcessTree.Stat(100, 1, 50), // the node primary
        new ProcessTree.Stat(101, 100, 400), // worker 1
        new ProcessTree.Stat(102, 100, 380), // worker 2
        new ProcessTree.Stat(103, 102, 7), // a child of worker 2
        new ProcessTree.Stat(200, 1, 900)); // the generator, a sibling
    assertThat(ProcessTree.tree(100, all)).extracting(ProcessTree.Stat::pid)
        .containsExactlyInAnyOrder(100L, 101L, 102L, 103L);
    assertThat(ProcessTree.tree(101, all)).extracting(ProcessTree.Stat::pid).containsExactly(101L);
    assertThat(ProcessTree.tree(999, all)).isEmpty();
  }

  @Test
  void wcharIsReadFromTheIoFile() {
    assertThat(ProcessTree.wchar("rchar: 6976\nwchar: 123456789\nsyscr: 10\n")).contains(123456789L);
    assertThat(ProcessTree.wchar("rchar: 1\n")).isEmpty();
  }

  @Test
  void aReadingSumsCpuAndBytesWrittenOverTheWholeTree(@TempDir Path proc) throws IOException {
    process(proc, stat(100, "node", 1, 50, 10, 0, 0), "wchar: 1000\n");
    process(proc, stat(101, "node", 100, 400, 100, 0, 0), "wchar: 20000\n");
    process(proc, stat(102, "node", 100, 300, 50, 0, 0), "wchar: 30000\n");
    process(proc, stat(200, "java", 1, 9000, 900, 0, 0), "wchar: 99999999\n");
    Files.createDirectories(proc.resolve("self")); // not a pid: ignored
    var r = new ProcessTree(proc).read(100);
    assertThat(r.processes()).isEqualTo(3);
    assertThat(r.cpuNanos()).isEqualTo((60 + 500 + 350) * ProcessTree.NANOS_PER_TICK);
    assertThat(r.writtenBytes()).isEqualTo(51_000);
  }

  @Test
  void bytesAreUnknownIfOneProcessOfTheTreeHidesItsIoButCpuIsStillSummed(@TempDir Path proc) throws IOException {
    process(proc, stat(100, "node", 1, 50, 10, 0, 0), "wchar: 1000\n");
    process(proc, stat(101, "node", 100, 40, 0, 0, 0), null);
    var r = new ProcessTree(proc).read(100);
    assertThat(r.cpuNanos()).isEqualTo(100 * ProcessTree.NANOS_PER_TICK);
    assertThat(r.writtenBytes()).isEqualTo(-1);
  }

  @Test
  void aProcessThatIsGoneReadsAsNone(@TempDir Path proc) throws IOException {
    process(proc, stat(100, "node", 1, 50, 10, 0, 0), "wchar: 1000\n");
    assertThat(new ProcessTree(proc).read(555)).isEqualTo(ProcessTree.Reading.NONE);
  }

  @Test
  void thisProcessCanBeReadFromTheRealProc() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux only");
    long self = ProcessHandle.current().pid();
    var r = ProcessTree.system().read(self);
    assertThat(r.processes()).isGreaterThanOrEqualTo(1);
    assertThat(r.cpuNanos()).isPositive(); // a JVM that has run tests has used some CPU
  }

  private static void process(Path proc, String stat, String io) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(stat.substring(0, stat.indexOf(' '))));
    Files.writeString(dir.resolve("stat"), stat);
    if (io != null) {
      Files.writeString(dir.resolve("io"), io);
    }
  }
}
