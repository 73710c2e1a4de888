package io.peerwork.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Core stays pure: no wall clock, no threads, no I/O beyond reading a format's resources, no framework. */
class CorePurityTest {
  private static final List<String> FORBIDDEN = List.of(
      "Instant.now(", "System.currentTimeMillis", "System.nanoTime", "Clock.system", "LocalDateTime.now(",
      "new Thread", "Executor", "java.sql", "java.net", "java.nio.file", "io.vertx", "io.netty",
      "com.fasterxml", "com.google.inject", "java.util.Random");

  @Test
  void mainSourcesUseNoClockThreadsIoOrFrameworks() throws IOException {
    var offences = new ArrayList<String>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        for (String bad : FORBIDDEN) {
          if (text.contains(bad)) {
            offences.add(f + " uses " + bad);
          }
        }
      }
    }
    assertThat(offences).isEmpty();
  }
}
