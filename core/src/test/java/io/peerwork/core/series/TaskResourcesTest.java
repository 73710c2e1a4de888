package io.peerwork.core.series;

import static io.peerwork.core.series.SeriesFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Agenda;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.TaskResource;
import io.peerwork.core.series.SeriesCommand.*;
import io.peerwork.core.series.SeriesEvent.TaskResourcesSet;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The expert curates links and checklists per task; they belong to the series and so carry over. */
class TaskResourcesTest {
  static final TopicFormat PLAIN = io.peerwork.core.FixturesAccess.format();
  static final Instant JAN = Instant.parse("2027-01-01T10:00:00Z");
  static final TaskResource SHIPPED = new TaskResource(LocalizedText.of("Offizielle Hilfe", "Official help"),
      Optional.of("https://help.example.org/posts"), List.of());

  /** The core tests' format, shipping one resource for its task "plan-posts". */
  static final TopicFormat WITH_DEFAULTS = new TopicFormat() {
    @Override public String id() { return PLAIN.id(); }
    @Override public LocalizedText name() { return PLAIN.name(); }
    @Override public LocalizedText description() { return PLAIN.description(); }
    @Override public Agenda agenda() { return PLAIN.agenda(); }
    @Override public List<RecurringTask> tasks() { return PLAIN.tasks(); }
    @Override public List<HelpTopic> helpTopics() { return PLAIN.helpTopics(); }
    @Override public List<TaskResource> defaultResources(String taskId) {
      return taskId.equals("plan-posts") ? List.of(SHIPPED) : List.of();
    }
  };

  static Run created(TopicFormat format) {
    return new Run(format, JAN).ok(new CreateSeries(plan(format, 10)));
  }

  static TaskResource link(String title, String url) {
    return TaskResource.written(title, Optional.of(url), List.of());
  }

  @Test
  void withoutCurationATaskHasTheFormatsDefaults() {
    SeriesState s = created(WITH_DEFAULTS).state;
    assertThat(s.curatedResources("plan-posts")).isEmpty();
    assertThat(s.resources("plan-posts", WITH_DEFAULTS)).containsExactly(SHIPPED);
    assertThat(s.resources(WITH_DEFAULTS)).containsOnlyKeys("plan-posts");
    assertThat(created(PLAIN).state.resources(PLAIN)).isEmpty();
  }

  @Test
  void curatedResourcesReplaceTheDefaultsAndHoldForEveryDate() {
    TaskResource canva = TaskResource.written("Redaktionsplan-Vorlage", Optional.of("https://www.example.org/vorlage"),
        List.of("Vorlage kopieren", "Themen eintragen"));
    Run run = created(WITH_DEFAULTS).ok(new SetTaskResources("plan-posts", List.of(canva)));
    assertThat(run.events).last().isInstanceOf(TaskResourcesSet.class);
    assertThat(run.state.resources("plan-posts", WITH_DEFAULTS)).containsExactly(canva);
    assertThat(run.state.curatedResources("plan-posts")).contains(List.of(canva));
    // Months later, nothing changed: the resources belong to the series, not to a date.
    run.at(Instant.parse("2027-06-01T10:00:00Z"));
    assertThat(run.state.resources(WITH_DEFAULTS)).containsExactly(java.util.Map.entry("plan-posts", List.of(canva)));
  }

  @Test
  void anEmptyListMeansNoneNotTheDefaults() {
    Run run = created(WITH_DEFAULTS).ok(new SetTaskResources("plan-posts", List.of()));
    assertThat(run.state.resources("plan-posts", WITH_DEFAULTS)).isEmpty();
    assertThat(run.state.curatedResources("plan-posts")).contains(List.of());
    assertThat(run.state.resources(WITH_DEFAULTS)).isEmpty();
  }

  @Test
  void textsAreStoredNormalizedAndSettingTheSameAgainRecordsNothing() {
    Run run = created(PLAIN).ok(new SetTaskResources("plan-posts",
        List.of(link("  Hilfe  ", " https://example.org/hilfe "))));
    TaskResource stored = run.state.resources("plan-posts", PLAIN).get(0);
    assertThat(stored.title().de()).isEqualTo("Hilfe");
    assertThat(stored.link()).contains("https://example.org/hilfe");
    int events = run.events.size();
    run.ok(new SetTaskResources("plan-posts", List.of(link("Hilfe", "https://example.org/hilfe"))));
    assertThat(run.events).hasSize(events); // a retry of the same is harmless
    run.ok(new SetTaskResources("plan-posts", List.of()));
    assertThat(run.events).hasSize(events + 1);
  }

  @Test
  void onlyTasksOfTheFormatAndOnlyValidResources() {
    Run run = created(PLAIN);
    run.rejects(new SetTaskResources("knit-socks", List.of(link("Hilfe", "https://example.org"))),
        RejectionCode.UNKNOWN_TASK);
    run.rejects(new SetTaskResources("plan-posts", List.of(link("Hilfe", "example.org"))),
        RejectionCode.INVALID_RESOURCE);
    run.rejects(new SetTaskResources("plan-posts", java.util.Collections.nCopies(11, link("Hilfe", "https://a.example"))),
        RejectionCode.TOO_MANY_RESOURCES);
    new Run(PLAIN, JAN).rejects(new SetTaskResources("plan-posts", List.of()), RejectionCode.SERIES_NOT_FOUND);
  }

  @Test
  void replayingTheEventsGivesTheSameState() {
    Run run = created(WITH_DEFAULTS).ok(new SetTaskResources("plan-posts", List.of(link("A", "https://a.example"))))
        .ok(new SetTaskResources("plan-posts", List.of(link("B", "https://b.example"))));
    SeriesState replayed = run.engine.replay(ID, run.events);
    assertThat(replayed).isEqualTo(run.state);
    assertThat(replayed.resources("plan-posts", WITH_DEFAULTS)).extracting(r -> r.title().en()).containsExactly("B");
    assertThat(created(WITH_DEFAULTS).state).isNotEqualTo(run.state);
  }
}
