package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.server.TestServer.Client;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 15, problems 2, 6 and 11: the queue tells the truth, and the host sees it. After two helps
 * of a few seconds, three people raise their hands: the one at place 3 reads "Nr. 3" with a range
 * of minutes and nothing about being next (the page used to say "Du bist Nr. 3 … Du bist als
 * Nächste:r dran", and after two short helps every estimate fell under a minute); place 1 reads
 * "next". The host's page lists who waits and since when, who is being helped by whom, and "goals
 * done 1 of 2"; the expert's queue shows place numbers; the recap marks your own line. In German
 * and English, on a phone and on a desktop, with screenshots in target/screenshots.
 */
class BrowserQueueViewTest {
  TestServer t;
  ChromeDriver driver;
  final Map<String, String> windows = new LinkedHashMap<>();
  String lang;
  String layout;
  final List<Client> clients = new java.util.ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Browsers.assumeInstalled();
    t = new TestServer(List.of(TestServer.manyJoinsFromOneAddress()));
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(Client::close);
    if (driver != null) {
      driver.quit();
    }
    if (t != null) {
      t.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"de, phone", "en, desktop", "en, phone", "de, desktop"})
  void placeThreeIsNotToldNextAndTheHostSeesTheQueue(String language, String size) throws Exception {
    lang = language;
    layout = size;
    boolean de = language.equals("de");
    TestServer.Response created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"title\":\"" + (de ? "Küche im März" : "Kitchen in March")
            + "\",\"zone\":\"Europe/Vienna\",\"capacity\":10}");
    assertThat(created.status()).isEqualTo(201);
    String sid = created.body().path("sessionId").asText();
    JsonNode inv = created.body().path("invites");

    driver = Browsers.start(language);
    open("host", sid, inv.path("host").asText(), "Hanna");
    Browsers.await(driver, d -> !find("status").getText().isEmpty());
    if (find("host-open").isDisplayed()) {
      click("host-open");
    }
    waitText("status", de ? "Lobby offen" : "Lobby open");
    open("expert", sid, inv.path("expert").asText(), "Erich");
    open("anna", sid, inv.path("participant").asText(), "Anna");
    open("cem", sid, inv.path("participant").asText(), "Cem");
    Client bernd = person(sid, inv.path("participant").asText(), "Bernd");
    Client dora = person(sid, inv.path("participant").asText(), "Dora");

    on("host");
    click("host-start");
    waitText("status", de ? "Läuft" : "Running");
    click("host-advance"); // the goal round: goals and hands
    bernd.view(v -> v.path("current").path("kind").asText().equals("GOAL_ROUND"));
    bernd.ok("DeclareGoal", "text", "Newsletter");
    bernd.ok("DeclareGoal", "text", "Impressum");
    JsonNode goals = bernd.view(v -> v.path("goals").size() == 2).path("goals");
    bernd.ok("MarkGoal", "goal", goals.get(0).path("id").asText(), "status", "DONE");

    // Two helps of a moment each: they must not make every wait look like less than a minute.
    for (int i = 0; i < 2; i++) {
      dora.ok("RaiseHand", "topicId", "scheduling", "note", "");
      on("expert");
      click("claim-next");
      waitText("expert-current", "Dora");
      click("finish");
      Browsers.await(driver, d -> find("expert-current").getText().isEmpty());
    }

    on("anna");
    new Select(find("help-topic")).selectByValue("scheduling");
    click("help-raise");
    waitText("my-place", de ? "Nr. 1" : "number 1");
    bernd.ok("RaiseHand", "topicId", "scheduling", "note", "");
    on("cem");
    new Select(find("help-topic")).selectByValue("scheduling");
    click("help-raise");
    waitText("my-place", de ? "Nr. 3" : "number 3");
    // (3 × 10 min + 2 helps of a few seconds) / 5 = 6 min typical; two helps ahead, one expert:
    // from 6 to 18 minutes (19 when the helps took long enough to round up).
    waitText("my-wait", de ? "Min." : "min.");
    Matcher range = Pattern.compile(de ? "Geschätzte Wartezeit: etwa (\\d+) bis (\\d+) Min\\."
        : "Estimated wait: about (\\d+) to (\\d+) min\\.").matcher(find("my-wait").getText());
    assertThat(range.find()).as(find("my-wait").getText()).isTrue();
    assertThat(Integer.parseInt(range.group(1))).isEqualTo(6);
    assertThat(Integer.parseInt(range.group(2))).isBetween(18, 19);
    assertThat(find("help-status").getText()).doesNotContain(de ? "Nächste" : "next");
    shot("cem", "place-3");
    on("anna");
    waitText("my-wait", de ? "Du bist als Nächste:r dran" : "You are next");
    shot("anna", "place-1");

    on("expert");
    waitText("queue", "Cem");
    assertThat(driver.findElements(By.cssSelector("[data-test=queue] [data-test=place]")))
        .extracting(e -> e.getText())
        .containsExactly(de ? "Nr. 1" : "No. 1", de ? "Nr. 2" : "No. 2", de ? "Nr. 3" : "No. 3");
    shot("expert", "queue");

    on("host");
    waitText("host-goals", de ? "Ziele erledigt: 1 von 2" : "Goals done: 1 of 2");
    waitText("host-helps", de ? "Hilfen gegeben: 2" : "Helps given: 2");
    waitText("host-requests", de ? "Offene Anfragen: 3" : "Open requests: 3");
    waitText("host-waiting", "Cem");
    String waiting = find("host-waiting").getText();
    assertThat(waiting).contains("Anna", "Bernd", de ? "wartet seit eben" : "just asked");
    assertThat(waiting.indexOf("Anna")).isLessThan(waiting.indexOf("Bernd"));
    assertThat(waiting.indexOf("Bernd")).isLessThan(waiting.indexOf("Cem"));
    waitText("host-helping", de ? "Gerade hilft niemand" : "Nobody is being helped");
    shot("host", "overview-waiting");

    on("expert");
    click("claim-next");
    waitText("expert-current", "Anna");
    on("host");
    waitText("host-helping", de ? "Erich hilft Anna seit 0 Min." : "Erich has been helping Anna for 0 min");
    waitText("host-requests", de ? "Offene Anfragen: 3" : "Open requests: 3");
    shot("host", "overview-helping");
    on("cem");
    waitText("my-place", de ? "Nr. 2" : "number 2");
    assertThat(find("help-status").getText()).doesNotContain(de ? "Nächste" : "next");

    // The recap marks your own line.
    on("host");
    click("host-end");
    driver.switchTo().alert().accept();
    on("cem");
    Browsers.waitText(driver, By.cssSelector("[data-test=recap] li.mine"), "Cem", failure());
    assertThat(driver.findElements(By.cssSelector("[data-test=recap] li.mine"))).hasSize(1);
    shot("cem", "recap");
  }

  private Client person(String sid, String code, String name) throws Exception {
    JsonNode joined = t.join(sid, code, name);
    Client ws = t.connect(joined);
    clients.add(ws);
    ws.await(f -> f.path("type").asText().equals("snapshot"));
    return ws;
  }

  private void open(String who, String sid, String code, String name) {
    if (windows.isEmpty()) {
      windows.put(who, driver.getWindowHandle());
    } else {
      driver.switchTo().newWindow(WindowType.WINDOW);
      windows.put(who, driver.getWindowHandle());
    }
    if (layout.equals("phone")) {
      Browsers.phone(driver);
    } else {
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", 1366, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }
    driver.get(t.base() + "/?session=" + sid + "&code=" + code);
    Browsers.await(driver, d -> d.findElement(By.id("info-title")).isDisplayed());
    find("name").clear();
    find("name").sendKeys(name);
    click("join");
    Browsers.await(driver, d -> d.getCurrentUrl().contains("room.html"));
    waitText("connection", lang.equals("de") ? "Verbunden" : "Connected");
  }

  private void on(String who) {
    driver.switchTo().window(windows.get(who));
  }

  private org.openqa.selenium.WebElement find(String test) {
    return Browsers.find(driver, test);
  }

  private void click(String test) {
    Browsers.click(driver, test);
  }

  private void waitText(String test, String text) {
    Browsers.waitText(driver, By.cssSelector("[data-test=" + test + "]"), text, failure());
  }

  private String failure() {
    return "queue-" + lang + "-" + layout + "-failure";
  }

  private void shot(String who, String step) {
    Browsers.shot(driver, "queue-" + lang + "-" + layout + "-" + who + "-" + step);
  }
}
