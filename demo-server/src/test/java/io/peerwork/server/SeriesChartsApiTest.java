package io.peerwork.server;

import static io.peerwork.server.ThreeMonthsOfHistory.FORMULA;
import static io.peerwork.server.ThreeMonthsOfHistory.GREETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "Regularity you can see", over real HTTP: a person's months and the host's figures per
 * date as JSON and as CSV downloads (UTF-8, header row, RFC 4180 quoting, guarded against formula
 * injection), each only with the right key.
 */
class SeriesChartsApiTest {
  final HttpClient http = HttpClient.newHttpClient();
  ThreeMonthsOfHistory h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  HttpResponse<byte[]> download(String path, String bearer) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(h.t.base() + path)).GET();
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The CSV's rows, each split into its fields (RFC 4180: quoted fields, doubled quotes, CRLF). */
  static List<List<String>> parse(String text) {
    var rows = new ArrayList<List<String>>();
    var row = new ArrayList<String>();
    var field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    assertThat(row).as("the last row ends with CRLF").isEmpty();
    assertThat(field).isEmpty();
    return rows;
  }

  static String text(HttpResponse<byte[]> r) {
    byte[] body = r.body();
    // A byte order mark first, so a spreadsheet opened by double-click reads UTF-8.
    assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
  }

  @Test
  void aPersonSeesHerMonthsAsJson() throws Exception {
    h = new ThreeMonthsOfHistory("de");
    TestServer.Response r = h.t.get("/api/series/" + h.seriesId + "/me/months", h.anna);
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().path("name").asText()).isEqualTo("Anna Öztürk");
    JsonNode months = r.body().path("months");
    assertThat(months).hasSize(3);
    assertThat(List.of(months.get(0).path("month").asText(), months.get(1).path("month").asText(),
        months.get(2).path("month").asText())).containsExactly("2030-01", "2030-02", "2030-03");
    JsonNode jan = months.get(0);
    assertThat(jan.path("sessions").asInt()).isEqualTo(1);
    assertThat(jan.path("attended").asInt()).isEqualTo(1);
    assertThat(jan.path("routinesDue").asInt()).isEqualTo(1);
    assertThat(jan.path("routinesOnTime").asInt()).isEqualTo(1);
    assertThat(jan.path("goalsDone").asInt()).isEqualTo(2);
    assertThat(jan.path("goalsPartly").asInt()).isEqualTo(1);
    assertThat(jan.path("goalsCarriedOver").asInt()).isZero();
    assertThat(jan.path("helpsReceived").asInt()).isEqualTo(1);
    assertThat(jan.path("helpsGiven").asInt()).isZero();
    assertThat(jan.path("done").get(0).path("text").asText()).isEqualTo(FORMULA);
    assertThat(jan.path("routinesKept").get(0).path("title").path("de").asText()).isEqualTo("Beiträge des Monats planen");
    JsonNode feb = months.get(1);
    assertThat(feb.path("routinesOnTime").asInt()).isZero();
    assertThat(feb.path("goalsCarriedOver").asInt()).isEqualTo(1);
    assertThat(feb.path("helpsGiven").asInt()).isEqualTo(2);
    assertThat(feb.path("routinesKept")).isEmpty();
    assertThat(months.get(2).path("done").get(1).path("text").asText()).isEqualTo(GREETING);

    // Only with her personal token.
    assertThat(h.t.get("/api/series/" + h.seriesId + "/me/months").status()).isEqualTo(401);
    assertThat(h.t.get("/api/series/" + h.seriesId + "/me/months", h.hostKey).status()).isEqualTo(401);
    // Bernd sees his own: no-show in January, there in February.
    JsonNode bernd = h.t.get("/api/series/" + h.seriesId + "/me/months", h.bernd).body().path("months");
    assertThat(bernd).hasSize(2);
    assertThat(bernd.get(0).path("attended").asInt()).isZero();
    assertThat(bernd.get(1).path("goalsDone").asInt()).isEqualTo(1);
  }

  @Test
  void aPersonDownloadsHerMonthsAsCsvWithUmlautsAndNoFormula() throws Exception {
    h = new ThreeMonthsOfHistory("de");
    HttpResponse<byte[]> r = download("/api/series/" + h.seriesId + "/me/months.csv", h.anna);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"peerwork-" + h.seriesId + "-months.csv\"");
    List<List<String>> rows = parse(text(r));
    assertThat(rows.get(0)).containsExactly("month", "sessions", "attended", "routines_due", "routines_on_time",
        "goals_done", "goals_partly", "goals_carried_over", "helps_received", "helps_given", "done_goals",
        "routines_kept");
    assertThat(rows).hasSize(4);
    // The formula-like goal starts with an apostrophe; the cell is quoted for its commas and quotes.
    assertThat(rows.get(1)).containsExactly("2030-01", "1", "1", "1", "1", "2", "1", "0", "1", "0",
        "'" + FORMULA + " | Beiträge planen", "Beiträge des Monats planen");
    assertThat(rows.get(2)).containsExactly("2030-02", "1", "1", "1", "0", "1", "1", "1", "0", "2",
        "Impressum prüfen", "");
    assertThat(rows.get(3).get(10)).isEqualTo("Beiträge planen | " + GREETING);
    // The raw text: the greeting's comma makes its cell quoted, its umlauts are UTF-8.
    assertThat(text(r)).contains("\"Beiträge planen | Grüße an Jörg, später\"");

    HttpResponse<byte[]> en = download("/api/series/" + h.seriesId + "/me/months.csv?lang=en", h.anna);
    assertThat(parse(text(en)).get(1).get(11)).isEqualTo("Plan the month's posts");
    assertThat(download("/api/series/" + h.seriesId + "/me/months.csv", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theHostSeesTheFiguresPerDateAsJsonAndCsv() throws Exception {
    h = new ThreeMonthsOfHistory("de");
    TestServer.Response r = h.t.get("/api/series/" + h.seriesId + "/stats", h.hostKey);
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    JsonNode dates = r.body().path("dates");
    assertThat(dates).hasSize(4);
    assertThat(dates.get(0).toString()).isEqualTo("{\"date\":\"2030-01-01\",\"cancelled\":null,\"seated\":2,"
        + "\"attended\":1,\"noShows\":1,\"waitlisted\":0,\"goalsSet\":3,\"goalsDone\":2}");
    assertThat(dates.get(1).path("attended").asInt()).isEqualTo(2);
    assertThat(dates.get(1).path("goalsSet").asInt()).isEqualTo(4);
    assertThat(dates.get(1).path("goalsDone").asInt()).isEqualTo(2);
    assertThat(dates.get(2).path("seated").asInt()).isEqualTo(1);
    assertThat(dates.get(2).path("goalsDone").asInt()).isEqualTo(2);
    assertThat(dates.get(3).path("cancelled").asText()).isEqualTo(ThreeMonthsOfHistory.APRIL_REASON);

    assertThat(h.t.get("/api/series/" + h.seriesId + "/stats").status()).isEqualTo(401);
    assertThat(h.t.get("/api/series/" + h.seriesId + "/stats", h.anna).status()).isEqualTo(401);

    HttpResponse<byte[]> csv = download("/api/series/" + h.seriesId + "/stats.csv", h.hostKey);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
    assertThat(csv.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"peerwork-" + h.seriesId + "-dates.csv\"");
    List<List<String>> rows = parse(text(csv));
    assertThat(rows).containsExactly(
        List.of("date", "cancelled", "seated", "attended", "no_shows", "waitlisted", "goals_set", "goals_done"),
        List.of("2030-01-01", "", "2", "1", "1", "0", "3", "2"),
        List.of("2030-02-05", "", "2", "2", "0", "0", "4", "2"),
        List.of("2030-03-05", "", "1", "1", "0", "0", "2", "2"),
        // A reason starting with a minus is no formula either; the umlaut is UTF-8.
        List.of("2030-04-02", "'" + ThreeMonthsOfHistory.APRIL_REASON, "0", "0", "0", "0", "0", "0"));
    assertThat(download("/api/series/" + h.seriesId + "/stats.csv", h.anna).statusCode()).isEqualTo(401);
  }
}
