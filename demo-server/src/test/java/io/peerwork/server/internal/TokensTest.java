package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.SeriesState;
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

  SeriesTokens seriesAt(Instant now, byte[] secret) {
    return new SeriesTokens(secret, Clock.fixed(now, ZoneOffset.UTC), PeerworkJackson.newObjectMapper());
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

  /**
   * The token with the last character of its signature changed in a bit that base64 decoders
   * ignore (a 32-byte signature leaves 2 such bits), so the decoded bytes stay the same.
   */
  private static String sameBytesOtherText(String token) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = token.charAt(token.length() - 1);
    char twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String other = token.substring(0, token.length() - 1) + twin;
    java.util.Base64.Decoder d = java.util.Base64.getUrlDecoder();
    assertThat(d.decode(other.substring(other.indexOf('.') + 1)))
        .isEqualTo(d.decode(token.substring(token.indexOf('.') + 1)));
    return other;
  }

  @Test
  void aSignatureIsCheckedAsWrittenNotAsDecoded() {
    Tokens tokens = at(T0, SECRET);
    SeriesTokens seriesTokens = seriesAt(T0, SECRET);
    String session = tokens.issue(S1, ParticipantId.of("p-1"), Role.PARTICIPANT, "Anna");
    assertThat(code(() -> tokens.verify(sameBytesOtherText(session), S1))).isEqualTo("INVALID_TOKEN");
    var series = io.peerwork.core.series.SeriesId.of("kitchen");
    String personal = seriesTokens.issueSeries(SeriesState.initial(series), "anna@example.org");
    assertThat(code(() -> seriesTokens.verifySeries(sameBytesOtherText(personal), series))).isEqualTo("INVALID_TOKEN");
    assertThat(seriesTokens.verifySeries(personal, series).email()).isEqualTo("anna@example.org");
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
      assertThat(tokens.matchInvite(S1, code, role -> 0).map(Tokens.InviteMatch::role)).contains(r);
      assertThat(tokens.matchInvite(S1, code.toLowerCase().replace("-", " "), role -> 0).map(Tokens.InviteMatch::role)).contains(r);
      assertThat(tokens.matchInvite(SessionId.of("s-2"), code, role -> 0).map(Tokens.InviteMatch::role)).isEmpty();
    }
    assertThat(tokens.matchInvite(S1, "", role -> 0).map(Tokens.InviteMatch::role)).isEqualTo(Optional.empty());
    assertThat(tokens.matchInvite(S1, null, role -> 0).map(Tokens.InviteMatch::role)).isEmpty();
  }

  @Test
  void aPersonalSeriesTokenNamesOneSeriesAndOneAddress() {
    var series = io.peerwork.core.series.SeriesId.of("sr-1");
    Tokens tokens = at(T0, SECRET);
    SeriesTokens seriesTokens = seriesAt(T0, SECRET);
    String token = seriesTokens.issueSeries(SeriesState.initial(series), " Anna@Example.org ");
    assertThat(seriesAt(T0.plus(Duration.ofDays(179)), SECRET).verifySeries(token, series).email())
        .isEqualTo("anna@example.org");
    assertThat(code(() -> seriesTokens.verifySeries(token, io.peerwork.core.series.SeriesId.of("sr-2"))))
        .isEqualTo("WRONG_SERIES");
    assertThat(code(() -> seriesAt(T0, "another secret, 32 bytes long...".getBytes(StandardCharsets.UTF_8))
        .verifySeries(token, series))).isEqualTo("INVALID_TOKEN");
    String session = tokens.issue(S1, ParticipantId.of("p-1"), Role.HOST, "Hanna");
    assertThat(code(() -> seriesTokens.verifySeries(session, series))).isEqualTo("INVALID_TOKEN");
    assertThat(code(() -> tokens.verify(token, S1))).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void personalLinksFromBeforeConfirmationByMailAreRefused() throws Exception {
    var series = io.peerwork.core.series.SeriesId.of("sr-1");
    String body = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"v\":1,\"ser\":\"sr-1\",\"email\":\"anna@example.org\"}".getBytes(StandardCharsets.UTF_8));
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
    String v1 = body + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(("series|" + body).getBytes(StandardCharsets.UTF_8)));

    assertThat(code(() -> seriesAt(T0, SECRET).verifySeries(v1, series))).isEqualTo("INVALID_TOKEN");
    assertThat(code(() -> seriesAt(T0, SECRET).verifySeriesCalendar(v1, series))).as("nor its calendar")
        .isEqualTo("INVALID_TOKEN");
    // the same payload as version 3 is accepted: only the version decides
    assertThat(seriesAt(T0, SECRET).verifySeries(
        seriesAt(T0, SECRET).issueSeries(SeriesState.initial(series), "anna@example.org"), series).email())
        .isEqualTo("anna@example.org");
  }

  @Test
  void eachKindOfSeriesTokenOpensOnlyWhatItIsFor() {
    var series = io.peerwork.core.series.SeriesId.of("sr-1");
    SeriesTokens seriesTokens = seriesAt(T0, SECRET);
    String personal = seriesTokens.issueSeries(SeriesState.initial(series), "anna@example.org");
    String calendar = seriesTokens.issueSeriesCalendar(SeriesState.initial(series), "anna@example.org");
    String confirm = seriesTokens.issueConfirmation(series, java.time.LocalDate.of(2030, 1, 1), "anna@example.org",
        "Anna", "de");

    assertThat(seriesTokens.verifySeriesCalendar(calendar, series).email()).isEqualTo("anna@example.org");
    assertThat(seriesTokens.verifySeriesCalendar(personal, series).email()).isEqualTo("anna@example.org");
    assertThat(seriesTokens.verifyConfirmation(confirm, series).name()).isEqualTo("Anna");
    assertThat(code(() -> seriesTokens.verifySeries(calendar, series))).isEqualTo("INVALID_TOKEN");
    assertThat(code(() -> seriesTokens.verifySeries(confirm, series))).isEqualTo("INVALID_TOKEN");
    assertThat(code(() -> seriesTokens.verifySeriesCalendar(confirm, series))).isEqualTo("INVALID_TOKEN");
    assertThat(code(() -> seriesTokens.verifyConfirmation(personal, series))).isEqualTo("INVALID_TOKEN");
    assertThat(code(() -> seriesTokens.verifyConfirmation(calendar, series))).isEqualTo("INVALID_TOKEN");
    assertThat(code(() -> seriesAt(T0.plus(SeriesTokens.CONFIRMATION_TTL), SECRET).verifyConfirmation(confirm, series)))
        .isEqualTo("TOKEN_EXPIRED");
  }

  @Test
  void aSeriesParticipantKeepsTheirIdAndTheHostKeyFitsOneSeries() {
    var series = io.peerwork.core.series.SeriesId.of("sr-1");
    SeriesTokens seriesTokens = seriesAt(T0, SECRET);
    assertThat(seriesTokens.seriesParticipant(series, "Anna@Example.org"))
        .isEqualTo(seriesAt(T0.plusSeconds(99), SECRET).seriesParticipant(series, "anna@example.org"))
        .isNotEqualTo(seriesTokens.seriesParticipant(io.peerwork.core.series.SeriesId.of("sr-2"), "anna@example.org"));
    assertThat(seriesTokens.seriesParticipant(series, "anna@example.org").value()).matches("p-[0-9a-z]{12}");
    assertThat(seriesTokens.isSeriesHostKey(series, seriesTokens.seriesHostKey(series))).isTrue();
    assertThat(seriesTokens.isSeriesHostKey(io.peerwork.core.series.SeriesId.of("sr-2"),
        seriesTokens.seriesHostKey(series))).isFalse();
    assertThat(seriesTokens.isSeriesHostKey(series, null)).isFalse();
  }
}
