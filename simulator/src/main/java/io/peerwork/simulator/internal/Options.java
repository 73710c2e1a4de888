package io.peerwork.simulator.internal;

import io.peerwork.testkit.SessionSimulator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The simulator's command-line options (picocli): the one place they are defined. Each option
 * {@code --some-name} also reads the environment variable {@code PEERWORK_SOME_NAME}; a value on
 * the command line wins. To add an option, add one field here and read it in {@code Main}.
 */
@Command(name = "peerwork-simulator", sortOptions = false, usageHelpWidth = 100,
    customSynopsis = "java -jar peerwork-simulator.jar [options]",
    footer = {"", "Every option --some-name can also be set as the environment variable PEERWORK_SOME_NAME;"
        + " the command line wins."})
public final class Options {
  /** The prefix of the environment variables that set options. */
  public static final String ENV_PREFIX = "PEERWORK_";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
  private boolean help;

  @Option(names = "--format", paramLabel = "<id>",
      description = "the topic format to simulate (default ${DEFAULT-VALUE})")
  private String format = "social-media-kitchen";

  @Option(names = "--participants", paramLabel = "<n>",
      description = "participants, 1 to " + SessionSimulator.MAX_PARTICIPANTS + " (default ${DEFAULT-VALUE})")
  private int participants = 8;

  @Option(names = "--experts", paramLabel = "<n>",
      description = "experts, 0 to " + SessionSimulator.MAX_EXPERTS + " (default ${DEFAULT-VALUE})")
  private int experts = 1;

  @Option(names = "--seed", paramLabel = "<n>",
      description = "random seed; the same seed gives the same session (default ${DEFAULT-VALUE})")
  private long seed = 1;

  @Option(names = "--lang", paramLabel = "de|en", description = "language of the recap and the goals (default ${DEFAULT-VALUE})")
  private String language = "en";

  @Option(names = "--months", paramLabel = "<n>",
      description = "simulate a monthly series of this many dates instead of one session: registrations,"
          + " routines, each month's session, the wall, buddies and their mid-month answers, each person's"
          + " months as bars; 1 to 24 (default: one session)")
  private int months = 0;

  @Option(names = "--plugins-dir", paramLabel = "<dir>",
      description = "format jars loaded beside the class path's formats, as the demo server does (default ${DEFAULT-VALUE})")
  private java.nio.file.Path pluginsDir = java.nio.file.Path.of("plugins");

  private Options() {}

  /** How to call the simulator: the options, their meaning and defaults. */
  public static String usage() {
    // Shown as "--seed <n>", as people type them; "--seed=<n>" works as well.
    return commandLine(new Options(), Map.of()).setSeparator(" ").getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /**
   * Parses {@code args} ({@code --name value} or {@code --name=value}) over the {@code
   * PEERWORK_*} variables of {@code env}.
   *
   * @throws IllegalArgumentException naming the first bad option in one line; for an unknown one,
   *     with the closest known one
   */
  public static Options parse(String[] args, Map<String, String> env) {
    var options = new Options();
    try {
      commandLine(options, env).parseArgs(args);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(problem(e), e);
    }
    if (options.participants < 1 || options.participants > SessionSimulator.MAX_PARTICIPANTS) {
      throw outOfRange("--participants", options.participants, 1, SessionSimulator.MAX_PARTICIPANTS);
    }
    if (options.experts < 0 || options.experts > SessionSimulator.MAX_EXPERTS) {
      throw outOfRange("--experts", options.experts, 0, SessionSimulator.MAX_EXPERTS);
    }
    if (options.months < 0 || options.months > 24) {
      throw outOfRange("--months", options.months, 1, 24);
    }
    if (!SessionSimulator.LANGUAGES.contains(options.language)) {
      throw new IllegalArgumentException("--lang must be de or en, not '" + options.language + "'.");
    }
    return options;
  }

  /** The environment variable of an option: {@code --participants} reads {@code PEERWORK_PARTICIPANTS}. */
  static String envName(OptionSpec option) {
    return ENV_PREFIX + option.longestName().replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static CommandLine commandLine(Options options, Map<String, String> env) {
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(env, "env"));
    var cl = new CommandLine(options);
    cl.setExpandAtFiles(false);
    cl.setOverwrittenOptionsAllowed(true);
    cl.setDefaultValueProvider(arg -> arg instanceof OptionSpec o && !o.usageHelp() ? copy.get(envName(o)) : null);
    return cl;
  }

  private static IllegalArgumentException outOfRange(String name, long value, int min, int max) {
    return new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", not '" + value + "'.");
  }

  /** One line: an unknown option with the closest known one, a missing value, a value of the wrong type. */
  private static String problem(ParameterException e) {
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!name.startsWith("-")) {
        return "Unexpected argument '" + arg + "'; options are --name value or --name=value.";
      }
      List<String> suggestions = u.getSuggestions();
      return "Unknown option '" + name + "'" + (suggestions.isEmpty() ? "." : "; did you mean " + suggestions.get(0) + "?");
    }
    if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()
        && m.getMissing().get(0) instanceof OptionSpec o) {
      return "Option " + o.longestName() + " needs a value.";
    }
    if (e.getArgSpec() instanceof OptionSpec o && e.getValue() != null) {
      boolean whole = List.of(int.class, long.class, Integer.class, Long.class).contains(o.type());
      return o.longestName() + (whole ? " must be a whole number" : " has no valid value") + ", not '" + e.getValue() + "'.";
    }
    return e.getMessage();
  }

  /** Whether only the usage was asked for. */
  public boolean help() {
    return help;
  }

  /** The format id. */
  public String format() {
    return format;
  }

  /** How many participants. */
  public int participants() {
    return participants;
  }

  /** How many experts. */
  public int experts() {
    return experts;
  }

  /** The random seed. */
  public long seed() {
    return seed;
  }

  /** How many monthly dates of a series to simulate; 0 for one session. */
  public int months() {
    return months;
  }

  /** The folder of format jars loaded beside the class path's formats. */
  public java.nio.file.Path pluginsDir() {
    return pluginsDir;
  }

  /** de or en. */
  public String language() {
    return language;
  }
}
