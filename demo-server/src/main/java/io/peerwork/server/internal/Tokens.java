package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed join tokens and invite codes, both HMAC-SHA256 with the server's secret.
 *
 * <p>A token is {@code base64url(payload).base64url(mac)}; the payload names one session, one
 * participant, one role, a display name and an expiry. Invite codes are derived from the session id
 * and role, so they need no storage and survive restarts. Verified tokens are cached (Caffeine) so a
 * busy room does not recompute MACs; the expiry is checked on every use all the same.
 */
public final class Tokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  /**
   * The version of personal series tokens. Version 1 was handed out before registrations were
   * confirmed by e-mail (so possibly to someone who only typed another's address); it is refused.
   */
  private static final int SERIES_TOKEN_VERSION = 2;
  /** How long a registration's confirmation link stays valid. */
  public static final Duration CONFIRMATION_TTL = Duration.ofHours(24);
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  /** What a valid token says. */
  public record Claims(SessionId session, ParticipantId participant, Role role, String displayName, Instant expires) {}

  private final byte[] secret;
  private final Clock clock;
  private final Duration ttl;
  private final ObjectMapper json;
  private final Cache<String, Claims> verified =
      Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(10)).build();

  public Tokens(byte[] secret, Clock clock, Duration ttl, ObjectMapper json) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the secret needs at least 16 bytes");
    }
    this.secret = secret.clone();
    this.clock = Objects.requireNonNull(clock);
    this.ttl = Objects.requireNonNull(ttl);
    this.json = Objects.requireNonNull(json);
  }

  /** A token for one person in one session. */
  public String issue(SessionId session, ParticipantId who, Role role, String displayName) {
    ObjectNode p = json.createObjectNode();
    p.put("v", 1);
    p.put("sid", session.value());
    p.put("pid", who.value());
    p.put("role", role.name());
    p.put("name", displayName);
    p.put("exp", clock.instant().plus(ttl).getEpochSecond());
    return sign("token", p);
  }

  /**
   * The claims of {@code token} if it is signed by this server, unexpired and for {@code session}.
   *
   * @throws ApiError INVALID_TOKEN, TOKEN_EXPIRED or WRONG_SESSION
   */
  public Claims verify(String token, SessionId session) {
    if (token == null || token.isEmpty() || token.length() > 2048) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "no token, or not one of ours");
    }
    Claims c = verified.getIfPresent(token);
    if (c == null) {
      c = check(token);
      verified.put(token, c);
    }
    if (!clock.instant().isBefore(c.expires())) {
      throw new ApiError(ApiError.Code.TOKEN_EXPIRED, "the token has expired; join again");
    }
    if (!c.session().equals(session)) {
      throw new ApiError(ApiError.Code.WRONG_SESSION, "the token is for another session");
    }
    return c;
  }

  private Claims check(String token) {
    int dot = token.indexOf('.');
    if (dot < 1 || dot != token.lastIndexOf('.')) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
    String body = token.substring(0, dot);
    if (!signed(token.substring(dot + 1), "token|" + body)) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "the token's signature is wrong");
    }
    try {
      var p = json.readTree(B64D.decode(body));
      return new Claims(SessionId.of(p.path("sid").asText()), ParticipantId.of(p.path("pid").asText()),
          Role.valueOf(p.path("role").asText()), p.path("name").asText(),
          Instant.ofEpochSecond(p.path("exp").asLong()));
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
  }

  /** The first invite code (generation 0) for {@code role} in {@code session}, e.g. {@code K7QX-2M9D-PA}. */
  public String inviteCode(SessionId session, Role role) {
    return inviteCode(session, role, 0);
  }

  /**
   * The invite code of {@code generation} for {@code role} in {@code session}: a host who replaces a
   * link ({@code RevokeInvite}) moves its role to the next generation, whose code differs.
   * Generation 0 is the code sessions had before links could be replaced.
   */
  public String inviteCode(SessionId session, Role role, int generation) {
    byte[] m = mac("invite|" + session.value() + "|" + role.name() + (generation == 0 ? "" : "|" + generation));
    var sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      sb.append(CROCKFORD[(m[i] & 0xff) % 32]);
      if (i == 3 || i == 7) {
        sb.append('-');
      }
    }
    return sb.toString();
  }

  /** What an invite code is: the link of {@code role} at {@code generation}, and whether that is the current one. */
  public record InviteMatch(Role role, int generation, boolean current) {}

  /** How many generations back a replaced code is still recognised (and answered INVITE_REVOKED). */
  static final int REVOKED_REMEMBERED = 20;

  /**
   * Which link {@code code} is in {@code session}, whose links are at the generations {@code
   * current} gives: the current one of a role, or one of its last {@value #REVOKED_REMEMBERED}
   * replaced ones; empty if neither.
   */
  public java.util.Optional<InviteMatch> matchInvite(SessionId session, String code,
      java.util.function.ToIntFunction<Role> current) {
    if (code == null) {
      return java.util.Optional.empty();
    }
    byte[] normal = code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "").getBytes(StandardCharsets.US_ASCII);
    for (Role r : Role.values()) {
      int now = current.applyAsInt(r);
      for (int g = now; g >= Math.max(0, now - REVOKED_REMEMBERED); g--) {
        byte[] expected = inviteCode(session, r, g).replace("-", "").getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(expected, normal)) {
          return java.util.Optional.of(new InviteMatch(r, g, g == now));
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** The role {@code code} invites to in {@code session}, if it is one of its first (generation 0) invite codes. */
  public java.util.Optional<Role> roleOfInvite(SessionId session, String code) {
    if (code == null) {
      return java.util.Optional.empty();
    }
    String normal = code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
    for (Role r : Role.values()) {
      String expected = inviteCode(session, r).replace("-", "");
      if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), normal.getBytes(StandardCharsets.US_ASCII))) {
        return java.util.Optional.of(r);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * A person's personal token for a series: names the series and their e-mail address, signed,
   * without expiry (it is their bookmark; there are no accounts). It opens only the series' {@code
   * /me} endpoints, never a room. It is handed out only to whoever proved they read the address's
   * mail (a {@linkplain #issueConfirmation confirmation link}, or a message sent to the address).
   */
  public String issueSeries(io.peerwork.core.series.SeriesId series, String email) {
    return sign("series", seriesPayload(series, email));
  }

  /**
   * The e-mail address of a personal series token, if it is signed by this server for {@code series}.
   *
   * @throws ApiError INVALID_TOKEN or WRONG_SERIES
   */
  public String verifySeries(String token, io.peerwork.core.series.SeriesId series) {
    JsonNode p = open("series", token);
    if (p.path("v").asInt() < SERIES_TOKEN_VERSION) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "this personal link is from before registrations were"
          + " confirmed by e-mail; register again for a date to receive a new one");
    }
    return emailOf(p, series);
  }

  /**
   * A read-only token for a person's calendar feed: it opens their {@code me/calendar.ics} and
   * nothing else, so the feed's URL, which calendar services store and show, cannot act for them.
   */
  public String issueSeriesCalendar(io.peerwork.core.series.SeriesId series, String email) {
    return sign("series-calendar", seriesPayload(series, email));
  }

  /**
   * The e-mail address of a calendar token (or of a personal token, which may read its own feed).
   *
   * @throws ApiError INVALID_TOKEN or WRONG_SERIES
   */
  public String verifySeriesCalendar(String token, io.peerwork.core.series.SeriesId series) {
    JsonNode p;
    try {
      p = open("series-calendar", token);
    } catch (ApiError e) {
      return verifySeries(token, series); // a personal token, with all its checks
    }
    return emailOf(p, series);
  }

  /** What a registration asks for, carried in its confirmation link until the address is proven. */
  public record Confirmation(LocalDate date, String email, String name, String language, Instant issued) {}

  /**
   * A confirmation link's token: the registration as asked for (date, address, name, language),
   * signed, valid for {@link #CONFIRMATION_TTL}. It is sent to the address only; whoever opens it
   * proves they read that address's mail.
   */
  public String issueConfirmation(io.peerwork.core.series.SeriesId series, LocalDate date, String email, String name,
      String language) {
    ObjectNode p = seriesPayload(series, email);
    p.put("date", date.toString());
    p.put("name", name);
    p.put("lang", language);
    Instant now = clock.instant();
    p.put("iat", now.toEpochMilli());
    p.put("exp", now.plus(CONFIRMATION_TTL).getEpochSecond());
    return sign("series-confirm", p);
  }

  /**
   * The registration a confirmation token asks for.
   *
   * @throws ApiError INVALID_TOKEN, WRONG_SERIES or TOKEN_EXPIRED
   */
  public Confirmation verifyConfirmation(String token, io.peerwork.core.series.SeriesId series) {
    JsonNode p = open("series-confirm", token);
    String email = emailOf(p, series);
    if (!clock.instant().isBefore(Instant.ofEpochSecond(p.path("exp").asLong()))) {
      throw new ApiError(ApiError.Code.TOKEN_EXPIRED, "the confirmation link has expired; register again");
    }
    try {
      return new Confirmation(LocalDate.parse(p.path("date").asText()), email, p.path("name").asText(),
          p.path("lang").asText(), Instant.ofEpochMilli(p.path("iat").asLong()));
    } catch (java.time.DateTimeException e) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
  }

  private ObjectNode seriesPayload(io.peerwork.core.series.SeriesId series, String email) {
    ObjectNode p = json.createObjectNode();
    p.put("v", SERIES_TOKEN_VERSION);
    p.put("ser", series.value());
    p.put("email", io.peerwork.core.series.SeriesState.normalize(email));
    return p;
  }

  private static String emailOf(JsonNode p, io.peerwork.core.series.SeriesId series) {
    if (!series.value().equals(p.path("ser").asText())) {
      throw new ApiError(ApiError.Code.WRONG_SERIES, "the token is for another series");
    }
    return p.path("email").asText();
  }

  /** {@code base64url(payload).base64url(mac)}, the MAC taken over {@code purpose|payload}. */
  private String sign(String purpose, ObjectNode payload) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(payload);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String body = B64.encodeToString(bytes);
    return body + "." + B64.encodeToString(mac(purpose + "|" + body));
  }

  /**
   * Whether {@code signature} is exactly the signature of {@code text} as this class writes it.
   * Compared as text, not as decoded bytes: base64's last character has bits a decoder ignores, so
   * a changed last character could otherwise still pass.
   */
  private boolean signed(String signature, String text) {
    return MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
        B64.encodeToString(mac(text)).getBytes(StandardCharsets.US_ASCII));
  }

  /** The payload of a token signed for {@code purpose}; a token signed for another purpose fails. */
  private JsonNode open(String purpose, String token) {
    if (token == null || token.isEmpty() || token.length() > 2048) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "no personal link, or not one of ours");
    }
    int dot = token.indexOf('.');
    if (dot < 1 || dot != token.lastIndexOf('.')) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
    String body = token.substring(0, dot);
    try {
      if (!signed(token.substring(dot + 1), purpose + "|" + body)) {
        throw new ApiError(ApiError.Code.INVALID_TOKEN, "the token's signature is wrong");
      }
      return json.readTree(B64D.decode(body));
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
  }

  /** The host key of a series: derived from its id and the secret, so it needs no storage. */
  public String seriesHostKey(io.peerwork.core.series.SeriesId series) {
    return B64.encodeToString(java.util.Arrays.copyOf(mac("series-host|" + series.value()), 18));
  }

  /** Whether {@code key} is the host key of {@code series}. */
  public boolean isSeriesHostKey(io.peerwork.core.series.SeriesId series, String key) {
    return key != null && MessageDigest.isEqual(seriesHostKey(series).getBytes(StandardCharsets.US_ASCII),
        key.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The participant id of a registered person in every session of a series: derived from the series
   * and their e-mail address (HMAC, so the address cannot be read back from it), the same each month.
   */
  public ParticipantId seriesParticipant(io.peerwork.core.series.SeriesId series, String email) {
    byte[] m = mac("member|" + series.value() + "|" + io.peerwork.core.series.SeriesState.normalize(email));
    var sb = new StringBuilder("p-");
    for (int i = 0; i < 12; i++) {
      sb.append(Character.toLowerCase(CROCKFORD[(m[i] & 0xff) % 32]));
    }
    return ParticipantId.of(sb.toString());
  }

  private byte[] mac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
