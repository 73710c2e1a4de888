package io.peerwork.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.HelpRequest;
import io.peerwork.core.QueueStatus;
import io.peerwork.core.Recap;
import io.peerwork.core.Recap.ParticipantRecap;
import io.peerwork.core.RequestId;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.SessionSimulator;
import io.peerwork.testkit.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the simulator in-process and checks its recap against the simulation it describes. */
class MainTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    return runWith(Map.of(), args);
  }

  private int runWith(Map<String, String> env, String... args) {
    return Main.run(args, env, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  /** The same simulation the command line asks for, run directly. */
  private static Simulation expected(String format, int participants, long seed, String lang) {
    return expected(format, participants, 1, seed, lang);
  }

  private static Simulation expected(String format, int participants, int experts, long seed, String lang) {
    return SessionSimulator.of(FormatRegistry.discover(MainTest.class.getClassLoader()).require(format))
        .withParticipants(participants).withExperts(experts).withSeed(seed).withLanguage(lang).run();
  }

  @Test
  void printsTheRecapInGerman() {
    assertThat(run("--format", "bookkeeping-circle", "--participants", "10", "--seed", "5", "--lang", "de")).isZero();
    Simulation sim = expected("bookkeeping-circle", 10, 5, "de");
    Recap recap = sim.recap();
    String out = out();

    assertThat(out).startsWith("Buchhaltungs-Runde, Simulation\n")
        .contains("Simulierte Sitzung: Buchhaltungs-Runde (bookkeeping-circle), Seed 5")
        .contains("Teilnehmende\n  Name", "Erledigt", "Teilweise", "Übertragen", "Hilfen", "Min. im Fokus",
            "Anderen geholfen")
        .contains("\nZiele\n", "\nSitzung\n", "Dienstag, 3. März 2026");
    for (ParticipantRecap p : recap.participants()) {
      assertThat(row(out, p.displayName())).containsExactly((long) p.done(), (long) p.partlyDone(),
          (long) p.carriedOver(), (long) p.helpsReceived(), p.minutesInFocus(), (long) p.peerHelpsGiven());
    }
    assertThat(line(out, "Anwesenheit")).isEqualTo("Teilnehmende " + recap.attendance().participants()
        + ", Expert:innen 1, Gastgeber:innen 1");
    assertThat(line(out, "Hilfeanfragen")).isEqualTo(recap.helpRequests() + " gestellt, " + recap.helpsFinished()
        + " abgeschlossen");
    assertThat(duration(out, "Median Wartezeit:\\s+(\\d+) Min\\.(?: (\\d+) s)?")).isEqualTo(recap.medianWait());
    assertThat(duration(out, "Median Hilfedauer:\\s+(\\d+) Min\\.(?: (\\d+) s)?")).isEqualTo(recap.medianHelpTime());
    assertThat(out).contains("Engine-Prüfung: " + sim.provoked().size() + " absichtlich ungültige Befehle");
    // Goals are listed in German, with their final status.
    recap.participants().get(0).goals().forEach(g -> assertThat(out).contains("] " + g.text()));
    assertThat(out).containsPattern("\\[(erledigt|teilweise|übertragen)] ");
    assertThat(err()).isEmpty();
  }

  @Test
  void defaultsToTheSocialMediaKitchenInEnglish() {
    assertThat(run()).isZero();
    Simulation sim = expected("social-media-kitchen", 8, 1, "en");
    String out = out();
    assertThat(out).startsWith("Social Media Kitchen, simulated\n")
        .contains("Simulated session: Social Media Kitchen (social-media-kitchen), seed 1")
        .contains("Participants\n", "Carried over", "Min. in focus", "\nGoals\n", "\nSession\n")
        .contains("no surprises");
    assertThat(line(out, "Attendance"))
        .isEqualTo("participants " + sim.recap().attendance().participants() + ", experts 1, hosts 1");
    assertThat(line(out, "Help requests"))
        .isEqualTo(sim.recap().helpRequests() + " raised, " + sim.recap().helpsFinished() + " finished");
    assertThat(sim.recap().participants()).allSatisfy(p -> assertThat(row(out, p.displayName())).hasSize(6));
  }

  @Test
  void showsHoldsGroupsPeerHelpsAnswersAndPausesInEnglish() {
    assertThat(run("--participants", "30", "--experts", "2", "--seed", "7")).isZero();
    Simulation sim = expected("social-media-kitchen", 30, 2, 7, "en");
    Recap recap = sim.recap();
    String out = out();

    // A long session with this seed has each of them, so every line shows a count, not "none".
    assertThat(recap.holds()).isGreaterThan(1);
    assertThat(line(out, "On hold")).isEqualTo(recap.holds() + " times, to try something out");

    List<Recap.Help> groups = recap.helps().stream().filter(h -> h.helped().size() > 1).toList();
    assertThat(groups).isNotEmpty();
    assertThat(line(out, "Group helps")).isEqualTo(groups.size() + ", for "
        + groups.stream().mapToInt(h -> h.helped().size()).sum() + " people together");

    // Peer helps are those a peer took up (PeerHelpStarted) and finished; a peer who left gave theirs back.
    Set<RequestId> peerStarted = sim.events().stream().filter(e -> e instanceof SessionEvent.PeerHelpStarted)
        .map(e -> ((SessionEvent.PeerHelpStarted) e).request()).collect(Collectors.toSet());
    List<Recap.Help> byPeers = recap.helps().stream().filter(Recap.Help::byPeer).toList();
    assertThat(byPeers).isNotEmpty().allSatisfy(h -> assertThat(peerStarted).contains(h.request()));
    assertThat(byPeers).hasSize((int) sim.state().requests().stream()
        .filter(r -> peerStarted.contains(r.id()) && r.status() == HelpRequest.Status.FINISHED && r.byPeer()).count());
    assertThat(line(out, "Peer helps")).isEqualTo(byPeers.size() + " of " + recap.helpsFinished()
        + " finished helps (helpers: " + byPeers.stream().map(Recap.Help::helper).distinct().count() + ")");
    assertThat(recap.participants().stream().mapToInt(ParticipantRecap::peerHelpsGiven).sum()).isEqualTo(byPeers.size());

    Recap.Feedback f = recap.feedback();
    assertThat(f.solved()).isPositive();
    assertThat(f.partly()).isPositive();
    assertThat(f.notYet()).isPositive();
    assertThat(f.solved() + f.partly() + f.notYet()).isEqualTo((int) sim.state().requests().stream()
        .mapToLong(r -> r.ratings().size()).sum());
    assertThat(line(out, "After-help answers"))
        .isEqualTo(f.solved() + " solved, " + f.partly() + " partly, " + f.notYet() + " not yet");

    long pauses = sim.events().stream()
        .filter(e -> e instanceof SessionEvent.QueueStateSet q && q.status() == QueueStatus.PAUSED).count();
    assertThat(pauses).isGreaterThan(1);
    assertThat(line(out, "Queue paused")).isEqualTo(pauses + " times");

    TopicFormat kitchen = FormatRegistry.discover(MainTest.class.getClassLoader()).require("social-media-kitchen");
    long over = recap.helps().stream()
        .filter(h -> h.length().compareTo(kitchen.helpTimeBox(h.topicId()).orElseThrow()) > 0).count();
    assertThat(line(out, "Over the time-box")).isEqualTo(over + " of " + recap.helpsFinished() + " helps");
  }

  @Test
  void showsTheSameInGerman() {
    assertThat(run("--participants", "30", "--experts", "2", "--seed", "7", "--lang", "de")).isZero();
    Recap recap = expected("social-media-kitchen", 30, 2, 7, "de").recap();
    String out = out();
    assertThat(line(out, "Zurückgestellt")).isEqualTo(recap.holds() + " Mal, zum Ausprobieren");
    assertThat(line(out, "Gruppenhilfen")).startsWith(recap.groupHelps() + ", zusammen für ").endsWith(" Personen");
    assertThat(line(out, "Peer-Hilfen"))
        .startsWith(recap.peerHelps() + " der " + recap.helpsFinished() + " abgeschlossenen Hilfen (Helfende: ");
    assertThat(line(out, "Rückmeldungen")).isEqualTo(recap.feedback().solved() + " gelöst, "
        + recap.feedback().partly() + " teilweise, " + recap.feedback().notYet() + " noch nicht");
    assertThat(line(out, "Warteschlange pausiert")).endsWith(" Mal");
    assertThat(line(out, "Über der Zeitbox")).endsWith(" von " + recap.helpsFinished() + " Hilfen");
  }

  @Test
  void aSessionWithoutThemSaysNone() {
    // With no expert and one participant there is nobody to hold, join, pause, or help as a peer.
    assertThat(run("--participants", "1", "--experts", "0", "--seed", "2")).isZero();
    String out = out();
    assertThat(line(out, "On hold")).isEqualTo("none");
    assertThat(line(out, "Group helps")).isEqualTo("none");
    assertThat(line(out, "Peer helps")).isEqualTo("none");
    assertThat(line(out, "After-help answers")).isEqualTo("none");
    assertThat(line(out, "Queue paused")).isEqualTo("never");
    assertThat(out).doesNotContain("Over the time-box");
  }

  @Test
  void theSameOptionsGiveTheSameRecap() {
    run("--format=website-workshop", "--seed=9", "--participants=6");
    String first = out();
    outBytes.reset();
    run("--format", "website-workshop", "--seed", "9", "--participants", "6");
    assertThat(out()).isEqualTo(first).contains("Website Workshop (website-workshop)");
  }

  @Test
  void anUnknownFormatNamesTheKnownOnes() {
    assertThat(run("--format", "knitting-circle")).isEqualTo(2);
    assertThat(err()).contains("No format 'knitting-circle'",
        "bookkeeping-circle", "social-media-kitchen", "website-workshop");
    assertThat(out()).isEmpty();
  }

  @Test
  void badOptionsShowTheUsage() {
    assertThat(run("--participants", "0")).isEqualTo(2);
    assertThat(err()).contains("--participants must be a number from 1 to 500", "Usage:");
    errBytes.reset();
    assertThat(run("--lang", "fr")).isEqualTo(2);
    assertThat(err()).contains("--lang must be de or en");
    errBytes.reset();
    assertThat(run("--seed")).isEqualTo(2);
    assertThat(err()).contains("--seed needs a value");
    errBytes.reset();
    assertThat(run("--colour", "blue")).isEqualTo(2);
    assertThat(err()).contains("Unknown option '--colour'");
  }

  @Test
  void helpShowsTheUsage() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("Usage:", "--format", "--participants", "--experts", "--seed", "--lang de|en",
        "(default social-media-kitchen)", "1 to 500 (default 8)", "PEERWORK_SOME_NAME");
    assertThat(err()).isEmpty();
  }

  @Test
  void aMistypedOptionIsRefusedWithTheClosestOne() {
    assertThat(run("--participans", "3")).isEqualTo(2);
    assertThat(err().lines().findFirst()).contains("Unknown option '--participans'; did you mean --participants?");
    assertThat(out()).isEmpty();
    errBytes.reset();
    assertThat(run("--seed=x")).isEqualTo(2);
    assertThat(err()).startsWith("--seed must be a whole number, not 'x'.");
  }

  @Test
  void theEnvironmentSetsOptionsAndTheCommandLineWins() {
    assertThat(runWith(Map.of("PEERWORK_LANG", "de", "PEERWORK_SEED", "5", "PEERWORK_FORMAT", "website-workshop"),
        "--format", "bookkeeping-circle", "--participants", "10")).isZero();
    assertThat(out()).contains("Simulierte Sitzung: Buchhaltungs-Runde (bookkeeping-circle), Seed 5");
    errBytes.reset();
    assertThat(runWith(Map.of("PEERWORK_PARTICIPANTS", "0"))).isEqualTo(2);
    assertThat(err()).contains("--participants must be a number from 1 to 500");
  }

  /** The value on the line of {@code label} in the session's part. */
  private static String line(String out, String label) {
    Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(label) + ": +(.+)$").matcher(out);
    assertThat(m.find()).as("a line %s in%n%s", label, out).isTrue();
    return m.group(1);
  }

  /** The six numbers in the participants table on the row of {@code name}. */
  private static long[] row(String out, String name) {
    Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(name) + " +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)$")
        .matcher(out);
    assertThat(m.find()).as("a table row for %s in%n%s", name, out).isTrue();
    long[] values = new long[6];
    for (int i = 0; i < 6; i++) {
      values[i] = Long.parseLong(m.group(i + 1));
    }
    return values;
  }

  private static Optional<Duration> duration(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      return Optional.empty();
    }
    long seconds = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
    return Optional.of(Duration.ofMinutes(Long.parseLong(m.group(1))).plusSeconds(seconds));
  }
}
