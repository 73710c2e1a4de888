package io.peerwork.server.internal;

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
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(p);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String body = B64.encodeToString(payload);
    return body + "." + B64.encodeToString(mac("token|" + body));
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
    byte[] given;
    try {
      given = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.INVALID_TOKEN, "malformed token");
    }
    if (!MessageDigest.isEqual(given, mac("token|" + body))) {
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

  /** The invite code for {@code role} in {@code session}, e.g. {@code K7QX-2M9D-PA}. */
  public String inviteCode(SessionId session, Role role) {
    byte[] m = mac("invite|" + session.value() + "|" + role.name());
    var sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      sb.append(CROCKFORD[(m[i] & 0xff) % 32]);
      if (i == 3 || i == 7) {
        sb.append('-');
      }
    }
    return sb.toString();
  }

  /** The role {@code code} invites to in {@code session}, if it is one of its invite codes. */
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
