package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.server.TestServer.Client;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The expert of a series, in the room (German, phone-sized), finds a participant's tip for the
 * chosen task under "Material pro Aufgabe" and takes it over with "Als Material übernehmen": it is
 * then the task's resource in the room, for everyone there, and the tip leaves the list.
 */
class BrowserExpertTipTest extends SeriesBrowserTest {
  static final String DATE = "2030-03-05";

  BrowserExpertTipTest() {
    super("expert-tip", Instant.parse("2030-02-10T10:00:00Z"), false);
  }

  @Test
  void theExpertTakesOverATipAsAResource() throws Exception {
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","capacity":5,"place":{"address":"Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    String anna = mail.register(t, sid, DATE, "Anna", "anna@example.org", "de").body().path("token").asText();

    now.set(Instant.parse("2030-03-05T08:00:05Z"));
    JsonNode session = t.post("/api/series/" + sid + "/dates/" + DATE + "/session", "{}", hostKey).body();
    String sessionId = session.path("sessionId").asText();
    Client host = t.connect(t.join(sessionId, session.path("invites").path("host").asText(), "Hanna"));
    host.view(v -> v.path("status").asText().equals("OPEN"));
    Client p = t.connect(t.post("/api/series/" + sid + "/me/dates/" + DATE + "/join", "{}", anna).body());
    assertThat(t.post("/api/series/" + sid + "/me/wall",
        "{\"kind\":\"TIP\",\"text\":\"Canva-Vorlagen sparen Zeit\",\"taskId\":\"plan-posts\"}", anna).status())
        .isEqualTo(201);
    String expertToken = t.join(sessionId, session.path("invites").path("expert").asText(), "Erika")
        .path("token").asText();

    driver = Browsers.start("de");
    Browsers.phone(driver);
    driver.get(t.base() + "/room.html?session=" + sessionId + "#t=" + expertToken);
    Browsers.waitText(driver, By.cssSelector("[data-test=resources-editor] h2"), "Material pro Aufgabe",
        "expert-tip-editor");
    new Select(Browsers.find(driver, "res-task")).selectByValue("plan-posts");
    Browsers.waitText(driver, By.cssSelector("[data-test=res-tips]"), "Canva-Vorlagen sparen Zeit", "expert-tip-list");
    assertThat(Browsers.find(driver, "res-tips").getText()).contains("Anna").doesNotContain("anna@example.org");
    assertThat(Browsers.find(driver, "res-promote").getText()).isEqualTo("Als Material übernehmen");
    Browsers.shot(driver, "expert-tip-de-1-tips");

    Browsers.click(driver, "res-promote");
    Browsers.waitText(driver, By.cssSelector("[data-test=res-list]"), "Tipp von Anna", "expert-tip-promoted");
    JsonNode got = p.await(f -> f.path("type").asText().equals("resources") && f.path("tasks").has("plan-posts"));
    assertThat(got.path("tasks").path("plan-posts").get(0).path("title").path("de").asText())
        .isEqualTo("Tipp von Anna");
    Browsers.await(driver, d -> d.findElements(By.cssSelector("[data-test=res-tip]")).isEmpty());
    Browsers.shot(driver, "expert-tip-de-2-promoted");
    host.close();
    p.close();
  }
}
