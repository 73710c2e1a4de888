package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.SeriesEngine;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesState;
import io.peerwork.jackson.PeerworkJackson;
import io.peerwork.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tokens that can be taken back: personal links expire and are revoked by a recorded revocation,
 * and the server's key can be rotated: what the previous key signed is accepted until the end of the
 * grace, and answers KEY_RETIRED after it; series participant ids do not change.
 */
class KeyringTest {
  static final byte[] A = "the key we used until the spring".getBytes(StandardCharsets.UTF_8);
  static final byte[] B = "the key we rotated to this april".getBytes(StandardCharsets.UTF_8);
  static final Instant T0 = Instant.parse("2030-03-01T08:00:00Z");
  static final Instant UNTIL = Instant.parse("2030-04-01T00:00:00Z");
  static final SeriesId SERIES = SeriesId.of("sr-1");
  static final SessionId S1 = SessionId.of("sr-1-20300402");

  /** The server before the rotation: key A only. */
  static Tokens before(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new Tokens(Keyring.single(A, clock), clock, Duration.ofHours(12), PeerworkJackson.newObjectMapper());
  }

  /** The server's series tokens before the rotation, personal links valid 30 days. */
  static SeriesTokens beforeSeries(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new SeriesTokens(Keyring.single(A, clock), clock, Duration.ofDays(30), PeerworkJackson.newObjectMapper());
  }

  /** The server after the rotation: key B, A accepted until {@link #UNTIL}, ids still derived with A. */
  static Tokens rotated(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new Tokens(new Keyring(B, A, Optional.of(UNTIL), A, clock), clock, Duration.ofHours(12),
        PeerworkJackson.newObjectMapper());
  }

  /** The server's series tokens after the rotation. */
  static SeriesTokens rotatedSeries(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new SeriesTokens(new Keyring(B, A, Optional.of(UNTIL), A, clock), clock, Duration.ofDays(30),
        PeerworkJackson.newObjectMapper());
  }

  private static String code(Runnable r) {
    try {
      r.run();
      return "accepted";
    } catch (ApiError e) {
      return e.code();
    }
  }

