package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

/**
 * Personal links in the browser, in German and English: a person signs out all their links on
 * their page; the old link then says it was signed out and offers a new one by mail, which opens
 * their page again.
 */
class BrowserSeriesLinksTest extends SeriesBrowserTest {
  static final String DATE = "2030-01-01";

  BrowserSeriesLinksTest() {
    super("links", Instant.parse("2029-12-10T10:00:00Z"), true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void aPersonSignsOutTheirLinksAndGetsANewOneByMail(String language) throws Exception {
    boolean de = language.equals("de");
    String sid = t.post("/api/series", SeriesRegistrationTest.SERIES).body().path("seriesId").asText();
    String token = mail.register(t, sid, DATE, "Anna", "anna@example.org", language).body().path("token").asText();
    driver = Browsers.start(language);
    Browsers.phone(driver);

    driver.get(t.base() + "/series.html?series=" + sid + "&t=" + token);
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=my-date]")).isEmpty());
    Browsers.click(driver, "sign-out-all");
    driver.switchTo().alert().accept();
    Browsers.waitText(driver, By.cssSelector("[data-test=notice]"),
        de ? "Alle deine Links sind abgemeldet" : "All your links are signed out", "links-signed-out");
    assertThat(mail.to("anna@example.org").get(mail.to("anna@example.org").size() - 1).subject())
        .startsWith(de ? "Deine Links wurden abgemeldet" : "Your links were signed out");

    // The old link, opened again (say, from a bookmark), says why it no longer works and offers a new one.
    driver.get(t.base() + "/series.html?series=" + sid + "&t=" + token);
    Browsers.waitText(driver, By.cssSelector("[data-test=error]"),
        de ? "Dieser Link wurde abgemeldet" : "This link was signed out", "links-revoked");
    assertThat(driver.findElements(By.cssSelector("[data-test=my-date]"))).isEmpty();
    Browsers.find(driver, "renew-email").sendKeys("anna@example.org");
    Browsers.click(driver, "renew-submit");
    Browsers.waitText(driver, By.cssSelector("[data-test=notice]"),
        de ? "ist ein neuer Link unterwegs" : "a new link is on its way", "links-renewed");
    assertThat(mail.to("anna@example.org").get(mail.to("anna@example.org").size() - 1).subject())
        .startsWith(de ? "Dein Link" : "Your link");

    driver.get(t.base() + "/series.html?series=" + sid + "&t=" + mail.personalToken("anna@example.org"));
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=my-date]")).isEmpty());
  }
}
