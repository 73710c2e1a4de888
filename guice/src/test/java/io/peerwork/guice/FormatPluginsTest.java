package io.peerwork.guice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatPluginsTest {
  @TempDir Path dir;

  private Path folder() throws IOException {
    return Files.createDirectories(dir.resolve("plugins"));
  }

  /** A jar in the plugins folder whose services file lists {@code classes} (none: no services file). */
  private Path jar(String name, Class<?>... classes) throws IOException {
    Path jar = folder().resolve(name);
    try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
      if (classes.length > 0) {
        out.putNextEntry(new JarEntry(FormatPlugins.SERVICES));
        for (Class<?> c : classes) {
          out.write((c.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("README.txt"));
      out.write("a test plugin".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private FormatPlugins load() {
    return FormatPlugins.load(getClass().getClassLoader(), dir.resolve("plugins"));
  }

  @Test
  void aMissingFolderHoldsNoPlugin() {
    try (FormatPlugins found = load()) {
      assertThat(found.installed()).isEmpty();
      assertThat(found.problems()).isEmpty();
      assertThat(found.summary()).startsWith("0 topic formats; plugins folder ").endsWith("plugins: none");
    }
  }

  @Test
  void aJarsFormatsAreInstalledWithTheJarAsTheirOrigin() throws IOException {
    jar("good.jar", GoodFormat.class, GoodFormat.Other.class);
    try (FormatPlugins found = load()) {
      assertThat(found.problems()).isEmpty();
      assertThat(found.installed()).extracting(i -> i.format().id()).containsExactly("good-circle", "other-circle");
      String origin = dir.resolve("plugins").resolve("good.jar").toString();
      assertThat(found.installed()).extracting(FormatPlugins.Installed::origin).containsOnly(origin);
      assertThat(found.summary()).isEqualTo("2 topic formats: good-circle (" + origin + "), other-circle ("
          + origin + "); plugins folder " + dir.resolve("plugins").toAbsolutePath() + ": 1 jar");
      assertThat(PeerworkModule.formats(found.formats())).isNotNull();
    }
  }

  @Test
  void aFileThatIsNoJarIsNamedWithItsProblem() throws IOException {
    Files.writeString(folder().resolve("broken.jar"), "not a zip");
    try (FormatPlugins found = load()) {
      assertThat(found.installed()).isEmpty();
      assertThat(found.problems()).singleElement().satisfies(p -> {
        assertThat(p.source()).endsWith("plugins/broken.jar");
        assertThat(p.line()).contains("broken.jar: not a jar file (").doesNotContain("\n");
      });
    }
  }

  @Test
  void eachKindOfBrokenJarIsLeftOutWholeWithOneLine() throws IOException {
    jar("a-good.jar", GoodFormat.class);
    jar("b-no-services.jar");
    Path missing = folder().resolve("c-missing.jar");
    try (var out = new JarOutputStream(Files.newOutputStream(missing))) {
      out.putNextEntry(new JarEntry(FormatPlugins.SERVICES));
      out.write("com.example.NoSuchFormat\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    jar("d-failing.jar", GoodFormat.Other.class, GoodFormat.Failing.class);
    jar("e-invalid.jar", GoodFormat.Invalid.class);
    jar("f-duplicate.jar", GoodFormat.class);
    try (FormatPlugins found = load()) {
      assertThat(found.installed()).extracting(i -> i.format().id()).containsExactly("good-circle");
      assertThat(found.problems()).extracting(FormatPlugins.Problem::line).allSatisfy(l -> assertThat(l)
          .doesNotContain("\n")).satisfiesExactly(
              l -> assertThat(l).endsWith("b-no-services.jar: lists no topic format (it has no "
                  + FormatPlugins.SERVICES + ")"),
              l -> assertThat(l).endsWith("c-missing.jar: Provider com.example.NoSuchFormat not found"),
              l -> assertThat(l).endsWith("d-failing.jar: Provider " + GoodFormat.Failing.class.getName()
                  + " could not be instantiated (IllegalStateException: boom: the format's texts are missing)"),
              l -> assertThat(l).contains("e-invalid.jar: format 'Not An Id' (").contains(") is not valid: "),
              l -> assertThat(l).endsWith("f-duplicate.jar: format id 'good-circle' is installed already ("
                  + dir.resolve("plugins").resolve("a-good.jar") + ")"));
      // d-failing.jar's sound format is left out with its jar
      assertThat(found.summary()).endsWith(": 6 jars, 5 problems");
    }
  }
}
