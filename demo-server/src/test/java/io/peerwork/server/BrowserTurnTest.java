package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The room for the people in it (issue 15): a person is their token (a page that was offline comes
 * back as the same person, and so does a second browser with the token); a connection that goes
 * silent is shown as lost within seconds and resumed without losing anything; being claimed by an
 * expert is unmistakable (banner, title, vibration, who and where).
 */
class BrowserTurnTest {
  TestServer t;
  FreezingProxy proxy;
  final List<ChromeDriver> drivers = new ArrayList<>();
  String sid;
  JsonNode invites;

  @BeforeEach
  void start() throws Exception {
    Browsers.assumeInstalled();
    t = new TestServer();
    proxy = new FreezingProxy(t.server.port());
    TestServer.Response created = t.post("/api/sessions",
        "{\"formatId\":\"test-kitchen\",\"title\":\"Küche im März\",\"zone\":\"Europe/Vienna\",\"capacity\":10}");
    assertThat(created.status()).isEqualTo(201);
    sid = created.body().path("sessionId").asText();
    invites = created.body().path("invites");
  }

  @AfterEach
  void stop() throws Exception {
    drivers.forEach(ChromeDriver::quit);
    if (proxy != null) {
      proxy.close();
    }
    if (t != null) {
      t.close();
    }
  }

  @Test
  void aDeadConnectionShowsAsLostWithinSecondsAndResumesWithNothingLost() throws Exception {
    TestServer.Client host = t.connect(t.join(sid, invites.path("host").asText(), "Hanna"));
    host.ok("StartSession");
    ChromeDriver anna = browser("de");
    join(anna, "Anna");
    waitText(anna, "[data-test=timeline] li.current", "Ankommen", 10);

    proxy.freeze(); // the socket stays "open" for the browser: only missed pongs tell
    long frozenAt = System.nanoTime();
    waitText(anna, "[data-test=connection]", "Verbindung unterbrochen", 12);
    long seconds = Duration.ofNanos(System.nanoTime() - frozenAt).toSeconds();
    assertThat(seconds).as("seconds until the page said the connection is lost").isLessThanOrEqualTo(11);
    shot(anna, "de-anna-connection-lost");

    // Meanwhile the room goes on.
    long seq = host.ok("AdvancePhase").path("seq").asLong();
    TestServer.Client bernd = t.connect(t.join(sid, invites.path("participant").asText(), "Bernd"));
    seq = Math.max(seq, bernd.ok("DeclareGoal", "text", "Während der Funkstille").path("seq").asLong());

    proxy.thaw();
    waitText(anna, "[data-test=connection]", "Verbunden", 20);
    waitText(anna, "[data-test=timeline] li.current", "Zielrunde", 10);
    waitText(anna, "[data-test=people]", "Während der Funkstille", 10);
    long last = seq;
    new WebDriverWait(anna, Duration.ofSeconds(10)).until(d -> viewSeq(anna) >= last);
    shot(anna, "de-anna-connection-back");
  }

