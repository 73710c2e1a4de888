package io.peerwork.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys {@link Tokens} and {@link SeriesTokens} sign and check with (see docs/architecture.md, "Keys and
 * rotation").
 *
 * <ul>
 *   <li>The <b>current</b> key signs everything made from now on.
 *   <li>The <b>previous</b> key, during a rotation, is still accepted until {@code previousUntil}
 *       (inclusive of nothing after it: at that instant it is retired), then answered {@code
 *       KEY_RETIRED}.
 *   <li>The <b>pseudonym</b> key derives identities, not permissions (a series participant's id from
 *       their address): it never rotates, so ids stay the same across rotations.
 * </ul>
 *
 * <p>A key is named by its id ({@link #kid}): the first 8 characters of the base64url SHA-256 of the
 * key, which names the key without revealing it. Tokens carry it; codes too short for it (invite
 * codes, host keys) are checked against every accepted key.
 */
public final class Keyring {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** One key and its id. */
  static final class Key {
    private final String kid;
    private final byte[] secret;

    private Key(byte[] secret) {
      if (secret.length < 16) {
        throw new IllegalArgumentException("a secret needs at least 16 bytes");
      }
      this.secret = secret.clone();
      this.kid = Keyring.kid(secret);
    }

    String kid() {
      return kid;
    }

    /** HMAC-SHA256 of {@code data} (UTF-8) with this key. */
    byte[] mac(String data) {
      return hmac(secret, data);
    }
  }

  private final Key current;
  private final Optional<Key> previous;
  private final Instant previousUntil;
  private final byte[] pseudonym;
  private final Clock clock;

  /**
   * @param current the key that signs
   * @param previous the key used before, accepted until {@code previousUntil}; empty for none
   * @param previousUntil when the previous key retires; required if there is one
   * @param pseudonym the key series participant ids are derived with
   * @throws IllegalArgumentException for a key under 16 bytes, or a previous key without an end
   */
  public Keyring(byte[] current, byte[] previous, Optional<Instant> previousUntil, byte[] pseudonym, Clock clock) {
    this.current = new Key(current);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (previous.length == 0) {
      this.previous = Optional.empty();
      this.previousUntil = Instant.MIN;
    } else {
      this.previous = Optional.of(new Key(previous));
      this.previousUntil = previousUntil.orElseThrow(() -> new IllegalArgumentException(
          "--previous-secret needs --previous-secret-until (an instant such as 2030-02-01T00:00:00Z)"));
    }
    if (pseudonym.length < 16) {
      throw new IllegalArgumentException("the pseudonym key needs at least 16 bytes");
    }
    this.pseudonym = pseudonym.clone();
  }

  /** One key for everything, the pseudonym key included (no rotation so far). */
  public static Keyring single(byte[] secret, Clock clock) {
    return new Keyring(secret, new byte[0], Optional.empty(), secret, clock);
  }

  /** The id of {@code key}: the first 8 characters of base64url(SHA-256(key)). */
  static String kid(byte[] key) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key that signs. */
  Key current() {
    return current;
  }

  /** The keys accepted now: the current one, then the previous one until it retires. */
  List<Key> accepted() {
    return previous.filter(p -> clock.instant().isBefore(previousUntil)).map(p -> List.of(current, p))
        .orElse(List.of(current));
  }

  /**
   * The accepted key named {@code kid}.
   *
   * @throws ApiError KEY_RETIRED for the previous key after its end; INVALID_TOKEN for a key this
   *     server does not know (another server's, or one retired before the previous key)
   */
  Key named(String kid) {
    for (Key k : accepted()) {
      if (k.kid().equals(kid)) {
        return k;
      }
    }
    if (previous.filter(p -> p.kid().equals(kid)).isPresent()) {
      throw new ApiError(ApiError.Code.KEY_RETIRED,
          "this link was made with a key that is no longer used; ask for a new one");
    }
    throw new ApiError(ApiError.Code.INVALID_TOKEN, "not signed by a key of this server");
  }

  /** When the key named {@code kid} retires: the previous key's end; empty for the current key (or an unknown one). */
  Optional<Instant> retires(String kid) {
    return previous.filter(p -> p.kid().equals(kid)).map(p -> previousUntil);
  }

  /** Whether the key named {@code kid} is still accepted. */
  boolean accepts(String kid) {
    return accepted().stream().anyMatch(k -> k.kid().equals(kid));
  }

  /** HMAC-SHA256 of {@code data} with the pseudonym key. */
  byte[] pseudonymMac(String data) {
    return hmac(pseudonym, data);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
