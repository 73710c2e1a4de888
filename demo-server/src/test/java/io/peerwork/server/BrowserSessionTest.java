package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Host, expert and two participants, each in their own browser window (phone-sized), run a session
 * through goals, a help request, a phase advance and the recap: once in German, once in English.
 */
class BrowserSessionTest {
  TestServer t;
  ChromeDriver driver;
  final Map<String, String> windows = new LinkedHashMap<>();
  String lang;

  @BeforeEach
  void start() throws Exception {
    Browsers.assumeInstalled();
    t = new TestServer();
  }

  @AfterEach
  void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (t != null) {
      t.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void aSessionInFourWindows(String language) throws Exception {
    lang = language;
    boolean de = language.equals("de");
    TestServer.Response created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"title\":\"" + (de ? "Küche im März" : "Kitchen in March")
            + "\",\"zone\":\"Europe/Vienna\",\"capacity\":10}");
    assertThat(created.status()).isEqualTo(201);
    String sid = created.body().path("sessionId").asText();
    JsonNode inv = created.body().path("invites");

    driver = Browsers.start(language);
    open("host", sid, inv.path("host").asText(), "Hanna");
    open("expert", sid, inv.path("expert").asText(), "Erich");
    open("anna", sid, inv.path("participant").asText(), "Anna");
    open("bernd", sid, inv.path("participant").asText(), "Bernd <b>B.</b>");

    on("host");
    waitText(By.cssSelector("[data-test=status]"), de ? "Lobby offen" : "Lobby open");
    waitText(By.cssSelector("[data-test=people]"), "Bernd <b>B.</b>"); // shown as text, never as HTML
    assertThat(driver.findElements(By.cssSelector("[data-test=people] b"))).isEmpty();
    shot("host", "1-lobby");
    click("host-start");
    waitText(By.cssSelector("[data-test=status]"), de ? "Läuft" : "Running");
    click("host-advance");
    waitText(By.cssSelector("[data-test=timeline] li.current"), de ? "Zielrunde" : "Goal round");

    on("anna");
    waitText(By.cssSelector("[data-test=timeline] li.current"), de ? "Zielrunde" : "Goal round");
    new Select(find("goal-task")).selectByIndex(1);
    click("goal-add");
    waitText(By.cssSelector("[data-test=my-goals]"), de ? "Beiträge des Monats planen" : "Plan the month's posts");
    on("bernd");
    find("goal-text").sendKeys(de ? "Newsletter schreiben" : "Write the newsletter");
    click("goal-add");
    waitText(By.cssSelector("[data-test=my-goals]"), de ? "Newsletter schreiben" : "Write the newsletter");
    shot("bernd", "2-goals");

    on("host");
    click("host-advance");
    waitText(By.cssSelector("[data-test=timeline] li.current"), de ? "Fokusblock" : "Focus block");
    waitText(By.cssSelector("[data-test=countdown]"), ":");

    on("anna");
    new Select(find("help-topic")).selectByIndex(1);
    find("help-note").sendKeys(de ? "Welches Tool für Instagram?" : "Which tool for Instagram?");
    click("help-raise");
    waitText(By.cssSelector("[data-test=my-place]"), de ? "Nr. 1" : "number 1");
    shot("anna", "3-waiting");

    on("expert");
    waitText(By.cssSelector("[data-test=queue]"), "Anna");
    waitText(By.cssSelector("[data-test=queue]"), de ? "Welches Tool für Instagram?" : "Which tool for Instagram?");
    shot("expert", "4-queue");
    click("claim-next");
    waitText(By.cssSelector("[data-test=expert-current]"), "Anna");
    on("anna");
    waitText(By.cssSelector("[data-test=being-helped]"), "Erich");
    on("expert");
    new Select(find("outcome")).selectByValue("SOLVED");
    click("finish");
    wait(d -> d.findElement(By.cssSelector("[data-test=expert-current]")).getText().isEmpty());

    on("anna");
    click("rate-SOLVED"); // one tap: how it went
    Browsers.click(driver, By.cssSelector("[data-test=my-goals] [data-test=mark-DONE]"));
    waitText(By.cssSelector("[data-test=my-goals]"), de ? "erledigt" : "done");
    on("bernd");
    Browsers.click(driver, By.cssSelector("[data-test=my-goals] [data-test=mark-PARTLY_DONE]"));
    waitText(By.cssSelector("[data-test=my-goals]"), de ? "teilweise" : "partly");
    openChat();
    find("chat-text").sendKeys(de ? "Gut gemacht, Anna!" : "Well done, Anna!");
    click("chat-send");
    click("cheer");
    on("anna");
    openChat();
    waitText(By.cssSelector("[data-test=chat-log]"), de ? "Gut gemacht, Anna!" : "Well done, Anna!");
    waitText(By.cssSelector("[data-test=chat-log]"), "🎉");
    waitText(By.cssSelector("[data-test=people]"), de ? "teilweise" : "partly");
    shot("anna", "5-progress");

    on("host");
    click("host-advance");
    waitText(By.cssSelector("[data-test=timeline] li.current"), de ? "Pause" : "Break");
    shot("host", "6-break");
    click("host-end");
    driver.switchTo().alert().accept();
    waitText(By.cssSelector("[data-test=status]"), de ? "Beendet" : "Ended");

    for (String who : List.of("host", "expert", "anna", "bernd")) {
      on(who);
      waitText(By.cssSelector("[data-test=recap]"), "Anna");
      waitText(By.cssSelector("[data-test=recap]"), de ? "1 erledigt" : "1 done");
      shot(who, "7-recap");
    }
    on("bernd");
    waitText(By.cssSelector("[data-test=recap]"), de ? "1 teilweise" : "1 partly");
    // Everyone sees the session's helps; only the staff see the summary with each help's answers.
    waitText(By.cssSelector("[data-test=recap]"), de ? "Hilfen: 1 · pausiert: 0" : "Helps: 1 · put on hold: 0");
    waitText(By.cssSelector("[data-test=recap]"), de ? "Rückmeldungen danach: 1 gelöst" : "Answers afterwards: 1 solved");
    assertThat(driver.findElements(By.cssSelector("[data-test=recap] .recap-summary"))).isEmpty();
    on("expert");
    waitText(By.cssSelector("[data-test=recap] .recap-summary"), de ? "Anna: Gelöst" : "Anna: Solved");

    // The language can be switched by hand.
    click("lang");
    waitText(By.cssSelector("[data-test=status]"), de ? "Ended" : "Beendet");
  }

