package io.peerwork.testkit.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.testkit.example.GuideBlocks;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/embedding.md} true: its Java blocks are the compiled, tested example files. */
class EmbeddingGuideTest {

  @Test
  void theGuidesJavaIsTheTestedExample() throws IOException {
    GuideBlocks guide = GuideBlocks.read("docs/embedding.md");
    guide.assertNamedBlocksAreTheirFiles();
    guide.assertBlocksNameTheirFiles(Set.of("java"));
    assertThat(guide.files()).containsExactly(
        "testkit/src/test/java/io/peerwork/testkit/embedding/OneSession.java",
        "testkit/src/test/java/io/peerwork/testkit/embedding/ForwardingJournal.java",
        "testkit/src/test/java/io/peerwork/testkit/embedding/EmbeddingExampleTest.java");
  }
}
