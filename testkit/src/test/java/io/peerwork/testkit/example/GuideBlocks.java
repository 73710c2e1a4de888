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

/**
 * The code blocks of a guide under {@code docs/}. A block introduced by a line {@code File: `path`}
 * must be exactly that file of the repository, so a guide whose examples are compiled and tested
 * cannot drift from them.
 */
public final class GuideBlocks {
  private static final Pattern FILE_LINE = Pattern.compile("^File: `([^`]+)`$");
  private static final Pattern FENCE = Pattern.compile("^```(\\S*)$");

  /** One fenced block: where it starts, its language, the file it names (or null), its text. */
  public record Block(int line, String language, String file, String content) {}

  private final Path root;
  private final String guide;
  private final List<Block> blocks;

  private GuideBlocks(Path root, String guide, List<Block> blocks) {
    this.root = root;
    this.guide = guide;
    this.blocks = blocks;
  }

  /** Reads {@code guide}, a path such as {@code docs/embedding.md}, from the repository's root. */
  public static GuideBlocks read(String guide) throws IOException {
    Path root = repositoryRoot(guide);
    List<String> lines = Files.readAllLines(root.resolve(guide), StandardCharsets.UTF_8);
    var blocks = new ArrayList<Block>();
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
    return new GuideBlocks(root, guide, List.copyOf(blocks));
  }

  /** Every block. */
  public List<Block> blocks() {
    return blocks;
  }

  /** The files the blocks name, in order. */
  public List<String> files() {
    return blocks.stream().map(Block::file).filter(f -> f != null).toList();
  }

  /** Fails unless every block that names a file is exactly that file. */
  public void assertNamedBlocksAreTheirFiles() throws IOException {
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
    assertThat(problems).as("code blocks of %s out of date", guide).isEmpty();
  }

  /** Fails if a block in one of {@code languages} names no file. */
  public void assertBlocksNameTheirFiles(Set<String> languages) {
    assertThat(blocks)
        .filteredOn(b -> languages.contains(b.language()) && b.file() == null)
        .as("%s: blocks in %s must be real files, introduced by a line File: `path`", guide, languages)
        .isEmpty();
  }

  private static Path repositoryRoot(String guide) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(guide))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a folder above %s with %s", Path.of("").toAbsolutePath(), guide).isNotNull();
    return dir;
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
