package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The tokens and keys of series, signed like every token ({@link TokenSigner}): a person's personal
 * link, their read-only calendar link, the confirmation link of a registration, a series' host key,
 * and the participant id a registered person has in every session of a series.
 *
 * <p>Personal series tokens carry when they were issued and expire after the personal token
 * lifetime (renewable by mail); they and calendar tokens carry how often their mailbox's links had
 * been revoked when they were made ({@link Personal#holder}), so a revocation recorded in the series
 * ends them. Host keys are derived from their series (no storage; they survive restarts) and, having
 * no room for a key id, are checked against every accepted key.
 */
public final class SeriesTokens {
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

  /**
   * What a valid personal or calendar token says: whose it is, and how many revocations of their
   * mailbox's links it has seen.
   */
  public record Personal(String email, int generation) {
    /**
     * The address, if no revocation of its mailbox's links was recorded in {@code s} after this
     * token was made, and the series still knows it (it does not once the person's data was erased).
     *
     * @throws ApiError TOKEN_REVOKED otherwise
     */
    public String holder(SeriesState s) {
      // Links are handed out only to addresses the series knows, and it knows an address for good
      // (cancelled seats stay on record) unless the person had their data erased: then every link
      // made before stops working, also those signed out earlier (their record went with it).
      if (generation < s.linkRevocations(email) || !s.knows(email)) {
        throw new ApiError(ApiError.Code.TOKEN_REVOKED, "this link was signed out; a new one was sent by mail,"
            + " or ask for one");
      }
      return email;
    }
  }

  private final Keyring keys;
  private final TokenSigner signer;
  private final Clock clock;
  private final Duration personalTtl;
  private final ObjectMapper json;

  /** Series tokens signed with one secret (no rotation), personal links valid {@link #PERSONAL_TTL}. */
  public SeriesTokens(byte[] secret, Clock clock, ObjectMapper json) {
    this(Keyring.single(secret, clock), clock, PERSONAL_TTL, json);
  }

  /** @param personalTtl how long a personal series token is valid */
  public SeriesTokens(Keyring keys, Clock clock, Duration personalTtl, ObjectMapper json) {
    this.keys = Objects.requireNonNull(keys);
    this.signer = new TokenSigner(keys, json);
    this.clock = Objects.requireNonNull(clock);
    this.personalTtl = Objects.requireNonNull(personalTtl);
    this.json = Objects.requireNonNull(json);
  }

  /** How long a personal series token is valid. */
  public Duration personalTtl() {
    return personalTtl;
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
    return signer.sign("series", p);
  }

  /**
   * The holder of a personal series token, if it is signed by this server for {@code series} and
   * unexpired; whether it was revoked since, the caller checks with {@link Personal#holder}.
   *
   * @throws ApiError INVALID_TOKEN, KEY_RETIRED, WRONG_SERIES or TOKEN_EXPIRED
   */
  public Personal verifySeries(String token, SeriesId series) {
    JsonNode p = signer.open("series", token).payload();
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
    return signer.sign("series-calendar", seriesPayload(s, email));
  }

  /**
   * The holder of a calendar token (or of a personal token, which may read its own feed).
   *
   * @throws ApiError INVALID_TOKEN, KEY_RETIRED or WRONG_SERIES (or, for a personal token, TOKEN_EXPIRED)
   */
  public Personal verifySeriesCalendar(String token, SeriesId series) {
    JsonNode p;
    try {
      p = signer.open("series-calendar", token).payload();
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
    return signer.sign("series-confirm", p);
  }

  /**
   * The registration a confirmation token asks for.
   *
   * @throws ApiError INVALID_TOKEN, KEY_RETIRED, WRONG_SERIES or TOKEN_EXPIRED
   */
  public Confirmation verifyConfirmation(String token, SeriesId series) {
    JsonNode p = signer.open("series-confirm", token).payload();
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

  /** The host key of a series: derived from its id and the current key, so it needs no storage. */
  public String seriesHostKey(SeriesId series) {
    return seriesHostKey(keys.current(), series);
  }

  private static String seriesHostKey(Keyring.Key key, SeriesId series) {
    return TokenSigner.B64.encodeToString(java.util.Arrays.copyOf(key.mac("series-host|" + series.value()), 18));
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
      sb.append(Character.toLowerCase(TokenSigner.CROCKFORD[(m[i] & 0xff) % 32]));
    }
    return ParticipantId.of(sb.toString());
  }
}
