package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.Erasure;
import io.peerwork.server.TestServer.Client;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A person who joined a single session by its invite link (no series, no address) has their data
 * under their control with their session token (docs/api.md, "Your data"): they download
 * everything stored about them in the session, and erase it. Afterwards no row of the session's
 * tables (its events and snapshots, read raw from H2 or PostgreSQL) holds their name or texts, the
 * room everyone else is in shows them erased, and another participant's data and recap are as they
 * were. A token of another session, or none, is refused with a code.
 */
class SessionPersonalDataTest {
  static final String NAME = "Zoe Quastenflosser";
  static final String GOAL = "Kaltakquise-Liste Tauchschule Barrakuda";
  static final String NOTE = "Wie formuliere ich die Barrakuda-Mail";
  /** What must be in no row after the erasure. */
  static final List<String> HERS = List.of(NAME, "Quastenflosser", GOAL, "Barrakuda", NOTE);

  TestServer t;

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  private static String code(TestServer.Response r) {
    return r.body().path("error").path("code").asText();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void aGuestDownloadsWhatTheSessionStoresAboutThemAndErasesIt(String kind) throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(false)
        .withDataDirectory(Files.createTempDirectory("peerwork-session-data"));
    if (kind.equals("pg")) {
      config = config.withDatabase(TestPostgres.newSchemaUrl("sessiondata"));
    }
    t = new TestServer(config, List.of());
    JsonNode created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"title\":\"Offene Werkstatt\",\"capacity\":10}").body();
    String sid = created.path("sessionId").asText();
    JsonNode invites = created.path("invites");
    Client host = t.connect(t.join(sid, invites.path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    JsonNode zoeJoined = t.join(sid, invites.path("participant").asText(), NAME);
    JsonNode benJoined = t.join(sid, invites.path("participant").asText(), "Ben");
    String zoe = zoeJoined.path("token").asText();
    String ben = benJoined.path("token").asText();
    Client z = t.connect(zoeJoined);
    Client b = t.connect(benJoined);
    host.ok("StartSession");
    host.ok("AdvancePhase");
    z.ok("DeclareGoal", "text", GOAL);
    b.ok("DeclareGoal", "text", "Impressum prüfen");
    host.ok("AdvancePhase");
    z.ok("RaiseHand", "topicId", "images", "note", NOTE);
    b.view(v -> v.toString().contains(NAME) && v.toString().contains(GOAL));

    // The download: everything about Zoe, nothing about Ben.
    TestServer.Response mine = t.get("/api/sessions/" + sid + "/me/data", zoe);
    assertThat(mine.status()).as(String.valueOf(mine.body())).isEqualTo(200);
    assertThat(mine.body().path("kind").asText()).isEqualTo("peerwork-personal-data");
    assertThat(mine.body().path("sessionId").asText()).isEqualTo(sid);
    assertThat(mine.body().path("displayName").asText()).isEqualTo(NAME);
    assertThat(mine.body().path("events").toString()).contains(NAME, GOAL, NOTE).doesNotContain("Impressum prüfen");
    assertThat(mine.body().path("notStored").path("de").asText()).contains("Chatzeilen");
    HttpResponse<String> asFile = t.getText("/api/sessions/" + sid + "/me/data?token=" + zoe);
    assertThat(asFile.headers().firstValue("content-disposition").orElse(""))
        .startsWith("attachment; filename=\"peerwork-" + sid);
    JsonNode bensBefore = t.get("/api/sessions/" + sid + "/me/data", ben).body().path("events");

    // No token, or one of another session: refused with a code, for both.
    TestServer.Response none = t.get("/api/sessions/" + sid + "/me/data");
    assertThat(none.status()).isEqualTo(401);
    assertThat(code(none)).isEqualTo("INVALID_TOKEN");
    JsonNode other = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}").body();
    String elsewhere = t.join(other.path("sessionId").asText(), other.path("invites").path("participant").asText(),
        "Olga").path("token").asText();
    TestServer.Response wrong = t.get("/api/sessions/" + sid + "/me/data", elsewhere);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(code(wrong)).isEqualTo("WRONG_SESSION");
    TestServer.Response wrongErase = t.post("/api/sessions/" + sid + "/me/erase", "{\"displayName\":\"Olga\"}",
        elsewhere);
    assertThat(code(wrongErase)).isEqualTo("WRONG_SESSION");
    assertThat(t.post("/api/sessions/" + sid + "/me/erase", "{\"displayName\":\"" + NAME + "\"}").status())
        .isEqualTo(401);

    // Erasing needs her name typed again; another one changes nothing.
    TestServer.Response refused = t.post("/api/sessions/" + sid + "/me/erase", "{\"displayName\":\"Ben\"}", zoe);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(code(refused)).isEqualTo("ERASURE_NOT_CONFIRMED");
    assertThat(b.viewNow().toString()).contains(NAME);

    TestServer.Response erased = t.post("/api/sessions/" + sid + "/me/erase",
        "{\"displayName\":\" zoe   quastenflosser \"}", zoe);
    assertThat(erased.status()).as(String.valueOf(erased.body())).isEqualTo(200);
    assertThat(erased.body().path("erased").asBoolean()).isTrue();
    assertThat(erased.body().path("sessionEvents").asInt()).isGreaterThanOrEqualTo(3);

    // Her socket is closed; the room Ben is in shows her erased, his own goal as it was.
    z.await(f -> f.path("code").asText().equals("MEMBER_REMOVED"));
    JsonNode view = b.view(v -> !v.toString().contains(NAME));
    assertThat(view.toString()).doesNotContain(GOAL, NOTE, "Quastenflosser").contains("Impressum prüfen");
    assertThat(view.path("members").toString()).contains(Erasure.ERASED);
    assertThat(host.view(v -> !v.toString().contains(NAME)).toString()).doesNotContain("Barrakuda");
    // Her copy now holds nothing of hers either.
    assertThat(t.get("/api/sessions/" + sid + "/me/data", zoe).body().path("events").toString())
        .doesNotContain(NAME, GOAL, NOTE);

    // Ben's data is as it was; once the session is over, his recap has his goal and nothing of hers.
    assertThat(t.get("/api/sessions/" + sid + "/me/data", ben).body().path("events")).isEqualTo(bensBefore);
    host.ok("EndSession");
    b.view(v -> v.path("status").asText().equals("ENDED"));
    TestServer.Response recap = t.get("/api/sessions/" + sid + "/recap", ben);
    assertThat(recap.status()).as(String.valueOf(recap.body())).isEqualTo(200);
    assertThat(recap.body().toString()).contains("Impressum prüfen").doesNotContain("Quastenflosser", "Barrakuda");
    host.close();
    b.close();
    z.close();

    // The server is stopped: no column of the session's tables holds her name or texts.
    String url = config.journalUrl();
    t.close();
    t = null;
    assertThat(rowsWithHers(url)).isEmpty();
  }

