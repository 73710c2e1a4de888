package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed tokens and codes, HMAC-SHA256 with the server's keys ({@link Keyring}).
 *
 * <p>A token is {@code base64url(payload).base64url(mac)}; the MAC is taken over {@code
 * purpose|payload}, so a token of one kind (session, personal, calendar, confirmation) never passes
 * as another. Every payload names the key that signed it ({@code kid}); a token whose key is retired
 * answers {@code KEY_RETIRED}. A session token names one session, one participant, one role, a
 * display name and an expiry. Invite codes and series host keys are derived from their session or
 * series (no storage; they survive restarts) and, having no room for a key id, are checked against
 * every accepted key. Verified session tokens are cached (Caffeine) so a busy room does not recompute
 * MACs; the expiry and the key are checked on every use all the same.
 *
 * <p>Personal series tokens carry when they were issued and expire after the personal token
 * lifetime (renewable by mail); they and calendar tokens carry how often their mailbox's links had
 * been revoked when they were made ({@link Personal#holder}), so a revocation recorded in the series
 * ends them.
 */
public final class Tokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  /**
   * The version of personal series tokens. Version 1 was handed out before registrations were
   * confirmed by e-mail (so possibly to someone who only typed another's address); it is refused.
   * Version 2 had no expiry and cannot be revoked; a personal token of version 2 answers {@code
   * TOKEN_EXPIRED} (a new link comes by mail), a calendar token of version 2 still reads its feed
   * until its mailbox's links are revoked.
   */
  private static final int SERIES_TOKEN_VERSION = 3;
  /** How long a registration's confirmation link stays valid. */
  public static final Duration CONFIRMATION_TTL = Duration.ofHours(24);
  /** How long a personal series link stays valid unless configured otherwise. */
  public static final Duration PERSONAL_TTL = Duration.ofDays(180);
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  /** What a valid token says. */
  public record Claims(SessionId session, ParticipantId participant, Role role, String displayName, Instant expires) {}

  /**
   * What a valid personal or calendar token says: whose it is, and how many revocations of their
   * mailbox's links it has seen.
   */
  public record Personal(String email, int generation) {
    /**
     * The address, if no revocation of its mailbox's links was recorded in {@code s} after this
     * token was made.
     *
     * @throws ApiError TOKEN_REVOKED otherwise
     */
    public String holder(io.peerwork.core.series.SeriesState s) {
      if (generation < s.linkRevocations(email)) {
        throw new ApiError(ApiError.Code.TOKEN_REVOKED, "this link was signed out; a new one was sent by mail,"
            + " or ask for one");
      }
      return email;
    }
  }

  /** A verified session token and the key it was signed with (checked again on every use). */
  private record Verified(Claims claims, String kid) {}

  /** A token's payload and the key that signed it. */
  private record Opened(JsonNode payload, Keyring.Key key) {}

  private final Keyring keys;
  private final Clock clock;
  private final Duration ttl;
  private final Duration personalTtl;
  private final ObjectMapper json;
  private final Cache<String, Verified> verified =
      Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(10)).build();

  /** Tokens signed with one secret (no rotation), personal links valid {@link #PERSONAL_TTL}. */
  public Tokens(byte[] secret, Clock clock, Duration ttl, ObjectMapper json) {
    this(Keyring.single(secret, clock), clock, ttl, PERSONAL_TTL, json);
  }

  /**
   * @param ttl how long a session token is valid
   * @param personalTtl how long a personal series token is valid
   */
  public Tokens(Keyring keys, Clock clock, Duration ttl, Duration personalTtl, ObjectMapper json) {
    this.keys = Objects.requireNonNull(keys);
    this.clock = Objects.requireNonNull(clock);
    this.ttl = Objects.requireNonNull(ttl);
    this.personalTtl = Objects.requireNonNull(personalTtl);
    this.json = Objects.requireNonNull(json);
  }

  /** How long a personal series token is valid. */
  public Duration personalTtl() {
    return personalTtl;
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
   * When the key that signed {@code token} retires (the previous key during a rotation), so that an
   * open socket can be closed then; empty for the current key or a token not verified here.
   */
  public Optional<Instant> keyRetires(String token) {
    Verified v = token == null ? null : verified.getIfPresent(token);
    return v == null ? Optional.empty() : keys.retires(v.kid());
  }

  /**
   * The claims of {@code token} if it is signed by this server with a key it accepts, unexpired and
   * for {@code session}.
   *
   * @throws ApiError INVALID_TOKEN, KEY_RETIRED, TOKEN_EXPIRED or WRONG_SESSION
   */
  public Claims verify(String token, SessionId session) {
    if (token == null || token.isEmpty() || token.length() > 2048) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "no token, or not one of ours");
    }
    Verified v = verified.getIfPresent(token);
    if (v == null) {
      v = check(token);
      verified.put(token, v);
    } else if (!keys.accepts(v.kid())) {
      keys.named(v.kid()); // throws: the key was retired since
    }
    Claims c = v.claims();
    if (!clock.instant().isBefore(c.expires())) {
      throw new ApiError(ApiError.Code.TOKEN_EXPIRED, "the token has expired; join again");
    }
    if (!c.session().equals(session)) {
      throw new ApiError(ApiError.Code.WRONG_SESSION, "the token is for another session");
    }
    return c;
  }

  private Verified check(String token) {
    Opened o = open("token", token);
    JsonNode p = o.payload();
    try {
      return new Verified(new Claims(SessionId.of(p.path("sid").asText()), ParticipantId.of(p.path("pid").asText()),
          Role.valueOf(p.path("role").asText()), p.path("name").asText(),
          Instant.ofEpochSecond(p.path("exp").asLong())), o.key().kid());
    } catch (IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
  }

  /** The first invite code (generation 0) for {@code role} in {@code session}, e.g. {@code K7QX-2M9D-PA} (current key). */
  public String inviteCode(SessionId session, Role role) {
    return inviteCode(session, role, 0);
  }

  /**
   * The invite code of {@code generation} for {@code role} in {@code session} (current key): a host who
   * replaces a link ({@code RevokeInvite}) moves its role to the next generation, whose code differs.
   * Generation 0 is the code sessions had before links could be replaced.
   */
  public String inviteCode(SessionId session, Role role, int generation) {
    return inviteCode(keys.current(), session, role, generation);
  }

  private static String inviteCode(Keyring.Key key, SessionId session, Role role, int generation) {
    byte[] m = key.mac("invite|" + session.value() + "|" + role.name() + (generation == 0 ? "" : "|" + generation));
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
    // During a key rotation the previous key's codes still open their sessions.
    for (Keyring.Key key : keys.accepted()) {
      for (Role r : Role.values()) {
        int now = current.applyAsInt(r);
        for (int g = now; g >= Math.max(0, now - REVOKED_REMEMBERED); g--) {
          byte[] expected = inviteCode(key, session, r, g).replace("-", "").getBytes(StandardCharsets.US_ASCII);
          if (MessageDigest.isEqual(expected, normal)) {
            return java.util.Optional.of(new InviteMatch(r, g, g == now));
          }
        }
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The role {@code code} invites to in {@code session}, if it is one of its first (generation 0)
   * invite codes under an accepted key (during a rotation, the previous key's codes still open their
   * sessions).
   */
  public Optional<Role> roleOfInvite(SessionId session, String code) {
    if (code == null) {
      return Optional.empty();
    }
    byte[] normal = code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "").getBytes(StandardCharsets.US_ASCII);
    for (Keyring.Key key : keys.accepted()) {
      for (Role r : Role.values()) {
        String expected = inviteCode(key, session, r, 0).replace("-", "");
        if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), normal)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A person's personal token for a series: names the series and their e-mail address, signed, valid
   * for the personal token lifetime, and ended earlier by a revocation of their mailbox's links
   * recorded in {@code s}. It opens only the series' {@code /me} endpoints, never a room. It is handed
   * out only to whoever proved they read the address's mail (a {@linkplain #issueConfirmation
   * confirmation link}, or a message sent to the address).
   */
  public String issueSeries(SeriesState s, String email) {
    ObjectNode p = seriesPayload(s, email);
    p.put("exp", Instant.ofEpochMilli(p.path("iat").asLong()).plus(personalTtl).getEpochSecond());
    return sign("series", p);
  }

  /**
   * The holder of a personal series token, if it is signed by this server for {@code series} and
   * unexpired; whether it was revoked since, the caller checks with {@link Personal#holder}.
   *
   * @throws ApiError INVALID_TOKEN, KEY_RETIRED, WRONG_SERIES or TOKEN_EXPIRED
   */
  public Personal verifySeries(String token, SeriesId series) {
    JsonNode p = open("series", token).payload();
    int version = p.path("v").asInt();
    if (version < 2) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "this personal link is from before registrations were"
          + " confirmed by e-mail; register again for a date to receive a new one");
    }
    Personal who = personal(p, series);
    if (version < 3 || !clock.instant().isBefore(Instant.ofEpochSecond(p.path("exp").asLong()))) {
      throw new ApiError(ApiError.Code.TOKEN_EXPIRED, "this personal link has expired; ask for a new one,"
          + " which is sent to your e-mail address");
    }
    return who;
  }

  /**
   * A read-only token for a person's calendar feed: it opens their {@code me/calendar.ics} and
   * nothing else, so the feed's URL, which calendar services store and show, cannot act for them. It
   * does not expire (a calendar service cannot ask for a new one) but ends with a revocation of its
   * mailbox's links.
   */
  public String issueSeriesCalendar(SeriesState s, String email) {
    return sign("series-calendar", seriesPayload(s, email));
  }

  /**
   * The holder of a calendar token (or of a personal token, which may read its own feed).
   *
   * @throws ApiError INVALID_TOKEN, KEY_RETIRED or WRONG_SERIES (or, for a personal token, TOKEN_EXPIRED)
   */
  public Personal verifySeriesCalendar(String token, SeriesId series) {
    JsonNode p;
    try {
      p = open("series-calendar", token).payload();
    } catch (ApiError e) {
      if (!e.code().equals(ApiError.Code.INVALID_TOKEN.name())) {
        throw e;
      }
      return verifySeries(token, series); // a personal token, with all its checks
    }
    return personal(p, series);
  }

  /** What a registration asks for, carried in its confirmation link until the address is proven. */
  public record Confirmation(LocalDate date, String email, String name, String language, Instant issued) {}

  /**
   * A confirmation link's token: the registration as asked for (date, address, name, language),
   * signed, valid for {@link #CONFIRMATION_TTL}. It is sent to the address only; whoever opens it
   * proves they read that address's mail.
   */
  public String issueConfirmation(SeriesId series, LocalDate date, String email, String name, String language) {
    ObjectNode p = json.createObjectNode();
    p.put("v", SERIES_TOKEN_VERSION);
    p.put("ser", series.value());
    p.put("email", SeriesState.normalize(email));
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
   * @throws ApiError INVALID_TOKEN, KEY_RETIRED, WRONG_SERIES or TOKEN_EXPIRED
   */
  public Confirmation verifyConfirmation(String token, SeriesId series) {
    JsonNode p = open("series-confirm", token).payload();
    String email = personal(p, series).email();
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

  /** Series, address, issue time (ms) and the mailbox's revocations so far. */
  private ObjectNode seriesPayload(SeriesState s, String email) {
    String e = SeriesState.normalize(email);
    ObjectNode p = json.createObjectNode();
    p.put("v", SERIES_TOKEN_VERSION);
    p.put("ser", s.id().value());
    p.put("email", e);
    p.put("gen", s.linkRevocations(e));
    p.put("iat", clock.instant().toEpochMilli());
    return p;
  }

  private static Personal personal(JsonNode p, SeriesId series) {
    if (!series.value().equals(p.path("ser").asText())) {
      throw new ApiError(ApiError.Code.WRONG_SERIES, "the token is for another series");
    }
    return new Personal(p.path("email").asText(), p.path("gen").asInt(0));
  }

  /**
   * {@code base64url(payload).base64url(mac)}: the payload names the current key ({@code kid}),
   * which takes the MAC over {@code purpose|payload}.
   */
  private String sign(String purpose, ObjectNode payload) {
    Keyring.Key key = keys.current();
    payload.put("kid", key.kid());
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(payload);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String body = B64.encodeToString(bytes);
    return body + "." + B64.encodeToString(key.mac(purpose + "|" + body));
  }

  /**
   * Whether {@code signature} is exactly the signature of {@code text} under {@code key} as this class
   * writes it. Compared as text, not as decoded bytes: base64's last character has bits a decoder
   * ignores, so a changed last character could otherwise still pass.
   */
  private static boolean signed(Keyring.Key key, String signature, String text) {
    return MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
        B64.encodeToString(key.mac(text)).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The payload of a token signed for {@code purpose} with an accepted key: the key its {@code kid}
   * names, or for a token from before key ids, any accepted key. A token signed for another purpose
   * fails.
   *
   * @throws ApiError INVALID_TOKEN, or KEY_RETIRED for a key no longer accepted
   */
  private Opened open(String purpose, String token) {
    if (token == null || token.isEmpty() || token.length() > 2048) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "no token, or not one of ours");
    }
    int dot = token.indexOf('.');
    if (dot < 1 || dot != token.lastIndexOf('.')) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
    String body = token.substring(0, dot);
    JsonNode p;
    try {
      p = json.readTree(B64D.decode(body));
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
    if (p == null || !p.isObject()) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
    String signature = token.substring(dot + 1);
    String text = purpose + "|" + body;
    if (p.hasNonNull("kid")) {
      Keyring.Key key = keys.named(p.path("kid").asText());
      if (signed(key, signature, text)) {
        return new Opened(p, key);
      }
    } else {
      for (Keyring.Key key : keys.accepted()) {
        if (signed(key, signature, text)) {
          return new Opened(p, key);
        }
      }
    }
    throw new ApiError(ApiError.Code.INVALID_TOKEN, "the token's signature is wrong");
  }

  /** The host key of a series: derived from its id and the current key, so it needs no storage. */
  public String seriesHostKey(SeriesId series) {
    return seriesHostKey(keys.current(), series);
  }

  private static String seriesHostKey(Keyring.Key key, SeriesId series) {
    return B64.encodeToString(java.util.Arrays.copyOf(key.mac("series-host|" + series.value()), 18));
  }

  /** Whether {@code key} is the host key of {@code series} under an accepted key. */
  public boolean isSeriesHostKey(SeriesId series, String key) {
    if (key == null) {
      return false;
    }
    byte[] given = key.getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (Keyring.Key k : keys.accepted()) {
      match |= MessageDigest.isEqual(seriesHostKey(k, series).getBytes(StandardCharsets.US_ASCII), given);
    }
    return match;
  }

  /**
   * The participant id of a registered person in every session of a series: derived from the series
   * and their e-mail address with the pseudonym key (HMAC, so the address cannot be read back from
   * it), the same each month and across key rotations.
   */
  public ParticipantId seriesParticipant(SeriesId series, String email) {
    byte[] m = keys.pseudonymMac("member|" + series.value() + "|" + SeriesState.normalize(email));
    var sb = new StringBuilder("p-");
    for (int i = 0; i < 12; i++) {
      sb.append(Character.toLowerCase(CROCKFORD[(m[i] & 0xff) % 32]));
    }
    return ParticipantId.of(sb.toString());
  }
}
