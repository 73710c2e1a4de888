package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.FormatRegistry;
import io.peerwork.server.internal.InstalledFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A format jar dropped into the plugins folder is a format of the server after a (re)start; a broken
 * one is named in one line and left out, or stops the start with {@code --strict-plugins}; a stored
 * session whose format went missing is named at start and answered {@code FORMAT_MISSING}.
 */
class PluginsFolderTest {
  private static final String TEST_KITCHEN = "io/peerwork/server/testformat/test-kitchen/";

  @TempDir Path dir;

  /** The formats' logger, which test servers keep at WARNING: here its start line is asserted too. */
  private static final java.util.logging.Logger FORMATS_LOG =
      java.util.logging.Logger.getLogger(InstalledFormats.class.getName());

  @org.junit.jupiter.api.BeforeEach
  void hearTheStartLine() {
    assertThat(TestServer.JSON).isNotNull(); // TestServer's own setting first
    FORMATS_LOG.setLevel(Level.INFO);
  }

  @org.junit.jupiter.api.AfterEach
  void quietAgain() {
    FORMATS_LOG.setLevel(Level.WARNING);
  }

  /**
   * Builds {@code plugins/jar-kitchen.jar} as a plugin author would: a format class compiled now
   * (on no class path of this JVM), its resources, and its services file.
   */
  private Path formatJar(Path folder) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/plugintest"));
    Files.writeString(src.resolve("JarKitchen.java"), """
        package plugintest;

        /** A format that exists only in a jar. */
        public final class JarKitchen extends io.peerwork.core.spi.ResourceTopicFormat {
          public JarKitchen() {
            super(JarKitchen.class, "jar-kitchen");
          }
        }
        """);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    var errors = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), src.resolve("JarKitchen.java").toString());
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    Files.createDirectories(folder);
    Path jar = folder.resolve("jar-kitchen.jar");
    try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
      put(out, "plugintest/JarKitchen.class", Files.readAllBytes(classes.resolve("plugintest/JarKitchen.class")));
      for (String file : List.of("format.properties", "texts_de.properties", "texts_en.properties")) {
        String text = resource(TEST_KITCHEN + file).replace("test-kitchen", "jar-kitchen");
        put(out, "plugintest/jar-kitchen/" + file, text.getBytes(StandardCharsets.UTF_8));
      }
      put(out, "META-INF/services/io.peerwork.core.spi.TopicFormat",
          "plugintest.JarKitchen\n".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PluginsFolderTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private ServerConfig config(Path plugins, boolean strict) {
    return ServerConfig.defaults().withPort(0).withSeedDemo(false).withDataDirectory(dir.resolve("data"))
        .withDatabase(ServerConfig.IN_MEMORY)
        .withPlugins(new ServerConfig.Plugins(plugins, strict));
  }

  private static List<String> lines(LogCapture log, Level level) {
    return log.records().stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
  }

  @Test
  void theOptionsAreReadFromArgumentsAndTheEnvironment() {
    assertThat(ServerConfig.defaults().plugins()).isEqualTo(new ServerConfig.Plugins(Path.of("plugins"), false));
    assertThat(ServerConfig.from(new String[] {"--plugins-dir=/srv/p", "--strict-plugins"}, java.util.Map.of())
        .plugins()).isEqualTo(new ServerConfig.Plugins(Path.of("/srv/p"), true));
    assertThat(ServerConfig.from(new String[0], java.util.Map.of("PEERWORK_PLUGINS_DIR", "ext",
        "PEERWORK_STRICT_PLUGINS", "true")).plugins()).isEqualTo(new ServerConfig.Plugins(Path.of("ext"), true));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfig.from(new String[] {"--strict-plugins=yes"},
        java.util.Map.of())).hasMessageStartingWith("--strict-plugins=yes is not a valid value");
  }

  @Test
  void aJarInThePluginsFolderIsAFormatOfTheServerLoadedInItsOwnClassLoader() throws Exception {
    Path plugins = dir.resolve("plugins");
    Path jar = formatJar(plugins);
    try (LogCapture log = LogCapture.of(InstalledFormats.class);
        TestServer s = new TestServer(config(plugins, false), List.of())) {
      JsonNode formats = s.get("/api/formats").body();
      assertThat(formats.findValuesAsText("id")).contains("jar-kitchen", "test-kitchen");
      var format = s.server.injector().getInstance(FormatRegistry.class).require("jar-kitchen");
      assertThat(format.getClass().getClassLoader()).isInstanceOf(URLClassLoader.class)
          .isNotSameAs(getClass().getClassLoader());
      assertThat(lines(log, Level.WARNING)).isEmpty();
      assertThat(lines(log, Level.INFO)).singleElement().asString()
          .contains("jar-kitchen (" + jar + ")", "test-kitchen (class path (")
          .endsWith("plugins folder " + plugins.toAbsolutePath() + ": 1 jar");
    }
  }

  @Test
  void aBrokenJarIsLeftOutWithOneWarningLineAndTheServerStarts() throws Exception {
    Path plugins = dir.resolve("plugins");
    formatJar(plugins);
    Files.writeString(plugins.resolve("broken.jar"), "not a zip file");
    try (LogCapture log = LogCapture.of(InstalledFormats.class);
        TestServer s = new TestServer(config(plugins, false), List.of())) {
      assertThat(s.get("/api/formats").body().findValuesAsText("id")).contains("jar-kitchen");
      assertThat(lines(log, Level.WARNING)).singleElement().asString()
          .startsWith("plugin left out: " + plugins.resolve("broken.jar") + ": not a jar file (")
          .doesNotContain("\n");
    }
  }

  @Test
  void withStrictPluginsABrokenJarStopsTheStartWithItsLine() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.writeString(plugins.resolve("broken.jar"), "not a zip file");
    String line = plugins.resolve("broken.jar") + ": not a jar file (";
    try (LogCapture log = LogCapture.of(InstalledFormats.class)) {
      var started = PeerworkServer.start(config(plugins, true)).toCompletionStage().toCompletableFuture();
      assertThat(started).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
          .havingCause().isInstanceOf(IllegalStateException.class).withMessageStartingWith(line);
      assertThat(log.records()).isEmpty();
    }
    // The program says that line alone, and exits with a status that is not 0.
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--port=0", "--db-url=memory",
        "--data-dir=" + dir.resolve("data"), "--plugins-dir=" + plugins, "--strict-plugins"));
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    try (Stream<String> output = Files.lines(out)) {
      assertThat(output.filter(l -> !l.contains("NO ORGANIZER KEY") && !l.contains("PeerworkServer start")).toList())
          .singleElement().asString().startsWith(line).endsWith("(--strict-plugins: the server does not start with a"
              + " broken plugin)");
    }
  }

  @SuppressWarnings("try") // the resource is held for its effect while the block runs
  @Test
  void aSessionWhoseFormatWentMissingIsNamedAtStartAndJoiningItAnswersFormatMissing() throws Exception {
    Path plugins = dir.resolve("plugins");
    formatJar(plugins);
    String session;
    String code;
    JsonNode ada;
    // The journal outlives the first server, as a database would.
    var journal = new io.peerwork.core.InMemoryEventJournal();
    List<com.google.inject.Module> stored = List.of(b -> b.bind(io.peerwork.core.EventJournal.class).toInstance(journal));
    try (LogCapture quiet = LogCapture.of(InstalledFormats.class);
        TestServer s = new TestServer(config(plugins, false), stored)) {
      JsonNode created = s.post("/api/sessions", "{\"formatId\":\"jar-kitchen\",\"title\":\"Aus dem Glas\"}").body();
      session = created.path("sessionId").asText();
      code = created.path("invites").path("participant").asText();
      ada = s.join(session, code, "Ada"); // it works while the format is installed
    }
    Files.delete(plugins.resolve("jar-kitchen.jar"));
    try (LogCapture log = LogCapture.of(InstalledFormats.class);
        TestServer s = new TestServer(config(plugins, false), stored)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> !lines(log, Level.WARNING).isEmpty());
      assertThat(lines(log, Level.WARNING)).singleElement().asString().startsWith(
          "1 stored session has a format that is not installed: jar-kitchen (sessions " + session + ").");
      TestServer.Response joined = s.post("/api/sessions/" + session + "/join",
          "{\"displayName\":\"Grace\",\"code\":\"" + code + "\"}");
      assertThat(joined.status()).isEqualTo(409);
      assertThat(joined.body().path("error").path("code").asText()).isEqualTo("FORMAT_MISSING");
      assertThat(s.get("/api/sessions/" + session).body().path("formatId").asText()).isEqualTo("jar-kitchen");
      // A socket with a token from before: the room answers the same code, and closes (no INTERNAL, no 4404).
      TestServer.Client socket = s.connect(ada);
      assertThat(socket.await(f -> f.path("type").asText().equals("error")).path("code").asText())
          .isEqualTo("FORMAT_MISSING");
      await().atMost(Duration.ofSeconds(10)).until(() -> socket.closed);
      assertThat(socket.closeStatusCode()).isEqualTo((short) 1011);
    }
  }
}
