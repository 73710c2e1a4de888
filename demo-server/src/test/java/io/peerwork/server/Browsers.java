package io.peerwork.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Debian Chromium for the browser tests (recipe from ENVIRONMENT.md). */
final class Browsers {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");

  private Browsers() {}

  /**
   * Skips the calling test, saying why, if Chromium or its driver is not installed; in CI (where
   * {@code .ci/run} installs both) it fails instead, so a broken install cannot pass unnoticed.
   */
  static void assumeInstalled() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String why = "/usr/bin/chromium or /usr/bin/chromedriver is missing (apt-get install -y chromium chromium-driver)";
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("Browser tests must run in CI, but " + why);
    }
    if (!installed) {
      System.err.println("WARNING: browser test NOT run: " + why);
    }
    Assumptions.assumeTrue(installed, "Skipping browser test: " + why);
  }

  /** A headless browser whose preferred language is {@code language}. */
  static ChromeDriver start(String language) {
    var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--lang=" + language, "--window-size=390,844",
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    return new ChromeDriver(service, options);
  }

  /** Makes the current window a phone: 390 x 844 CSS pixels (headless windows are at least 500 wide otherwise). */
  static void phone(ChromeDriver driver) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
  }

  /** A full-page screenshot of the current window, saved as target/screenshots/{@code name}.png. */
  static void shot(ChromeDriver driver, String name) {
    try {
      Files.createDirectories(SHOTS);
      @SuppressWarnings("unchecked")
      Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
          .get("cssContentSize");
      Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"),
          "scale", 1);
      String data = (String) driver.executeCdpCommand("Page.captureScreenshot",
          Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
      Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode(data));
    } catch (Exception e) {
      System.err.println("screenshot " + name + " failed: " + e);
    }
  }

  /** Waits up to 10 s for {@code until}, looking again past stale or missing elements. */
  static <V> V await(ChromeDriver driver, java.util.function.Function<? super org.openqa.selenium.WebDriver, V> until) {
    return new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class).until(until);
  }

  /** The element marked {@code data-test=<test>}. */
  static org.openqa.selenium.WebElement find(ChromeDriver driver, String test) {
    return driver.findElement(org.openqa.selenium.By.cssSelector("[data-test=" + test + "]"));
  }

  /** Clicks the element marked {@code data-test=<test>} once it is clickable. */
  static void click(ChromeDriver driver, String test) {
    click(driver, org.openqa.selenium.By.cssSelector("[data-test=" + test + "]"));
  }

  /** Clicks the first element matching {@code by} once it is clickable. */
  static void click(ChromeDriver driver, org.openqa.selenium.By by) {
    // Found and clicked in one try, so a room update that redraws the element in between only
    // means another try (await ignores the stale reference).
    await(driver, d -> {
      org.openqa.selenium.WebElement e = org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(
          by).apply(d);
      if (e == null) {
        return false;
      }
      e.click();
      return true;
    });
  }

  /**
   * Waits until an element matching {@code by} shows {@code text}; if none does, saves a screenshot
   * named {@code failureShot} and fails with what the page says.
   */
  static void waitText(ChromeDriver driver, org.openqa.selenium.By by, String text, String failureShot) {
    try {
      await(driver, d -> {
        for (org.openqa.selenium.WebElement e : d.findElements(by)) {
          if (e.getText().contains(text)) {
            return true;
          }
        }
        return false;
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      shot(driver, failureShot + "-" + by.toString().replaceAll("\\W+", "_"));
      throw new AssertionError("no '" + text + "' in " + by + "; page says: "
          + driver.findElement(org.openqa.selenium.By.tagName("body")).getText(), e);
    }
  }
}
