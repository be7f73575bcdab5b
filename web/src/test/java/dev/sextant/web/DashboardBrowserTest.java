package dev.sextant.web;

import dev.sextant.core.study.Study;
import dev.sextant.store.DatabaseStorage;
import dev.sextant.core.study.StudySpecCodec;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.trial.Trial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Headless Chromium (Debian's chromium + chromedriver) opens the dashboard of seeded studies in an H2 store: every
 * chart renders with data, no JavaScript errors, screenshot in target/dashboard.png; the XSS-named study renders as
 * text; legends and captions match the study (constraints or not); log axes are labelled in parameter units and
 * categorical labels are escaped once; the study list counts every state; the trial page shows one trial.
 * When /usr/bin/chromium or /usr/bin/chromedriver is missing every test is skipped and the reason is printed to the
 * Maven log (and given as the skip reason).
 */
class DashboardBrowserTest {
    static final String CHROMIUM = System.getProperty("sextant.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("sextant.chromedriver", "/usr/bin/chromedriver");
    static final String NAME = "steering run";
    static final String XSS = SecurityTest.XSS;
    static final String XSS2 = "<img src=x onerror=\"window.__xss=1\">";
    /** A study without outcome constraints whose categorical choices need escaping. */
    static final String PLAIN = "plain <study>";
    static final String NOTE = "<b>checked</b> by hand & kept";
    /** Multi-objective studies: reward against divergence, and the same plus diversity. */
    static final String TWO = "front <two>";
    static final String THREE = "front three";
    /** How many studies the store holds (the study list's loaded marker). */
    static final String STUDIES = "6";

    static WebServer server;
    static DatabaseStorage storage;
    static ChromeDriver driver;
    /** Why the browser tests cannot run here (null when they can). */
    static String skipReason;

    @BeforeAll
    static void start() {
        skipReason = !new File(CHROMIUM).canExecute() ? CHROMIUM + " not found (apt-get install chromium)"
                : !new File(DRIVER).canExecute() ? DRIVER + " not found (apt-get install chromium-driver)" : null;
        if (skipReason != null) {
            // surefire prints a skipped class as "Tests run: N, Skipped: N" only; say why in the log itself
            System.out.println("[WARNING] DashboardBrowserTest SKIPPED: " + skipReason
                    + " (set -Dsextant.chromium=... -Dsextant.chromedriver=... to use other paths)");
            return;
        }
        storage = DatabaseStorage.open("jdbc:h2:mem:dashboard-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        seed(NAME, 24);
        seed(XSS, 6);
        seed(XSS2, 0);
        seedPlain();
        seedMulti(TWO, 2, 14);
        seedMulti(THREE, 3, 12);
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

    @BeforeEach
    void skipWithoutABrowser() {
        Assumptions.assumeTrue(skipReason == null, () -> "skipped: " + skipReason);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
        if (storage != null) storage.close();
    }

    /**
     * PLAIN: no outcome constraints, categorical choices "<fast>" and "a&b", log-scale lr; 6 completed trials (the
     * first with SEMs), then one failed, one abandoned, one running.
     */
    static void seedPlain() {
        Map<String, Object> spec = new java.util.LinkedHashMap<>(Fixtures.spec(PLAIN));
        spec.remove("outcome_constraints");
        spec.put("objective", Map.of("metric", "loss", "goal", "minimize"));
        spec.put("parameters", List.of(
                Map.of("name", "x", "type", "float", "low", -2.0, "high", 2.0),
                Map.of("name", "lr", "type", "float", "low", 1e-4, "high", 1e-1, "log", true),
                Map.of("name", "mode", "type", "categorical", "choices", List.of("<fast>", "a&b"))));
        Study s = Study.create(StudySpecCodec.fromMap(spec), storage, GenerationStrategy.sobolOnly());
        for (int i = 0; i < 6; i++) {
            Trial t = s.ask();
            double x = t.number("x");
            if (i == 0) {
                s.tell(t, Map.of("loss", x * x), Map.of("loss", 0.125));
            } else {
                s.tell(t, Map.of("loss", x * x));
            }
        }
        s.fail(s.ask().number(), "CUDA out of memory");
        s.abandon(s.ask().number());
        s.ask();
    }

    /**
     * A study with {@code objectives} objectives (reward max with threshold 0.1, divergence min, and diversity max for
     * 3) and {@code completed} told trials, plus one that no other beats but whose reward is below the threshold, plus
     * one running.
     */
    static void seedMulti(String name, int objectives, int completed) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>(Fixtures.twoObjectiveSpec(name));
        if (objectives == 3) {
            List<Object> objs = new ArrayList<>((List<?>) spec.get("objectives"));
            objs.add(Map.of("metric", "diversity", "goal", "maximize"));
            spec.put("objectives", objs);
        }
        Study s = Study.create(StudySpecCodec.fromMap(spec), storage, GenerationStrategy.sobolOnly());
        for (int i = 0; i < completed; i++) {
            Trial t = s.ask();
            Map<String, Double> values = new java.util.HashMap<>(Fixtures.evaluateTwo(t.parameters()));
            if (objectives == 3) values.put("diversity", 1 - t.number("y") * t.number("x"));
            s.tell(t.number(), values);
        }
        // x = 0.02, y = 0: the least divergence of all, reward 0.02 below the threshold
        Map<String, Double> low = new java.util.HashMap<>(Fixtures.evaluateTwo(Map.of("x", 0.02, "y", 0.0)));
        if (objectives == 3) low.put("diversity", 1.0);
        s.addCompleted(Map.of("x", 0.02, "y", 0.0), low);
        s.ask();
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
            storage.setTrialAttribute(name, bad.number(), "review", NOTE);
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
        waitFor("document.body.dataset.loaded === '" + STUDIES + "'", "study list never loaded");
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

    @SuppressWarnings("unchecked")
    List<String> texts(String selector) {
        return (List<String>) js("return [...document.querySelectorAll(\"" + selector + "\")].map(e => e.textContent)");
    }

    /** The row of the study list for a study: [trials, completed, running, queued, failed, abandoned] as numbers. */
    List<Long> countsRow(String name) {
        for (WebElement row : driver.findElements(By.cssSelector("#studies tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (cells.get(0).getText().equals(name)) {
                return cells.subList(2, 8).stream().map(c -> Long.parseLong(c.getText())).toList();
            }
        }
        throw new AssertionError("no row for " + name);
    }

    @Test
    void studyListCountsEveryState() {
        severeLogs();
        driver.get(url("/"));
        waitFor("document.body.dataset.loaded === '" + STUDIES + "'", "study list never loaded");
        List<String> headers = driver.findElements(By.cssSelector("#studies th")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("name", "objective", "trials", "completed", "running", "queued", "failed", "abandoned", "best"), headers);
        assertEquals(List.of(9L, 6L, 1L, 0L, 1L, 1L), countsRow(PLAIN));
        assertEquals(List.of(1L, 0L), countsRow(NAME).subList(4, 6), "NAME: one failed, none abandoned");
        for (String n : List.of(NAME, XSS, XSS2, PLAIN)) {
            List<Long> c = countsRow(n);
            assertEquals(c.get(0), c.subList(1, 6).stream().mapToLong(Long::longValue).sum(), n + ": the states add up to the total");
        }
        assertEquals(List.of(), severeLogs());
    }

    @Test
    void legendsAndCaptionsMatchTheStudy() {
        severeLogs();
        driver.get(url("/study.html?name=" + Http.enc(NAME)));
        waitFor("document.getElementById('history').dataset.rendered === 'true' && document.getElementById('trials').dataset.rendered === 'true'",
                "constrained study never rendered");
        String caption = driver.findElement(By.id("history-caption")).getText();
        assertTrue(caption.contains("Red crosses are infeasible") && caption.contains("acc >= 0.2"), caption);
        List<String> legend = texts("#history .legendtext");
        assertTrue(legend.containsAll(List.of("feasible trial", "infeasible trial (violates a constraint)", "best feasible so far")),
                legend.toString());
        assertEquals(1, driver.findElements(By.cssSelector("#table-legend .key.infeasible")).size());
        assertEquals(1, driver.findElements(By.cssSelector("#table-legend .key.best")).size());
        assertEquals(1, driver.findElements(By.cssSelector("#trials tbody tr.infeasible")).size());

        driver.get(url("/study.html?name=" + Http.enc(PLAIN)));
        waitFor("document.getElementById('history').dataset.rendered === 'true' && document.getElementById('trials').dataset.rendered === 'true'",
                "plain study never rendered");
        String plainCaption = driver.findElement(By.id("history-caption")).getText();
        assertFalse(plainCaption.toLowerCase().contains("cross") || plainCaption.toLowerCase().contains("infeasible"), plainCaption);
        List<String> plainLegend = texts("#history .legendtext");
        assertEquals(List.of("completed trial", "best so far"), plainLegend);
        assertEquals(0, driver.findElements(By.cssSelector("#table-legend .key.infeasible")).size());
        assertEquals(1, driver.findElements(By.cssSelector("#table-legend .key.best")).size());
        assertEquals("[]", String.valueOf(js("return JSON.stringify(window.__errors)")));
        assertEquals(List.of(), severeLogs());
    }

    @Test
    void logAxesAreLabelledInParameterUnitsAndCategoriesEscapedOnce() {
        severeLogs();
        driver.get(url("/study.html?name=" + Http.enc(PLAIN)));
        waitFor("document.getElementById('parcoords').dataset.rendered === 'true' && document.getElementById('slices').dataset.rendered === 'true'",
                "plain study charts never rendered");
        // the slice of the categorical parameter: a cartesian category axis
        List<String> modeTicks = texts(".slice[data-parameter=mode] .xtick text");
        assertTrue(modeTicks.containsAll(List.of("<fast>", "a&b")), modeTicks.toString());
        String kind = String.valueOf(js("return document.getElementById('parcoords').dataset.kind"));
        if (!kind.equals("parcoords")) {
            System.out.println("[WARNING] no WebGL in this Chromium: the parallel-coordinates tick labels were not checked");
            return;
        }
        List<String> ticks = texts("#parcoords .tick text");
        assertTrue(ticks.containsAll(List.of("1e-4", "0.001", "0.01", "0.1")), "log axis in parameter units: " + ticks);
        assertTrue(ticks.containsAll(List.of("<fast>", "a&b")), "categories as written: " + ticks);
        assertTrue(ticks.stream().noneMatch(t -> t.contains("&lt;") || t.contains("&amp;") || t.equals("-3")), ticks.toString());
        List<String> titles = texts("#parcoords .axis-title");
        assertTrue(titles.contains("lr (log scale)"), titles.toString());
        assertEquals("[]", String.valueOf(js("return JSON.stringify(window.__errors)")));
        assertEquals(List.of(), severeLogs());
    }

    @Test
    void theTrialPageShowsTheModelChoiceOfABayesianTrial() {
        severeLogs();
        String name = "auto model";
        Map<String, Object> m = new java.util.LinkedHashMap<>(Fixtures.spec(name));
        m.put("generation", Map.of("initial", 6, "acquisition", "qlognei", "threads", 1, "raw_samples", 256,
                "mc_samples", 64, "restarts", 2, "model_selection", "auto"));
        var spec = StudySpecCodec.fromMap(m);
        Study s = Study.create(spec, storage, dev.sextant.acquisition.Strategies.defaultFor(spec));
        try {
            for (int i = 0; i < 7; i++) {   // 6 Sobol trials, then the Bayesian generator's first proposal
                Trial t = s.ask();
                s.tell(t.number(), Fixtures.evaluate(t.parameters()));
            }
            driver.get(url("/trial.html?name=" + Http.enc(name) + "&number=7"));
            waitFor("document.body.dataset.loaded === 'true'", "Bayesian trial never loaded");
            assertTrue(driver.findElement(By.id("generator")).getText().startsWith("bayes"));
            assertTrue(driver.findElement(By.id("model-card")).isDisplayed());
            List<String> metrics = texts("#model-choice tbody tr td:first-child");
            assertEquals(List.of("loss", "acc"), metrics, "one row per modelled metric, objective first");
            for (String loo : texts("#model-choice tbody tr td:nth-child(4)")) {
                assertTrue(Double.isFinite(Double.parseDouble(loo)), loo);
            }
            assertTrue(texts("#model-choice tbody tr td:nth-child(2)").get(0).contains("/"),
                    "chosen model as transform/kernel");
            assertTrue(driver.findElement(By.id("model-feasibility")).getText().startsWith("Predicted probability"));
            // a Sobol trial has no model choice: no card
            driver.get(url("/trial.html?name=" + Http.enc(name) + "&number=1"));
            waitFor("document.body.dataset.loaded === 'true'", "Sobol trial never loaded");
            assertFalse(driver.findElement(By.id("model-card")).isDisplayed());
            assertEquals("[]", String.valueOf(js("return JSON.stringify(window.__errors)")));
            assertEquals(List.of(), severeLogs());
        } finally {
            storage.deleteStudy(name);
        }
    }

    @Test
    void theTrialPageShowsOneTrialAndIsLinkedFromTheTable() {
        severeLogs();
        driver.get(url("/study.html?name=" + Http.enc(NAME)));
        waitFor("document.getElementById('trials').dataset.rendered === 'true'", "trial table never rendered");
        WebElement infeasible = driver.findElement(By.cssSelector("#trials tbody tr.infeasible"));
        long number = Long.parseLong(infeasible.getDomAttribute("data-number"));
        infeasible.findElement(By.cssSelector("td a")).click();
        waitFor("location.pathname === '/trial.html' && document.body.dataset.loaded === 'true'", "trial page never loaded");
        assertEquals("trial " + number, driver.findElement(By.id("trial-title")).getText());
        assertEquals(NAME, driver.findElement(By.id("study-link")).getText());
        assertEquals("completed", driver.findElement(By.id("state")).getText());
        assertTrue(driver.findElement(By.id("feasibility")).getText().contains("infeasible: violates acc >= 0.2"),
                driver.findElement(By.id("feasibility")).getText());
        assertEquals("manual", driver.findElement(By.id("generator")).getText());
        assertEquals(List.of("x", "lr", "n", "opt"), texts("#parameters tbody tr td:first-child"));
        assertEquals(List.of("loss", "0.05", "unknown", "objective (minimize)", "acc", "0.1", "unknown", "acc >= 0.2"),
                texts("#values tbody td"));
        assertEquals(List.of("review", NOTE), texts("#notes tbody td"), "notes as text");
        assertEquals(0L, ((Number) js("return document.querySelectorAll('#notes b').length")).longValue());
        assertFalse(driver.findElement(By.id("failure-card")).isDisplayed());
        assertTrue(driver.findElement(By.id("times")).getText().contains("created "));

        // the first trial of the plain study: SEM shown, no constraints, no previous trial
        driver.get(url("/trial.html?name=" + Http.enc(PLAIN) + "&number=1"));
        waitFor("document.body.dataset.loaded === 'true'", "plain trial 1 never loaded");
        assertEquals("0.125", texts("#values tbody td").get(2));
        assertEquals("the study has no outcome constraints", driver.findElement(By.id("feasibility")).getText());
        assertEquals("sobol", driver.findElement(By.id("generator")).getText());
        assertFalse(driver.findElement(By.id("prev")).isDisplayed());
        assertTrue(driver.findElement(By.id("no-notes")).isDisplayed());
        driver.findElement(By.id("next")).click();
        waitFor("location.search.endsWith('number=2') && document.getElementById('trial-title').textContent === 'trial 2'", "next trial");
        // a failed trial shows its reason and no values
        driver.get(url("/trial.html?name=" + Http.enc(PLAIN) + "&number=7"));
        waitFor("document.body.dataset.loaded === 'true'", "failed trial never loaded");
        assertEquals("failed", driver.findElement(By.id("state")).getText());
        assertEquals("CUDA out of memory", driver.findElement(By.id("failure")).getText());
        assertTrue(driver.findElement(By.id("values-note")).getText().contains("No values"));
        assertEquals("[]", String.valueOf(js("return JSON.stringify(window.__errors)")));
        assertEquals(List.of(), severeLogs());
        // an unknown number says so
        driver.get(url("/trial.html?name=" + Http.enc(PLAIN) + "&number=99"));
        waitFor("document.body.dataset.loaded === 'error'", "unknown trial page never answered");
        assertTrue(driver.findElement(By.id("error")).getText().contains("has no trial 99"), driver.findElement(By.id("error")).getText());
        severeLogs();   // the 404 of the fetch is logged by the browser
    }

    /**
     * A two-objective study: the Pareto section shows one scatter whose green points are exactly the front the API
     * returns, dominated trials faded, the trials beyond a threshold apart (open grey), the front's boundary drawn; the
     * history section shows the hypervolume by trial (one point per feasible completed trial); the table marks the
     * Pareto-optimal and the beyond-threshold rows, and its Pareto rank column sorts as the API's ranking (sort=best);
     * the parallel coordinates are coloured by Pareto rank; the model's metric selector gives the slices of each
     * objective. A three-objective study: three pairwise panels.
     */
    @Test
    void paretoFrontHypervolumeAndTableMarks() throws Exception {
        severeLogs();
        Http http = new Http(server.port());
        for (String name : List.of(TWO, THREE)) {
            com.fasterxml.jackson.databind.JsonNode pareto = http.get(Http.study(name) + "/pareto").json();
            int front = pareto.get("trials").size();
            int beyond = pareto.get("beyondThresholds").size();
            assertEquals(1, beyond, name + ": the seeded low-reward trial is left out: " + pareto);
            driver.get(url("/study.html?name=" + Http.enc(name)));
            waitFor("document.getElementById('pareto').dataset.rendered === 'true'"
                    + " && document.getElementById('history').dataset.kind === 'hypervolume'"
                    + " && document.getElementById('trials').dataset.rendered === 'true'", name + ": Pareto charts never rendered: "
                    + js("return document.getElementById('error').textContent + ' ' + JSON.stringify(window.__errors)"));
            assertTrue(driver.findElement(By.id("pareto-section")).isDisplayed());
            int panels = name.equals(TWO) ? 1 : 3;
            assertEquals(panels, ((Number) js("return document.querySelectorAll('#pareto .panel').length")).intValue());
            assertEquals(String.valueOf(front), js("return document.getElementById('pareto').dataset.front"));
            assertEquals(String.valueOf(beyond), js("return document.getElementById('pareto').dataset.beyond"));
            // every panel: the green trace holds the front's trials, the faded one the others, the grey one those beyond
            for (int k = 0; k < panels; k++) {
                String panel = "document.querySelectorAll('#pareto .panel')[" + k + "]";
                @SuppressWarnings("unchecked")
                List<Long> drawn = (List<Long>) js("return " + panel + ".data[1].customdata.slice().sort((a, b) => a - b)");
                List<Long> api = new ArrayList<>();
                pareto.get("trials").forEach(t -> api.add(t.get("number").asLong()));
                assertEquals(api, drawn, name + " panel " + k);
                assertEquals(0.25, ((Number) js("return " + panel + ".data[0].marker.opacity")).doubleValue(), 0.0);
                assertEquals(pareto.get("beyondThresholds").get(0).get("number").asLong(),
                        ((Number) js("return " + panel + ".data[2].customdata[0]")).longValue());
                assertEquals("diamond-open", js("return " + panel + ".data[2].marker.symbol"));
                assertTrue(((Number) js("return " + panel + ".querySelectorAll('.scatterlayer .point').length")).intValue()
                        >= 14 - 2, "points drawn");
            }
            if (name.equals(TWO)) {
                assertEquals("front", js("return document.querySelector('#pareto .panel').data[3].name"));
                assertEquals(front, ((Number) js("return document.querySelector('#pareto .panel').data[3].x.length")).intValue());
            }
            // the history is the hypervolume by trial
            assertEquals("Hypervolume by trial", driver.findElement(By.id("history-title")).getText());
            assertEquals(String.valueOf(pareto.get("hypervolumeByTrial").size()),
                    js("return document.getElementById('history').dataset.points"));
            assertEquals("hypervolume", js("return document.getElementById('history').layout.yaxis.title.text"));
            double last = pareto.get("hypervolumeByTrial").get(pareto.get("hypervolumeByTrial").size() - 1)
                    .get("hypervolume").asDouble();
            assertEquals(last, ((Number) js("const d = document.getElementById('history').data[0].y; return d[d.length - 1]"))
                    .doubleValue(), 1e-12);
            assertEquals("Hypervolume", js("return document.getElementById('best-title').textContent"));
            String detail = driver.findElement(By.id("best-detail")).getText();
            assertTrue(detail.startsWith(front + " Pareto-optimal trial") && detail.contains("1 non-dominated trial worse"
                    + " than a threshold left out"), detail);
            assertTrue(driver.findElement(By.id("objective")).getText().contains("maximize reward (threshold 0.1), minimize divergence"),
                    driver.findElement(By.id("objective")).getText());
            assertEquals(front, driver.findElements(By.cssSelector("#trials tbody tr.pareto")).size());
            assertEquals(beyond, driver.findElements(By.cssSelector("#trials tbody tr.beyond")).size());
            assertEquals(1, driver.findElements(By.cssSelector("#table-legend .key.pareto")).size());
            assertEquals(1, driver.findElements(By.cssSelector("#table-legend .key.beyond")).size());
            assertEquals(0, driver.findElements(By.cssSelector("#table-legend .key.best")).size());
            // the Pareto rank column sorts as the API's ranking, the unranked (running) trial last
            driver.findElement(By.cssSelector("#trials thead th[data-key='rank']")).click();
            waitFor("document.querySelector('#trials thead th[data-key=rank]').classList.contains('asc')", "rank sort");
            List<Long> ranked = new ArrayList<>();
            pareto.get("ranking").forEach(r -> ranked.add(r.get("number").asLong()));
            List<Long> rows = new ArrayList<>();
            for (var tr : driver.findElements(By.cssSelector("#trials tbody tr"))) rows.add(Long.parseLong(tr.getAttribute("data-number")));
            assertEquals(ranked, rows.subList(0, ranked.size()), name);
            List<Long> sortBest = new ArrayList<>();
            http.get(Http.study(name) + "/trials?sort=best&state=COMPLETED").json().get("trials")
                    .forEach(t -> sortBest.add(t.get("number").asLong()));
            assertEquals(sortBest, rows.subList(0, ranked.size()), "the table's rank order is sort=best");
            assertEquals("Pareto rank", js("const d = document.getElementById('parcoords');"
                    + " return d.dataset.kind === 'parcoords' ? d.data[0].line.colorbar.title.text : 'Pareto rank'"));
            // slices per objective: the selector lists each objective; choosing divergence redraws every slice for it
            waitFor("document.getElementById('slices').dataset.rendered === 'true'", name + ": slices never rendered");
            assertEquals("divergence (objective, minimize)",
                    js("return [...document.getElementById('metric').options].find(o => o.value === 'divergence').text"));
            // changed while the 2-s poll's refresh is in flight (its API calls slowed down here), the choice is not lost
            js("window.__api = Sx.api; window.__inFlight = 0; Sx.api = async (...a) => { window.__inFlight++;"
                    + " try { await new Promise(r => setTimeout(r, 1500)); return await window.__api(...a); }"
                    + " finally { window.__inFlight--; } };");
            waitFor("window.__inFlight > 0", name + ": a poll refresh in flight");
            js("const s = document.getElementById('metric'); s.value = 'divergence'; s.dispatchEvent(new Event('change'));");
            waitFor("[...document.querySelectorAll('#slices .slice')].length > 0 && [...document.querySelectorAll('#slices .slice')]"
                    + ".every(d => d.layout && d.layout.yaxis.title.text === 'divergence')", name + ": divergence slices");
            js("Sx.api = window.__api;");
            assertEquals(2, ((Number) js("return document.querySelectorAll('#slices .slice').length")).intValue(),
                    "one slice per parameter");
            assertEquals("[]", String.valueOf(js("return JSON.stringify(window.__errors)")));
            assertEquals(List.of(), severeLogs());
            if (name.equals(TWO)) {   // screenshot of the Pareto section, for a look by eye
                js("document.getElementById('pareto-section').scrollIntoView()");
                File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.createDirectories(Path.of("target"));
                Files.copy(shot.toPath(), Path.of("target", "dashboard-pareto.png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // a single-objective study has no Pareto section
        driver.get(url("/study.html?name=" + Http.enc(PLAIN)));
        waitFor("document.getElementById('trials').dataset.rendered === 'true'", "plain study never rendered");
        assertFalse(driver.findElement(By.id("pareto-section")).isDisplayed());
    }
}
