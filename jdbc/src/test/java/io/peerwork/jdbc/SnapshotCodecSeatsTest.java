package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command;
import io.peerwork.core.Decision;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import io.peerwork.core.SeatReleaseReason;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.SessionSnapshot;
import io.peerwork.core.SessionState;
import io.peerwork.jdbc.internal.SnapshotCodec;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Removals, released seats, no-show minutes and invite generations survive a stored snapshot. */
class SnapshotCodecSeatsTest {
  private static final SessionEngine ENGINE = SessionEngine.builder().formats(RealSessionFixture.FORMAT).build();

  @Test
  void theSeatsOfASessionRoundTrip() {
    Instant t = Instant.parse("2026-03-03T08:00:00Z");
    SessionId id = SessionId.of("seats-1");
    ParticipantId host = ParticipantId.of("host");
    ParticipantId ana = ParticipantId.of("ana");
    ParticipantId bot = ParticipantId.of("bot");
    SessionState s = SessionState.initial(id);
    for (Command c : List.of(
        new Command.ScheduleSession(new SessionPlan(id, RealSessionFixture.FORMAT.id(), "x", t, ZoneId.of("UTC"), 5,
            RealSessionFixture.FORMAT.agenda(), "fcfs")),
        new Command.Join(host, "Hanna", Role.HOST), new Command.OpenSession(host),
        new Command.Join(ana, "Ana", Role.PARTICIPANT), new Command.Join(bot, "Bot", Role.PARTICIPANT),
        new Command.RemoveMember(Optional.of(host), bot, "Spam"), new Command.RemoveMember(Optional.empty(),
            ParticipantId.of("gone"), ""),
        new Command.ReleaseSeat(ana, SeatReleaseReason.NEVER_CONNECTED), new Command.SetNoShowMinutes(host, 30),
        new Command.RevokeInvite(host, Role.PARTICIPANT))) {
      Decision d = ENGINE.decide(s, c, t);
      assertThat(d.isAccepted()).as("%s", c).isTrue();
      s = ENGINE.evolve(s, d.events());
    }
    SnapshotCodec codec = new SnapshotCodec();
    SessionState back = codec.decode(SnapshotCodec.SCHEMA_VERSION, codec.encode(SessionSnapshot.of(s))).state();
    assertThat(back).isEqualTo(s);
    assertThat(back.removed()).containsOnlyKeys(bot, ParticipantId.of("gone"));
    assertThat(back.noShowMinutes()).isEqualTo(30);
    assertThat(back.invite(Role.PARTICIPANT).generation()).isEqualTo(1);
  }
}
