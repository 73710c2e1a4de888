package io.peerwork.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged jar with {@code java -jar}, as a user would. */
class MainJarIT {
  private static final Path JAR = Path.of("target", "peerwork-simulator.jar");

  private static String run(String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    var command = new java.util.ArrayList<>(List.of(java, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void theJarRunsEveryFormatOnItsOwn() throws Exception {
    assertThat(JAR).exists();
    assertThat(run("--lang", "de", "--seed", "3")).contains("Social Media Kitchen, Simulation", "Teilnehmende", "Sitzung");
    // All three formats are found: the ServiceLoader files of the three jars were merged, not overwritten.
    assertThat(run("--format", "website-workshop")).contains("Website Workshop (website-workshop)");
    assertThat(run("--format", "bookkeeping-circle", "--lang", "de")).contains("Buchhaltungs-Runde");
    assertThat(Files.size(JAR)).isLessThan(5_000_000);
  }
}
