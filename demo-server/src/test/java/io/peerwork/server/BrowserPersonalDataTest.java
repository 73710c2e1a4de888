package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;

/**
 * "My data" on the series page, in German and English, on a phone and on a desktop: a person
 * downloads everything about them, is stopped when they type another address to erase it, and
 * erases it; the host's list then shows their seat under no name, and their page signs them out.
 */
class BrowserPersonalDataTest extends SeriesBrowserTest {
  static final String DATE = "2030-01-01";

  BrowserPersonalDataTest() {
    super("data", Instant.parse("2029-12-10T10:00:00Z"), true);
  }

  @ParameterizedTest
  @CsvSource({"de,phone", "en,desktop"})
  void aPersonDownloadsAndErasesTheirData(String language, String size) throws Exception {
    boolean de = language.equals("de");
    TestServer.Response created = t.post("/api/series", SeriesRegistrationTest.SERIES);
    String sid = created.body().path("seriesId").asText();
    String hostKey = created.body().path("hostKey").asText();
    String token = mail.register(t, sid, DATE, "Anna Quast", "anna.quast@example.org", language).body()
        .path("token").asText();
    mail.register(t, sid, DATE, "Bernd", "bernd@web.de", language);
    driver = Browsers.start(language);
    if (size.equals("phone")) {
      Browsers.phone(driver);
    }

    driver.get(t.base() + "/series.html?series=" + sid + "&t=" + token);
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=my-date]")).isEmpty());
    Browsers.waitText(driver, By.cssSelector("[data-test=my-data] h2"), de ? "Meine Daten" : "My data",
        "data-" + language + "-card");
    assertThat(new AxeBuilder().analyze(driver).getViolations()).as("axe on the series page").isEmpty();

    // The download link holds everything about her, and nothing about Bernd.
    String href = Browsers.find(driver, "download-data").getAttribute("href");
    URI uri = URI.create(href);
    JsonNode data = TestServer.JSON.readTree(t.getText(uri.getRawPath() + "?" + uri.getRawQuery()).body());
    assertThat(data.path("email").asText()).isEqualTo("anna.quast@example.org");
    assertThat(data.toString()).contains("Anna Quast").doesNotContain("bernd@web.de");

    // Another address is refused, with the reason in her language; nothing is erased.
    Browsers.find(driver, "erase-email").sendKeys("bernd@web.de");
    Browsers.click(driver, "erase");
    driver.switchTo().alert().accept();
    Browsers.waitText(driver, By.cssSelector("[data-test=error]"),
        de ? "die E-Mail-Adresse ein, mit der du angemeldet bist" : "type the e-mail address you registered with",
        "data-" + language + "-refused");
    assertThat(t.get("/api/series/" + sid + "/dates/" + DATE, hostKey).body().toString()).contains("Anna Quast");

    Browsers.find(driver, "erase-email").clear();
    Browsers.find(driver, "erase-email").sendKeys("Anna.Quast@example.org");
    Browsers.click(driver, "erase");
    driver.switchTo().alert().accept();
    Browsers.waitText(driver, By.cssSelector("[data-test=notice]"),
        de ? "Alles über dich in dieser Reihe ist gelöscht" : "everything about you in this series is erased",
        "data-" + language + "-erased");
    Browsers.shot(driver, "data-" + language + "-" + size + "-erased");
    assertThat(driver.findElement(By.id("mine")).isDisplayed()).as("her part of the page is closed").isFalse();
    JsonNode list = t.get("/api/series/" + sid + "/dates/" + DATE, hostKey).body();
    assertThat(list.toString()).doesNotContain("Anna Quast").doesNotContain("anna.quast@example.org")
        .contains("Bernd");
    // Her seat is gone with her (the date is ahead): Bernd is the only one left.
    assertThat(list.path("seated")).hasSize(1);
  }

  /** The host sets how long a series keeps its texts when creating it; the page explains it in German. */
  @org.junit.jupiter.api.Test
  void theHostSetsTheRetentionOfANewSeries() throws Exception {
    driver = Browsers.start("de");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
    driver.get(t.base() + "/host.html");
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=preview-date]")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("label[for=c-retention]")).getText())
        .isEqualTo("Texte aufbewahren (Monate)");
    assertThat(driver.findElement(By.id("c-retention-hint")).getText()).contains("Namen und Zahlen bleiben");
    Browsers.find(driver, "c-retention").clear();
    Browsers.find(driver, "c-retention").sendKeys("3");
    Browsers.find(driver, "c-address").sendKeys("Gumpendorfer Straße 12, 1060 Wien");
    Browsers.click(driver, "c-submit");
    Browsers.await(driver, d -> d.getCurrentUrl().contains("series="));
    String sid = java.net.URI.create(driver.getCurrentUrl()).getQuery().replaceAll(".*series=([^&]+).*", "$1");
    assertThat(t.get("/api/series/" + sid).body().path("retentionMonths").asInt()).isEqualTo(3);
  }
}