  private void open(String who, String sid, String code, String name) {
    if (windows.isEmpty()) {
      windows.put(who, driver.getWindowHandle());
    } else {
      driver.switchTo().newWindow(WindowType.WINDOW);
      windows.put(who, driver.getWindowHandle());
    }
    Browsers.phone(driver);
    driver.get(t.base() + "/?session=" + sid + "&code=" + code);
    wait(d -> d.findElement(By.id("info-title")).isDisplayed());
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
    assertThat(find("code").getAttribute("value")).isEqualTo(code);
    if (who.equals("anna")) {
      shot(who, "0-join");
    }
    find("name").clear();
    find("name").sendKeys(name);
    click("join");
    wait(d -> d.getCurrentUrl().contains("room.html"));
    waitText(By.cssSelector("[data-test=connection]"), lang.equals("de") ? "Verbunden" : "Connected");
  }

  private void on(String who) {
    driver.switchTo().window(windows.get(who));
  }

  private WebElement find(String test) {
    return Browsers.find(driver, test);
  }

  private void click(String test) {
    Browsers.click(driver, test);
  }

  private void waitText(By by, String text) {
    Browsers.waitText(driver, by, text, lang + "-failure");
  }

  private <V> V wait(java.util.function.Function<? super WebDriver, V> until) {
    return Browsers.await(driver, until);
  }

  private void shot(String who, String step) {
    Browsers.shot(driver, lang + "-" + who + "-" + step);
  }


  /** Opens the chat panel if it is closed (on a phone it is, until tapped). */
  private void openChat() {
    if ("false".equals(find("chat-toggle").getAttribute("aria-expanded"))) {
      click("chat-toggle");
    }
  }
}
