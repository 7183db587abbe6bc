package org.cybermarket.report;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.RealData;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report as a reader sees it: index.html of the default (real-data) run opened in headless Chromium. Fails if an
 * image does not load, if the console has an error, or if the findings (the page's first section) lack the numbers
 * the Parquet outputs hold. Saves a full-page screenshot to target/report-screenshot.png. Needs Debian's chromium and
 * chromium-driver (or CHROME_BINARY and CHROMEDRIVER); without them it skips, saying so on the console.
 */
class ReportInBrowserTest {
    static final Path SCREENSHOT = SparkTest.projectRoot().resolve("jobs/target/report-screenshot.png");

    @Test
    void theReportLoadsEveryImageWithoutConsoleErrorsAndItsFindingsHoldTheOutputsNumbers(@TempDir Path profile) throws Exception {
        Path out = RealData.pipelineOutput();
        try (Page page = open(Outputs.report(out).resolve("index.html"), profile)) {
            page.screenshot(SCREENSHOT);
            assertTrue(page.images() >= 8, "CAAR per market, bars per region and day, two growth charts: " + page.images());
            assertEquals(List.of(), page.brokenImages(), "images that did not load");
            assertEquals(List.of(), page.consoleProblems(), "console errors and warnings");
            WebElement first = page.browser.findElement(By.cssSelector("body > section"));
            assertEquals("findings", first.getAttribute("id"), "the findings come first");
            String findings = first.getText();
            for (String number : numbersTheOutputsHold(out)) assertTrue(findings.contains(number), "the findings state " + number);
        }
    }

    /** The checks above can fail: a report whose chart is missing shows a broken image and a console error. */
    @Test
    void aMissingChartIsCaughtAsABrokenImageAndAConsoleError(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("report");
        Outputs.copy(Outputs.report(RealData.pipelineOutput()), copy);
        Files.delete(copy.resolve("caar_0.png"));
        try (Page page = open(copy.resolve("index.html"), tmp.resolve("profile"))) {
            assertEquals(List.of("caar_0.png"), page.brokenImages());
            assertTrue(page.consoleProblems().stream().anyMatch(p -> p.contains("caar_0.png")), page.consoleProblems().toString());
        }
    }

    /**
     * What the findings must state, read from the Parquet outputs and formatted here: for the focus industry
     * (Cybersecurity) in each region on day 0 and +1, its equal-weighted return and member count; on each market, its
     * AAR with t, Patell, BMP and Corrado, and its CAAR over [0, +1] with t, Patell and BMP.
     */
    static List<String> numbersTheOutputsHold(Path out) {
        var spark = SparkTest.spark();
        List<String> expected = new ArrayList<>();
        Dataset<Row> days = spark.read().parquet(Outputs.dataset(out, "es_group_days"))
                .where("group_industry = 'Cybersecurity' and group_market <> 'ALL' and event_day_offset in (0, 1)");
        for (Row g : days.collectAsList()) {
            expected.add(g.getAs("n_securities") + " names on " + g.getAs("group_market") + " had an average abnormal return of "
                    + pct(g.getAs("aar")) + " on day " + (g.<Integer>getAs("event_day_offset") == 1 ? "+1" : "0")
                    + " (t " + two(g.getAs("t_cs")) + ", ");
            expected.add("Patell " + two(g.getAs("patell")) + ", ");
            expected.add("BMP " + two(g.getAs("bmp")) + ", ");
            expected.add("Corrado rank " + two(g.getAs("corrado")) + ", ");
        }
        for (Row w : spark.read().parquet(Outputs.dataset(out, "es_group_windows"))
                .where("group_industry = 'Cybersecurity' and group_market <> 'ALL' and window_start = 0 and window_end = 1").collectAsList()) {
            expected.add(w.getAs("n_securities") + " Cybersecurity names on " + w.getAs("group_market") + " had a cumulative average abnormal return of "
                    + pct(w.getAs("caar")) + " (t " + two(w.getAs("t_cs")) + ", ");
        }
        Dataset<Row> dates = days.selectExpr("first_date as trade_date").distinct();
        for (Row s : spark.read().parquet(Outputs.dataset(out, "sector_returns")).where("industry = 'Cybersecurity'")
                .join(dates, "trade_date").collectAsList()) {
            expected.add(pct(s.getAs("ew_return")) + " equal-weighted across " + s.getAs("member_count") + " names");
        }
        assertTrue(expected.size() >= 12, "numbers found in the outputs: " + expected);
        return expected;
    }

    private static String pct(Double d) {
        return String.format(Locale.ROOT, "%+.2f%%", d * 100);
    }

    private static String two(Double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    /** The page in headless Chromium; skips the test, saying so on the console, where there is no browser. */
    static Page open(Path index, Path profile) {
        Path chromium = executable("CHROME_BINARY", "chromium", "chromium-browser", "google-chrome");
        Path driverBinary = executable("CHROMEDRIVER", "chromedriver");
        if (chromium == null || driverBinary == null) {
            String why = "SKIPPED ReportInBrowserTest: no " + (chromium == null ? "chromium" : "chromedriver") + " on the PATH "
                    + "(Debian: apt-get install chromium chromium-driver; or set CHROME_BINARY and CHROMEDRIVER)";
            System.out.println(why);
            Assumptions.assumeTrue(false, why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // Without the networking flags this closed network refuses Chromium's own background connections.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(index.toUri().toString());
        } catch (RuntimeException e) {
            browser.quit();
            throw e;
        }
        return new Page(browser);
    }

    /** An open page and what a reader would notice on it. */
    record Page(ChromeDriver browser) implements AutoCloseable {
        long images() {
            return (Long) browser.executeScript("return document.images.length");
        }

        @SuppressWarnings("unchecked")
        List<String> brokenImages() {
            return (List<String>) browser.executeScript(
                    "return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))");
        }

        List<String> consoleProblems() {
            List<String> problems = new ArrayList<>();
            for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.WARNING.intValue()) problems.add(e.getLevel() + " " + e.getMessage());
            }
            return problems;
        }

        /** A full-page PNG (beyond the window), through Chrome's DevTools protocol. */
        @SuppressWarnings("unchecked")
        void screenshot(Path file) throws Exception {
            Map<String, Object> size = (Map<String, Object>) browser.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                    "height", ((Number) size.get("height")).doubleValue(), "scale", 1);
            String data = (String) browser.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(data));
            System.out.println("report screenshot: " + file);
        }

        @Override
        public void close() {
            browser.quit();
        }
    }

    /** The environment variable's file, else the first of the names on the PATH; null when none is there. */
    private static Path executable(String env, String... names) {
        String given = System.getenv(env);
        if (given != null && Files.isExecutable(Path.of(given))) return Path.of(given);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String n : names) {
                Path p = Path.of(dir, n);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }
}
