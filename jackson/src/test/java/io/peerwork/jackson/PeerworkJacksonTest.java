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
        new HelpPlaceSet(t, ana, ""));
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
        new Command.SetHelpPlace(ana, "Tisch 2"));
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
        new io.peerwork.core.series.SeriesEvent.PersonalLinksRevoked(t, "ana@example.at"));
    for (var e : events) {
      String text = json.writeValueAsString(e);
      assertThat(json.readValue(text, io.peerwork.core.series.SeriesEvent.class)).as(text).isEqualTo(e);
    }
    assertThat(json.writeValueAsString(events.get(1))).contains("\"date\":\"2027-02-02\"");
    assertThat(json.writeValueAsString(events.get(events.size() - 1)))
        .isEqualTo("{\"type\":\"PersonalLinksRevoked\",\"at\":\"" + t + "\",\"email\":\"ana@example.at\"}");
    var revoke = new io.peerwork.core.series.SeriesCommand.RevokePersonalLinks("ana@example.at");
    assertThat(json.readValue(json.writeValueAsString(revoke), io.peerwork.core.series.SeriesCommand.class))
        .isEqualTo(revoke);
  }
}
