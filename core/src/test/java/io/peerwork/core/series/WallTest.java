package io.peerwork.core.series;

import static io.peerwork.core.series.SeriesFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.GoalStatus;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.TaskResource;
import io.peerwork.core.series.SeriesCommand.*;
import io.peerwork.core.series.SeriesEvent.*;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The wall of a series: after a date, people with a seat share wins and tips one by one, cheer the
 * posts of others, and the host makes a tip a resource of its task. Only members read it.
 */
class WallTest {
  static final TopicFormat FORMAT = io.peerwork.core.FixturesAccess.format();
  static final LocalDate FEB = LocalDate.of(2027, 2, 2);
  static final Instant DURING = Instant.parse("2027-02-02T12:00:00Z");

  /** Ana and Ben seated on 2 Feb (capacity 2), Cem on its waitlist; the date has started. */
  static Run started() {
    return new Run(FORMAT, Instant.parse("2027-01-01T10:00:00Z")).ok(new CreateSeries(plan(FORMAT, 2)))
        .ok(new Register(FEB, "Ana", "ana@example.at", "de", Optional.empty()))
        .ok(new Register(FEB, "Ben", "ben@example.at", "en", Optional.empty()))
        .ok(new Register(FEB, "Cem", "cem@example.org", "de", Optional.empty()))
        .at(DURING);
  }

  static SharePost tip(String email, String text) {
    return new SharePost(FEB, email, WallPost.Kind.TIP, text, Optional.of("plan-posts"));
  }

  static SharePost win(String email, String text) {
    return new SharePost(FEB, email, WallPost.Kind.WIN, text, Optional.empty());
  }

  @Test
  void membersShareAndCheerAndReadTheWallNewestFirst() {
    Run run = started().ok(win("Ana@Example.at", "  Drei Posts geplant ")).ok(tip("ben@example.at", "Vorlage kopieren"))
        .ok(new CheerPost("p1", "ben@example.at"));
    assertThat(run.events.get(run.events.size() - 3)).isEqualTo(new PostShared(DURING, "p1", FEB, "ana@example.at",
        WallPost.Kind.WIN, "Drei Posts geplant", Optional.empty()));
    List<WallPost> wall = run.state.wall("ana@example.at");
    assertThat(wall).extracting(WallPost::id).containsExactly("p2", "p1");
    assertThat(wall.get(1).cheers()).containsExactly("ben@example.at");
    assertThat(wall.get(0).taskId()).contains("plan-posts");
    assertThat(run.state.wall("BEN@example.at")).isEqualTo(wall);
    // Cheering twice counts once and records nothing.
    int before = run.events.size();
    run.ok(new CheerPost("p1", "ben@example.at"));
    assertThat(run.events).hasSize(before);
    assertThat(run.state.post("p1").orElseThrow().cheers()).hasSize(1);
  }

  @Test
  void onlyPeopleWithASeatReadTheWall() {
    Run run = started().ok(win("ana@example.at", "Geschafft"));
    assertThat(run.state.wall("cem@example.org")).isEmpty(); // waitlisted
    assertThat(run.state.wall("dora@example.at")).isEmpty(); // never registered
    assertThat(run.state.wall()).hasSize(1); // the host's view
    run.rejects(new CheerPost("p1", "cem@example.org"), RejectionCode.NOT_SEATED);
    run.rejects(win("cem@example.org", "Ich auch"), RejectionCode.NOT_SEATED);
    run.rejects(win("dora@example.at", "Ich auch"), RejectionCode.NOT_REGISTERED);
  }

  @Test
  void sharingWaitsForTheDateAndNeedsAKnownTask() {
    Run run = started().at(Instant.parse("2027-02-02T07:59:00Z"));
    run.rejects(win("ana@example.at", "Zu früh"), RejectionCode.DATE_NOT_STARTED);
    run.at(DURING).rejects(new SharePost(FEB, "ana@example.at", WallPost.Kind.TIP, "x", Optional.of("knit-socks")),
        RejectionCode.UNKNOWN_TASK);
    run.rejects(new SharePost(FEB.plusWeeks(1), "ana@example.at", WallPost.Kind.WIN, "x", Optional.empty()),
        RejectionCode.UNKNOWN_DATE);
  }

