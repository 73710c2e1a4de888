package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 18 in the browser, in German and English, on a 360 px phone and on a desktop: on a series
 * with three months of history ({@link ThreeMonthsOfHistory}) Anna's page draws her months as a bar
 * chart (three months of six bars, with a title, a description and a table), lists her done-log,
 * prints only that, and saves her CSV; the host's page draws the series' four dates (three bars
 * each, the cancelled one marked) and saves theirs. axe finds nothing on either page.
 */
class BrowserChartsTest {
  ThreeMonthsOfHistory h;
  ChromeDriver driver;

  @AfterEach
  void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (h != null) {
      h.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"de, phone", "en, desktop", "en, phone", "de, desktop"})
  void monthsAndTheSeriesAsCharts(String language, String size) throws Exception {
    Browsers.assumeInstalled();
    boolean de = language.equals("de");
    boolean phone = size.equals("phone");
    h = new ThreeMonthsOfHistory(language);
    driver = Browsers.start(language);
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", phone
        ? Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true)
        : Map.of("width", 1366, "height", 900, "deviceScaleFactor", 1, "mobile", false));

    // Anna's page: three months, six bars each, in the legend's order.
    driver.get(h.t.base() + "/series.html?series=" + h.seriesId + "&t=" + h.anna);
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=months-chart-figure-svg]")).isEmpty());
    WebElement chart = driver.findElement(By.cssSelector("[data-test=months-chart-figure-svg]"));
    assertThat(chart.findElements(By.cssSelector("[data-test=chart-group]"))).hasSize(3);
    List<WebElement> bars = chart.findElements(By.cssSelector("rect[data-test=bar]"));
    assertThat(bars).hasSize(18);
    assertThat(bars.stream().map(b -> b.getAttribute("data-value")).toList()).containsExactly(
        "1", "2", "1", "0", "1", "0", // January: routine on time, 2 done, 1 partly, 0 carried, 1 help received
        "0", "1", "1", "1", "0", "2", // February
        "1", "2", "0", "0", "2", "1"); // March
    assertThat(bars.get(1).getAttribute("data-series")).isEqualTo("goalsDone");
    assertThat(Integer.parseInt(bars.get(1).getAttribute("height")))
        .isEqualTo(Integer.parseInt(bars.get(4).getAttribute("height")) * 2);
    assertThat(bars.get(3).getAttribute("height")).isEqualTo("0");
    // An image with a title and a description, and the figures as a table.
    assertThat(chart.getAttribute("role")).isEqualTo("img");
    String title = chart.findElement(By.cssSelector(":scope > title")).getAttribute("textContent");
    assertThat(title).isEqualTo(de ? "Mein Verlauf in „Küche am Dienstag“" : "My months in “Küche am Dienstag”");
    assertThat(chart.findElement(By.cssSelector(":scope > desc")).getAttribute("textContent"))
        .startsWith(de ? "Balkendiagramm über 3 Monate, Januar 2030 bis März 2030"
            : "Bar chart of 3 months, January 2030 to March 2030");
    List<WebElement> rows = driver.findElements(By.cssSelector("[data-test=months-chart-figure-table] tbody tr"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).getAttribute("textContent")).startsWith(de ? "Februar 20301 von 10 von 1" : "February 20301 of 10 of 1");
    assertThat(Browsers.find(driver, "months-print").getText()).isEqualTo(de ? "Drucken" : "Print");
    // CSV saves the server's file, fetched with the page's token.
    Path downloads = Files.createTempDirectory("peerwork-downloads");
    driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
        "downloadPath", downloads.toString()));
    Browsers.click(driver, "months-csv");
    Path months = downloads.resolve("peerwork-" + h.seriesId + "-months.csv");
    Browsers.await(driver, d -> Files.exists(months));
    assertThat(Files.readString(months, StandardCharsets.UTF_8))
        .startsWith("\uFEFFmonth,sessions,attended,")
        .contains("\"'" + ThreeMonthsOfHistory.FORMULA.replace("\"", "\"\"") + " | Beiträge planen\"")
        .contains(de ? "Beiträge des Monats planen" : "Plan the month's posts");

    // The done-log: per month the goals done (as text, the formula too) and the routine kept.
    List<WebElement> log = driver.findElements(By.cssSelector("[data-test=done-month]"));
    assertThat(log).hasSize(3);
    assertThat(log.get(0).findElements(By.cssSelector("[data-test=done-goal]")).stream().map(WebElement::getText)
        .toList()).containsExactly((de ? "1. Jan. · " : "Jan 1 · ") + ThreeMonthsOfHistory.FORMULA,
            (de ? "1. Jan. · " : "Jan 1 · ") + "Beiträge planen");
    assertThat(log.get(0).findElement(By.cssSelector("[data-test=routines-kept]")).getText())
        .isEqualTo(de ? "Routinen eingehalten: Beiträge des Monats planen" : "Routines kept: Plan the month's posts");
    assertThat(log.get(2).getText()).contains(ThreeMonthsOfHistory.GREETING);
    assertThat(noHorizontalScroll()).isTrue();
    axe("series");

    // Printed, the page is the done-log: no header, no dates, no buttons.
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    assertThat(driver.findElement(By.cssSelector("header.bar")).isDisplayed()).isFalse();
    assertThat(Browsers.find(driver, "my-dates").isDisplayed()).isFalse();
    assertThat(Browsers.find(driver, "months-print").isDisplayed()).isFalse();
    assertThat(Browsers.find(driver, "done-log").isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("done-log-for")).getText())
        .isEqualTo(de ? "Erledigt-Liste von Anna Öztürk in „Küche am Dienstag“" : "Done-log of Anna Öztürk in “Küche am Dienstag”");
    assertThat(Browsers.find(driver, "months-chart-figure-svg").isDisplayed()).isTrue();
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    assertThat(driver.findElement(By.id("done-log-for")).isDisplayed()).isFalse();

    // The host's page: four dates, three bars each; April's was cancelled.
    driver.get(h.t.base() + "/host.html?series=" + h.seriesId + "&key=" + h.hostKey);
    Browsers.await(driver, d -> !d.findElements(By.cssSelector("[data-test=stats-chart-figure-svg]")).isEmpty());
    WebElement stats = driver.findElement(By.cssSelector("[data-test=stats-chart-figure-svg]"));
    assertThat(stats.findElements(By.cssSelector("[data-test=chart-group]"))).hasSize(4);
    List<WebElement> dateBars = stats.findElements(By.cssSelector("rect[data-test=bar]"));
    assertThat(dateBars.stream().map(b -> b.getAttribute("data-series") + "=" + b.getAttribute("data-value")).toList())
        .containsExactly("attended=1", "noShows=1", "goalsDone=2", "attended=2", "noShows=0", "goalsDone=2",
            "attended=1", "noShows=0", "goalsDone=2", "attended=0", "noShows=0", "goalsDone=0");
    assertThat(stats.findElement(By.cssSelector(":scope > title")).getAttribute("textContent"))
        .isEqualTo(de ? "Verlauf von „Küche am Dienstag“" : "“Küche am Dienstag” over time");
    assertThat(stats.findElements(By.cssSelector("[data-test=chart-group]")).get(3).getAttribute("textContent"))
        .endsWith(de ? "abgesagt" : "cancelled");
    assertThat(driver.findElements(By.cssSelector("[data-test=stats-chart-figure-table] tbody tr"))).hasSize(4);
    Browsers.click(driver, "stats-csv");
    Path dates = downloads.resolve("peerwork-" + h.seriesId + "-dates.csv");
    Browsers.await(driver, d -> Files.exists(dates));
    assertThat(Files.readAllLines(dates, StandardCharsets.UTF_8)).hasSize(5)
        .endsWith("2030-04-02,'" + ThreeMonthsOfHistory.APRIL_REASON + ",0,0,0,0,0,0");
    assertThat(noHorizontalScroll()).isTrue();
    axe("host");
  }

  private boolean noHorizontalScroll() {
    return (Boolean) driver.executeScript(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth");
  }

  private void axe(String page) {
    List<Rule> found = new AxeBuilder().analyze(driver).getViolations();
    if (!found.isEmpty()) {
      Browsers.shot(driver, "charts-" + page);
    }
    assertThat(found.stream().map(r -> r.getImpact() + " " + r.getId() + ": " + r.getNodes().stream()
        .map(n -> n.getTarget() + " " + n.getHtml()).collect(Collectors.joining(" | "))).toList()).as(page).isEmpty();
  }
}
