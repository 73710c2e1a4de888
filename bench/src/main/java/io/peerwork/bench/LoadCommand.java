package io.peerwork.bench;

import io.peerwork.server.internal.Cli;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@link LoadGenerator}'s command-line options (picocli): the one place they are defined. Each
 * option {@code --some-name} also reads {@code PEERWORK_SOME_NAME} from the environment ({@link
 * Cli}); a value on the command line wins. Defaults are {@link LoadOptions#defaults}'s. To add an
 * option, add one field here and use it in {@link #options()}.
 */
@Command(name = "load-generator", sortOptions = false, usageHelpWidth = 110,
    customSynopsis = "java -cp bench/target/peerwork-bench.jar io.peerwork.bench.LoadGenerator [--name value ...]",
    footer = {"", "Every option --some-name can also be set as the environment variable PEERWORK_SOME_NAME; the"
        + " command line wins. Exit status: 0 clean, 1 events lost or out of order, 2 bad options or no run."})
final class LoadCommand {
  private static final LoadOptions D = LoadOptions.defaults("http://127.0.0.1:8080");

  @Option(names = "--help", usageHelp = true, description = "show this text")
  boolean help;

  @Option(names = "--url", paramLabel = "<url>", description = "the server's base URL (default: http://127.0.0.1:8080,"
      + " or the first of --urls)")
  URI url;

  @Option(names = "--urls", paramLabel = "<a,b,...>",
      description = "the nodes of a cluster the members connect to, comma-separated (default: --url)")
  String urls = "";

  @Option(names = "--rooms", paramLabel = "<n>", description = "sessions to create and fill (default: ${DEFAULT-VALUE})")
  int rooms = D.rooms();

  @Option(names = "--participants-per-room", paramLabel = "<n>",
      description = "members per room, the first of them the host (default: ${DEFAULT-VALUE})")
  int participantsPerRoom = D.participantsPerRoom();

  @Option(names = {"--rate", "--rates"}, paramLabel = "<r,...>",
      description = "commands per sending participant per second: one, or a comma-separated sweep; 0 holds idle"
          + " connections (default: 1)")
  String rates = "1";

  @Option(names = "--duration", paramLabel = "<seconds>",
      description = "how long each step sends, warm-up included (default: 10)")
  String duration = "10";

  @Option(names = "--warmup", paramLabel = "<seconds>",
      description = "the unmeasured start of each step (default: a quarter of --duration, at most 5)")
  String warmup;

  @Option(names = "--prewarm", paramLabel = "<seconds>",
      description = "an unmeasured step before the first, at the first rate (default: 0)")
  String prewarm = "0";

  @Option(names = "--drain", paramLabel = "<seconds>",
      description = "how long to wait after the last send for every event to arrive (default: 10)")
  String drain = "10";

  @Option(names = "--stop-p99", paramLabel = "<ms>",
      description = "stop the sweep after a step whose p99 exceeds this (default: never)")
  double stopP99 = D.stopP99();

  @Option(names = "--repeat", paramLabel = "<n>",
      description = "runs of each rate in a row; the one with the lowest p99 is kept (default: ${DEFAULT-VALUE})")
  int repeat = D.repeat();

  @Option(names = "--label", paramLabel = "<name>", description = "the run's name in the results (default: ${DEFAULT-VALUE})")
  String label = D.label();

  @Option(names = "--local-addresses", paramLabel = "<n|a,b,...>",
      description = "source addresses to spread the sockets over: a count (127.0.0.1 to 127.0.0.n) or a list"
          + " (default: 4)")
  String localAddresses = "4";

  @Option(names = "--event-loops", paramLabel = "<n>",
      description = "the generator's event loops (default: one per core)")
  int eventLoops = D.eventLoops();

  @Option(names = "--setup-concurrency", paramLabel = "<n>",
      description = "rooms being created and filled at once (default: ${DEFAULT-VALUE})")
  int setupConcurrency = D.setupConcurrency();

  @Option(names = "--compression", arity = "0..1", paramLabel = "<true|false>",
      description = "ask for permessage-deflate, as browsers do (default: false)")
  boolean compression;

  @Option(names = "--server-pid", paramLabel = "<pid>",
      description = "the server's process, to read its CPU time and heap (default: unknown)")
  long serverPid = D.serverPid();

  @Option(names = "--heap", arity = "0..1", paramLabel = "<true|false>",
      description = "measure the server's heap per connection, with full GCs through jcmd (default: false)")
  boolean heap;

  @Option(names = "--out", paramLabel = "<file>", description = "a file to append the results' JSON lines to")
  String out;

  @Option(names = "--organizer-key", paramLabel = "<key>",
      description = "the demo server's organizer key, sent when creating sessions (default: none)")
  String organizerKey = D.organizerKey();

  /**
   * What the command line asks for: options to run with, or (none) the exit status after {@code
   * --help} (0) or refused options (2).
   *
   * @param options the options, if the generator is to run
   * @param status the exit status if it is not
   */
  record Invocation(Optional<LoadOptions> options, int status) {}

  /** Reads {@code args} over {@code env}: the usage to {@code out} for {@code --help}, one line to {@code err} for a problem. */
  static Invocation invocation(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    var command = new LoadCommand();
    try {
      Cli.of(command, env).parseArgs(args);
      if (command.help) {
        // Shown as "--rooms <n>"; "--rooms=<n>" works as well.
        out.print(Cli.of(new LoadCommand(), Map.of()).setSeparator(" ").getUsageMessage(CommandLine.Help.Ansi.OFF));
        return new Invocation(Optional.empty(), 0);
      }
      return new Invocation(Optional.of(command.options()), 0);
    } catch (ParameterException e) {
      err.println("load generator: " + Cli.problem(e));
    } catch (RuntimeException e) {
      err.println("load generator: " + e.getMessage());
    }
    return new Invocation(Optional.empty(), 2);
  }

  /** The options these values make. */
  LoadOptions options() {
    List<URI> nodes = urls.isBlank() ? List.of()
        : Arrays.stream(urls.split(",")).map(String::strip).map(URI::create).toList();
    URI base = url != null ? url : nodes.isEmpty() ? D.url() : nodes.get(0);
    Duration step = seconds("--duration", duration);
    Duration warm = warmup != null ? seconds("--warmup", warmup) : Duration.ofMillis(Math.min(5000, step.toMillis() / 4));
    List<String> local = localAddresses.matches("\\d+") ? LoadOptions.addresses(Integer.parseInt(localAddresses))
        : List.of(localAddresses.split(","));
    List<Double> sweep;
    try {
      sweep = Arrays.stream(rates.split(",")).map(String::strip).map(Double::parseDouble).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rate=" + rates + " is not a valid value (numbers, comma-separated)", e);
    }
    return new LoadOptions(base, rooms, participantsPerRoom, sweep, step, warm, label, local, eventLoops,
        setupConcurrency, seconds("--drain", drain), compression, serverPid, heap, out, seconds("--prewarm", prewarm),
        stopP99, organizerKey, repeat, nodes);
  }

  /** Seconds, whole or not, with or without an {@code s}: {@code 7}, {@code 2.5s}. */
  private static Duration seconds(String name, String value) {
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(value.strip().replaceAll("s$", "")) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + value + " is not a valid value (seconds)", e);
    }
  }
}
