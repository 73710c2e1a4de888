package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.server.TestServer.Client;
import io.peerwork.core.Agenda;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.guice.PeerworkModule;
import io.peerwork.server.testformat.TestKitchen;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The expert's help queue on the room page, on a phone, in German and English: an expert puts a help
 * on hold, the participant is told so and says "ready", and comes back first; a participant joins
 * another's request ("me too"), and the expert helps both at once, with both notes; after a help the
 * participant answers with one tap, and "not yet" carries a goal over. A host pins a note (for
 * everyone, then only for those waiting) and takes it down, pauses and closes the queue with a
 * reason; a participant marks a task goal done, is asked once whether they would help others with
 * its topic, and offers it with one tap (the offer lists only the topics earned so), and while the
 * expert is busy the asker is offered that peer, accepts, the peer finishes and the asker answers. One browser per test, a window per person
 * on the page; the others are sockets. Each screenshot (in target/screenshots) is also checked with
 * axe-core: none of these states has a violation.
 */
class BrowserQueueFeaturesTest {
  TestServer t;
  ChromeDriver driver;
  final Map<String, String> windows = new LinkedHashMap<>();
  final List<Client> clients = new ArrayList<>();
  final Map<String, List<String>> violations = new LinkedHashMap<>();
  String lang;
  String sid;
  JsonNode invites;

  /** How far the server's clock runs ahead of the real one: moved on to reach a help's time-box. */
  final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