  @Test
  void reconnectingRejoiningAndASecondBrowserAreTheSamePerson() throws Exception {
    TestServer.Client host = t.connect(t.join(sid, invites.path("host").asText(), "Hanna"));
    host.ok("StartSession");
    host.ok("AdvancePhase");
    ChromeDriver anna = browser("en");
    join(anna, "Anna");
    Browsers.find(anna, "goal-text").sendKeys("Plan March posts");
    Browsers.click(anna, "goal-add");
    waitText(anna, "[data-test=my-goals]", "Plan March posts", 10);
    raiseHand(anna);
    waitText(anna, "[data-test=my-place]", "number 1", 10);
    String id = me(anna);
    int present = host.view(v -> v.path("participantsPresent").asInt() == 1).path("participantsPresent").asInt();
    int members = host.viewNow().path("members").size();

    // Offline, and "reconnect now": the same token, the same person.
    proxy.freeze();
    waitText(anna, "[data-test=connection]", "Connection lost", 12);
    assertThat(anna.findElements(By.cssSelector("[data-test=connection] a")))
        .as("no link that makes a new person while the token is good").isEmpty();
    shot(anna, "en-anna-offline-reconnect");
    Browsers.click(anna, "rejoin");
    proxy.thaw();
    waitText(anna, "[data-test=connection]", "Connected", 20);
    assertThat(me(anna)).isEqualTo(id);
    waitText(anna, "[data-test=my-goals]", "Plan March posts", 10);
    waitText(anna, "[data-test=my-place]", "number 1", 10);

    // The join page of this session offers to continue as Anna before anything else.
    anna.get(proxy.base() + "/?session=" + sid + "&code=" + invites.path("participant").asText());
    waitText(anna, "[data-test=continue]", "Continue as Anna", 10);
    Browsers.click(anna, "continue");
    waitText(anna, "[data-test=connection]", "Connected", 20);
    assertThat(me(anna)).isEqualTo(id);
    waitText(anna, "[data-test=my-goals]", "Plan March posts", 10);

    // Another device: a fresh browser opened with the link for it is Anna too.
    String link = Browsers.find(anna, "device-link").getAttribute("href");
    assertThat(link).contains("#t=");
    ChromeDriver phone = browser("en");
    phone.get(link.replace(proxy.base(), t.base()));
    waitText(phone, "[data-test=connection]", "Connected", 20);
    assertThat(me(phone)).isEqualTo(id);
    assertThat(phone.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("#t=");
    waitText(phone, "[data-test=me]", "Anna", 10);
    waitText(phone, "[data-test=my-goals]", "Plan March posts", 10);
    waitText(phone, "[data-test=my-place]", "number 1", 10);
    shot(phone, "en-anna-second-device");

    // Still one Anna, one seat: nobody new joined.
    host.ok("Chat", "text", "check"); // a frame after everything the pages did
    assertThat(host.viewNow().path("participantsPresent").asInt()).isEqualTo(present);
    assertThat(host.viewNow().path("members").size()).isEqualTo(members);
    assertThat(((Number) phone.executeScript("return window.peerworkView.participantsPresent")).intValue())
        .isEqualTo(present);
  }

  @Test
  void theExpertClaimingAnnaShowsHerWhoHelpsAndWhereAtOnce() throws Exception {
    TestServer.Client host = t.connect(t.join(sid, invites.path("host").asText(), "Hanna"));
    host.ok("StartSession");
    JsonNode evaJoin = t.join(sid, invites.path("expert").asText(), "Eva");
    TestServer.Client eva = t.connect(evaJoin);
    // Eva says where she helps, in her own browser (on her desktop, opened with her token).
    ChromeDriver evaDesktop = Browsers.start("de");
    drivers.add(evaDesktop);
    evaDesktop.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
    evaDesktop.get(t.base() + "/room.html?session=" + sid + "#t=" + evaJoin.path("token").asText());
    waitText(evaDesktop, "[data-test=connection]", "Verbunden", 20);
    Browsers.find(evaDesktop, "help-place").sendKeys("Tisch 2");
    Browsers.click(evaDesktop, "help-place-save");
    String evaId = evaJoin.path("participantId").asText();
    eva.view(v -> {
      for (JsonNode m : v.path("members")) {
        if (m.path("id").asText().equals(evaId) && m.path("helpPlace").asText().equals("Tisch 2")) {
          return true;
        }
      }
      return false;
    });
    ChromeDriver anna = browser("de");
    join(anna, "Anna");
    Browsers.click(anna, "turn-sound"); // one tap allows sound (and asks for notifications)
    assertThat(Browsers.find(anna, "turn-sound").getAttribute("aria-pressed")).isEqualTo("true");
    anna.executeScript("window.vibrations = []; navigator.vibrate = p => { window.vibrations.push(p); return true; };");

    raiseHand(anna);
    waitText(anna, "[data-test=next-banner]", "Du bist als Nächste:r dran", 10);
    assertThat(anna.getTitle()).startsWith("○ Gleich bist du dran");

    eva.ok("ClaimNext");
    long claimedAt = System.nanoTime();
    waitText(anna, "[data-test=turn-banner]", "Eva", 3);
    long millis = Duration.ofNanos(System.nanoTime() - claimedAt).toMillis();
    WebElement banner = Browsers.find(anna, "turn-banner");
    assertThat(banner.getAttribute("role")).isEqualTo("alert");
    assertThat(banner.getText()).contains("Du bist dran", "Eva hilft dir", "Tisch 2");
    assertThat(anna.getTitle()).startsWith("● Du bist dran");
    assertThat(Browsers.find(anna, "next-banner").isDisplayed()).isFalse();
    waitText(anna, "[data-test=help-status]", "Tisch 2", 5);
    assertThat((List<?>) anna.executeScript("return window.vibrations")).hasSize(2); // "next", then "your turn"
    shot(anna, "de-anna-your-turn");
    waitText(evaDesktop, "[data-test=expert-current]", "Anna", 5);
    assertThat(Browsers.find(evaDesktop, "help-place").getAttribute("value")).isEqualTo("Tisch 2");
    shot(evaDesktop, "de-eva-desktop-helping");
    assertThat(millis).as("ms from the claim's ack to Anna's banner").isLessThan(2000);

    // A call link instead of a table, in English.
    String request = eva.view(v -> v.path("queue").path("inProgress").size() == 1)
        .path("queue").path("inProgress").path(0).path("id").asText();
    eva.ok("FinishHelp", "request", request, "outcome", "SOLVED");
    waitText(anna, "[data-test=help-raise]", "", 10);
    eva.ok("SetHelpPlace", "place", "https://meet.example.org/eva");
    Browsers.click(anna, "lang");
    raiseHand(anna);
    waitText(anna, "[data-test=next-banner]", "You are next", 10);
    eva.ok("ClaimNext");
    waitText(anna, "[data-test=turn-banner]", "It's your turn", 3);
    WebElement call = anna.findElement(By.cssSelector("[data-test=turn-banner] a[data-test=help-place-link]"));
    assertThat(call.getAttribute("href")).isEqualTo("https://meet.example.org/eva");
    assertThat(anna.getTitle()).startsWith("● It's your turn");
    shot(anna, "en-anna-your-turn-call");

    String second = eva.view(v -> v.path("queue").path("inProgress").size() == 1
        && !v.path("queue").path("inProgress").path(0).path("id").asText().equals(request))
        .path("queue").path("inProgress").path(0).path("id").asText();
    eva.ok("FinishHelp", "request", second, "outcome", "SOLVED");
    new WebDriverWait(anna, Duration.ofSeconds(5)).until(d -> !Browsers.find(anna, "turn-banner").isDisplayed());
    assertThat(anna.getTitle()).doesNotContain("your turn");
  }

  /** A screenshot from the top of the page (the sticky banners where a person sees them first). */
  private static void shot(ChromeDriver d, String name) {
    d.executeScript("window.scrollTo(0, 0)");
    Browsers.shot(d, name);
  }

  private ChromeDriver browser(String language) {
    ChromeDriver d = Browsers.start(language);
    drivers.add(d);
    Browsers.phone(d);
    return d;
  }

  private void join(ChromeDriver d, String name) {
    d.get(proxy.base() + "/?session=" + sid + "&code=" + invites.path("participant").asText());
    if (!d.getCurrentUrl().startsWith(proxy.base())) {
      throw new AssertionError(d.getCurrentUrl());
    }
    Browsers.find(d, "name").sendKeys(name);
    Browsers.click(d, "join");
    // Joining navigates to the room: a look while the page changes is "aborted by navigation"; look again.
    new WebDriverWait(d, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .until(x -> Browsers.find(d, "connection").getAttribute("data-state").equals("connected"));
  }

  /** Chooses the first help topic (none is chosen for you) and raises the hand. */
  private static void raiseHand(ChromeDriver d) {
    Browsers.await(d, x -> {
      new org.openqa.selenium.support.ui.Select(Browsers.find(d, "help-topic")).selectByIndex(1);
      return true;
    });
    Browsers.click(d, "help-raise");
  }

  private static String me(ChromeDriver d) {
    return (String) new WebDriverWait(d, Duration.ofSeconds(10))
        .until(x -> d.executeScript("return window.peerworkMe && window.peerworkMe.participantId"));
  }

  private static long viewSeq(ChromeDriver d) {
    Object seq = d.executeScript("return window.peerworkView ? window.peerworkView.seq : -1");
    return ((Number) seq).longValue();
  }

  private static void waitText(ChromeDriver d, String css, String text, int seconds) {
    try {
      new WebDriverWait(d, Duration.ofSeconds(seconds))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(x -> {
            for (WebElement e : x.findElements(By.cssSelector(css))) {
              if (e.isDisplayed() && e.getText().contains(text)) {
                return true;
              }
            }
            return false;
          });
    } catch (TimeoutException e) {
      Browsers.shot(d, "failed-" + css.replaceAll("\\W+", "_"));
      throw new AssertionError("no '" + text + "' in " + css + " within " + seconds + " s; page says: "
          + d.findElement(By.tagName("body")).getText() + " " + Map.of("title", d.getTitle()), e);
    }
  }
}