  @Test
  void authorsAndTheHostRemovePostsAndIdsAreNotReused() {
    Run run = started().ok(win("ana@example.at", "Eins")).ok(win("ana@example.at", "Zwei"))
        .ok(new RemovePost("p1", Optional.of("ANA@example.at"))).ok(new RemovePost("p2", Optional.empty()))
        .ok(win("ben@example.at", "Drei"));
    assertThat(run.state.wall("ana@example.at")).extracting(WallPost::id).containsExactly("p3");
    run.rejects(new RemovePost("p1", Optional.empty()), RejectionCode.UNKNOWN_POST);
  }

  @Test
  void theHostMakesATipAResourceOfItsTask() {
    Run run = started().ok(tip("ana@example.at", "Vorlage\nkopieren")).ok(tip("ben@example.at", "Canva hilft"))
        .ok(new PromoteTip("p1", "Tipp von Ana", Optional.empty()))
        .ok(new PromoteTip("p2", "Canva", Optional.of("https://www.canva.com")));
    assertThat(run.events.subList(run.events.size() - 4, run.events.size())).extracting(Object::getClass)
        .containsExactly(TaskResourcesSet.class, TipPromoted.class, TaskResourcesSet.class, TipPromoted.class);
    assertThat(run.state.resources("plan-posts", FORMAT)).containsExactly(
        TaskResource.written("Tipp von Ana", Optional.empty(), List.of("Vorlage kopieren")),
        TaskResource.written("Canva", Optional.of("https://www.canva.com"), List.of()));
    assertThat(run.state.post("p1").orElseThrow().promoted()).isTrue();
    run.rejects(new PromoteTip("p2", "Canva", Optional.empty()), RejectionCode.ALREADY_PROMOTED);
    Run more = started().ok(tip("ana@example.at", "x".repeat(201)));
    more.rejects(new PromoteTip("p1", "Lang", Optional.empty()), RejectionCode.INVALID_RESOURCE);
    more.rejects(new PromoteTip("p1", " ", Optional.of("https://a.example")), RejectionCode.INVALID_RESOURCE);
    more.rejects(new PromoteTip("p1", "Link", Optional.of("javascript:alert(1)")), RejectionCode.INVALID_RESOURCE);
  }

  @Test
  void winsAreSuggestedFromTheGoalsDoneAtTheLastDateUntilShared() {
    Run run = started().ok(new RecordOutcomes(FEB, "ana@example.at", List.of(
        new GoalOutcome("Drei Posts geplant", Optional.of("plan-posts"), GoalStatus.DONE),
        new GoalOutcome("Impressum", Optional.empty(), GoalStatus.PARTLY_DONE),
        new GoalOutcome("Newsletter", Optional.empty(), GoalStatus.DONE))));
    assertThat(run.state.winSuggestions("ana@example.at").orElseThrow().getValue()).extracting(GoalOutcome::text)
        .containsExactly("Drei Posts geplant", "Newsletter");
    // Suggested, not posted: the wall is empty until Ana shares.
    assertThat(run.state.wall("ana@example.at")).isEmpty();
    run.ok(new SharePost(FEB, "ana@example.at", WallPost.Kind.WIN, "Newsletter", Optional.empty()));
    assertThat(run.state.winSuggestions("ana@example.at").orElseThrow().getValue()).extracting(GoalOutcome::text)
        .containsExactly("Drei Posts geplant");
    assertThat(run.state.winSuggestions("ben@example.at")).isEmpty();
  }

  @Test
  void replayGivesTheSameWall() {
    Run run = started().ok(win("ana@example.at", "Eins")).ok(tip("ben@example.at", "Zwei"))
        .ok(new CheerPost("p2", "ana@example.at")).ok(new PromoteTip("p2", "Zwei", Optional.empty()))
        .ok(new RemovePost("p1", Optional.empty()));
    assertThat(run.engine.replay(ID, run.events)).isEqualTo(run.state);
  }
}
