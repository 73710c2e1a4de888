package io.peerwork.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.series.SeriesStats;
import io.peerwork.core.series.WallPost;
import io.peerwork.simulator.internal.SeriesSimulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A three-month simulated series ({@code --months 3}): what it prints (each person's months as
 * bars, the series per date, the wall with wins, tips and cheers, the buddies with their mid-month
 * answers) is what the series recorded, in German and English, the same for the same options.
 */
class SeriesSimulationTest {

  private static String run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status = Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void threeMonthsShowWinsTipsBuddiesAndEachPersonsMonths(String lang) {
    boolean de = lang.equals("de");
    String text = run("--months", "3", "--participants", "8", "--seed", "3", "--lang", lang);
    var format = FormatRegistry.discover(getClass().getClassLoader()).require("social-media-kitchen");
    SeriesSimulation.Result r = new SeriesSimulation(format, 8, 1, 3, lang, 3).run();
    assertThat(r.asExpected()).as("%s", r.surprises()).isTrue();
    assertThat(r.dates()).hasSize(3);

    // Each person, each month, one line of bars with the series' own figures.
    assertThat(text).contains(de ? "Verlauf je Person" : "Each person's months");
    for (String person : r.people()) {
      assertThat(text).contains("  " + person + "\n");
    }
    String anna = r.state().registrations(r.dates().get(0)).get(0).email();
    var months = SeriesStats.months(r.state(), anna, r.dates().get(2));
    assertThat(months).hasSize(3);
    String firstPerson = text.substring(text.indexOf("  " + r.people().get(0) + "\n"));
    assertThat(firstPerson).contains((de ? "E " : "D ") + "█".repeat(Math.min(12, months.get(0).goalsDone())) + " "
        + months.get(0).goalsDone());

    // The wall: wins and tips, opted in one by one, with cheers.
    var posts = r.state().wall();
    assertThat(posts).anyMatch(p -> p.kind() == WallPost.Kind.WIN).anyMatch(p -> p.kind() == WallPost.Kind.TIP);
    long wins = posts.stream().filter(p -> p.kind() == WallPost.Kind.WIN).count();
    int cheers = posts.stream().mapToInt(p -> p.cheers().size()).sum();
    assertThat(cheers).isPositive();
    assertThat(text).contains(de ? "Pinnwand: " + posts.size() + " Beiträge: " + wins + " Erfolge"
        : "Wall: " + posts.size() + " posts: " + wins + " wins");

    // Buddies: pairs each month, with their answers at mid-month.
    assertThat(r.dates()).anyMatch(d -> !r.state().buddyPairs(d).isEmpty());
    assertThat(r.dates()).anyMatch(d -> r.state().buddyPairs(d).keySet().stream()
        .anyMatch(e -> r.state().buddyCheck(d, e).isPresent()));
    assertThat(text).contains("Buddies\n").containsAnyOf(de ? "läuft gut" : "going well", de ? "hängt" : "stuck",
        de ? "erledigt)" : "done)");

    assertThat(run("--months", "3", "--participants", "8", "--seed", "3", "--lang", lang))
        .as("the same options give the same series").isEqualTo(text);
  }
}
