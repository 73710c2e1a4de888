package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static io.peerwork.core.RejectionCode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import io.peerwork.core.Fixtures.Run;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesFixtures;
import io.peerwork.core.series.WallPost;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** One example per rejection code: the command is rejected with that code, and nothing changes. */
class RejectionCodeTest {

  private static final java.time.LocalDate WALL_DATE = java.time.LocalDate.of(2027, 2, 2);
  private static final Map<RejectionCode, Runnable> EXAMPLES = new EnumMap<>(RejectionCode.class);

  private static void example(RejectionCode code, Runnable r) {
    EXAMPLES.put(code, r);
  }

  static {
    example(SESSION_NOT_FOUND, () -> new Run().rejects(new Join(ANA, "Ana", Role.PARTICIPANT), SESSION_NOT_FOUND));
    example(SESSION_ALREADY_EXISTS, () -> Run.lobby().rejects(new ScheduleSession(plan(5, "fcfs")), SESSION_ALREADY_EXISTS));
    example(UNKNOWN_FORMAT, () -> new Run().rejects(new ScheduleSession(new SessionPlan(SID, "knitting-circle", "x",
        T0, ZoneId.of("UTC"), 5, AGENDA, "fcfs")), UNKNOWN_FORMAT));
    example(UNKNOWN_QUEUE_POLICY, () -> new Run().rejects(new ScheduleSession(plan(5, "loudest-first")), UNKNOWN_QUEUE_POLICY));
    example(SESSION_ID_MISMATCH, () -> new Run().rejects(new ScheduleSession(new SessionPlan(SessionId.of("other"),
        FORMAT.id(), "x", T0, ZoneId.of("UTC"), 5, AGENDA, "fcfs")), SESSION_ID_MISMATCH));
    example(SESSION_NOT_OPEN, () -> new Run().ok(new ScheduleSession(plan(5, "fcfs")))
        .rejects(new Join(ANA, "Ana", Role.PARTICIPANT), SESSION_NOT_OPEN));
    example(SESSION_ALREADY_OPEN, () -> Run.lobby().rejects(new OpenSession(HOST), SESSION_ALREADY_OPEN));
    example(SESSION_ALREADY_STARTED, () -> Run.running().rejects(new StartSession(HOST), SESSION_ALREADY_STARTED));
    example(SESSION_NOT_RUNNING, () -> Run.lobby().rejects(new AdvancePhase(HOST), SESSION_NOT_RUNNING));
    example(SESSION_ENDED, () -> Run.running().ok(new EndSession(HOST))
        .rejects(new DeclareGoal(ANA, "zu spät", Optional.empty()), SESSION_ENDED));
    example(NOT_A_PARTICIPANT, () -> Run.running().rejects(new DeclareGoal(CEM, "Posts", Optional.empty()), NOT_A_PARTICIPANT));
    example(ROLE_NOT_ALLOWED, () -> Run.running().rejects(new AdvancePhase(ANA), ROLE_NOT_ALLOWED));
    example(ALREADY_PRESENT, () -> Run.lobby().rejects(new Join(ANA, "Ana", Role.PARTICIPANT), ALREADY_PRESENT));
    example(ROLE_MISMATCH, () -> Run.lobby().ok(new Leave(ANA)).rejects(new Join(ANA, "Ana", Role.HOST), ROLE_MISMATCH));
    example(SESSION_FULL, () -> {
      Run run = new Run().ok(new ScheduleSession(plan(1, "fcfs"))).ok(new Join(HOST, "H", Role.HOST))
          .ok(new OpenSession(HOST)).ok(new Join(ANA, "Ana", Role.PARTICIPANT));
      run.rejects(new Join(BEN, "Ben", Role.PARTICIPANT), SESSION_FULL);
    });
    example(INVALID_NAME, () -> {
      Run.lobby().rejects(new Join(CEM, "   ", Role.PARTICIPANT), INVALID_NAME);
      Run.lobby().rejects(new Join(CEM, "x".repeat(61), Role.PARTICIPANT), INVALID_NAME);
      Run.lobby().rejects(new Join(CEM, "Cem\u0000", Role.PARTICIPANT), INVALID_NAME);
    });
    example(NO_FOCUS_BLOCK_AHEAD, () -> {
      Run run = Run.inFocus().ok(new AdvancePhase(HOST)).ok(new AdvancePhase(HOST)).ok(new AdvancePhase(HOST));
      run.rejects(new DeclareGoal(ANA, "Noch was", Optional.empty()), NO_FOCUS_BLOCK_AHEAD);
    });
    example(INVALID_GOAL_TEXT, () -> {
      Run.inFocus().rejects(new DeclareGoal(ANA, "", Optional.empty()), INVALID_GOAL_TEXT);
      Run.inFocus().rejects(new DeclareGoal(ANA, "ä".repeat(281), Optional.empty()), INVALID_GOAL_TEXT);
      Run.inFocus().ok(new DeclareGoal(ANA, "ä".repeat(280), Optional.empty()))
          .rejects(new EditGoal(ANA, GoalId.of("g1"), " "), INVALID_GOAL_TEXT);
    });
    example(TOO_MANY_GOALS, () -> {
      Run run = Run.inFocus();
      for (int i = 1; i <= 10; i++) {
        run.ok(new DeclareGoal(ANA, "Ziel " + i, Optional.empty()));
      }
      run.rejects(new DeclareGoal(ANA, "Ziel 11", Optional.empty()), TOO_MANY_GOALS);
    });
    example(UNKNOWN_TASK, () -> Run.inFocus().rejects(new DeclareGoal(ANA, "x", Optional.of("knit-socks")), UNKNOWN_TASK));
    example(UNKNOWN_GOAL, () -> Run.inFocus().rejects(new MarkGoal(ANA, GoalId.of("g9"), GoalStatus.DONE), UNKNOWN_GOAL));
    example(NOT_YOUR_GOAL, () -> Run.inFocus().ok(new DeclareGoal(ANA, "Posts", Optional.empty()))
        .rejects(new MarkGoal(BEN, GoalId.of("g1"), GoalStatus.DONE), NOT_YOUR_GOAL));
    example(ALREADY_IN_QUEUE, () -> Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""))
        .rejects(new RaiseHand(ANA, "content-ideas", ""), ALREADY_IN_QUEUE));
    example(UNKNOWN_TOPIC, () -> Run.inFocus().rejects(new RaiseHand(ANA, "tax-law", ""), UNKNOWN_TOPIC));
    example(INVALID_NOTE, () -> Run.inFocus().rejects(new RaiseHand(ANA, "image-tools", "x".repeat(501)), INVALID_NOTE));
    example(NOT_IN_QUEUE, () -> Run.inFocus().rejects(new WithdrawHand(ANA), NOT_IN_QUEUE));
    example(QUEUE_EMPTY, () -> Run.inFocus().rejects(new ClaimNext(EXPERT), QUEUE_EMPTY));
    example(UNKNOWN_REQUEST, () -> Run.inFocus().rejects(new ClaimRequest(EXPERT, RequestId.of("r7")), UNKNOWN_REQUEST));
    example(ALREADY_CLAIMED, () -> Run.inFocus().ok(new Join(EXPERT2, "Emil", Role.EXPERT))
        .ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
        .rejects(new ClaimRequest(EXPERT2, RequestId.of("r1")), ALREADY_CLAIMED));
    example(NOT_CLAIMED_BY_YOU, () -> Run.inFocus().ok(new Join(EXPERT2, "Emil", Role.EXPERT))
        .ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
        .rejects(new FinishHelp(EXPERT2, RequestId.of("r1"), HelpOutcome.SOLVED), NOT_CLAIMED_BY_YOU));
    example(EXPERT_BUSY, () -> Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""))
        .ok(new RaiseHand(BEN, "image-tools", "")).ok(new ClaimNext(EXPERT))
        .rejects(new ClaimNext(EXPERT), EXPERT_BUSY));
    example(NO_NEXT_PHASE, () -> {
      Run run = Run.running();
      for (int i = 1; i < AGENDA.size(); i++) {
        run.ok(new AdvancePhase(HOST));
      }
      run.rejects(new AdvancePhase(HOST), NO_NEXT_PHASE);
    });
    example(INVALID_EXTENSION, () -> {
      Run.running().rejects(new ExtendPhase(HOST, 0), INVALID_EXTENSION);
      Run.running().rejects(new ExtendPhase(HOST, 121), INVALID_EXTENSION);
    });
    example(REASON_TOO_LONG, () -> Run.lobby().rejects(new CancelSession(HOST, "x".repeat(281)), REASON_TOO_LONG));
    example(MEMBER_REMOVED, () -> Run.lobby().ok(new RemoveMember(Optional.of(HOST), ANA, "Spam"))
        .rejects(new Join(ANA, "Ana", Role.PARTICIPANT), MEMBER_REMOVED));
    example(UNKNOWN_MEMBER, () -> Run.lobby().rejects(new RemoveMember(Optional.of(HOST), CEM, ""), UNKNOWN_MEMBER));
    example(CANNOT_REMOVE_SELF, () -> Run.lobby().rejects(new RemoveMember(Optional.of(HOST), HOST, ""), CANNOT_REMOVE_SELF));
    example(CANNOT_REMOVE_HOST, () -> Run.lobby().ok(new Join(CEM, "Co-Host", Role.HOST))
        .rejects(new RemoveMember(Optional.of(HOST), CEM, ""), CANNOT_REMOVE_HOST));
    example(INVALID_NO_SHOW_MINUTES, () -> {
      Run.lobby().rejects(new SetNoShowMinutes(HOST, -1), INVALID_NO_SHOW_MINUTES);
      Run.lobby().rejects(new SetNoShowMinutes(HOST, 121), INVALID_NO_SHOW_MINUTES);
    });
    example(INVITE_NOT_REVOCABLE, () -> Run.lobby().rejects(new RevokeInvite(HOST, Role.HOST), INVITE_NOT_REVOCABLE));
    example(INVALID_HELP_PLACE, () -> {
      Run.lobby().rejects(new SetHelpPlace(EXPERT, "x".repeat(121)), INVALID_HELP_PLACE);
      Run.lobby().rejects(new SetHelpPlace(EXPERT, "Tisch\n2"), INVALID_HELP_PLACE);
      Run.lobby().rejects(new SetHelpPlace(EXPERT, "https://bank.example@evil.example/call"), INVALID_HELP_PLACE);
    });
    example(QUEUE_CLOSED, () -> {
      Run closed = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""))
          .ok(new SetQueueState(EXPERT, QueueStatus.CLOSED, "Für heute ist Schluss"));
      closed.rejects(new RaiseHand(BEN, "image-tools", ""), QUEUE_CLOSED);
      closed.rejects(new JoinRequest(BEN, RequestId.of("r1"), ""), QUEUE_CLOSED);
    });
    example(QUEUE_PAUSED, () -> Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""))
        .ok(new SetQueueState(EXPERT, QueueStatus.PAUSED, "Bin in 10 Minuten zurück"))
        .rejects(new ClaimNext(EXPERT), QUEUE_PAUSED));
    example(NOT_ON_HOLD, () -> Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""))
        .rejects(new ReadyAgain(ANA), NOT_ON_HOLD));
    example(INVALID_HOLD_MINUTES, () -> {
      Run claimed = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT));
      claimed.rejects(new HoldHelp(EXPERT, RequestId.of("r1"), -1), INVALID_HOLD_MINUTES);
      claimed.rejects(new HoldHelp(EXPERT, RequestId.of("r1"), 61), INVALID_HOLD_MINUTES);
    });
    example(REQUEST_NOT_WAITING, () -> Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
        .rejects(new JoinRequest(BEN, RequestId.of("r1"), "ich auch"), REQUEST_NOT_WAITING));
    example(INVALID_ANNOUNCEMENT, () -> {
      Run.inFocus().rejects(new PostAnnouncement(HOST, " ", Announcement.Audience.EVERYONE), INVALID_ANNOUNCEMENT);
      Run.inFocus().rejects(new PostAnnouncement(EXPERT, "x".repeat(281), Announcement.Audience.WAITING),
          INVALID_ANNOUNCEMENT);
      Run.inFocus().rejects(new PostAnnouncement(HOST, "Pause\u202E", Announcement.Audience.EVERYONE),
          INVALID_ANNOUNCEMENT);
    });
    example(NO_ANNOUNCEMENT, () -> Run.inFocus().rejects(new RemoveAnnouncement(HOST), NO_ANNOUNCEMENT));
    example(NOT_YOUR_REQUEST, () -> Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
        .ok(new FinishHelp(EXPERT, RequestId.of("r1"), HelpOutcome.SOLVED))
        .rejects(new RateHelp(BEN, RequestId.of("r1"), HelpFeedback.SOLVED), NOT_YOUR_REQUEST));
    example(HELP_NOT_FINISHED, () -> Run.inFocus().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
        .rejects(new RateHelp(ANA, RequestId.of("r1"), HelpFeedback.SOLVED), HELP_NOT_FINISHED));
    example(RAISED_TOO_SOON, () -> {
      Run helped = Run.timedLobby().ok(new RaiseHand(ANA, "image-tools", "")).ok(new ClaimNext(EXPERT))
          .ok(new FinishHelp(EXPERT, RequestId.of("r1"), HelpOutcome.SOLVED)).afterMinutes(4);
      helped.rejects(new RaiseHand(ANA, "content-ideas", ""), RAISED_TOO_SOON);
      helped.ok(new RaiseHand(BEN, "content-ideas", "")).rejects(new JoinRequest(ANA, RequestId.of("r2"), ""),
          RAISED_TOO_SOON);
    });
    example(NO_PEER_SUGGESTED, () -> Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""))
        .rejects(new AcceptPeerHelp(ANA, BEN), NO_PEER_SUGGESTED));
    example(TOO_MANY_TOPICS, () -> {
      Run.inFocus().rejects(new SetExpertTopics(EXPERT, java.util.List.of("image-tools", "image-tools")),
          TOO_MANY_TOPICS);
      Run.inFocus().rejects(new OfferPeerHelp(BEN, java.util.Collections.nCopies(21, "image-tools")), TOO_MANY_TOPICS);
    });
    example(PEER_TOPIC_NOT_EARNED, () -> Run.inFocus().rejects(new OfferPeerHelp(BEN, java.util.List.of("image-tools")),
        PEER_TOPIC_NOT_EARNED));

    // Series: every first Tuesday; 2 Feb 2027 is one, 9 Feb is not.
    java.time.LocalDate feb = java.time.LocalDate.of(2027, 2, 2);
    java.util.function.IntFunction<SeriesFixtures.Run> series = capacity -> new SeriesFixtures.Run(FORMAT,
        java.time.Instant.parse("2027-01-01T10:00:00Z")).ok(new SeriesCommand.CreateSeries(SeriesFixtures.plan(FORMAT, capacity)));
    example(SERIES_NOT_FOUND, () -> new SeriesFixtures.Run(FORMAT, T0)
        .rejects(new SeriesCommand.CancelDate(feb, ""), SERIES_NOT_FOUND));
    example(SERIES_ALREADY_EXISTS, () -> series.apply(5)
        .rejects(new SeriesCommand.CreateSeries(SeriesFixtures.plan(FORMAT, 5)), SERIES_ALREADY_EXISTS));
    example(UNKNOWN_DATE, () -> series.apply(5).rejects(new SeriesCommand.CancelDate(feb.plusWeeks(1), ""), UNKNOWN_DATE));
    example(DATE_CANCELLED, () -> series.apply(5).ok(new SeriesCommand.CancelDate(feb, "Grippe"))
        .rejects(reg(feb, "ana@example.at"), DATE_CANCELLED));
    example(DATE_PASSED, () -> series.apply(5).at(java.time.Instant.parse("2027-02-02T09:00:00Z"))
        .rejects(reg(feb, "ana@example.at"), DATE_PASSED));
    example(DATE_NOT_STARTED, () -> series.apply(5).rejects(new SeriesCommand.RecordNoShows(feb), DATE_NOT_STARTED));
    example(INVALID_EMAIL, () -> series.apply(5).rejects(reg(feb, "ana at example"), INVALID_EMAIL));
    example(INVALID_LANGUAGE, () -> series.apply(5).rejects(new SeriesCommand.Register(feb, "Ana", "ana@example.at",
        "fr", Optional.empty()), INVALID_LANGUAGE));
    example(INVALID_PRICE, () -> series.apply(5).rejects(new SeriesCommand.Register(feb, "Ana", "ana@example.at",
        "de", Optional.of(-1L)), INVALID_PRICE));
    example(ALREADY_REGISTERED, () -> series.apply(5).ok(reg(feb, "ana@example.at"))
        .rejects(reg(feb, "Ana@Example.at"), ALREADY_REGISTERED));
    example(DOMAIN_SHARE_REACHED, () -> series.apply(5).ok(reg(feb, "ana@catch-all.at")).ok(reg(feb, "ben@catch-all.at"))
        .rejects(reg(feb, "cem@catch-all.at"), DOMAIN_SHARE_REACHED));
    example(NOT_REGISTERED, () -> series.apply(5).rejects(new SeriesCommand.CheckIn(feb, "ana@example.at"), NOT_REGISTERED));
    example(NOT_SEATED, () -> series.apply(1).ok(reg(feb, "ana@example.at")).ok(reg(feb, "ben@example.at"))
        .rejects(new SeriesCommand.CheckIn(feb, "ben@example.at"), NOT_SEATED));
    example(DATE_CONFLICT, () -> series.apply(5).rejects(new SeriesCommand.MoveDate(feb,
        java.time.LocalDateTime.of(2027, 3, 2, 15, 0)), DATE_CONFLICT));
    example(NO_SUCH_ROUTINE, () -> series.apply(5)
        .rejects(new SeriesCommand.DropRoutine("ana@example.at", "plan-posts"), NO_SUCH_ROUTINE));
    example(INVALID_TITLE, () -> {
      new Run().rejects(new ScheduleSession(new SessionPlan(SID, FORMAT.id(), "Küche\nINFO forged line", T0,
          ZoneId.of("UTC"), 5, AGENDA, "fcfs")), INVALID_TITLE);
      new SeriesFixtures.Run(FORMAT, T0).rejects(new SeriesCommand.CreateSeries(seriesPlan("Küche\u202E",
          SeriesFixtures.plan(FORMAT, 5).place())), INVALID_TITLE);
    });
    example(INVALID_LINK, () -> new SeriesFixtures.Run(FORMAT, T0).rejects(new SeriesCommand.CreateSeries(
        seriesPlan("Küche", io.peerwork.core.series.Place.online("https://a b"))), INVALID_LINK));
    example(RESERVED_NAME, () -> {
      Run.lobby().rejects(new Join(CEM, " host ", Role.PARTICIPANT), RESERVED_NAME);
      series.apply(5).rejects(new SeriesCommand.Register(feb, "Gastgeberin", "ana@example.at", "de",
          Optional.empty()), RESERVED_NAME);
    });
    example(DATE_OUT_OF_RANGE, () -> {
      new Run().rejects(new ScheduleSession(new SessionPlan(SID, FORMAT.id(), "x",
          java.time.Instant.parse("+999999999-01-01T00:00:00Z"), ZoneId.of("UTC"), 5, AGENDA, "fcfs")), DATE_OUT_OF_RANGE);
      series.apply(5).rejects(new SeriesCommand.MoveDate(feb, java.time.LocalDateTime.of(1999, 12, 31, 9, 0)),
          DATE_OUT_OF_RANGE);
    });
    example(INVALID_RESOURCE, () -> {
      series.apply(5).rejects(new SeriesCommand.SetTaskResources("plan-posts", java.util.List.of(
          TaskResource.written("Hilfe", Optional.of("javascript:alert(1)"), java.util.List.of()))), INVALID_RESOURCE);
      series.apply(5).rejects(new SeriesCommand.SetTaskResources("plan-posts", java.util.List.of(
          TaskResource.written("Nur ein Titel", Optional.empty(), java.util.List.of()))), INVALID_RESOURCE);
      series.apply(5).rejects(new SeriesCommand.SetTaskResources("plan-posts", java.util.List.of(
          TaskResource.written("x".repeat(121), Optional.of("https://example.org"), java.util.List.of()))),
          INVALID_RESOURCE);
    });
    example(TOO_MANY_RESOURCES, () -> series.apply(5).rejects(new SeriesCommand.SetTaskResources("plan-posts",
        java.util.Collections.nCopies(11, TaskResource.written("Hilfe", Optional.of("https://example.org/hilfe"),
            java.util.List.of()))), TOO_MANY_RESOURCES));
    java.util.function.Supplier<SeriesFixtures.Run> benLooking = () -> series.apply(5).ok(reg(feb, "ana@example.at"))
        .ok(reg(feb, "ben@example.at")).ok(reg(feb, "cem@gmx.at"))
        .ok(new SeriesCommand.LookForBuddy(feb, "ben@example.at"));
    example(ALREADY_PAIRED, () -> benLooking.get().ok(new SeriesCommand.PairBuddies(feb, "ana@example.at", "ben@example.at"))
        .rejects(new SeriesCommand.PairBuddies(feb, "cem@gmx.at", "ben@example.at"), ALREADY_PAIRED));
    example(BUDDY_NOT_LOOKING, () -> benLooking.get()
        .rejects(new SeriesCommand.PairBuddies(feb, "ben@example.at", "cem@gmx.at"), BUDDY_NOT_LOOKING));
    example(CANNOT_PAIR_WITH_SELF, () -> benLooking.get()
        .rejects(new SeriesCommand.PairBuddies(feb, "ben@example.at", "Ben@example.at"), CANNOT_PAIR_WITH_SELF));
    example(NO_BUDDY, () -> benLooking.get().rejects(new SeriesCommand.BuddyCheckIn(feb, "ben@example.at",
        io.peerwork.core.series.BuddyMood.GOING_WELL), NO_BUDDY));
    example(INVALID_POST_TEXT, () -> {
      wall().rejects(new SeriesCommand.SharePost(WALL_DATE, "ben@example.at", WallPost.Kind.WIN, " ",
          Optional.empty()), INVALID_POST_TEXT);
      wall().rejects(new SeriesCommand.SharePost(WALL_DATE, "ben@example.at", WallPost.Kind.WIN, "x".repeat(281),
          Optional.empty()), INVALID_POST_TEXT);
      wall().rejects(new SeriesCommand.SharePost(WALL_DATE, "ben@example.at", WallPost.Kind.WIN, "Ha\u202Ello",
          Optional.empty()), INVALID_POST_TEXT);
    });
    example(UNKNOWN_POST, () -> {
      wall().rejects(new SeriesCommand.CheerPost("p9", "ben@example.at"), UNKNOWN_POST);
      wall().rejects(new SeriesCommand.RemovePost("p9", Optional.empty()), UNKNOWN_POST);
      wall().rejects(new SeriesCommand.PromoteTip("p9", "Tipp", Optional.empty()), UNKNOWN_POST);
    });
    example(OWN_POST, () -> wall().rejects(new SeriesCommand.CheerPost("p1", "ana@example.at"), OWN_POST));
    example(NOT_YOUR_POST, () -> wall().rejects(new SeriesCommand.RemovePost("p1", Optional.of("ben@example.at")),
        NOT_YOUR_POST));
    example(TIP_NEEDS_TASK, () -> wall().rejects(new SeriesCommand.SharePost(WALL_DATE, "ben@example.at",
        WallPost.Kind.TIP, "Immer mittwochs posten", Optional.empty()), TIP_NEEDS_TASK));
    example(NOT_A_TIP, () -> wall().rejects(new SeriesCommand.PromoteTip("p2", "Sieg", Optional.empty()), NOT_A_TIP));
    example(ALREADY_PROMOTED, () -> wall().ok(new SeriesCommand.PromoteTip("p1", "Vorlage", Optional.empty()))
        .rejects(new SeriesCommand.PromoteTip("p1", "Vorlage", Optional.empty()), ALREADY_PROMOTED));
    example(INVALID_ADDRESS, () -> new SeriesFixtures.Run(FORMAT, T0).rejects(new SeriesCommand.CreateSeries(
        seriesPlan("Küche", io.peerwork.core.series.Place.at("Gasse 1\u200B"))), INVALID_ADDRESS));
  }

  /** A series where Ana (seated) shared a tip p1 and a win p2 on 2 Feb, and Ben had a seat too. */
  private static SeriesFixtures.Run wall() {
    java.time.LocalDate feb = java.time.LocalDate.of(2027, 2, 2);
    return new SeriesFixtures.Run(FORMAT, java.time.Instant.parse("2027-01-01T10:00:00Z"))
        .ok(new SeriesCommand.CreateSeries(SeriesFixtures.plan(FORMAT, 5)))
        .ok(reg(feb, "ana@example.at")).ok(reg(feb, "ben@example.at"))
        .at(java.time.Instant.parse("2027-02-02T12:00:00Z"))
        .ok(new SeriesCommand.SharePost(feb, "ana@example.at", WallPost.Kind.TIP, "Vorlage kopieren",
            Optional.of("plan-posts")))
        .ok(new SeriesCommand.SharePost(feb, "ana@example.at", WallPost.Kind.WIN, "Drei Posts geplant",
            Optional.empty()));
  }

  private static io.peerwork.core.series.SeriesPlan seriesPlan(String title, io.peerwork.core.series.Place place) {
    var p = SeriesFixtures.plan(FORMAT, 5);
    return new io.peerwork.core.series.SeriesPlan(p.id(), p.formatId(), title, p.recurrence(), p.zone(), p.capacity(),
        p.experts(), place);
  }

  private static SeriesCommand.Register reg(java.time.LocalDate date, String email) {
    return new SeriesCommand.Register(date, "Ana", email, "de", Optional.empty());
  }

  @TestFactory
  Stream<DynamicTest> eachCodeHasAnExampleThatRejectsAndChangesNothing() {
    return EXAMPLES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().name(), e.getValue()::run));
  }

  @Test
  void everyCodeHasAnExample() {
    assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrder(RejectionCode.values());
  }

  @Test
  void participantsCannotActForOthersOrTakeOthersRoles() {
    Run run = Run.inFocus().ok(new RaiseHand(ANA, "image-tools", ""));
    run.rejects(new ClaimNext(ANA), ROLE_NOT_ALLOWED);
    run.rejects(new ExtendPhase(EXPERT, 5), ROLE_NOT_ALLOWED);
    run.rejects(new EndSession(ANA), ROLE_NOT_ALLOWED);
    run.rejects(new RaiseHand(HOST, "image-tools", ""), ROLE_NOT_ALLOWED);
    run.rejects(new CancelSession(EXPERT, ""), ROLE_NOT_ALLOWED);
    run.rejects(new RemoveMember(Optional.of(ANA), BEN, ""), ROLE_NOT_ALLOWED);
    run.rejects(new RemoveMember(Optional.of(EXPERT), BEN, ""), ROLE_NOT_ALLOWED);
    run.rejects(new ReadmitMember(Optional.of(ANA), BEN), ROLE_NOT_ALLOWED);
    run.rejects(new SetNoShowMinutes(EXPERT, 5), ROLE_NOT_ALLOWED);
    run.rejects(new SetHelpPlace(ANA, "Tisch 2"), ROLE_NOT_ALLOWED);
    run.rejects(new RevokeInvite(ANA, Role.PARTICIPANT), ROLE_NOT_ALLOWED);
    run.rejects(new ReleaseSeat(EXPERT, SeatReleaseReason.NEVER_CONNECTED), ROLE_NOT_ALLOWED);
  }
}