  @Test
  void whatTheOldKeySignedWorksUntilTheEndOfTheGraceAndIsRetiredAfter() {
    Instant issued = UNTIL.minus(Duration.ofHours(2));
    Tokens old = before(issued);
    SeriesTokens oldSeries = beforeSeries(issued);
    SeriesState s = SeriesState.initial(SERIES);
    String session = old.issue(S1, ParticipantId.of("p-1"), Role.PARTICIPANT, "Anna");
    String personal = oldSeries.issueSeries(s, "anna@example.org");
    String calendar = oldSeries.issueSeriesCalendar(s, "anna@example.org");
    String confirm = oldSeries.issueConfirmation(SERIES, LocalDate.of(2030, 4, 2), "anna@example.org", "Anna", "de");
    String invite = old.inviteCode(S1, Role.EXPERT);
    String hostKey = oldSeries.seriesHostKey(SERIES);

    Tokens during = rotated(UNTIL.minusSeconds(1));
    SeriesTokens duringSeries = rotatedSeries(UNTIL.minusSeconds(1));
    assertThat(during.verify(session, S1).displayName()).isEqualTo("Anna");
    assertThat(duringSeries.verifySeries(personal, SERIES).email()).isEqualTo("anna@example.org");
    assertThat(duringSeries.verifySeriesCalendar(calendar, SERIES).email()).isEqualTo("anna@example.org");
    assertThat(duringSeries.verifyConfirmation(confirm, SERIES).name()).isEqualTo("Anna");
    assertThat(during.matchInvite(S1, invite, role -> 0).map(Tokens.InviteMatch::role)).contains(Role.EXPERT);
    assertThat(duringSeries.isSeriesHostKey(SERIES, hostKey)).isTrue();
    // what the new key makes differs, and works too
    assertThat(duringSeries.seriesHostKey(SERIES)).isNotEqualTo(hostKey);
    assertThat(duringSeries.isSeriesHostKey(SERIES, duringSeries.seriesHostKey(SERIES))).isTrue();
    assertThat(during.inviteCode(S1, Role.EXPERT)).isNotEqualTo(invite);

    Tokens after = rotated(UNTIL);
    SeriesTokens afterSeries = rotatedSeries(UNTIL);
    assertThat(code(() -> afterSeries.verifySeries(personal, SERIES))).isEqualTo("KEY_RETIRED");
    assertThat(code(() -> afterSeries.verifySeriesCalendar(calendar, SERIES))).isEqualTo("KEY_RETIRED");
    assertThat(code(() -> afterSeries.verifyConfirmation(confirm, SERIES))).isEqualTo("KEY_RETIRED");
    assertThat(after.matchInvite(S1, invite, role -> 0).map(Tokens.InviteMatch::role)).isEmpty();
    assertThat(afterSeries.isSeriesHostKey(SERIES, hostKey)).isFalse();
    String fresh = afterSeries.issueSeries(s, "anna@example.org");
    assertThat(afterSeries.verifySeries(fresh, SERIES).email()).isEqualTo("anna@example.org");
    // a server that never had A does not pretend to know it
    Clock clock = Clock.fixed(UNTIL, ZoneOffset.UTC);
    SeriesTokens stranger = new SeriesTokens(Keyring.single(B, clock), clock, Duration.ofDays(30),
        PeerworkJackson.newObjectMapper());
    assertThat(code(() -> stranger.verifySeries(personal, SERIES))).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void aCheckedSessionTokenIsRetiredWithItsKeyThoughTheCheckIsCached() {
    AtomicClock clock = new AtomicClock(UNTIL.minusSeconds(60));
    var tokens = new Tokens(new Keyring(B, A, Optional.of(UNTIL), A, clock), clock, Duration.ofHours(12),
        PeerworkJackson.newObjectMapper());
    String session = before(UNTIL.minusSeconds(120)).issue(S1, ParticipantId.of("p-1"), Role.HOST, "Hanna");
    assertThat(tokens.verify(session, S1).role()).isEqualTo(Role.HOST);
    clock.now = UNTIL;
    assertThat(code(() -> tokens.verify(session, S1))).isEqualTo("KEY_RETIRED");
  }

  @Test
  void aTokenNamesItsKeyAndAForgedKeyIdDoesNotHelp() throws Exception {
    String personal = beforeSeries(T0).issueSeries(SeriesState.initial(SERIES), "anna@example.org");
    var payload = PeerworkJackson.newObjectMapper().readTree(
        java.util.Base64.getUrlDecoder().decode(personal.substring(0, personal.indexOf('.'))));
    assertThat(payload.path("kid").asText()).isEqualTo(Keyring.kid(A)).hasSize(8);
    assertThat(Keyring.kid(A)).isNotEqualTo(Keyring.kid(B));
    // the same payload naming B, with A's signature: B's MAC does not match
    String body = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        payload.toString().replace(Keyring.kid(A), Keyring.kid(B)).getBytes(StandardCharsets.UTF_8));
    String forged = body + personal.substring(personal.indexOf('.'));
    assertThat(code(() -> rotatedSeries(T0).verifySeries(forged, SERIES))).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void aPreviousKeyNeedsAnEnd() {
    assertThatThrownBy(() -> new Keyring(B, A, Optional.empty(), A, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--previous-secret-until");
  }

  @Test
  void seriesParticipantIdsDoNotChangeAcrossARotation() throws Exception {
    ParticipantId before = beforeSeries(T0).seriesParticipant(SERIES, "anna@example.org");
    assertThat(rotatedSeries(T0).seriesParticipant(SERIES, "anna@example.org")).isEqualTo(before);
    assertThat(rotatedSeries(UNTIL.plus(Duration.ofDays(400))).seriesParticipant(SERIES, "Anna@Example.org"))
        .isEqualTo(before);

    // The server keeps the pseudonym key in its data directory: made from the secret of the first
    // start, it stays when the secret changes, with or without the previous one configured.
    Path data = Files.createTempDirectory("peerwork-pseudonym");
    var config = ServerConfig.defaults().withDataDirectory(data);
    byte[] first = ServerModule.pseudonymKey(config, A, new byte[0]);
    assertThat(first).isEqualTo(A);
    assertThat(Files.exists(data.resolve("pseudonym-key"))).isTrue();
    assertThat(ServerModule.pseudonymKey(config, B, A)).isEqualTo(A);
    assertThat(ServerModule.pseudonymKey(config, B, new byte[0])).isEqualTo(A);
    // a server that meets rotation and this version at once seeds it with the previous secret
    Path other = Files.createTempDirectory("peerwork-pseudonym");
    assertThat(ServerModule.pseudonymKey(ServerConfig.defaults().withDataDirectory(other), B, A)).isEqualTo(A);
  }

  @Test
  void personalLinksExpireButCalendarLinksDoNot() {
    SeriesState s = SeriesState.initial(SERIES);
    String personal = beforeSeries(T0).issueSeries(s, "anna@example.org");
    String calendar = beforeSeries(T0).issueSeriesCalendar(s, "anna@example.org");

    assertThat(beforeSeries(T0.plus(Duration.ofDays(30)).minusSeconds(1)).verifySeries(personal, SERIES).email())
        .isEqualTo("anna@example.org");
    ApiError expired = catchApiError(() -> beforeSeries(T0.plus(Duration.ofDays(30))).verifySeries(personal, SERIES));
    assertThat(expired.code()).isEqualTo("TOKEN_EXPIRED");
    assertThat(expired.getMessage()).contains("ask for a new one");
    assertThat(code(() -> beforeSeries(T0.plus(Duration.ofDays(30))).verifySeriesCalendar(personal, SERIES)))
        .as("nor does it read the calendar any more").isEqualTo("TOKEN_EXPIRED");
    assertThat(beforeSeries(T0.plus(Duration.ofDays(3000))).verifySeriesCalendar(calendar, SERIES).email())
        .isEqualTo("anna@example.org");
  }

  @Test
  void personalLinksOfVersion2NeverExpiredSoTheyAnswerExpiredNow() throws Exception {
    String body = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"v\":2,\"ser\":\"sr-1\",\"email\":\"anna@example.org\"}".getBytes(StandardCharsets.UTF_8));
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(A, "HmacSHA256"));
    String sig = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(("series|" + body).getBytes(StandardCharsets.UTF_8)));
    assertThat(code(() -> beforeSeries(T0).verifySeries(body + "." + sig, SERIES))).isEqualTo("TOKEN_EXPIRED");
    // a calendar token of version 2 (no key id: checked against the accepted keys) still reads its feed
    mac.init(new javax.crypto.spec.SecretKeySpec(A, "HmacSHA256"));
    String calSig = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(("series-calendar|" + body).getBytes(StandardCharsets.UTF_8)));
    assertThat(rotatedSeries(T0).verifySeriesCalendar(body + "." + calSig, SERIES).email()).isEqualTo("anna@example.org");
    assertThat(code(() -> rotatedSeries(UNTIL).verifySeriesCalendar(body + "." + calSig, SERIES))).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void aRevocationEndsEveryLinkMadeBeforeItAndNoneMadeAfter() {
    SeriesState s = SeriesState.initial(SERIES);
    SeriesTokens tokens = beforeSeries(T0);
    String personal = tokens.issueSeries(s, "anna@example.org");
    String calendar = tokens.issueSeriesCalendar(s, "anna@example.org");
    String bens = tokens.issueSeries(s, "ben@example.org");

    // revoked in the same instant the old links were made: counting, not comparing instants
    var plan = new io.peerwork.core.series.SeriesPlan(SERIES, "test-kitchen", "Küche",
        new io.peerwork.core.series.Recurrence.MonthlyWeekday(1, java.time.DayOfWeek.TUESDAY,
            java.time.LocalTime.of(9, 0), java.time.Duration.ofHours(4)), java.time.ZoneId.of("Europe/Vienna"), 10,
        List.of(), io.peerwork.core.series.Place.at("Wien"));
    var date = java.time.LocalDate.of(2030, 1, 1);
    SeriesState revoked = new SeriesEngine(FormatRegistry.of()).replay(SERIES, List.of(
        new SeriesEvent.SeriesCreated(T0, plan),
        new SeriesEvent.Registered(T0, date, "anna@example.org", "Anna", "de", java.util.Optional.empty(), false),
        new SeriesEvent.Registered(T0, date, "ben@example.org", "Ben", "de", java.util.Optional.empty(), false),
        new SeriesEvent.PersonalLinksRevoked(T0, "anna+kurs@example.org")));
    assertThat(code(() -> tokens.verifySeries(personal, SERIES).holder(revoked))).isEqualTo("TOKEN_REVOKED");
    assertThat(code(() -> tokens.verifySeriesCalendar(calendar, SERIES).holder(revoked))).isEqualTo("TOKEN_REVOKED");
    assertThat(tokens.verifySeries(bens, SERIES).holder(revoked)).isEqualTo("ben@example.org");
    String fresh = tokens.issueSeries(revoked, "anna@example.org");
    assertThat(tokens.verifySeries(fresh, SERIES).holder(revoked)).isEqualTo("anna@example.org");
    // An address the series does not know (its person's data was erased) holds no link at all.
    String cems = tokens.issueSeries(s, "cem@example.org");
    assertThat(code(() -> tokens.verifySeries(cems, SERIES).holder(revoked))).isEqualTo("TOKEN_REVOKED");
  }

  private static ApiError catchApiError(Runnable r) {
    try {
      r.run();
    } catch (ApiError e) {
      return e;
    }
    throw new AssertionError("no ApiError");
  }

  /** A clock the test moves. */
  static final class AtomicClock extends Clock {
    volatile Instant now;

    AtomicClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
