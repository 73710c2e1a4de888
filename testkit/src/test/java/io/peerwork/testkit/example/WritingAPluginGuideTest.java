package io.peerwork.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/writing-a-plugin.md} true: every code block introduced by a line {@code File:
 * `path`} must be exactly the content of that file of the repository, and every Java, XML or
 * properties block must be introduced so. The files are the compiled and tested example format, so
 * the guide cannot drift from code that works.
 */
class WritingAPluginGuideTest {
  private static final Pattern FILE_LINE = Pattern.compile("^File: `([^`]+)`$");
  private static final Pattern FENCE = Pattern.compile("^```(\\S*)$");
  private static final Set<String> MUST_NAME_A_FILE = Set.of("java", "xml", "properties", "text");

  private static Path root;
  private static List<Block> blocks;

  private record Block(int line, String language, String file, String content) {}

  @BeforeAll
  static void readTheGuide() throws IOException {
    root = repositoryRoot();
    List<String> lines = Files.readAllLines(root.resolve("docs/writing-a-plugin.md"), StandardCharsets.UTF_8);
    blocks = new ArrayList<>();
    String file = null;
    for (int i = 0; i < lines.size(); i++) {
      Matcher f = FILE_LINE.matcher(lines.get(i));
      if (f.matches()) {
        file = f.group(1);
        continue;
      }
      Matcher fence = FENCE.matcher(lines.get(i));
      if (fence.matches()) {
        int start = i + 1;
        var content = new StringBuilder();
        for (i = start; i < lines.size() && !lines.get(i).equals("```"); i++) {
          content.append(lines.get(i)).append('\n');
        }
        blocks.add(new Block(start, fence.group(1), file, content.toString()));
        file = null;
      } else if (!lines.get(i).isBlank()) {
        file = null; // a File: line names only the block right after it
      }
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/writing-a-plugin.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a folder above %s with docs/writing-a-plugin.md", Path.of("").toAbsolutePath()).isNotNull();
    return dir;
  }

  @Test
  void everyNamedBlockIsExactlyThatFile() throws IOException {
    var problems = new ArrayList<String>();
    for (Block b : blocks) {
      if (b.file() == null) {
        continue;
      }
      Path file = root.resolve(b.file());
      if (!Files.isRegularFile(file)) {
        problems.add("line " + b.line() + ": names " + b.file() + ", which does not exist");
        continue;
      }
      String actual = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
      if (!actual.equals(b.content())) {
        problems.add("line " + b.line() + ": the block differs from " + b.file() + firstDifference(b.content(), actual));
      }
    }
    assertThat(problems).as("code blocks of docs/writing-a-plugin.md out of date").isEmpty();
  }

  @Test
  void everyCodeBlockNamesItsFile() {
    assertThat(blocks)
        .filteredOn(b -> MUST_NAME_A_FILE.contains(b.language()) && b.file() == null)
        .as("Java, XML, properties and text blocks must be real files, introduced by a line File: `path`")
        .isEmpty();
  }

  @Test
  void theGuideShowsTheWholeExample() {
    assertThat(blocks).extracting(Block::file).contains(
        "plugins/bookkeeping-circle/pom.xml",
        "testkit/src/test/java/io/peerwork/testkit/example/NewsletterCorner.java",
        "testkit/src/test/resources/io/peerwork/testkit/example/newsletter-corner/format.properties",
        "testkit/src/test/resources/io/peerwork/testkit/example/newsletter-corner/texts_de.properties",
        "testkit/src/test/resources/io/peerwork/testkit/example/newsletter-corner/texts_en.properties",
        "testkit/src/test/resources/META-INF/services/io.peerwork.core.spi.TopicFormat",
        "testkit/src/test/java/io/peerwork/testkit/example/NewsletterCornerModule.java",
        "testkit/src/test/java/io/peerwork/testkit/example/NewsletterCornerTest.java",
        "testkit/src/test/java/io/peerwork/testkit/example/NewsletterCornerDiscoveryTest.java");
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.min(e.length, a.length); i++) {
      if (!e[i].equals(a[i])) {
        return " at its line " + (i + 1) + ":\n    guide: " + e[i] + "\n    file:  " + a[i];
      }
    }
    return ": the guide has " + e.length + " lines, the file " + a.length;
  }
}
