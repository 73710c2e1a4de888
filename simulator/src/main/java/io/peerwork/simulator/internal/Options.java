package io.peerwork.simulator.internal;

import io.peerwork.testkit.SessionSimulator;

/**
 * The simulator's command-line options.
 *
 * @param format the format id
 * @param participants how many participants
 * @param experts how many experts
 * @param seed the random seed
 * @param language de or en
 * @param help whether only the usage was asked for
 */
public record Options(String format, int participants, int experts, long seed, String language, boolean help) {
  /** How to call the simulator. */
  public static final String USAGE = String.join("\n",
      "Usage: java -jar peerwork-simulator.jar [options]",
      "  --format <id>         the topic format to simulate (default social-media-kitchen)",
      "  --participants <n>    participants, 1 to " + SessionSimulator.MAX_PARTICIPANTS + " (default 8)",
      "  --experts <n>         experts, 0 to " + SessionSimulator.MAX_EXPERTS + " (default 1)",
      "  --seed <n>            random seed; the same seed gives the same session (default 1)",
      "  --lang de|en          language of the recap and the goals (default en)",
      "  --help                show this text");

  /**
   * Parses {@code args}: {@code --name value} or {@code --name=value}.
   *
   * @throws IllegalArgumentException naming the first bad option
   */
  public static Options parse(String[] args) {
    String format = "social-media-kitchen";
    int participants = 8;
    int experts = 1;
    long seed = 1;
    String language = "en";
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("Option " + name + " needs a value.");
        }
        value = args[++i];
      }
      switch (name) {
        case "--format" -> format = value;
        case "--participants" -> participants = number(name, value, 1, SessionSimulator.MAX_PARTICIPANTS);
        case "--experts" -> experts = number(name, value, 0, SessionSimulator.MAX_EXPERTS);
        case "--seed" -> {
          try {
            seed = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, not '" + value + "'.");
          }
        }
        case "--lang" -> {
          if (!SessionSimulator.LANGUAGES.contains(value)) {
            throw new IllegalArgumentException("--lang must be de or en, not '" + value + "'.");
          }
          language = value;
        }
        default -> throw new IllegalArgumentException("Unknown option '" + name + "'.");
      }
    }
    return new Options(format, participants, experts, seed, language, help);
  }

  private static int number(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", not '" + value + "'.");
  }
}
