package io.peerwork.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.Recap;
import io.peerwork.core.Recap.ParticipantRecap;
import io.peerwork.testkit.SessionSimulator;
import io.peerwork.testkit.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the simulator in-process and checks its recap against the simulation it describes. */
class MainTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
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
    return SessionSimulator.of(FormatRegistry.discover(MainTest.class.getClassLoader()).require(format))
        .withParticipants(participants).withSeed(seed).withLanguage(lang).run();
  }

  @Test
  void printsTheRecapInGerman() {
    assertThat(run("--format", "bookkeeping-circle", "--participants", "10", "--seed", "5", "--lang", "de")).isZero();
    Simulation sim = expected("bookkeeping-circle", 10, 5, "de");
    Recap recap = sim.recap();
    String out = out();

    assertThat(out).startsWith("Buchhaltungs-Runde, Simulation\n")
        .contains("Simulierte Sitzung: Buchhaltungs-Runde (bookkeeping-circle), Seed 5")
        .contains("Teilnehmende\n  Name", "Erledigt", "Teilweise", "Übertragen", "Hilfen", "Min. im Fokus")
        .contains("\nZiele\n", "\nSitzung\n", "Dienstag, 3. März 2026");
    for (ParticipantRecap p : recap.participants()) {
      assertThat(row(out, p.displayName())).containsExactly(
          (long) p.done(), (long) p.partlyDone(), (long) p.carriedOver(), (long) p.helpsReceived(), p.minutesInFocus());
    }
    assertThat(out).contains("Anwesenheit:       Teilnehmende " + recap.attendance().participants()
        + ", Expert:innen 1, Gastgeber:innen 1");
    assertThat(out).contains("Hilfeanfragen:     " + recap.helpRequests() + " gestellt, " + recap.helpsFinished()
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
        .contains("Attendance:       participants " + sim.recap().attendance().participants() + ", experts 1, hosts 1")
        .contains("Help requests:    " + sim.recap().helpRequests() + " raised, " + sim.recap().helpsFinished() + " finished")
        .contains("no surprises");
    assertThat(sim.recap().participants()).allSatisfy(p -> assertThat(row(out, p.displayName())).hasSize(5));
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
    assertThat(out()).contains("Usage:", "--format", "--participants", "--seed", "--lang de|en");
  }

  /** The five numbers in the participants table on the row of {@code name}. */
  private static long[] row(String out, String name) {
    Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(name) + " +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)$").matcher(out);
    assertThat(m.find()).as("a table row for %s in%n%s", name, out).isTrue();
    long[] values = new long[5];
    for (int i = 0; i < 5; i++) {
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
