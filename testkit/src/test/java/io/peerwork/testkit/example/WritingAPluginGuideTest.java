package io.peerwork.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

  @Test
  void theGuideShowsTheWholeExample() {
    assertThat(guide.files()).contains(
        "plugins/bookkeeping-circle/pom.xml",
        "examples/newsletter-plugin/pom.xml",
        "testkit/src/test/java/io/peerwork/testkit/example/NewsletterCorner.java",
        "testkit/src/test/resources/io/peerwork/testkit/example/newsletter-corner/format.properties",
        "testkit/src/test/resources/io/peerwork/testkit/example/newsletter-corner/texts_de.properties",
        "testkit/src/test/resources/io/peerwork/testkit/example/newsletter-corner/texts_en.properties",
        "testkit/src/test/resources/META-INF/services/io.peerwork.core.spi.TopicFormat",
        "testkit/src/test/java/io/peerwork/testkit/example/NewsletterCornerModule.java",
        "testkit/src/test/java/io/peerwork/testkit/example/NewsletterCornerTest.java",
        "testkit/src/test/java/io/peerwork/testkit/example/NewsletterCornerDiscoveryTest.java");
  }
}
