package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * The signing that {@link Tokens} and {@link SeriesTokens} share: a token is {@code
 * base64url(payload).base64url(mac)}, HMAC-SHA256 with the server's keys ({@link Keyring}), the MAC
 * taken over {@code purpose|payload}, so a token of one kind never passes as another. Every payload
 * names the key that signed it ({@code kid}); a token whose key is retired answers {@code
 * KEY_RETIRED}. Also the alphabet of the short codes derived from MACs. Immutable.
 */
final class TokenSigner {
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  /** Crockford's base 32: no I, L, O, U, so codes read aloud and typed by hand survive. */
  static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  /** A token's payload and the key that signed it. */
  record Opened(JsonNode payload, Keyring.Key key) {}

  private final Keyring keys;
  private final ObjectMapper json;

  TokenSigner(Keyring keys, ObjectMapper json) {
    this.keys = Objects.requireNonNull(keys);
    this.json = Objects.requireNonNull(json);
  }

  /**
   * {@code base64url(payload).base64url(mac)}: the payload names the current key ({@code kid}),
   * which takes the MAC over {@code purpose|payload}.
   */
  String sign(String purpose, ObjectNode payload) {
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
  Opened open(String purpose, String token) {
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
}
