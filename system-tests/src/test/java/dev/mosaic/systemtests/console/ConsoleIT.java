package dev.mosaic.systemtests.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mosaic.systemtests.stack.Http;
import dev.mosaic.systemtests.stack.MosaicStack;
import dev.mosaic.systemtests.stack.MosaicStackExtension;
import dev.mosaic.systemtests.stack.StubControlPlane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The resilience console in a real headless Chromium against the running stack: take the
 * recommendation service down with the page's own control, watch the page show the composer's
 * breaker OPEN (and why sections degrade, and the chaos marker), clear it from the page, watch it
 * close again. Screenshots land in {@code target/console-*.png}. Debian's chromium and chromedriver
 * are used as installed (no Selenium Manager, no download); without them the test is skipped.
 */
@ExtendWith(MosaicStackExtension.class)
@Order(4)
class ConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String BREAKER = "composer/recommendations";
    private static final Path ARTEFACTS = Path.of("target");

    private final MosaicStack stack;
    private final StubControlPlane stubs;
    private final AtomicInteger nextUser = new AtomicInteger();
    private ChromeDriver browser;
    private String token;

    ConsoleIT(MosaicStack stack) {
        this.stack = stack;
        this.stubs = stack.stubs();
    }

    @BeforeEach
    void openBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the console test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install -y chromium chromium-driver; .ci/run installs them");
        stack.awaitWarm();
        stubs.resetChaos();
        token = stubs.token("console-driver", "dashboard:read dashboard:read:any");
        // the driver named explicitly: Selenium Manager would otherwise try to find or download one
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1280,800", "--no-first-run", "--disable-extensions");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        stubs.resetChaos();
    }

    @Test
    void takingRecommendationsDownFromThePageShowsItsBreakerOpenAndClearingItShowsItClosedAgain() {
        browser.get(stack.controlUrl() + "/console");
        awaitOnPage("the console to show " + BREAKER + " CLOSED", Duration.ofSeconds(20), () -> "CLOSED".equals(breakerState()));
        assertThat(text("#parts")).contains("composer reachable").contains("gateway reachable");
        assertThat(texts("#timeline rect")).as("the breakers' timeline is drawn").isNotEmpty();

        click("[data-chaos='recommendations'] [data-action='down']");
        awaitOnPage("the recommendations card to say DOWN", Duration.ofSeconds(10), () -> "DOWN".equals(cardState()));
        awaitWithTraffic("the console to show " + BREAKER + " OPEN", () -> "OPEN".equals(breakerState()));

        awaitOnPage("the sections to show why recommendations degrade", Duration.ofSeconds(10),
                () -> text("#sections").contains("CIRCUIT_OPEN"));
        assertThat(texts("[data-chaos-marker~='recommendations'] title")).as("a chaos marker for recommendations")
                .anySatisfy(marker -> assertThat(marker).contains("recommendations: down"));
        assertThat(texts("[data-chaos-event='recommendations']"))
                .anySatisfy(event -> assertThat(event).contains("UPDATE").contains("down"));
        assertThat(text("#glance-broken")).contains(BREAKER + " OPEN").contains("recommendations down");
        screenshot("console-outage.png");
        fullPageScreenshot("console-outage-full.png");

        click("[data-chaos='recommendations'] [data-action='clear']");
        awaitOnPage("the recommendations card to say UP", Duration.ofSeconds(10), () -> "UP".equals(cardState()));
        // open for its wait (5 s), then half-open probes succeed and it closes
        awaitWithTraffic("the console to show " + BREAKER + " CLOSED again", () -> "CLOSED".equals(breakerState()));
        assertThat(texts("[data-chaos-event='recommendations']")).anySatisfy(event -> assertThat(event).contains("CLEAR"));
        assertThat(texts("[data-chaos-marker~='recommendations'] title")).as("a marker for the clear too")
                .anySatisfy(marker -> assertThat(marker).contains("recommendations: cleared"));
        assertThat(text("#transitions")).contains(BREAKER).contains("OPEN");
        screenshot("console-recovered.png");

        // a phone-width window: one column, nothing wider than the screen
        browser.manage().window().setSize(new Dimension(390, 844));
        awaitOnPage("the page to fit a phone-width window", Duration.ofSeconds(10), () -> {
            Object fits = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth");
            return Boolean.TRUE.equals(fits);
        });
        screenshot("console-phone.png");
    }

    private String breakerState() {
        return text("[data-breaker='" + BREAKER + "'] .state");
    }

    private String cardState() {
        return text("[data-chaos='recommendations'] .state");
    }

    private void click(String selector) {
        browser.findElement(By.cssSelector(selector)).click();
    }

    /*
     * The page redraws its panels from every frame (about once a second), so a WebElement found a
     * moment ago may be gone: read what the page shows in one script call instead.
     */

    /** The text of the first element matching, {@code ""} when there is none. */
    private String text(String selector) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", selector);
        return String.valueOf(text);
    }

    /** The texts of every element matching. */
    @SuppressWarnings("unchecked")
    private List<String> texts(String selector) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent)", selector);
    }

    private void awaitOnPage(String what, Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .until(condition);
    }

    /** Waits while sending dashboards through the gateway: a breaker only moves with calls. */
    private void awaitWithTraffic(String what, java.util.concurrent.Callable<Boolean> condition) {
        await(what).atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    for (int i = 0; i < 4; i++) {
                        dashboard();
                    }
                    return condition.call();
                });
    }

    private void dashboard() {
        HttpResponse<String> response = Http.send(Http.get(stack.gatewayUrl() + "/api/dashboard/u-" + (200 + nextUser.getAndIncrement() % 100))
                .header("Authorization", "Bearer " + token));
        // recommendations are optional: whatever happens to them, the dashboard is a 200
        assertThat(response.statusCode()).as("dashboard: %s", response.body()).isEqualTo(200);
    }

    /** The whole page at 1280 px wide, as docs/resilience.md shows it. */
    private void fullPageScreenshot(String name) {
        Object height = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, Math.max(800, ((Number) height).intValue() + 40)));
        screenshot(name);
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    /** What the window shows, from the top of the page. */
    private void screenshot(String name) {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        try {
            Files.createDirectories(ARTEFACTS);
            Files.write(ARTEFACTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