  @BeforeEach
  void start() throws Exception {
    Browsers.assumeInstalled();
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.now().plus(ahead.get());
      }
    };
    t = new TestServer(List.of(TestServer.manyJoinsFromOneAddress(), binder -> {
      binder.bind(Clock.class).toInstance(clock);
      PeerworkModule.bindFormat(binder, new TimeBoxedKitchen());
    }));
  }

  /** The tests' kitchen under its own id, with a time-box of 10 minutes on every help. */
  static final class TimeBoxedKitchen implements TopicFormat {
    private final TopicFormat kitchen = new TestKitchen();

    @Override
    public String id() {
      return "test-kitchen-timed";
    }

    @Override
    public LocalizedText name() {
      return kitchen.name();
    }

    @Override
    public LocalizedText description() {
      return kitchen.description();
    }

    @Override
    public Agenda agenda() {
      return kitchen.agenda();
    }

    @Override
    public List<RecurringTask> tasks() {
      return kitchen.tasks();
    }

    @Override
    public List<HelpTopic> helpTopics() {
      return kitchen.helpTopics();
    }

    @Override
    public Optional<Duration> helpTimeBox() {
      return Optional.of(Duration.ofMinutes(10));
    }
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

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void aHeldHelpComesBackFirstAndTwoAreHelpedTogether(String language) throws Exception {
    boolean de = begin(language, "test-kitchen-timed");
    Client hanna = person("host", "Hanna");
    openSession(hanna);
    open("erich", "expert", "Erich");
    open("anna", "participant", "Anna");
    open("cem", "participant", "Cem");
    Client bernd = person("participant", "Bernd");

    // Anna has a goal and asks; Bernd asks after her.
    on("anna");
    find("goal-text").sendKeys("Newsletter");
    click("goal-add");
    waitText("my-goals", "Newsletter");
    raiseHand();
    waitText("my-place", de ? "Nr. 1" : "number 1");
    bernd.ok("RaiseHand", "topicId", "scheduling", "note", "Zeitplan");

    // The expert takes Anna, sees the time helped so far, and puts her on hold until she is ready.
    on("erich");
    click("claim-next");
    waitText("expert-current", "Anna");
    waitText("help-elapsed", de ? "Hilfe läuft seit 0:" : "Helping for 0:");
    waitText("help-elapsed", de ? "Zeitrahmen 10 Min." : "time-box 10 min");
    assertThat(new Select(find("hold-minutes")).getFirstSelectedOption().getText())
        .isEqualTo(de ? "bis sie:er so weit ist" : "until they are ready");
    click("hold");
    waitText("on-hold", "Anna");
    waitText("queue", "Bernd");
    shot("erich", "on-hold");

    // Anna reads that her help is on hold, says she is ready, and is first in line again, before Bernd.
    on("anna");
    waitText("hold-banner", de ? "Deine Hilfe ist pausiert – sag der Expertin Bescheid, wenn du so weit bist"
        : "Your help is on hold – tell the expert when you're ready");
    shot("anna", "on-hold");
    click("ready");
    waitText("my-place", de ? "Nr. 1" : "number 1");
    Browsers.await(driver, d -> !find("hold-banner").isDisplayed());
    String anna = id("anna");
    bernd.view(v -> v.path("queue").path("waiting").size() == 2
        && v.path("queue").path("waiting").get(0).path("participant").asText().equals(anna));
    on("erich");
    waitText("queue", de ? "zurück aus der Pause" : "back from hold");
    assertThat(driver.findElements(By.cssSelector("[data-test=queue] > li")).get(0).getText()).contains("Anna");
    click("claim-next");
    waitText("expert-current", "Anna");
    click("finish");
    Browsers.await(driver, d -> find("expert-current").getText().isEmpty());

    // Anna answers "not yet" with one tap, and takes her open goal along to next time.
    on("anna");
    waitText("rate", de ? "Wie steht es jetzt mit Planungswerkzeuge?" : "How is it going with Scheduling tools now?");
    shot("anna", "rate");
    click("rate-NOT_YET");
    waitText("rate", de ? "Willst du ein offenes Ziel ins nächste Mal mitnehmen?" : "Take an open goal along to next time?");
    click("carry-goal");
    waitText("my-goals", de ? "übertragen" : "carried over");
    Browsers.await(driver, d -> !find("rate").isDisplayed());
    JsonNode rated = bernd.view(v -> v.path("queue").path("finished").size() == 1
        && v.path("queue").path("finished").get(0).path("ratedBy").size() == 1);
    assertThat(rated.path("queue").path("finished").get(0).path("ratedBy").get(0).asText()).isEqualTo(anna);

    // Cem has the same question as Bernd: "me too", with a note of his own.
    on("cem");
    waitText("others", "Bernd");
    click("me-too");
    find("me-too-note").sendKeys(de ? "Bei mir auch" : "Same here");
    click("me-too-send");
    waitText("my-place", de ? "Nr. 1" : "number 1");
    waitText("together", "Bernd");
    shot("cem", "me-too");

    // The expert sees one request for both, with both notes, and helps them together.
    on("erich");
    waitText("queue", de ? "Bernd und Cem" : "Bernd and Cem");
    waitText("queue", de ? "Bei mir auch" : "Same here");
    click("claim-next");
    waitText("expert-current", de ? "Du hilfst Bernd und Cem" : "You are helping Bernd and Cem");
    waitText("expert-current", "Zeitplan");
    waitText("expert-current", de ? "Bei mir auch" : "Same here");
    shot("erich", "group");

    // Eleven minutes later the expert is told, gently, that the help's time-box is reached.
    ahead.set(Duration.ofMinutes(11));
    hanna.ok("PostAnnouncement", "text", de ? "Noch 20 Minuten" : "20 minutes to go", "audience", "EVERYONE");
    waitText("help-elapsed", de ? "Zeitrahmen erreicht (10 Min.)" : "Time-box reached (10 min)");
    assertThat(find("help-elapsed").getAttribute("class")).contains("over");
    shot("erich", "time-box");
    on("cem");
    waitText("turn-banner", "Erich");
    waitText("being-helped", "Erich");
    JsonNode together = bernd.view(v -> v.path("queue").path("inProgress").size() == 1);
    assertThat(together.path("queue").path("inProgress").get(0).path("group").get(0).path("participant").asText())
        .isEqualTo(id("cem"));
    on("erich");
    click("finish");
    JsonNode after = bernd.view(v -> v.path("queue").path("finished").size() == 2);
    for (JsonNode m : after.path("members")) {
      if (List.of("Anna", "Bernd", "Cem").contains(m.path("name").asText())) {
        assertThat(m.path("helpsReceived").asInt()).as(m.path("name").asText() + " helped").isEqualTo(1);
      }
    }
    on("cem");
    waitText("rate", "Erich");
    shot("cem", "rate");

    // The expert takes only images from now on.
    on("erich");
    click(By.cssSelector("[data-test=expert-topics] summary"));
    click("expert-topic-images");
    click("expert-topics-save");
    waitText("my-topics-now", de ? "Bilder" : "Images");
    JsonNode topics = bernd.view(v -> v.path("members").findValues("topics").size() == 1);
    assertThat(topics.path("members").findValues("topics").get(0).get(0).asText()).isEqualTo("images");
    assertNoAxeViolations();
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void aPinnedNoteTheQueuesStateAndAPeersHelp(String language) throws Exception {
    boolean de = begin(language, "test-kitchen");
    open("hanna", "host", "Hanna");
    Browsers.await(driver, d -> !find("status").getText().isEmpty());
    if (find("host-open").isDisplayed()) {
      click("host-open");
    }
    waitText("status", de ? "Lobby offen" : "Lobby open");
    Client erich = person("expert", "Erich");
    Client dora = person("participant", "Dora");
    open("anna", "participant", "Anna");
    open("ben", "participant", "Ben");

    // The host pins a note for everyone: Anna reads it at the top.
    on("hanna");
    find("pin-text").sendKeys(de ? "Kaffee steht in der Küche" : "Coffee is in the kitchen");
    click("pin-post");
    on("anna");
    waitText("announcement", de ? "Kaffee steht in der Küche" : "Coffee is in the kitchen");
    waitText("announcement", "Hanna");
    shot("anna", "announcement");

    // A pause with a reason, then closed: Anna is told, and cannot raise her hand while it is closed.
    on("hanna");
    click("queue-PAUSED");
    find("queue-reason").sendKeys(de ? "zehn Minuten Pause" : "ten minutes break");
    click("queue-save");
    on("anna");
    waitText("queue-state", de ? "Die Expertin ist gleich zurück: zehn Minuten Pause"
        : "The expert will be right back: ten minutes break");
    on("hanna");
    waitText("queue-now", de ? "pausiert" : "paused");
    click("queue-CLOSED");
    find("queue-reason").clear();
    find("queue-reason").sendKeys(de ? "Schluss für heute" : "done for today");
    click("queue-save");
    on("anna");
    waitText("queue-state", de ? "Die Warteschlange ist geschlossen: Schluss für heute" : "The queue is closed: done for today");
    assertThat(find("help-raise").isEnabled()).isFalse();
    shot("anna", "queue-closed");
    on("hanna");
    click("queue-OPEN");
    find("queue-reason").clear();
    click("queue-save");
    on("anna");
    Browsers.await(driver, d -> find("help-raise").isEnabled() && find("queue-state").getText().isEmpty());

    // A note only for those waiting replaces the first: Anna, not waiting, does not see it.
    on("hanna");
    find("pin-text").sendKeys(de ? "Bitte Laptop aufklappen" : "Please open your laptop");
    new Select(find("pin-audience")).selectByValue("WAITING");
    click("pin-post");
    waitText("announcement", de ? "Bitte Laptop aufklappen" : "Please open your laptop");
    dora.view(v -> v.path("announcement").path("audience").asText().equals("WAITING"));
    on("anna");
    Browsers.await(driver, d -> !find("announcement").isDisplayed());

    // Ben has done nothing yet, so he has nothing to offer: a hint instead of the offer.
    on("ben");
    waitText("peer-earn", de ? "Hast du eine Aufgabe aus dem Katalog erledigt" : "Once you finish a task from the catalogue");
    assertThat(find("peer-offer").isDisplayed()).isFalse();

    // He plans the month's posts and marks it done: the room suggests, once, that he help others
    // with the task's topic, scheduling tools; one tap offers it.
    new Select(find("goal-task")).selectByValue("plan-posts");
    click("goal-add");
    waitText("my-goals", de ? "Beiträge des Monats planen" : "Plan the month's posts");
    click(By.cssSelector("[data-test=my-goals] [data-test=mark-DONE]"));
    waitText("peer-suggest", de ? "Du hast Beiträge des Monats planen erledigt – magst du anderen bei Planungswerkzeuge helfen?"
        : "You finished Plan the month's posts – would you like to help others with Scheduling tools?");
    shot("ben", "peer-suggest");
    click("peer-suggest-offer");
    waitText("peer-offered", de ? "Du hast Hilfe angeboten bei: Planungswerkzeuge" : "You offered help with: Scheduling tools");
    Browsers.await(driver, d -> !find("peer-suggest").isDisplayed() && !find("peer-earn").isDisplayed());

    // Taken back, and the goal marked done once more: no second suggestion for it. The offer lists
    // only what he earned (scheduling tools, not images), and he offers it there again.
    click("peer-withdraw");
    Browsers.await(driver, d -> !find("peer-offered").isDisplayed());
    click(By.cssSelector("[data-test=my-goals] [data-test=mark-PARTLY_DONE]"));
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=my-goals] li[data-status=PARTLY_DONE]")).isEmpty());
    click(By.cssSelector("[data-test=my-goals] [data-test=mark-DONE]"));
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=my-goals] li[data-status=DONE]")).isEmpty());
    assertThat(find("peer-suggest").isDisplayed()).isFalse();
    click(By.cssSelector("[data-test=peer-offer] summary"));
    Browsers.await(driver, d -> find("peer-topic-scheduling").isDisplayed());
    assertThat(driver.findElements(By.cssSelector("[data-test=peer-topic-images]"))).isEmpty();
    click("peer-topic-scheduling");
    click("peer-offer-save");
    waitText("peer-offered", de ? "Du hast Hilfe angeboten bei: Planungswerkzeuge" : "You offered help with: Scheduling tools");
    assertThat(find("peer-suggest").isDisplayed()).isFalse();
    JsonNode offered = erich.view(v -> v.path("members").findValues("peerTopics").size() == 1);
    assertThat(offered.path("members").findValues("peerTopics").get(0).get(0).asText()).isEqualTo("scheduling");

    // The expert is busy with Dora; Anna asks, reads the note for those waiting, and is offered Ben.
    dora.ok("RaiseHand", "topicId", "images", "note", "");
    erich.ok("ClaimNext");
    on("anna");
    raiseHand();
    waitText("announcement", de ? "Bitte Laptop aufklappen" : "Please open your laptop");
    waitText("peer-banner", de ? "Ben kann dir jetzt bei Planungswerkzeuge helfen." : "Ben can help you with Scheduling tools now.");
    assertThat(find("peer-decline").getText()).isEqualTo(de ? "Weiter auf die Expertin warten" : "Keep waiting for the expert");
    shot("anna", "peer-suggested");
    click("peer-accept");
    waitText("turn-banner", "Ben");

    // Ben sees whom he helps, and finishes.
    on("ben");
    waitText("peer-turn-banner", "Anna");
    waitText("peer-helping", de ? "Du hilfst Anna" : "You are helping Anna");
    shot("ben", "peer-helping");
    on("hanna");
    waitText("host-helping", de ? "Ben (Peer) hilft Anna" : "Ben (peer) has been helping Anna");
    on("ben");
    click("peer-finish");
    Browsers.await(driver, d -> !find("peer-helping").isDisplayed());
    waitText("peer-offered", de ? "Du hast schon 1× geholfen" : "You have helped 1× already");

    // Anna answers with one tap; the host counts the peer help and the answer.
    on("anna");
    waitText("rate", "Ben");
    click("rate-SOLVED");
    Browsers.await(driver, d -> !find("rate").isDisplayed());
    on("hanna");
    waitText("host-peer-helps", de ? "Peer-Hilfen: 1" : "Peer helps: 1");
    waitText("host-answers", de ? "1 gelöst" : "1 solved");

    // The host takes the note down.
    click("pin-remove");
    Browsers.await(driver, d -> !find("announcement").isDisplayed());
    JsonNode gone = dora.view(v -> v.path("announcement").isMissingNode());
    assertThat(gone.path("progress").path("peerHelps").asInt()).isEqualTo(1);
    shot("hanna", "overview");
    assertNoAxeViolations();
  }

  private boolean begin(String language, String format) throws Exception {
    lang = language;
    boolean de = language.equals("de");
    TestServer.Response created = t.post("/api/sessions",
        "{\"formatId\":\"" + format + "\",\"title\":\"" + (de ? "Küche im März" : "Kitchen in March")
            + "\",\"zone\":\"Europe/Vienna\",\"capacity\":10}");
    assertThat(created.status()).isEqualTo(201);
    sid = created.body().path("sessionId").asText();
    invites = created.body().path("invites");
    driver = Browsers.start(language);
    return de;
  }

  private static void openSession(Client host) throws Exception {
    JsonNode v = host.view(x -> !x.path("status").asText().isEmpty());
    if (v.path("status").asText().equals("SCHEDULED")) {
      host.ok("OpenSession");
    }
    host.view(x -> x.path("status").asText().equals("OPEN"));
  }

  private void raiseHand() {
    new Select(find("help-topic")).selectByValue("scheduling");
    click("help-raise");
  }

  private Client person(String role, String name) throws Exception {
    Client ws = t.connect(t.join(sid, invites.path(role).asText(), name));
    clients.add(ws);
    ws.await(f -> f.path("type").asText().equals("snapshot"));
    return ws;
  }

  private void open(String who, String role, String name) {
    if (windows.isEmpty()) {
      windows.put(who, driver.getWindowHandle());
    } else {
      driver.switchTo().newWindow(WindowType.WINDOW);
      windows.put(who, driver.getWindowHandle());
    }
    Browsers.phone(driver);
    driver.get(t.base() + "/?session=" + sid + "&code=" + invites.path(role).asText());
    Browsers.await(driver, d -> d.findElement(By.id("info-title")).isDisplayed());
    find("name").clear();
    find("name").sendKeys(name);
    click("join");
    Browsers.await(driver, d -> d.getCurrentUrl().contains("room.html"));
    waitText("connection", lang.equals("de") ? "Verbunden" : "Connected");
  }

  /** The participant id of the person in window {@code who}. */
  private String id(String who) {
    String here = driver.getWindowHandle();
    on(who);
    String id = (String) Browsers.await(driver, d -> driver.executeScript(
        "return window.peerworkMe && window.peerworkMe.participantId"));
    driver.switchTo().window(here);
    return id;
  }

  private void on(String who) {
    driver.switchTo().window(windows.get(who));
  }

  private WebElement find(String test) {
    return Browsers.find(driver, test);
  }

  /**
   * Clicks the element marked {@code data-test=<test>} once it is clickable, scrolled to the middle
   * of the window first: near the top, the room's sticky header would be over it.
   */
  private void click(String test) {
    click(By.cssSelector("[data-test=" + test + "]"));
  }

  private void click(By by) {
    Browsers.await(driver, d -> {
      WebElement e = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (e == null) {
        return false;
      }
      driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
      e.click();
      return true;
    });
  }

  private void waitText(String test, String text) {
    Browsers.waitText(driver, By.cssSelector("[data-test=" + test + "]"), text, "features-" + lang + "-failure");
  }

  /** A screenshot of what {@code who} sees at {@code step}, and what axe-core finds wrong with it. */
  private void shot(String who, String step) {
    Browsers.shot(driver, "features-" + lang + "-" + who + "-" + step);
    List<Rule> found = new AxeBuilder().analyze(driver).getViolations();
    violations.put(who + "-" + step, found.stream().map(r -> r.getImpact() + " " + r.getId() + ": " + r.getNodes().stream()
        .map(n -> n.getTarget() + " " + n.getHtml()).collect(Collectors.joining(" | "))).toList());
  }

  private void assertNoAxeViolations() {
    assertThat(violations).as("axe violations per page (" + lang + ")")
        .allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
  }
}
