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
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Session tokens and invite codes, signed like every token ({@link TokenSigner}, HMAC-SHA256 with
 * the server's keys, {@link Keyring}); the tokens of series are {@link SeriesTokens}.
 *
 * <p>A session token names one session, one participant, one role, a display name and an expiry.
 * Invite codes are derived from their session (no storage; they survive restarts) and, having no
 * room for a key id, are checked against every accepted key. Verified session tokens are cached
 * (Caffeine) so a busy room does not recompute MACs; the expiry and the key are checked on every
 * use all the same.
 */
public final class Tokens {
  /**
   * What a valid token says.
   *
   * @param linkGeneration for a token a series made from a personal link: how many times the
   *     person's links had been signed out then ({@code SeriesState#linkRevocations}); once they are
   *     signed out again, the token no longer connects ({@link SeriesSessions#linkSignedOut}). Empty
   *     for a token from an invite link.
   */
  public record Claims(SessionId session, ParticipantId participant, Role role, String displayName, Instant expires,
      java.util.OptionalInt linkGeneration) {}

  /** A verified session token and the key it was signed with (checked again on every use). */
  private record Verified(Claims claims, String kid) {}

  private final Keyring keys;
  private final TokenSigner signer;
  private final Clock clock;
  private final Duration ttl;
  private final ObjectMapper json;
  private final Cache<String, Verified> verified =
      Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(10)).build();

  /** Tokens signed with one secret (no rotation). */
  public Tokens(byte[] secret, Clock clock, Duration ttl, ObjectMapper json) {
    this(Keyring.single(secret, clock), clock, ttl, json);
  }

  /** @param ttl how long a session token is valid */
  public Tokens(Keyring keys, Clock clock, Duration ttl, ObjectMapper json) {
    this.keys = Objects.requireNonNull(keys);
    this.signer = new TokenSigner(keys, json);
    this.clock = Objects.requireNonNull(clock);
    this.ttl = Objects.requireNonNull(ttl);
    this.json = Objects.requireNonNull(json);
  }

  /** A token for one person in one session. */
  public String issue(SessionId session, ParticipantId who, Role role, String displayName) {
    return signed(session, who, role, displayName, java.util.OptionalInt.empty());
  }

  /**
   * A token for one person in one session, made from their personal link of a series when their
   * links had been signed out {@code linkGeneration} times: it stops connecting once they are signed
   * out again.
   */
  public String issueFromSeries(SessionId session, ParticipantId who, Role role, String displayName,
      int linkGeneration) {
    return signed(session, who, role, displayName, java.util.OptionalInt.of(linkGeneration));
  }

  private String signed(SessionId session, ParticipantId who, Role role, String displayName,
      java.util.OptionalInt linkGeneration) {
    ObjectNode p = json.createObjectNode();
    p.put("v", 1);
    p.put("sid", session.value());
    p.put("pid", who.value());
    p.put("role", role.name());
    p.put("name", displayName);
    p.put("exp", clock.instant().plus(ttl).getEpochSecond());
    linkGeneration.ifPresent(g -> p.put("lg", g));
    return signer.sign("token", p);
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
    Claims c = verifyAnySession(token);
    if (!c.session().equals(session)) {
      throw new ApiError(ApiError.Code.WRONG_SESSION, "the token is for another session");
    }
    return c;
  }

  /**
   * The claims of {@code token} if it is signed by this server with a key it accepts and unexpired,
   * whichever session it names (the caller checks that session, e.g. that it is one of a series).
   *
   * @throws ApiError INVALID_TOKEN, KEY_RETIRED or TOKEN_EXPIRED
   */
  public Claims verifyAnySession(String token) {
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
    return c;
  }

  private Verified check(String token) {
    TokenSigner.Opened o = signer.open("token", token);
    JsonNode p = o.payload();
    try {
      return new Verified(new Claims(SessionId.of(p.path("sid").asText()), ParticipantId.of(p.path("pid").asText()),
          Role.valueOf(p.path("role").asText()), p.path("name").asText(),
          Instant.ofEpochSecond(p.path("exp").asLong()),
          p.has("lg") ? java.util.OptionalInt.of(p.path("lg").asInt()) : java.util.OptionalInt.empty()), o.key().kid());
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
      sb.append(TokenSigner.CROCKFORD[(m[i] & 0xff) % 32]);
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

}
