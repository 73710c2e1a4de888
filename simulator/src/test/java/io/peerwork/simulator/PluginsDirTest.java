package io.peerwork.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plugins-dir}: the simulator runs a format that comes in a jar, as the demo server does. */
class PluginsDirTest {
  private static final String WORKSHOP = "io/peerwork/formats/website/website-workshop/";

  @TempDir Path dir;
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  /** {@code plugins/garden-club.jar}: a format class compiled now, the Website Workshop's texts under another id. */
  private Path plugins() throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("GardenClub.java"), """
        package plugintest;

        public final class GardenClub extends io.peerwork.core.spi.ResourceTopicFormat {
          public GardenClub() {
            super(GardenClub.class, "garden-club");
          }
        }
        """);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    var errors = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), src.resolve("GardenClub.java").toString());
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    try (var out = new JarOutputStream(Files.newOutputStream(plugins.resolve("garden-club.jar")))) {
      put(out, "plugintest/GardenClub.class", Files.readAllBytes(classes.resolve("plugintest/GardenClub.class")));
      for (String file : List.of("format.properties", "texts_de.properties", "texts_en.properties")) {
        String text = resource(WORKSHOP + file).replace("id = website-workshop", "id = garden-club");
        put(out, "plugintest/garden-club/" + file, text.getBytes(StandardCharsets.UTF_8));
      }
      put(out, "META-INF/services/io.peerwork.core.spi.TopicFormat", "plugintest.GardenClub\n".getBytes(
          StandardCharsets.UTF_8));
    }
    return plugins;
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PluginsDirTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aFormatFromAJarInThePluginsFolderIsSimulated() throws Exception {
    Path plugins = plugins();
    assertThat(run("--plugins-dir", plugins.toString(), "--format", "garden-club", "--seed", "4")).isEqualTo(0);
    assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("(garden-club)");
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aBrokenJarIsLeftOutAndSaidSoInOneLine() throws Exception {
    Path plugins = plugins();
    Files.writeString(plugins.resolve("broken.jar"), "no zip");
    assertThat(run("--plugins-dir=" + plugins, "--format", "garden-club")).isEqualTo(0);
    assertThat(errBytes.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("Left out: " + plugins.resolve("broken.jar") + ": not a jar file (");
  }

  @Test
  void withoutTheFolderItsFormatsAreNotThere() {
    assertThat(run("--format", "garden-club", "--plugins-dir", dir.resolve("none").toString())).isEqualTo(2);
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("No format 'garden-club'", "website-workshop");
  }
}
