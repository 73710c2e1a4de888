package io.peerwork.server.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the demo server's and the load generator's command lines share (picocli): every option
 * {@code --some-name} also reads the environment variable {@code PEERWORK_SOME_NAME} (a
 * command-line value wins), {@code @file} arguments are taken literally, an option given twice
 * keeps the last value, and a problem is told in one line.
 */
public final class Cli {
  /** The prefix of the environment variables that set options. */
  public static final String ENV_PREFIX = "PEERWORK_";

  private Cli() {}

  /**
   * A command line for {@code command} (a picocli {@code @Command} object) whose options default
   * to {@code env}'s {@link #envName variables}.
   */
  public static CommandLine of(Object command, Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    Map<String, String> copy = Map.copyOf(env);
    var cl = new CommandLine(command);
    cl.setExpandAtFiles(false);
    cl.setOverwrittenOptionsAllowed(true);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setDefaultValueProvider(arg -> arg instanceof OptionSpec o && !o.usageHelp() && !o.versionHelp()
        ? copy.get(envName(o)) : null);
    return cl;
  }

  /** The environment variable of an option: {@code --db-url} reads {@code PEERWORK_DB_URL}. */
  public static String envName(OptionSpec option) {
    return ENV_PREFIX + option.longestName().replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * The usage of {@code cl}'s command with a heading line before the options {@code headings}
   * names (by their long name), in the order the options are declared.
   */
  public static String usage(CommandLine cl, Map<String, String> headings) {
    var help = cl.getHelp();
    var out = new StringBuilder(help.headerHeading()).append(help.header()).append(help.synopsisHeading())
        .append(help.synopsis(help.synopsisHeadingLength())).append(help.descriptionHeading())
        .append(help.description()).append(help.optionListHeading());
    var chunks = new LinkedHashMap<String, List<OptionSpec>>();
    String heading = "";
    for (OptionSpec o : cl.getCommandSpec().options()) {
      heading = headings.getOrDefault(o.longestName(), heading);
      chunks.computeIfAbsent(heading, h -> new java.util.ArrayList<>()).add(o);
    }
    chunks.forEach((h, options) -> out.append(h.isEmpty() ? "" : h + "\n").append(help.optionListExcludingGroups(options)));
    return out.append(help.footerHeading()).append(help.footer()).toString();
  }

  /**
   * One line telling what is wrong with the arguments: an unknown option with the closest known
   * one ("did you mean"), or a value that is missing or not of the option's type, with the value
   * given.
   */
  public static String problem(ParameterException e) {
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!name.startsWith("-")) {
        return "unexpected argument '" + arg + "'; options are --name=value, --help lists them";
      }
      List<String> suggestions = u.getSuggestions();
      return "unknown option " + name + (suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?")
          + " (--help lists the options)";
    }
    if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()
        && m.getMissing().get(0) instanceof OptionSpec o) {
      return o.longestName() + " needs a value";
    }
    ArgSpec arg = e.getArgSpec();
    if (arg instanceof OptionSpec o && e.getValue() != null) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return o.longestName() + "=" + e.getValue() + " is not a valid value (" + cause.getMessage() + ")";
    }
    return e.getMessage();
  }
}
