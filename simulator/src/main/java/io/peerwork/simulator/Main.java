package io.peerwork.simulator;

import io.peerwork.core.FormatRegistry;
import io.peerwork.guice.FormatPlugins;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.simulator.internal.Options;
import io.peerwork.simulator.internal.RecapPrinter;
import io.peerwork.testkit.SessionSimulator;
import io.peerwork.testkit.Simulation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Simulates a whole session of a topic format and prints its recap: per participant their goals,
 * helps received and given as a peer, time in focus; for the session attendance, help requests,
 * waits and help times, helps over the format's time-box, holds, group and peer helps, the answers
 * of those helped, and pauses of the queue. In German or English.
 *
 * <pre>
 * java -jar simulator/target/peerwork-simulator.jar --format website-workshop --participants 12 --seed 7 --lang de
 * </pre>
 *
 * <p>Options: {@code --format <id>} (default {@code social-media-kitchen}; any format on the class
 * path), {@code --participants <n>} (default 8), {@code --experts <n>} (default 1), {@code --seed <n>}
 * (default 1), {@code --lang de|en} (default {@code en}), {@code --months <n>} (a monthly series of
 * that many dates instead of one session: the wall, buddies and each person's months as bars), {@code
 * --help}; each also as the
 * environment variable {@code PEERWORK_<NAME>} ({@code PEERWORK_LANG=de}), the command line winning.
 * The same options give the same session. Exit status: 0 when the engine answered every command as
 * expected, 1 when it surprised the simulation, 2 for bad options (an unknown one is named with the
 * closest known one).
 */
public final class Main {
  private Main() {}

  /** Runs the simulator and exits with its status. */
  public static void main(String[] args) {
    var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    var err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status = run(args, out, err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the simulator with {@code args}, writing the recap to {@code out} and problems to {@code
   * err}.
   *
   * @return the exit status: 0 fine, 1 the engine surprised the simulation, 2 bad options
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /**
   * Runs the simulator with {@code args} over the {@code PEERWORK_*} variables of {@code env},
   * writing the recap to {@code out} and problems to {@code err}.
   *
   * @return the exit status: 0 fine, 1 the engine surprised the simulation, 2 bad options
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(Options.usage());
      return 2;
    }
    if (options.help()) {
      out.print(Options.usage());
      return 0;
    }
    // The formats of the class path and of the plugins folder's jars; a broken one is left out, and said so.
    FormatPlugins found = FormatPlugins.load(Main.class.getClassLoader(), options.pluginsDir());
    for (FormatPlugins.Problem p : found.problems()) {
      err.println("Left out: " + p.line());
    }
    FormatRegistry formats = FormatRegistry.of(found.formats());
    Optional<TopicFormat> format = formats.find(options.format());
    if (format.isEmpty()) {
      err.println("No format '" + options.format() + "'. Formats on the class path and in "
          + options.pluginsDir() + ": " + String.join(", ", formats.ids()));
      return 2;
    }
    if (options.months() > 0) {
      var series = new io.peerwork.simulator.internal.SeriesSimulation(format.get(), options.participants(),
          options.experts(), options.seed(), options.language(), options.months()).run();
      out.print(new io.peerwork.simulator.internal.SeriesPrinter(options.language()).print(series, options.seed()));
      out.flush();
      return series.asExpected() ? 0 : 1;
    }
    Simulation sim = SessionSimulator.of(format.get())
        .withParticipants(options.participants())
        .withExperts(options.experts())
        .withSeed(options.seed())
        .withLanguage(options.language())
        .run();
    out.print(new RecapPrinter(options.language()).print(format.get(), sim));
    out.flush();
    return sim.asExpected() ? 0 : 1;
  }
}
