package io.peerwork.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerwork.core.*;
import io.peerwork.core.SessionEvent.*;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerworkJacksonTest {
  private final ObjectMapper json = PeerworkJackson.newObjectMapper();
  private final Instant t = Instant.parse("2026-03-03T08:00:00Z");
  private final ParticipantId ana = ParticipantId.of("ana");
  private final SessionPlan plan = new SessionPlan(SessionId.of("s1"), "social-media-kitchen", "März", t,
      ZoneId.of("Europe/Vienna"), 12, Agenda.of(Phase.of(PhaseKind.GOAL_ROUND, 15), Phase.of(PhaseKind.FOCUS_BLOCK, 50)),
      "fair");

  /** One example of every event type: adding an event type without adding it here fails the count check. */
  private final ParticipantId eva = ParticipantId.of("eva");

  private List<SessionEvent> everyEvent() {
    return List.of(
        new SessionScheduled(t, plan),
        new SessionOpened(t, Optional.empty()),
        new SessionOpened(t, Optional.of(ana)),
        new SessionStarted(t, ana),
        new PhaseAdvanced(t, 0, 1, Optional.of(ana)),
        new PhaseExtended(t, 1, Duration.ofMinutes(5), ana),
        new SessionEnded(t, Optional.empty()),
        new SessionCancelled(t, Optional.of(ana), "Krankheit"),
        new SessionCancelled(t, Optional.empty(), "Termin abgesagt"),
        new SessionRescheduled(t, t.plusSeconds(3600)),
        new ParticipantJoined(t, ana, "Ana Müller", Role.PARTICIPANT),
        new ParticipantLeft(t, ana),
        new GoalDeclared(t, GoalId.of("g1"), ana, 1, "Posts für März planen", Optional.of("plan-posts")),
        new GoalDeclared(t, GoalId.of("g2"), ana, 1, "Eigenes Ziel", Optional.empty()),
        new GoalEdited(t, GoalId.of("g1"), "Posts planen"),
        new GoalMarked(t, GoalId.of("g1"), GoalStatus.PARTLY_DONE),
        new GoalsCarriedOver(t, List.of(GoalId.of("g2"))),
        new HandRaised(t, RequestId.of("r1"), ana, "image-tools", "Canva?"),
        new HandWithdrawn(t, RequestId.of("r1")),
        new HelpClaimed(t, RequestId.of("r1"), ParticipantId.of("eva")),
        new HelpReleased(t, RequestId.of("r1")),
        new HelpFinished(t, RequestId.of("r1"), HelpOutcome.SOLVED),
        new MemberRemoved(t, ana, Optional.of(ParticipantId.of("hanna")), "Werbung"),
        new MemberRemoved(t, ana, Optional.empty(), ""),
        new MemberReadmitted(t, ana, Optional.empty()),
        new SeatReleased(t, ana, SeatReleaseReason.NEVER_CONNECTED),
        new NoShowMinutesSet(t, 15, ana),
        new InviteRevoked(t, Role.PARTICIPANT, 2, ana),
        new HelpPlaceSet(t, ana, "Tisch 2"),
        new HelpPlaceSet(t, ana, ""),
        new SessionEvent.HelpHeld(t, RequestId.of("r1"), eva, Optional.of(t.plusSeconds(600))),
        new SessionEvent.HelpHeld(t, RequestId.of("r1"), eva, Optional.empty()),
        new SessionEvent.HoldEnded(t, RequestId.of("r1"), Optional.of(ana)),
        new SessionEvent.HoldEnded(t, RequestId.of("r1"), Optional.empty()),
        new SessionEvent.RequestJoined(t, RequestId.of("r1"), ParticipantId.of("ben"), "ich auch"),
        new SessionEvent.RequestLeft(t, RequestId.of("r1"), ana),
        new SessionEvent.QueueStateSet(t, QueueStatus.PAUSED, "Bin gleich zurück", eva),
        new SessionEvent.AnnouncementPosted(t, eva, "Vorlagen im Chat", Announcement.Audience.WAITING),
        new SessionEvent.AnnouncementRemoved(t, eva),
        new SessionEvent.HelpRated(t, RequestId.of("r1"), ana, HelpFeedback.NOT_YET),
        new SessionEvent.ExpertTopicsSet(t, eva, List.of("image-tools")),
        new SessionEvent.PeerOfferSet(t, ana, List.of()),
        new SessionEvent.PeerHelpStarted(t, RequestId.of("r1"), ParticipantId.of("ben")),
        new SessionEvent.PeerHelpDeclined(t, RequestId.of("r1")));
  }

  @Test
  void everyEventTypeRoundTrips() throws Exception {
    List<SessionEvent> events = everyEvent();
    assertThat(events.stream().map(Object::getClass).distinct())
        .hasSize(SessionEvent.class.getPermittedSubclasses().length);
    for (SessionEvent e : events) {
      String text = json.writeValueAsString(e);
      assertThat(json.readValue(text, SessionEvent.class)).as(text).isEqualTo(e);
    }
  }

  @Test
  void eventsHaveAReadableShape() throws Exception {
    String text = json.writeValueAsString(new GoalDeclared(t, GoalId.of("g2"), ana, 1, "Eigenes Ziel", Optional.empty()));
    assertThat(text).isEqualTo(
        "{\"type\":\"GoalDeclared\",\"at\":\"2026-03-03T08:00:00Z\",\"goal\":\"g2\",\"owner\":\"ana\","
            + "\"focusBlock\":1,\"text\":\"Eigenes Ziel\"}");
    assertThat(json.writeValueAsString(new PhaseExtended(t, 1, Duration.ofMinutes(5), ana)))
        .contains("\"extension\":\"PT5M\"");
  }

  @Test
  void everyCommandTypeRoundTrips() throws Exception {
    List<Command> commands = List.of(
        new Command.ScheduleSession(plan), new Command.OpenSession(ana), new Command.StartSession(ana),
        new Command.AdvancePhase(ana), new Command.ExtendPhase(ana, 5), new Command.EndSession(ana),
        new Command.CancelSession(ana, ""), new Command.Tick(), new Command.Join(ana, "Ana", Role.HOST),
        new Command.RescheduleSession(t.plusSeconds(60)), new Command.CallOffSession("Grippewelle"),
        new Command.Leave(ana), new Command.DeclareGoal(ana, "x", Optional.of("plan-posts")),
        new Command.EditGoal(ana, GoalId.of("g1"), "y"), new Command.MarkGoal(ana, GoalId.of("g1"), GoalStatus.DONE),
        new Command.RaiseHand(ana, "image-tools", ""), new Command.WithdrawHand(ana), new Command.ClaimNext(ana),
        new Command.ClaimRequest(ana, RequestId.of("r1")),
        new Command.FinishHelp(ana, RequestId.of("r1"), HelpOutcome.FOLLOW_UP),
        new Command.RemoveMember(Optional.of(ana), ParticipantId.of("bot"), "Spam"),
        new Command.RemoveMember(Optional.empty(), ParticipantId.of("bot"), ""),
        new Command.ReadmitMember(Optional.of(ana), ParticipantId.of("bot")),
        new Command.ReleaseSeat(ana, SeatReleaseReason.CONNECTION_LOST),
        new Command.SetNoShowMinutes(ana, 0), new Command.RevokeInvite(ana, Role.EXPERT),
        new Command.SetHelpPlace(ana, "Tisch 2"),
        new Command.HoldHelp(ana, RequestId.of("r1"), 10), new Command.ReadyAgain(ana),
        new Command.JoinRequest(ana, RequestId.of("r1"), "ich auch"),
        new Command.SetQueueState(ana, QueueStatus.CLOSED, "Schluss"),
        new Command.PostAnnouncement(ana, "Pause bis 11", Announcement.Audience.EVERYONE),
        new Command.RemoveAnnouncement(ana), new Command.RateHelp(ana, RequestId.of("r1"), HelpFeedback.SOLVED),
        new Command.SetExpertTopics(ana, List.of("image-tools", "content-ideas")),
        new Command.OfferPeerHelp(ana, List.of("image-tools")), new Command.AcceptPeerHelp(ana, ParticipantId.of("ben")),
        new Command.DeclinePeerHelp(ana));
    assertThat(commands.stream().map(Object::getClass).distinct())
        .hasSize(Command.class.getPermittedSubclasses().length);
    for (Command c : commands) {
      assertThat(json.readValue(json.writeValueAsString(c), Command.class)).isEqualTo(c);
    }
  }

  @Test
  void oldJsonWithoutALaterOptionalFieldStillReads() throws Exception {
    // Written before GoalDeclared had taskId, and with a field a later version might add.
    String old = "{\"type\":\"GoalDeclared\",\"at\":\"2026-03-03T08:00:00Z\",\"goal\":\"g1\",\"owner\":\"ana\","
        + "\"focusBlock\":2,\"text\":\"Alt\",\"futureField\":true}";
    assertThat(json.readValue(old, SessionEvent.class))
        .isEqualTo(new GoalDeclared(t, GoalId.of("g1"), ana, 2, "Alt", Optional.empty()));
  }

  @Test
  void malformedIdsAreRejectedAsInputErrors() {
    assertThatThrownBy(() -> json.readValue("{\"type\":\"Leave\",\"actor\":\"no spaces allowed\"}", Command.class))
        .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class)
        .hasMessageContaining("ParticipantId");
    assertThatThrownBy(() -> json.readValue("{\"type\":\"Nonsense\"}", Command.class))
        .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidTypeIdException.class);
  }

  @Test
  void aLocalizedTextIsAnObjectOfItsLanguages() throws Exception {
    var text = io.peerwork.core.LocalizedText.of("Grüße", "Greetings");
    assertThat(json.writeValueAsString(text)).isEqualTo("{\"de\":\"Grüße\",\"en\":\"Greetings\"}");
    assertThat(json.readValue("{\"en\":\"Greetings\",\"de\":\"Grüße\"}", io.peerwork.core.LocalizedText.class))
        .isEqualTo(text);
    assertThatThrownBy(() -> json.readValue("{\"de\":\"nur deutsch\"}", io.peerwork.core.LocalizedText.class))
        .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
    assertThatThrownBy(() -> json.readValue("\"text\"", io.peerwork.core.LocalizedText.class))
        .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
  }

  @Test
  void seriesEventsRoundTrip() throws Exception {
    var plan = new io.peerwork.core.series.SeriesPlan(io.peerwork.core.series.SeriesId.of("smk"), "social-media-kitchen",
        "SMK Wien", new io.peerwork.core.series.Recurrence.MonthlyWeekday(1, java.time.DayOfWeek.TUESDAY,
            java.time.LocalTime.of(9, 0), Duration.ofHours(4)), ZoneId.of("Europe/Vienna"), 12, List.of("Eva"),
        io.peerwork.core.series.Place.at("Gumpendorfer Straße 12, 1060 Wien"));
    var date = java.time.LocalDate.of(2027, 2, 2);
    List<io.peerwork.core.series.SeriesEvent> events = List.of(
        new io.peerwork.core.series.SeriesEvent.SeriesCreated(t, plan),
        new io.peerwork.core.series.SeriesEvent.DateMoved(t, date, java.time.LocalDateTime.of(2027, 2, 9, 9, 0)),
        new io.peerwork.core.series.SeriesEvent.Registered(t, date, "ana@example.at", "Ana", "de", Optional.of(3500L), true),
        new io.peerwork.core.series.SeriesEvent.RoutineChosen(t, "ana@example.at", "plan-posts",
            io.peerwork.core.spi.Cadence.MONTHLY),
        new io.peerwork.core.series.SeriesEvent.OutcomesRecorded(t, date, "ana@example.at", List.of(
            new io.peerwork.core.series.GoalOutcome("Posts", Optional.of("plan-posts"), GoalStatus.DONE))),
        new io.peerwork.core.series.SeriesEvent.HelpsRecorded(t, date, "ana@example.at",
            new io.peerwork.core.series.HelpTally(2, 1)),
        new io.peerwork.core.series.SeriesEvent.PersonalLinksRevoked(t, "ana@example.at"),
        new io.peerwork.core.series.SeriesEvent.TaskResourcesSet(t, "plan-posts", List.of(
            io.peerwork.core.TaskResource.written("Vorlage", Optional.of("https://example.org/vorlage"), List.of()),
            new io.peerwork.core.TaskResource(io.peerwork.core.LocalizedText.of("Prüfen", "Check"), Optional.empty(),
                List.of(io.peerwork.core.LocalizedText.of("Links testen", "Test the links"))))));
    for (var e : events) {
      String text = json.writeValueAsString(e);
      assertThat(json.readValue(text, io.peerwork.core.series.SeriesEvent.class)).as(text).isEqualTo(e);
    }
    assertThat(json.writeValueAsString(events.get(1))).contains("\"date\":\"2027-02-02\"");
    assertThat(json.writeValueAsString(events.get(events.size() - 1))).isEqualTo("{\"type\":\"TaskResourcesSet\","
        + "\"at\":\"" + t + "\",\"taskId\":\"plan-posts\",\"resources\":["
        + "{\"title\":{\"de\":\"Vorlage\",\"en\":\"Vorlage\"},\"link\":\"https://example.org/vorlage\",\"checklist\":[]},"
        + "{\"title\":{\"de\":\"Prüfen\",\"en\":\"Check\"},\"checklist\":[{\"de\":\"Links testen\",\"en\":\"Test the links\"}]}]}");
    assertThat(json.writeValueAsString(events.get(events.size() - 2)))
        .isEqualTo("{\"type\":\"PersonalLinksRevoked\",\"at\":\"" + t + "\",\"email\":\"ana@example.at\"}");
    var revoke = new io.peerwork.core.series.SeriesCommand.RevokePersonalLinks("ana@example.at");
    assertThat(json.readValue(json.writeValueAsString(revoke), io.peerwork.core.series.SeriesCommand.class))
        .isEqualTo(revoke);
    var resources = new io.peerwork.core.series.SeriesCommand.SetTaskResources("plan-posts",
        ((io.peerwork.core.series.SeriesEvent.TaskResourcesSet) events.get(events.size() - 1)).resources());
    assertThat(json.readValue(json.writeValueAsString(resources), io.peerwork.core.series.SeriesCommand.class))
        .isEqualTo(resources);
  }

  @Test
  void wallEventsAndCommandsRoundTripWithTheirTypeNames() throws Exception {
    var date = java.time.LocalDate.of(2027, 2, 2);
    var tip = io.peerwork.core.series.WallPost.Kind.TIP;
    List<io.peerwork.core.series.SeriesEvent> events = List.of(
        new io.peerwork.core.series.SeriesEvent.PostShared(t, "p1", date, "ana@example.at", tip, "Vorlage kopieren",
            Optional.of("plan-posts")),
        new io.peerwork.core.series.SeriesEvent.PostShared(t, "p2", date, "ana@example.at",
            io.peerwork.core.series.WallPost.Kind.WIN, "Drei Posts", Optional.empty()),
        new io.peerwork.core.series.SeriesEvent.PostCheered(t, "p1", "ben@example.at"),
        new io.peerwork.core.series.SeriesEvent.TipPromoted(t, "p1"),
        new io.peerwork.core.series.SeriesEvent.PostRemoved(t, "p2"));
    for (var e : events) {
      String text = json.writeValueAsString(e);
      assertThat(json.readValue(text, io.peerwork.core.series.SeriesEvent.class)).as(text).isEqualTo(e);
    }
    assertThat(json.writeValueAsString(events.get(0))).isEqualTo("{\"type\":\"PostShared\",\"at\":\"" + t
        + "\",\"postId\":\"p1\",\"date\":\"2027-02-02\",\"email\":\"ana@example.at\",\"kind\":\"TIP\","
        + "\"text\":\"Vorlage kopieren\",\"taskId\":\"plan-posts\"}");
    assertThat(json.writeValueAsString(events.get(2)))
        .isEqualTo("{\"type\":\"PostCheered\",\"at\":\"" + t + "\",\"postId\":\"p1\",\"email\":\"ben@example.at\"}");
    List<io.peerwork.core.series.SeriesCommand> commands = List.of(
        new io.peerwork.core.series.SeriesCommand.SharePost(date, "ana@example.at", tip, "Vorlage", Optional.of("plan-posts")),
        new io.peerwork.core.series.SeriesCommand.CheerPost("p1", "ben@example.at"),
        new io.peerwork.core.series.SeriesCommand.RemovePost("p1", Optional.empty()),
        new io.peerwork.core.series.SeriesCommand.PromoteTip("p1", "Vorlage", Optional.of("https://example.org")));
    for (var c : commands) {
      String text = json.writeValueAsString(c);
      assertThat(json.readValue(text, io.peerwork.core.series.SeriesCommand.class)).as(text).isEqualTo(c);
      assertThat(text).startsWith("{\"type\":\"" + c.getClass().getSimpleName() + "\"");
    }
  }

  @Test
  void buddyEventsAndCommandsRoundTripUnderTheirNames() throws Exception {
    var date = java.time.LocalDate.of(2027, 2, 2);
    var mood = io.peerwork.core.series.BuddyMood.STUCK;
    List<io.peerwork.core.series.SeriesEvent> events = List.of(
        new io.peerwork.core.series.SeriesEvent.LookingForBuddy(t, date, "ben@example.at"),
        new io.peerwork.core.series.SeriesEvent.BuddiesPaired(t, date, "ana@example.at", "ben@example.at"),
        new io.peerwork.core.series.SeriesEvent.BuddyMailSent(t, date, "ana@example.at"),
        new io.peerwork.core.series.SeriesEvent.BuddyCheckedIn(t, date, "ana@example.at", mood),
        new io.peerwork.core.series.SeriesEvent.BuddyLeft(t, date, "ana@example.at"));
    for (var e : events) {
      String text = json.writeValueAsString(e);
      assertThat(json.readValue(text, io.peerwork.core.series.SeriesEvent.class)).as(text).isEqualTo(e);
    }
    assertThat(json.writeValueAsString(events.get(1))).isEqualTo("{\"type\":\"BuddiesPaired\",\"at\":\"" + t
        + "\",\"date\":\"2027-02-02\",\"a\":\"ana@example.at\",\"b\":\"ben@example.at\"}");
    assertThat(json.writeValueAsString(events.get(3))).isEqualTo("{\"type\":\"BuddyCheckedIn\",\"at\":\"" + t
        + "\",\"date\":\"2027-02-02\",\"email\":\"ana@example.at\",\"how\":\"STUCK\"}");
    List<io.peerwork.core.series.SeriesCommand> commands = List.of(
        new io.peerwork.core.series.SeriesCommand.LookForBuddy(date, "ben@example.at"),
        new io.peerwork.core.series.SeriesCommand.PairBuddies(date, "ana@example.at", "ben@example.at"),
        new io.peerwork.core.series.SeriesCommand.LeaveBuddy(date, "ana@example.at"),
        new io.peerwork.core.series.SeriesCommand.BuddyCheckIn(date, "ana@example.at", mood),
        new io.peerwork.core.series.SeriesCommand.RecordBuddyMail(date, "ana@example.at"));
    for (var c : commands) {
      String text = json.writeValueAsString(c);
      assertThat(text).startsWith("{\"type\":\"" + c.getClass().getSimpleName() + "\"");
      assertThat(json.readValue(text, io.peerwork.core.series.SeriesCommand.class)).as(text).isEqualTo(c);
    }
  }
}
