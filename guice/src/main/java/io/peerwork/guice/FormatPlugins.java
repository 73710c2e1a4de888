package io.peerwork.guice;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.spi.TopicFormat;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The topic formats of an application: those on its class path, and those in the jars of a plugins
 * folder, each jar in a class loader of its own (a {@link URLClassLoader} whose parent is the
 * application's), found with {@link ServiceLoader} through the jar's {@code
 * META-INF/services/io.peerwork.core.spi.TopicFormat}.
 *
 * <p>Nothing here throws for a broken plugin: a jar that is no jar, lists no format, names a class
 * that cannot be loaded or constructed, or offers a format that {@link FormatRegistry#validate}
 * refuses or whose id is taken already, is left out whole and named in {@link #problems()} with its
 * problem in one line. The caller decides whether to go on without it or to stop.
 *
 * <pre>{@code
 * FormatPlugins found = FormatPlugins.load(Main.class.getClassLoader(), Path.of("plugins"));
 * found.problems().forEach(p -> log.warning(p.line()));
 * FormatRegistry formats = FormatRegistry.of(found.formats());
 * }</pre>
 *
 * <p>The class loaders of the jars stay open while the formats are in use; {@link #close()} closes them.
 */
public final class FormatPlugins implements AutoCloseable {
  /** The service file that lists a jar's formats. */
  public static final String SERVICES = "META-INF/services/" + TopicFormat.class.getName();
  /** The origin of a format shipped in the application's own jar. */
  public static final String BUILT_IN = "built in";

  /**
   * An installed format and where it came from.
   *
   * @param format the format
   * @param origin {@value #BUILT_IN}, {@code class path (<jar or folder>)} or the plugin jar's path,
   *     e.g. {@code plugins/newsletter-corner.jar}
   */
  public record Installed(TopicFormat format, String origin) {
    /** Checks for nulls. */
    public Installed {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /**
   * Why a jar (or a format on the class path) was left out.
   *
   * @param source the jar's path, or {@code class path (...)}
   * @param message the problem, one line
   */
  public record Problem(String source, String message) {
    /** Checks for nulls and makes the message one line. */
    public Problem {
      Objects.requireNonNull(source, "source");
      message = oneLine(message);
    }

    /** {@code source: message}, e.g. {@code plugins/x.jar: not a jar file (zip END header not found)}. */
    public String line() {
      return source + ": " + message;
    }
  }

  private final Path folder;
  private final List<Installed> installed;
  private final List<Problem> problems;
  private final List<URLClassLoader> loaders;
  private final int jars;

  private FormatPlugins(Path folder, List<Installed> installed, List<Problem> problems, List<URLClassLoader> loaders,
      int jars) {
    this.folder = folder;
    this.installed = List.copyOf(installed);
    this.problems = List.copyOf(problems);
    this.loaders = List.copyOf(loaders);
    this.jars = jars;
  }

  /**
   * The formats {@link ServiceLoader} finds through {@code parent}, then those of every {@code *.jar}
   * in {@code folder} (in the order of their names); a folder that does not exist holds none.
   */
  public static FormatPlugins load(ClassLoader parent, Path folder) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(folder, "folder");
    var taken = new LinkedHashMap<String, Installed>();
    var problems = new ArrayList<Problem>();
    classPath(parent, taken, problems);
    var loaders = new ArrayList<URLClassLoader>();
    List<Path> files = jarFiles(folder, problems);
    for (Path jar : files) {
      plugin(parent, jar, taken, problems).ifPresent(loaders::add);
    }
    var all = new ArrayList<>(taken.values());
    all.sort(Comparator.comparing(i -> i.format().id()));
    return new FormatPlugins(folder, all, problems, loaders, files.size());
  }

  /** Every installed format with its origin, by id. */
  public List<Installed> installed() {
    return installed;
  }

  /** Every installed format, by id. */
  public List<TopicFormat> formats() {
    return installed.stream().map(Installed::format).toList();
  }

  /** What was left out and why, in the order found; empty if nothing was. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * One line for a start log: {@code 4 topic formats: a (built in), b (plugins/b.jar); plugins
   * folder plugins: 1 jar}.
   */
  public String summary() {
    var sb = new StringBuilder();
    sb.append(installed.size()).append(installed.size() == 1 ? " topic format" : " topic formats");
    if (!installed.isEmpty()) {
      sb.append(": ");
      sb.append(String.join(", ", installed.stream().map(i -> i.format().id() + " (" + i.origin() + ")").toList()));
    }
    sb.append("; plugins folder ").append(folder.toAbsolutePath().normalize()).append(": ");
    if (!Files.isDirectory(folder)) {
      sb.append("none");
    } else {
      sb.append(jars).append(jars == 1 ? " jar" : " jars");
      if (!problems.isEmpty()) {
        sb.append(", ").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
      }
    }
    return sb.toString();
  }

  /** Closes the class loaders of the plugin jars: their formats must not be used any more. */
  @Override
  public void close() {
    for (URLClassLoader l : loaders) {
      try {
        l.close();
      } catch (IOException e) {
        // nothing more to do: the jar stays open until the process ends
      }
    }
  }

  private static void classPath(ClassLoader parent, Map<String, Installed> taken, List<Problem> problems) {
    Location here = Location.of(FormatPlugins.class);
    Iterator<TopicFormat> it = ServiceLoader.load(TopicFormat.class, parent).iterator();
    for (int guard = 0; guard < 10_000; guard++) {
      TopicFormat f;
      try {
        if (!it.hasNext()) {
          return;
        }
        f = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        problems.add(new Problem("class path", describe(e)));
        continue;
      }
      Location where = Location.of(f.getClass());
      String origin = where.equals(here) ? BUILT_IN : "class path (" + where.name() + ")";
      check(f, origin, taken).ifPresentOrElse(p -> problems.add(new Problem(origin, p)),
          () -> taken.put(f.id(), new Installed(f, origin)));
    }
  }

  private static java.util.Optional<URLClassLoader> plugin(ClassLoader parent, Path jar,
      Map<String, Installed> taken, List<Problem> problems) {
    String name = jar.toString();
    try (JarFile file = new JarFile(jar.toFile())) {
      if (file.getEntry(SERVICES) == null) {
        problems.add(new Problem(name, "lists no topic format (it has no " + SERVICES + ")"));
        return java.util.Optional.empty();
      }
    } catch (IOException | SecurityException e) {
      problems.add(new Problem(name, "not a jar file (" + e.getMessage() + ")"));
      return java.util.Optional.empty();
    }
    URLClassLoader loader;
    try {
      loader = new URLClassLoader("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()},
          new WithoutFormatServices(parent));
    } catch (MalformedURLException e) {
      problems.add(new Problem(name, "cannot be opened (" + e.getMessage() + ")"));
      return java.util.Optional.empty();
    }
    var found = new LinkedHashMap<String, Installed>();
    var mine = new ArrayList<Problem>();
    Iterator<TopicFormat> it = ServiceLoader.load(TopicFormat.class, loader).iterator();
    for (int guard = 0; guard < 10_000; guard++) {
      TopicFormat f;
      try {
        if (!it.hasNext()) {
          break;
        }
        f = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        mine.add(new Problem(name, describe(e)));
        continue;
      }
      var both = new LinkedHashMap<>(taken);
      both.putAll(found);
      check(f, name, both).ifPresentOrElse(p -> mine.add(new Problem(name, p)),
          () -> found.put(f.id(), new Installed(f, name)));
    }
    if (mine.isEmpty() && found.isEmpty()) {
      mine.add(new Problem(name, "lists no topic format that could be loaded"));
    }
    if (!mine.isEmpty()) {
      problems.addAll(mine); // the jar is left out whole
      try {
        loader.close();
      } catch (IOException e) {
        // left for the process's end
      }
      return java.util.Optional.empty();
    }
    taken.putAll(found);
    return java.util.Optional.of(loader);
  }

  /** Why {@code f} cannot be installed beside {@code taken}, if it cannot. */
  private static java.util.Optional<String> check(TopicFormat f, String origin, Map<String, Installed> taken) {
    try {
      List<String> invalid = FormatRegistry.validate(f);
      if (!invalid.isEmpty()) {
        return java.util.Optional.of("format '" + safeId(f) + "' (" + f.getClass().getName() + ") is not valid: "
            + String.join("; ", invalid));
      }
      Installed earlier = taken.get(f.id());
      if (earlier != null) {
        return java.util.Optional.of("format id '" + f.id() + "' is installed already (" + earlier.origin() + ")");
      }
      return java.util.Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      return java.util.Optional.of("format " + f.getClass().getName() + " fails: " + describe(e));
    }
  }

  private static String safeId(TopicFormat f) {
    try {
      return String.valueOf(f.id());
    } catch (RuntimeException | LinkageError e) {
      return f.getClass().getName();
    }
  }

  /** The {@code *.jar} files in {@code folder}, by name; none if it does not exist. */
  private static List<Path> jarFiles(Path folder, List<Problem> problems) {
    if (!Files.exists(folder)) {
      return List.of();
    }
    if (!Files.isDirectory(folder)) {
      problems.add(new Problem(folder.toString(), "is not a folder"));
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
          .map(p -> folder.normalize().resolve(p.getFileName()))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      problems.add(new Problem(folder.toString(), "cannot be read (" + e.getMessage() + ")"));
      return List.of();
    }
  }

  /** A throwable in one line: its message without the service's name, and the first cause's. */
  private static String describe(Throwable e) {
    String message = String.valueOf(e.getMessage()).replace(TopicFormat.class.getName() + ": ", "");
    if (!(e instanceof ServiceConfigurationError)) {
      message = e.getClass().getSimpleName() + ": " + message;
    }
    Throwable cause = e.getCause();
    while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause != null) {
      message += " (" + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()) + ")";
    }
    return message;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }

  private static String oneLine(String s) {
    return Objects.requireNonNull(s, "message").strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Where a class was loaded from: a jar or a folder; {@code unknown} for none. */
  private record Location(String path) {
    static Location of(Class<?> type) {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return new Location("unknown");
      }
      return new Location(source.getLocation().toString());
    }

    /** The jar's file name, or the folder's path. */
    String name() {
      String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      if (p.endsWith(".jar")) {
        return p.substring(p.lastIndexOf('/') + 1);
      }
      return p.startsWith("file:") ? p.substring(5) : p;
    }
  }

  /**
   * The application's class loader without its format services: a plugin's {@link ServiceLoader}
   * sees the formats its own jar lists, while its classes still find the application's (core, the
   * JDK) first.
   */
  private static final class WithoutFormatServices extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    WithoutFormatServices(ClassLoader parent) {
      super("peerwork-plugin-parent", parent);
    }

    @Override
    public URL getResource(String name) {
      return SERVICES.equals(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return SERVICES.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }
}
