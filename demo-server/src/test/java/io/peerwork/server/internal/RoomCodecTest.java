package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.Agenda;
import io.peerwork.core.Command;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.LiveSession;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.Recap;
import io.peerwork.core.RequestId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.SessionStatus;
import io.peerwork.jackson.PeerworkJackson;
import io.peerwork.server.testformat.TestKitchen;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * Every request, reply and frame on a room's addresses survives the codec's wire form (the form a
 * clustered event bus uses) unchanged, and a wire form of another version is refused loudly.
 */
class RoomCodecTest {
  private final RoomCodec codec = new RoomCodec(PeerworkJackson.newObjectMapper());

  private RoomMessage roundTrip(RoomMessage m) {
    Buffer b = Buffer.buffer();
    b.appendString("prefix"); // the event bus writes headers first: decoding starts at an offset
    codec.encodeToWire(b, m);
    return codec.decodeFromWire(6, b);
  }

  @Property(tries = 400)
  void everyMessageRoundTrips(@ForAll("messages") RoomMessage m) {
    assertThat(roundTrip(m)).isEqualTo(m);
    assertThat(codec.transform(m)).isSameAs(m); // locally the record itself travels
  }

  @Example
  void theGeneratorCoversEveryCommandAndMessageType() {
    Set<Class<?>> commands = commands().sampleStream().limit(3000).map(Object::getClass).collect(Collectors.toSet());
    assertThat(commands).containsExactlyInAnyOrderElementsOf(Arrays.asList(Command.class.getPermittedSubclasses()));
    Set<Class<?>> messages = messages().sampleStream().limit(3000).map(Object::getClass).collect(Collectors.toSet());
    assertThat(messages).containsAll(List.of(RoomRequest.Execute.class, RoomRequest.Connect.class,
        RoomRequest.Chat.class, RoomRequest.Info.class, RoomRequest.Recap.class, RoomReply.Done.class,
        RoomReply.Chatted.class, RoomReply.Refused.class, RoomReply.Failed.class, RoomReply.Connected.class,
        RoomReply.Info.class, RoomReply.Recap.class, RoomRequest.Resync.class, RoomReply.Resynced.class,
        RoomFrame.class, RoomRequest.Admit.class, RoomRequest.Disconnect.class, RoomReply.Admitted.class,
        RoomEnvelope.class, RoomRequest.Erase.class, RoomReply.Erased.class, RoomRequest.ExpireTexts.class,
        RoomRequest.Standing.class, RoomReply.Standing.class));
  }

  /**
   * A cluster of two builds during a rolling upgrade: a node of this build in a cluster with a
   * node of wire version 1 writes version 1, which the old node reads (strictly: it knows no newer
   * field), and it reads what the old node writes. The fields version 2 added arrive as their
   * defaults (no socket name, epoch 0).
   */
  @Property(tries = 300)
  void oldAndNewNodesReadEachOther(@ForAll("messages") RoomMessage m) {
    Assume.that(!(m instanceof RoomFrame f && f.kind() == RoomFrame.Kind.RELOAD)); // never written to version 1
    Assume.that(RoomCodec.since(m) == 1); // never sent to a node of an older version
    var json = PeerworkJackson.newObjectMapper();
    RoomCodec newInOldCluster = new RoomCodec(json, RoomCodec.WIRE_VERSION, () -> 1);
    RoomCodec old = new RoomCodec(json, 1, () -> 1);
    Buffer fromNew = Buffer.buffer();
    newInOldCluster.encodeToWire(fromNew, m);
    assertThat(fromNew.getByte(0)).isEqualTo((byte) 1);
    assertThat(old.decodeFromWire(0, fromNew)).isEqualTo(asVersion1(m));
    Buffer fromOld = Buffer.buffer();
    old.encodeToWire(fromOld, asVersion1(m));
    assertThat(codec.decodeFromWire(0, fromOld)).isEqualTo(asVersion1(m));
  }

