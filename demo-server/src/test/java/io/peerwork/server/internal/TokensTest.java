package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.jackson.PeerworkJackson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokensTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  static final SessionId S1 = SessionId.of("s-1");
  static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");

  Tokens at(Instant now, byte[] secret) {
    return new Tokens(secret, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(12), PeerworkJackson.newObjectMapper());
  }

  private static String code(Runnable r) {
    try {
      r.run();
      return "none";
    } catch (ApiError e) {
      return e.code();
    }
  }

  @Test
  void aTokenCarriesWhoAndWhatForOneSession() {
    String token = at(T0, SECRET).issue(S1, ParticipantId.of("p-1"), Role.EXPERT, "Erich");
    Tokens.Claims c = at(T0.plusSeconds(60), SECRET).verify(token, S1);
    assertThat(c.participant()).isEqualTo(ParticipantId.of("p-1"));
    assertThat(c.role()).isEqualTo(Role.EXPERT);
    assertThat(c.displayName()).isEqualTo("Erich");
  }

  @Test
  void expiredTamperedForeignAndOtherSessionTokensAreRefused() {
    Tokens tokens = at(T0, SECRET);
    String token = tokens.issue(S1, ParticipantId.of("p-1"), Role.PARTICIPANT, "Anna");
    assertThat(code(() -> at(T0.plus(Duration.ofHours(13)), SECRET).verify(token, S1))).isEqualTo("TOKEN_EXPIRED");
    assertThat(code(() -> tokens.verify(token, SessionId.of("s-2")))).isEqualTo("WRONG_SESSION");
    byte[] other = SECRET.clone();
    other[0] ^= 1;
    assertThat(code(() -> at(T0, other).verify(token, S1))).isEqualTo("INVALID_TOKEN");
    // a payload swapped for one claiming to be the host, with the old signature
    String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"v\":1,\"sid\":\"s-1\",\"pid\":\"p-1\",\"role\":\"HOST\",\"name\":\"Anna\",\"exp\":" + Long.MAX_VALUE / 2000 + "}")
            .getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
    assertThat(code(() -> tokens.verify(forged, S1))).isEqualTo("INVALID_TOKEN");
    assertThat(code(() -> tokens.verify("garbage", S1))).isEqualTo("INVALID_TOKEN");
    assertThat(code(() -> tokens.verify(null, S1))).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void inviteCodesNameTheirRoleAndForgiveCaseAndDashes() {
    Tokens tokens = at(T0, SECRET);
    for (Role r : Role.values()) {
      String code = tokens.inviteCode(S1, r);
      assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}");
      assertThat(tokens.roleOfInvite(S1, code)).contains(r);
      assertThat(tokens.roleOfInvite(S1, code.toLowerCase().replace("-", " "))).contains(r);
      assertThat(tokens.roleOfInvite(SessionId.of("s-2"), code)).isEmpty();
    }
    assertThat(tokens.roleOfInvite(S1, "")).isEqualTo(Optional.empty());
    assertThat(tokens.roleOfInvite(S1, null)).isEmpty();
  }
}
