package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.server.internal.SeriesApi;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Buddies over real HTTP: people seated at a date look for a buddy and pair (seeing first names and
 * opaque ids, never addresses), the mid-month mail goes out once per person (also after a restart),
 * its one-tap link checks in, and the buddy sees the check-in on their page and, if asked, by mail.
 */
class SeriesBuddiesTest {
  static final String JAN = "2030-01-01";
  /** 1 Jan 2030 08:00 UTC to 5 Feb 2030 08:00 UTC: the middle is 18 Jan 20:00 UTC. */
  static final Instant MIDDLE = Instant.parse("2030-01-18T20:00:00Z");

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  Path data;
  TestServer t;

  void startServer() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDataDirectory(data),
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

  int sweep() throws Exception {
    return t.server.injector().getInstance(SeriesApi.class).buddyMails().sweep()
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void pairUpGetOneMidMonthMailCheckInWithOneTapAndTheBuddySeesIt() throws Exception {
    data = Files.createTempDirectory("peerwork-buddies");
    startServer();
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","zone":"Europe/Vienna","capacity":4,
         "experts":["Erika"],"place":{"address":"Gumpendorfer Straße 12, 1060 Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    String sid = created.body().path("seriesId").asText();
    String anna = register(sid, "Anna Berger", "anna@example.org", "de");
    String ben = register(sid, "Ben Miller", "ben@example.net", "en");
    String cem = register(sid, "Cem", "cem@gmx.at", "de");
    assertThat(t.post("/api/series/" + sid + "/me/routines", "{\"taskId\":\"plan-posts\"}", anna).status())
        .isEqualTo(200);

    // Ben and Cem look; Anna sees them by first name, with ids and no addresses.
    assertThat(buddyOf(t.post(path(sid, "look"), "{}", ben)).path("looking").asBoolean()).isTrue();
    buddyOf(t.post(path(sid, "look"), "{}", cem));
    JsonNode annas = t.get("/api/series/" + sid + "/me", anna).body().path("buddy");
    assertThat(annas.path("date").asText()).isEqualTo(JAN);
    assertThat(annas.path("looking").asBoolean()).isFalse();
    assertThat(annas.path("buddy").isNull()).isTrue();
    List<String> names = new ArrayList<>();
    annas.path("others").forEach(o -> names.add(o.path("name").asText()));
    assertThat(names).containsExactly("Ben", "Cem");
    assertThat(annas.toString()).doesNotContain("@");
    String benId = annas.path("others").get(0).path("id").asText();

    // Anna asks Ben: they are buddies; Cem can no longer pair with Ben, and has no buddy to check in with.
    JsonNode paired = buddyOf(t.post(path(sid, "pair"), "{\"with\":\"" + benId + "\"}", anna));
    assertThat(paired.path("buddy").path("name").asText()).isEqualTo("Ben");
    assertThat(paired.path("others")).isEmpty();
    assertThat(t.get("/api/series/" + sid + "/me", ben).body().path("buddy").path("buddy").path("name").asText())
        .isEqualTo("Anna");
    assertThat(error(t.post(path(sid, "pair"), "{\"with\":\"" + benId + "\"}", cem))).isEqualTo("409 BUDDY_NOT_LOOKING");
    assertThat(error(t.post(path(sid, "check-in"), "{\"how\":\"DONE\"}", cem))).isEqualTo("404 NO_BUDDY");
    assertThat(error(t.post(path(sid, "check-in"), "{\"how\":\"MAYBE\"}", anna))).isEqualTo("400 INVALID_REQUEST");
    assertThat(error(t.post(path(sid, "look"), "{}", anna))).isEqualTo("409 ALREADY_PAIRED");
    // Anna's data export has the pair, naming Ben by the id her page showed, not by his address.
    TestServer.Response data = t.get("/api/series/" + sid + "/me/data", anna);
    assertThat(data.status()).isEqualTo(200);
    assertThat(data.body().toString()).contains("BuddiesPaired", benId).doesNotContain("ben@example.net");

    // Before the middle of the month nothing goes out; at the middle each of the two gets one mail, once.
    now.set(MIDDLE.minusSeconds(60));
    assertThat(sweep()).isZero();
    now.set(MIDDLE.plusSeconds(60));
    assertThat(sweep()).isEqualTo(2);
    assertThat(sweep()).isZero();
    OutgoingMessage toAnna = single("anna@example.org");
    assertThat(toAnna.subject()).startsWith("Halbzeit: Küche am Dienstag");
    assertThat(toAnna.body()).contains("Hallo Anna", "Buddy Ben", "„Beiträge des Monats planen“");
    OutgoingMessage toBen = single("ben@example.net");
    assertThat(toBen.subject()).startsWith("Halfway: Küche am Dienstag");
    assertThat(toBen.body()).contains("Hi Ben", "buddy Anna", "How are your plans going?");
    assertThat(mail.to("cem@gmx.at")).noneMatch(m -> m.subject().contains("Halbzeit"));

    t.close();
    startServer();
    assertThat(sweep()).as("nothing twice after a restart").isZero();
    assertThat(mail.to("anna@example.org").stream().filter(m -> m.subject().startsWith("Halbzeit")).count())
        .isEqualTo(1);

    // Anna taps "stuck": the link carries her personal token and the answer; the page posts it.
    Matcher link = Pattern.compile("/series\\.html\\?series=" + sid + "&t=([^&\\s]+)&buddy=" + JAN + "&how=STUCK")
        .matcher(toAnna.body());
    assertThat(link.find()).as(toAnna.body()).isTrue();
    String tapped = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
    JsonNode checked = buddyOf(t.post(path(sid, "check-in"), "{\"how\":\"STUCK\",\"mail\":true}", tapped));
    assertThat(checked.path("myCheck").path("how").asText()).isEqualTo("STUCK");
    JsonNode bens = t.get("/api/series/" + sid + "/me", ben).body().path("buddy");
    assertThat(bens.path("buddy").path("check").path("how").asText()).isEqualTo("STUCK");
    OutgoingMessage note = mail.to("ben@example.net").get(mail.to("ben@example.net").size() - 1);
    assertThat(note.subject()).isEqualTo("Anna checked in: Küche am Dienstag");
    assertThat(note.body()).contains("your buddy Anna", "\"stuck right now\"");

    // Ben ends it: Anna has no buddy any more.
    buddyOf(t.post(path(sid, "leave"), "{}", ben));
    assertThat(t.get("/api/series/" + sid + "/me", anna).body().path("buddy").path("buddy").isNull()).isTrue();
  }

  private OutgoingMessage single(String to) {
    List<OutgoingMessage> mid = mail.to(to).stream()
        .filter(m -> m.subject().startsWith("Halbzeit") || m.subject().startsWith("Halfway")).toList();
    assertThat(mid).hasSize(1);
    return mid.get(0);
  }

  private static String path(String sid, String action) {
    return "/api/series/" + sid + "/me/buddy/" + JAN + "/" + action;
  }

  private static JsonNode buddyOf(TestServer.Response r) {
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    return r.body().path("buddy");
  }

  private static String error(TestServer.Response r) {
    return r.status() + " " + r.body().path("error").path("code").asText();
  }

  private String register(String sid, String name, String email, String language) throws Exception {
    TestServer.Response r = mail.register(t, sid, JAN, name, email, language);
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().path("status").asText()).isEqualTo("SEATED");
    return r.body().path("token").asText();
  }
}