  /** An embedding's own journal without a rewriter: 501 ERASURE_UNAVAILABLE, and nothing changes. */
  @Test
  void whereTheJournalCannotRewriteErasureIsUnavailable() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withSeedDemo(false)
        .withDataDirectory(Files.createTempDirectory("peerwork-session-data"));
    // FaultyJournal wraps the JDBC journal and offers no rewriter (EventJournal's default).
    var noRewriter = new com.google.inject.AbstractModule() {
      @com.google.inject.Provides
      @com.google.inject.Singleton
      io.peerwork.core.EventJournal journal() {
        return new FaultyJournal(io.peerwork.jdbc.JdbcEventJournal.builder(config.journalUrl()).open());
      }
    };
    t = new TestServer(config, List.of(noRewriter));
    JsonNode created = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\"}").body();
    String sid = created.path("sessionId").asText();
    Client host = t.connect(t.join(sid, created.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    JsonNode joined = t.join(sid, created.path("invites").path("participant").asText(), NAME);
    Client z = t.connect(joined);
    host.view(v -> v.toString().contains(NAME));
    TestServer.Response refused = t.post("/api/sessions/" + sid + "/me/erase",
        "{\"displayName\":\"" + NAME + "\"}", joined.path("token").asText());
    assertThat(refused.status()).isEqualTo(501);
    assertThat(code(refused)).isEqualTo("ERASURE_UNAVAILABLE");
    // Nothing was changed: her stored events still name her (the export's own displayName comes from the token).
    assertThat(t.get("/api/sessions/" + sid + "/me/data", joined.path("token").asText()).body().path("events")
        .toString()).contains(NAME);
    host.close();
    z.close();
  }

  /** Every value of the session journal's tables that holds a text of hers (table.column: value). */
  private static List<String> rowsWithHers(String url) throws Exception {
    var found = new ArrayList<String>();
    var read = new ArrayList<String>();
    try (Connection c = DriverManager.getConnection(url)) {
      for (String table : List.of("peerwork_event", "peerwork_session_snapshot")) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            read.add(table);
            for (int i = 1; i <= md.getColumnCount(); i++) {
              Object v = rs.getObject(i);
              String text = v instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                  : v == null ? null : String.valueOf(v);
              if (text != null && HERS.stream().anyMatch(text::contains)) {
                found.add((table + "." + md.getColumnName(i)).toLowerCase(Locale.ROOT) + ": " + text);
              }
            }
          }
        }
      }
    }
    assertThat(read).as("rows read").contains("peerwork_event");
    return found;
  }
}
