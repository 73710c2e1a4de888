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

  /** Skips the calling test, saying why, if Chromium or its driver is not installed. */
  static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Skipping browser test: /usr/bin/chromium or /usr/bin/chromedriver is missing "
            + "(apt-get install -y chromium chromium-driver)");
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
}
