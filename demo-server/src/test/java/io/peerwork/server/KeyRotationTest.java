package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.series.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's secret can be rotated: restarted with a new secret and the old one as the previous
 * secret, it accepts what the old one signed until the end of the grace and answers KEY_RETIRED
 * after it; a series participant keeps their id (before, one secret signed everything, so changing it
 * broke every link and changed every participant id).
 */
class KeyRotationTest {
  static final String A = "the secret we used until spring";
  static final String B = "the secret we rotated to in may";
  static final String JAN = "2030-01-01";

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  TestServer t;

  void start(Path data, ServerConfig.Keys keys, String secret) throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDataDirectory(data)
        .withSecret(secret).withKeys(keys),
        List.of(binder -> {
          binder.bind(Clock.class).toInstance(new TestClock(now));
          binder.bind(Outbox.class).toInstance(mail);
        }));
  }

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  private static String code(TestServer.Response r) {
    return r.body().path("error").path("code").asText();
  }

  @Test
  void anOpenSocketWhoseKeyRetiresIsClosed() throws Exception {
    Path data = Files.createTempDirectory("peerwork-rotation");
    start(data, ServerConfig.Keys.defaults(), A);
    JsonNode created = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}").body();
    String sessionId = created.path("sessionId").asText();
    JsonNode joined = t.join(sessionId, created.path("invites").path("host").asText(), "Hanna");
    t.close();
    Instant until = now.get().plusSeconds(2);
    start(data, new ServerConfig.Keys(A, Optional.of(until), Duration.ofDays(180)), B);
    TestServer.Client hanna = t.connect(joined);
    hanna.await(f -> f.path("type").asText().equals("snapshot"));

    now.set(until.plusSeconds(1));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> hanna.closed);
    assertThat(hanna.closeStatusCode()).isEqualTo((short) 4401);
    assertThat(hanna.await(f -> f.path("type").asText().equals("error")).path("code").asText()).isEqualTo("KEY_RETIRED");
  }

  @Test
  void linksOfThePreviousSecretWorkUntilTheEndOfTheGraceAndIdsStay() throws Exception {
    Path data = Files.createTempDirectory("peerwork-rotation");
    start(data, ServerConfig.Keys.defaults(), A);
    JsonNode created = t.post("/api/series", SeriesRegistrationTest.SERIES).body();
    String sid = created.path("seriesId").asText();
    String oldHostKey = created.path("hostKey").asText();
    String token = mail.register(t, sid, JAN, "Anna", "anna@example.org", "de").body().path("token").asText();
    String participant = t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", token).body()
        .path("participantId").asText();
    t.close();

    Instant until = now.get().plus(Duration.ofDays(7));
    start(data, new ServerConfig.Keys(A, Optional.of(until), Duration.ofDays(180)), B);
    assertThat(t.get("/api/series/" + sid + "/me", token).status()).isEqualTo(200);
    assertThat(t.get("/api/series/" + sid + "/dates/" + JAN, oldHostKey).status()).isEqualTo(200);
    JsonNode joined = t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", token).body();
    assertThat(joined.path("participantId").asText()).as("the same person in the room").isEqualTo(participant);
    String newHostKey = t.get("/api/series/" + sid + "/host-key", oldHostKey).body().path("hostKey").asText();
    assertThat(newHostKey).isNotEmpty().isNotEqualTo(oldHostKey);

    now.set(until);
    TestServer.Response retired = t.get("/api/series/" + sid + "/me", token);
    assertThat(retired.status()).isEqualTo(401);
    assertThat(code(retired)).isEqualTo("KEY_RETIRED");
    assertThat(t.get("/api/series/" + sid + "/dates/" + JAN, oldHostKey).status()).isEqualTo(401);
    assertThat(t.get("/api/series/" + sid + "/dates/" + JAN, newHostKey).status()).isEqualTo(200);

    assertThat(t.post("/api/series/" + sid + "/me/link", "{\"email\":\"anna@example.org\"}").status()).isEqualTo(202);
    String fresh = mail.personalToken("anna@example.org");
    assertThat(t.get("/api/series/" + sid + "/me", fresh).status()).isEqualTo(200);
    assertThat(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", fresh).body()
        .path("participantId").asText()).isEqualTo(participant);
    t.close();

    // after the grace the previous secret is removed: ids stay, old links are unknown
    start(data, ServerConfig.Keys.defaults(), B);
    assertThat(t.get("/api/series/" + sid + "/me", fresh).status()).isEqualTo(200);
    assertThat(code(t.get("/api/series/" + sid + "/me", token))).isEqualTo("INVALID_TOKEN");
    assertThat(t.post("/api/series/" + sid + "/me/dates/" + JAN + "/join", "{}", fresh).body()
        .path("participantId").asText()).isEqualTo(participant);
  }
}