  @Example
  void aNewerWireVersionThanTheReadersIsRefused() {
    RoomCodec old = new RoomCodec(PeerworkJackson.newObjectMapper(), 1, () -> 1);
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, new RoomReply.Done(3)); // a new node that (wrongly) writes its own version
    assertThatThrownBy(() -> old.decodeFromWire(0, b)).hasMessageContaining("wire version " + RoomCodec.WIRE_VERSION);
  }

  /** {@code m} as a node of wire version 1 has it: without the fields version 2 added. */
  private static RoomMessage asVersion1(RoomMessage m) {
    if (m instanceof RoomRequest.Connect c) {
      return new RoomRequest.Connect(c.participant(), c.role(), c.name(), c.since(), c.chatEpoch(), c.chatSince(), "");
    } else if (m instanceof RoomRequest.Disconnect d) {
      return new RoomRequest.Disconnect(d.participant(), "");
    } else if (m instanceof RoomReply.Connected c) {
      return new RoomReply.Connected(c.frames(), c.seq(), c.chatEpoch(), c.chatSeq(), c.joinRejected(), 0);
    } else if (m instanceof RoomEnvelope e) {
      return new RoomEnvelope(e.session(), (RoomRequest) asVersion1(e.request()));
    }
    return m;
  }

  /**
   * A message that version 3 added is not written while the cluster writes an older version (the
   * older node would not know its type): the registry does not send it then, and the codec refuses.
   */
  @Example
  void aMessageOfVersion3IsNotWrittenForAnOlderCluster() {
    var json = PeerworkJackson.newObjectMapper();
    RoomCodec inVersion2Cluster = new RoomCodec(json, RoomCodec.WIRE_VERSION, () -> 2);
    var standing = new RoomRequest.Standing(ParticipantId.of("p-anna"));
    assertThat(RoomCodec.since(standing)).isEqualTo(3);
    assertThatThrownBy(() -> inVersion2Cluster.encodeToWire(Buffer.buffer(), standing))
        .hasMessageContaining("needs wire version 3");
    // ... also in the envelope it travels in to another node.
    var envelope = new RoomEnvelope("s-1", standing);
    assertThat(RoomCodec.since(envelope)).isEqualTo(3);
    assertThatThrownBy(() -> inVersion2Cluster.encodeToWire(Buffer.buffer(), envelope))
        .hasMessageContaining("needs wire version 3");
    Buffer b = Buffer.buffer();
    inVersion2Cluster.encodeToWire(b, new RoomReply.Done(3)); // everything older still goes
    assertThat(b.getByte(0)).isEqualTo((byte) 2);
    assertThat(codec.decodeFromWire(0, b)).isEqualTo(new RoomReply.Done(3));
  }

  @Example
  void anotherWireVersionIsRefused() {
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, new RoomReply.Done(3));
    b.setByte(0, (byte) (RoomCodec.WIRE_VERSION + 1));
    assertThatThrownBy(() -> codec.decodeFromWire(0, b)).hasMessageContaining("wire version");
  }

  @Provide
  Arbitrary<RoomMessage> messages() {
    Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    Arbitrary<ParticipantId> who = ids().map(ParticipantId::of);
    Arbitrary<RoomMessage> execute = Combinators.combine(commands(), text.optional())
        .as(RoomRequest.Execute::new);
    Arbitrary<RoomMessage> connect = Combinators.combine(who, Arbitraries.of(Role.class), text,
        Arbitraries.longs().between(-1, 1_000_000), text, Arbitraries.longs().between(0, 1000), text)
        .as(RoomRequest.Connect::new);
    Arbitrary<RoomMessage> chat = Combinators.combine(who, Arbitraries.of(true, false), text.optional(),
        who.optional()).as(RoomRequest.Chat::new);
    Arbitrary<RoomMessage> refused = Combinators.combine(ids(), text).as(RoomReply.Refused::new);
    Arbitrary<RoomMessage> connected = Combinators.combine(text.list().ofMaxSize(4), Arbitraries.longs().greaterOrEqual(0),
        text, Arbitraries.longs().greaterOrEqual(0),
        Combinators.combine(ids(), text).as(RoomReply.Refused::new).optional(), Arbitraries.longs().greaterOrEqual(0))
        .as(RoomReply.Connected::new);
    Arbitrary<RoomMessage> frame = Combinators.combine(Arbitraries.of(RoomFrame.Kind.class),
        Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0).optional(), text.optional(),
        ids().optional(), text)
        .as((kind, seq, base, epoch, to, t) -> RoomFrame.of(kind, seq,
            base.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty()), epoch, to, t));
    Arbitrary<RoomMessage> admit = Combinators.combine(text, text, ids()).as(RoomRequest.Admit::new);
    Arbitrary<RoomMessage> disconnect = Combinators.combine(who, text).as(RoomRequest.Disconnect::new);
    Arbitrary<RoomMessage> admitted = Combinators.combine(who, Arbitraries.of(Role.class), Arbitraries.of(true, false))
        .as(RoomReply.Admitted::new);
    Arbitrary<RoomMessage> resync = Arbitraries.of(Role.class).map(RoomRequest.Resync::new);
    Arbitrary<RoomMessage> resynced = Combinators.combine(Arbitraries.longs().greaterOrEqual(0), text)
        .as(RoomReply.Resynced::new);
    Arbitrary<RoomMessage> envelope = Combinators.combine(ids(),
        Arbitraries.oneOf(List.of(execute, connect, chat, disconnect, resync, who.map(RoomRequest.Standing::new)))
            .map(RoomRequest.class::cast))
        .as(RoomEnvelope::new);
    return Arbitraries.oneOf(List.of(envelope, execute, connect, chat, resync, resynced, Arbitraries.just(new RoomRequest.Info()),
        Arbitraries.just(new RoomRequest.Recap()), Arbitraries.longs().map(RoomReply.Done::new),
        Arbitraries.longs().map(RoomReply.Chatted::new), refused,
        Combinators.combine(ids(), text).as(RoomReply.Failed::new), connected,
        Arbitraries.just(new RoomReply.Info(RoomReply.PublicInfo.of(endedSession().state()))),
        Arbitraries.just(new RoomReply.Recap(Recap.of(endedSession().state()))), frame, admit, disconnect, admitted,
        ids().map(i -> new RoomRequest.Erase(io.peerwork.core.ParticipantId.of(i))),
        Arbitraries.integers().greaterOrEqual(0).map(RoomReply.Erased::new),
        Arbitraries.just(new RoomRequest.ExpireTexts()),
        who.map(RoomRequest.Standing::new),
        Arbitraries.of(true, false).map(RoomReply.Standing::new)));
  }

  private static Arbitrary<String> ids() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12).map(s -> "p-" + s);
  }

  @Provide
  Arbitrary<Command> commands() {
    Arbitrary<ParticipantId> who = ids().map(ParticipantId::of);
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(60);
    Arbitrary<GoalId> goal = Arbitraries.integers().between(1, 99).map(i -> GoalId.of("g" + i));
    Arbitrary<RequestId> request = Arbitraries.integers().between(1, 99).map(i -> RequestId.of("r" + i));
    Arbitrary<Instant> at = Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond);
    return Arbitraries.oneOf(List.of(
        Arbitraries.just(new Command.ScheduleSession(plan())),
        at.map(Command.RescheduleSession::new),
        text.map(Command.CallOffSession::new),
        who.map(Command.OpenSession::new), who.map(Command.StartSession::new), who.map(Command.AdvancePhase::new),
        Combinators.combine(who, Arbitraries.integers()).as(Command.ExtendPhase::new),
        who.map(Command.EndSession::new),
        Combinators.combine(who, text).as(Command.CancelSession::new),
        Arbitraries.just(new Command.Tick()),
        Combinators.combine(who, text, Arbitraries.of(Role.class)).as(Command.Join::new),
        who.map(Command.Leave::new),
        Combinators.combine(who, text, text.optional()).as(Command.DeclareGoal::new),
        Combinators.combine(who, goal, text).as(Command.EditGoal::new),
        Combinators.combine(who, goal, Arbitraries.of(GoalStatus.class)).as(Command.MarkGoal::new),
        Combinators.combine(who, text, text).as(Command.RaiseHand::new),
        who.map(Command.WithdrawHand::new), who.map(Command.ClaimNext::new),
        Combinators.combine(who, request).as(Command.ClaimRequest::new),
        Combinators.combine(who, request, Arbitraries.of(HelpOutcome.class)).as(Command.FinishHelp::new),
        Combinators.combine(who.optional(), who, text).as(Command.RemoveMember::new),
        Combinators.combine(who.optional(), who).as(Command.ReadmitMember::new),
        Combinators.combine(who, Arbitraries.of(io.peerwork.core.SeatReleaseReason.class)).as(Command.ReleaseSeat::new),
        Combinators.combine(who, Arbitraries.integers()).as(Command.SetNoShowMinutes::new),
        Combinators.combine(who, Arbitraries.of(Role.class)).as(Command.RevokeInvite::new),
        Combinators.combine(who, text).as(Command.SetHelpPlace::new),
        Combinators.combine(who, request, Arbitraries.integers()).as(Command.HoldHelp::new),
        who.map(Command.ReadyAgain::new),
        Combinators.combine(who, request, text).as(Command.JoinRequest::new),
        Combinators.combine(who, Arbitraries.of(io.peerwork.core.QueueStatus.class), text).as(Command.SetQueueState::new),
        Combinators.combine(who, text, Arbitraries.of(io.peerwork.core.Announcement.Audience.class))
            .as(Command.PostAnnouncement::new),
        who.map(Command.RemoveAnnouncement::new),
        Combinators.combine(who, request, Arbitraries.of(io.peerwork.core.HelpFeedback.class)).as(Command.RateHelp::new),
        Combinators.combine(who, text.list().ofMaxSize(3)).as(Command.SetExpertTopics::new),
        Combinators.combine(who, text.list().ofMaxSize(3)).as(Command.OfferPeerHelp::new),
        Combinators.combine(who, who).as(Command.AcceptPeerHelp::new),
        who.map(Command.DeclinePeerHelp::new)));
  }

  private static SessionPlan plan() {
    return new SessionPlan(SessionId.of("codec-test"), "test-kitchen", "Küche 🍳", Instant.parse("2030-01-07T08:00:00Z"),
        ZoneId.of("Europe/Vienna"), 12, new Agenda(List.of(Phase.of(PhaseKind.ARRIVAL, 5),
        Phase.of(PhaseKind.FOCUS_BLOCK, 40), Phase.of(PhaseKind.CLOSING_ROUND, 10))), "fcfs");
  }

  private static LiveSession ended;

  /** A real session, run to its end, so its recap has people, goals and helps in it. */
  private static synchronized LiveSession endedSession() {
    if (ended != null) {
      return ended;
    }
    SessionEngine engine = SessionEngine.builder().formats(new TestKitchen()).build();
    LiveSession live = LiveSession.load(engine, new InMemoryEventJournal(), SessionId.of("codec-test"));
    Instant now = Instant.parse("2030-01-07T07:00:00Z");
    ParticipantId host = ParticipantId.of("h-1");
    ParticipantId anna = ParticipantId.of("p-anna");
    for (Command c : List.of(new Command.ScheduleSession(plan()), new Command.Join(host, "Hanna", Role.HOST),
        new Command.OpenSession(host), new Command.Join(anna, "Anna", Role.PARTICIPANT),
        new Command.StartSession(host), new Command.DeclareGoal(anna, "Newsletter", Optional.empty()),
        new Command.EndSession(host))) {
      assertThat(live.handle(c, now).decision().isAccepted()).as(c.toString()).isTrue();
    }
    assertThat(live.state().status()).isEqualTo(SessionStatus.ENDED);
    ended = live;
    return live;
  }
}
