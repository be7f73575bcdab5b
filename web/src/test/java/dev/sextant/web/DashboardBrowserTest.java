package dev.sextant.web;

import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpecCodec;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.trial.Trial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium (Debian's chromium + chromedriver) opens the dashboard of a seeded study: every chart renders
 * with data, no JavaScript errors, screenshot in target/dashboard.png; the XSS-named study renders as text.
 * Skipped, with the reason, when /usr/bin/chromium or /usr/bin/chromedriver is missing.
 */
class DashboardBrowserTest {
    static final String CHROMIUM = System.getProperty("sextant.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("sextant.chromedriver", "/usr/bin/chromedriver");
    static final String NAME = "steering run";
    static final String XSS = SecurityTest.XSS;
    static final String XSS2 = "<img src=x onerror=\"window.__xss=1\">";

    static WebServer server;
    static InMemoryStorage storage;
    static ChromeDriver driver;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute(), "skipped: " + CHROMIUM + " not found (apt-get install chromium)");
        Assumptions.assumeTrue(new File(DRIVER).canExecute(), "skipped: " + DRIVER + " not found (apt-get install chromium-driver)");
        storage = new InMemoryStorage();
        seed(NAME, 24);
        seed(XSS, 6);
        seed(XSS2, 0);
        server = Fixtures.server(storage, WebOptions.defaults().withPort(0));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--enable-unsafe-swiftshader", "--window-size=1400,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
    }

    /** A study with {@code completed} told trials (some infeasible), two running and one failed. */
    static void seed(String name, int completed) {
        Study s = Study.create(StudySpecCodec.fromMap(Fixtures.spec(name)), storage, GenerationStrategy.sobolOnly());
        for (int i = 0; i < completed; i++) {
            Trial t = s.ask();
            s.tell(t.number(), Fixtures.evaluate(t.parameters()));
        }
        if (completed > 0) {
            s.enqueue(Map.of("x", 1.9, "lr", 0.05, "n", 2, "opt", "sgd"));
            Trial bad = s.ask();
            s.tell(bad.number(), Map.of("loss", 0.05, "acc", 0.1));   // infeasible: acc < 0.2
            s.fail(s.ask().number(), "worker lost");
            s.ask();
            s.ask();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    void waitFor(String condition, String what) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).withMessage(what)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!(" + condition + ");")));
    }

    List<String> severeLogs() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) out.add(e.getMessage());
        }
        return out;
    }

    @Test
    void dashboardRendersEveryChartWithData() throws Exception {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
        severeLogs();   // drain what earlier tests left
        driver.get(url("/study.html?name=" + Http.enc(NAME)));
        waitFor("document.body.dataset.loaded === 'true'", "dashboard never finished loading");
        String[] charts = {"history", "parcoords", "slices", "contour", "importance", "trials"};
        for (String id : charts) {
            waitFor("document.getElementById('" + id + "').dataset.rendered === 'true'", id + " never rendered: "
                    + js("return document.getElementById('error').textContent + ' ' + JSON.stringify(window.__errors)"));
            long points = Long.parseLong(String.valueOf(js("return document.getElementById('" + id + "').dataset.points")));
            assertTrue(points > 0, id + " has no data");
        }
        // the charts drew real marks
        assertTrue(((Number) js("return document.querySelectorAll('#history .scatterlayer .point').length")).intValue() >= 25);
        assertTrue(((Number) js("return document.querySelectorAll('#slices .slice').length")).intValue() == 4);
        assertTrue(((Number) js("return document.querySelectorAll('#contour .contour, #contour .hm, #contour image').length")).intValue() > 0,
                "contour drew nothing");
        assertEquals(4, ((Number) js("return document.querySelectorAll('#importance .bars .point').length")).intValue());
        String kind = String.valueOf(js("return document.getElementById('parcoords').dataset.kind"));
        assertTrue(kind.equals("parcoords") || kind.equals("svg"), kind);

        // summary
        assertEquals(NAME, driver.findElement(By.id("study-name")).getText());
        assertFalse(driver.findElement(By.id("best-value")).getText().equals("–"));
        assertTrue(driver.findElement(By.id("counts")).getText().contains("completed 25"), driver.findElement(By.id("counts")).getText());
        assertTrue(driver.findElement(By.id("generator")).getText().contains("sobol"));
        assertTrue(driver.findElement(By.id("importance-method")).getText().contains("Sobol indices"));

        // table: 28 rows, sortable by the objective, filterable
        assertEquals(28, driver.findElements(By.cssSelector("#trials tbody tr")).size());
        WebElement lossHeader = driver.findElements(By.cssSelector("#trials th")).stream().filter(h -> h.getText().equals("loss")).findFirst().orElseThrow();
        lossHeader.click();
        List<Double> losses = new ArrayList<>();
        int col = ((Number) js("return [...document.querySelectorAll('#trials th')].findIndex(h => h.textContent === 'loss')")).intValue();
        for (WebElement row : driver.findElements(By.cssSelector("#trials tbody tr"))) {
            String text = row.findElements(By.tagName("td")).get(col).getText();
            if (!text.isEmpty()) losses.add(Double.parseDouble(text));
        }
        assertEquals(25, losses.size());
        for (int i = 1; i < losses.size(); i++) assertTrue(losses.get(i - 1) <= losses.get(i), "not sorted: " + losses);
        driver.findElement(By.id("filter")).sendKeys("worker lost");
        assertEquals(1, driver.findElements(By.cssSelector("#trials tbody tr")).size());
        driver.findElement(By.id("filter")).clear();
        js("const f = document.getElementById('filter'); f.value=''; f.dispatchEvent(new Event('input'));");

        // live: a tell from outside shows up without reloading
        Study s = Study.open(NAME, storage, GenerationStrategy.sobolOnly());
        Trial t = s.ask();
        s.tell(t.number(), Fixtures.evaluate(t.parameters()));
        waitFor("document.querySelectorAll('#trials tbody tr').length === 29", "live update did not arrive");

        assertEquals("[]", String.valueOf(js("return JSON.stringify(window.__errors)")));
        assertEquals(List.of(), severeLogs());

        // full-page screenshot
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int) Math.min(6000, height + 40)));
        js("window.scrollTo(0, 0)");
        Thread.sleep(1200);   // responsive charts re-layout
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot.toPath(), Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void studyListLinksToEachStudy() {
        severeLogs();
        driver.get(url("/"));
        waitFor("document.body.dataset.loaded === '3'", "study list never loaded");
        List<String> names = driver.findElements(By.cssSelector("#studies tbody td:first-child a")).stream().map(WebElement::getText).toList();
        assertTrue(names.containsAll(List.of(NAME, XSS, XSS2)), names.toString());
        assertNull(js("return window.__xss"));
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        assertEquals("[]", String.valueOf(js("return JSON.stringify(window.__errors)")));
        assertEquals(List.of(), severeLogs());
    }

    @Test
    void scriptNamedStudyRendersAsText() {
        severeLogs();
        for (String name : List.of(XSS, XSS2)) {
            driver.get(url("/study.html?name=" + Http.enc(name)));
            waitFor("document.body.dataset.loaded === 'true'", "dashboard of " + name + " never loaded");
            assertEquals(name, driver.findElement(By.id("study-name")).getText());
            assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
            assertNull(js("return window.__xss"));
            assertEquals(0L, ((Number) js("return document.querySelectorAll('main script, header script, main img[src=x]').length")).longValue());
            assertEquals("[]", String.valueOf(js("return JSON.stringify(window.__errors)")));
            assertEquals(List.of(), severeLogs());
        }
    }
}
