package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.RecordedEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@code append} acknowledged survives a crash of the process: the embedded default (an H2
 * file) is killed right after its last append, and reopened.
 */
class CrashDurabilityTest {

  @Test
  void eventsAcknowledgedBeforeACrashAreStoredInTheH2File() throws Exception {
    String url = TestDatabases.newH2FileUrl("crash");
    int appends = 60;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashingAppender.class.getName(), url, Integer.toString(appends))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    long acknowledged = 0;
    try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("appended ")) {
          acknowledged = Long.parseLong(line.substring("appended ".length()));
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("the child halted after its appends").isEqualTo(3);
    assertThat(acknowledged).isEqualTo(appends);

    try (var journal = JdbcEventJournal.builder(url).open()) {
      var read = journal.readAll(CrashingAppender.SESSION);
      assertThat(read).hasSize(appends);
      for (RecordedEvent r : read) {
        assertThat(r.event()).isEqualTo(CrashingAppender.event(r.version()));
      }
    }
  }
}
