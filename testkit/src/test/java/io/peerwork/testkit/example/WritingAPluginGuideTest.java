package io.peerwork.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/writing-a-plugin.md} true: every code block introduced by a line {@code File:
 * `path`} must be exactly the content of that file of the repository, and every Java, XML or
 * properties block must be introduced so. The files are the compiled and tested example format, so
 * the guide cannot drift from code that works.
 */
class WritingAPluginGuideTest {
  private static GuideBlocks guide;

  @BeforeAll
  static void readTheGuide() throws IOException {
    guide = GuideBlocks.read("docs/writing-a-plugin.md");
  }

  @Test
  void everyNamedBlockIsExactlyThatFile() throws IOException {
    guide.assertNamedBlocksAreTheirFiles();
  }

  @Test
  void everyCodeBlockNamesItsFile() {
    guide.assertBlocksNameTheirFiles(Set.of("java", "xml", "properties", "text"));
  }

  /**
   * Someone who follows the guide in an empty folder ends up with the whole example project: every
   * file of {@code examples/newsletter-plugin} is shown (but the repository's own check of its build).
   */
  @Test
  void theGuideShowsEveryFileOfTheOutsideExample() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(root.resolve("examples/newsletter-plugin"))) {
      root = root.getParent();
    }
    Path example = root.resolve("examples/newsletter-plugin");
    List<String> files;
    try (Stream<Path> all = Files.walk(example)) {
      Path r = root;
      files = all.filter(Files::isRegularFile)
          .map(f -> r.relativize(f).toString().replace('\\', '/'))
          .filter(f -> !f.contains("/target/") && !f.endsWith("/verify.groovy") && !f.endsWith("/build.log"))
          .sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    assertThat(guide.files()).containsAll(files);
    // The in-repository route shows the parent-based pom of a shipped format.
    assertThat(guide.files()).contains("plugins/bookkeeping-circle/pom.xml");
  }
}
