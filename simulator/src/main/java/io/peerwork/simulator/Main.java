package io.peerwork.simulator;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.PeerworkException;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.simulator.internal.Options;
import io.peerwork.simulator.internal.RecapPrinter;
import io.peerwork.testkit.SessionSimulator;
import io.peerwork.testkit.Simulation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Simulates a whole session of a topic format and prints its recap.
 *
 * <pre>
 * java -jar simulator/target/peerwork-simulator.jar --format website-workshop --participants 12 --seed 7 --lang de
 * </pre>
 *
 * <p>Options: {@code --format <id>} (default {@code social-media-kitchen}; any format on the class
 * path), {@code --participants <n>} (default 8), {@code --experts <n>} (default 1), {@code --seed <n>}
 * (default 1), {@code --lang de|en} (default {@code en}), {@code --help}. The same options give the
 * same session. Exit status: 0 when the engine answered every command as expected, 1 when it
 * surprised the simulation, 2 for bad options.
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
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(Options.USAGE);
      return 2;
    }
    if (options.help()) {
      out.println(Options.USAGE);
      return 0;
    }
    FormatRegistry formats;
    try {
      formats = FormatRegistry.discover(Main.class.getClassLoader());
    } catch (PeerworkException e) {
      err.println("A format on the class path is broken: " + e.getMessage());
      return 2;
    }
    Optional<TopicFormat> format = formats.find(options.format());
    if (format.isEmpty()) {
      err.println("No format '" + options.format() + "'. Formats on the class path: " + String.join(", ", formats.ids()));
      return 2;
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
