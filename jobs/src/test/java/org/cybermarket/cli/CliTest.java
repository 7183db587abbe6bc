package org.cybermarket.cli;

import org.cybermarket.testing.Outputs;
import org.apache.spark.sql.Row;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The CLI end to end: exit codes, help, clear errors, and a whole pipeline run on the bundled sample. */
class CliTest {
    static Path root;

    @BeforeAll
    static void setUp() {
        root = SparkTest.projectRoot();
        SparkTest.spark();
    }

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pipeline", "ingest", "returns", "sectors", "event-study", "forecast", "generate-sample", "extract-real", "query", "describe"})
    void everyCommandHasHelp(String command) {
        Result r = run(command, "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Usage: cybermarket " + command), r.out());
    }

    @Test
    void theDefaultConfigIsTheRealDataStudy() {
        for (String command : new String[]{"pipeline", "ingest", "returns", "sectors", "event-study", "forecast"}) {
            var spec = new picocli.CommandLine(new Main()).getSubcommands().get(command).getCommandSpec();
            assertEquals("data/config/real.yaml", spec.findOption("--config").defaultValue(), command);
        }
        assertTrue(Files.isRegularFile(root.resolve("data/config/real.yaml")));
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("pipeline") && r.out().contains("ingest") && r.out().contains("query"), r.out());
    }

    @Test
    void topLevelHelpMentionsTheBenchOfTheLauncher() {
        assertTrue(run("--help").out().replaceAll("\\s+", " ").contains("./cybermarket bench --help"), "bench is run by the launcher script, and the help says so");
    }

    @Test
    void theAsOfHelpSaysTheConfigPinsTheDefault() {
        String help = run("ingest", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: the config's as_of, else today in UTC)"), help);
    }

    @Test
    void onlyCommandsThatWriteDatePartitionsOfferAsOfDateOnly() {
        for (String command : List.of("ingest", "returns", "event-study", "forecast")) {
            assertFalse(run(command, "--help").out().contains("--as-of-date-only"), command);
        }
        for (String command : List.of("pipeline", "sectors")) {
            assertTrue(run(command, "--help").out().contains("--as-of-date-only"), command);
        }
    }

    @Test
    void aDateThatIsNotOneIsOneLineAndAUsageError() {
        Result r = run("pipeline", "--as-of", "2024-13-45");
        assertEquals(2, r.code());
        assertEquals("cybermarket: Invalid value for option '--as-of': '2024-13-45' is not a date yyyy-MM-dd (Invalid value for "
                + "MonthOfYear (valid values 1 - 12): 13) (see: cybermarket pipeline --help)", r.err().strip());
    }

    @Test
    void aSqlSyntaxErrorIsOneLineNamingTheProblem() throws Exception {
        Path out = org.cybermarket.testing.SampleRun.output();
        Result r = run("query", "--out", out.toString(), "--master", "local[2]", "selct * from returns");
        assertEquals(1, r.code());
        assertTrue(r.err().strip().startsWith("cybermarket: the SQL does not parse: [PARSE_SYNTAX_ERROR] Syntax error at or near 'selct'"), r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Result r = run("pipeline", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-such-option"), r.err());
    }

    @Test
    void aMissingConfigFileIsOneClearLine(@TempDir Path tmp) {
        Result r = run("pipeline", "--config", tmp.resolve("nope.yaml").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(1, r.code());
        assertEquals("cybermarket: " + tmp.resolve("nope.yaml") + ": config file not found", r.err().strip());
    }

    @Test
    void aBadConfigNamesTheFileAndTheProblem(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "markets:\n  - {id: XSHG, region: CN, zone: Asia/Shanghai, close: \"15:00\", currency: CNY}\nevent_study: {model: capm}\n");
        Result r = run("ingest", "--config", cfg.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(1, r.code());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertTrue(line.contains(cfg.toString()) && line.contains("event_study.model must be one of"), line);
    }

    @Test
    void anUnknownConfigKeyIsNamed(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("typo.json");
        Files.writeString(cfg, "{\"markets\": [{\"id\": \"XNYS\", \"region\": \"US\", \"zone\": \"America/New_York\", "
                + "\"close\": \"16:00\", \"currency\": \"USD\"}], \"pricez\": []}");
        Result r = run("ingest", "--config", cfg.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("pricez"), r.err());
    }

    @Test
    void thePipelineRunsOnTheBundledSampleAndItsOutputsReadBack() throws Exception {
        Path out = org.cybermarket.testing.SampleRun.output();
        assertEquals(0, org.cybermarket.testing.SampleRun.exitCode(), org.cybermarket.testing.SampleRun.errors());
        for (String ds : new String[]{"securities", "prices", "returns", "sector_returns", "rejects", "ingest_reconciliation", "calendar",
                "events", "event_days", "es_security_days", "es_security_windows", "es_group_days", "es_group_windows", "es_exclusions", "research_figures", "market_forecast", "forecast_comparison",
                "forecast_revisions", "realized_vs_projected"}) {
            assertTrue(Files.isDirectory(Path.of(Outputs.dataset(out, ds))), ds + " written");
        }
        var spark = SparkTest.spark();
        long prices = spark.read().parquet(Outputs.dataset(out, "prices")).count();
        long returns = spark.read().parquet(Outputs.dataset(out, "returns")).count();
        assertEquals(prices, returns, "one return row per price row");
        Row cyber = spark.read().parquet(Outputs.dataset(out, "sector_returns"))
                .where("region = 'CN' and trade_date = '2024-07-22' and industry = 'Cybersecurity'").first();
        assertEquals(1, cyber.getInt(cyber.fieldIndex("rank_ew")), "the calibrated shock puts cybersecurity first");
        assertEquals(0.04, cyber.getDouble(cyber.fieldIndex("ew_return")), 0.01);
        String manifest = Files.readString(Outputs.manifest(out));
        assertTrue(manifest.contains("\"outcome\" : \"succeeded\""), manifest);
        assertFalse(Files.exists(out.resolve("_staging")) && Files.list(out.resolve("_staging")).findAny().isPresent(), "no staging left");
    }

    @Test
    void aMissingInputFileFailsWithItsPath(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("c.yaml");
        Files.writeString(cfg, Files.readString(root.resolve("data/config/sample.yaml")).replace("data_dir: ../sample",
                "data_dir: " + tmp.resolve("nothing-here")).replace("events: ../events", "events: " + root.resolve("data/events"))
                .replace("research: ../research", "research: " + root.resolve("data/research")));
        Result r = run("ingest", "--config", cfg.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nothing-here") && r.err().contains("no input file matches"), r.err());
        Path out = tmp.resolve("out");
        assertFalse(Files.exists(out.resolve("current")) || Files.exists(out.resolve("_runs")),
                "checked before a run starts: nothing published, no failed run recorded");
    }
}
