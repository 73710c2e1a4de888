package io.peerwork.testkit.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.testkit.example.GuideBlocks;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/embedding.md} true: its {@code pom.xml} and Java blocks are the files of {@code
 * examples/embedding}, the outside project that {@code examples/pom.xml} builds and tests against the BOM.
 */
class EmbeddingGuideTest {

  @Test
  void theGuidesCodeIsTheTestedExampleProject() throws IOException {
    GuideBlocks guide = GuideBlocks.read("docs/embedding.md");
    guide.assertNamedBlocksAreTheirFiles();
    guide.assertBlocksNameTheirFiles(Set.of("java", "xml"));
    assertThat(guide.files()).containsExactly(
        "examples/embedding/pom.xml",
        "examples/embedding/src/main/java/org/example/embedding/OneSession.java",
        "examples/embedding/src/main/java/org/example/embedding/ForwardingJournal.java",
        "examples/embedding/src/test/java/org/example/embedding/EmbeddingExampleTest.java");
  }
}
