package org.cybermarket.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.cli.Main;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Scheduled daily runs ({@code pipeline --as-of D --as-of-date-only}) replace exactly the partition of D in
 * sector_returns: two runs for different dates into one output root at the same time do not disturb each other
 * or any other file, each partition holds the same rows as the full run's, and a rerun of a date reproduces them.
 */
class AsOfDateRerunTest {
    static final String FRI = "2024-07-19", MON = "2024-07-22";

    static int daily(Path out, String date, StringWriter err) {
        return Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "pipeline", "--config",
                SparkTest.projectRoot().resolve("data/config/sample.yaml").toString(), "--out", out.toString(), "--master", "local[2]",
                "--as-of", date, "--as-of-date-only");
    }

    /** Every file of the root's current snapshot with its SHA-256, except the manifest, file list, report and the given partitions. */
    static Map<String, String> files(Path root, List<String> except) throws Exception {
        Map<String, String> out = new TreeMap<>();
        Path snapshot = Outputs.current(root);
        try (Stream<Path> s = Files.walk(snapshot)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = snapshot.relativize(p).toString();
                if (rel.equals("_manifest.json") || rel.equals("_files") || rel.startsWith("report/")) continue;
                if (except.stream().anyMatch(rel::startsWith)) continue;
                out.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    static Dataset<Row> day(Path root, String date) {
        return SparkTest.spark().read().parquet(Outputs.dataset(root, "sector_returns")).where(col("trade_date").equalTo(lit(java.sql.Date.valueOf(date))));
    }

    @Test
    void dailyRunsReplaceOnlyTheirDatesPartitionEvenWhenTheyRunTogether(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Outputs.copy(SampleRun.output(), out);
        List<String> partitions = List.of("sector_returns/trade_date=" + FRI + "/", "sector_returns/trade_date=" + MON + "/");
        Map<String, String> before = files(out, partitions);
        assertTrue(before.keySet().stream().anyMatch(f -> f.startsWith("sector_returns/trade_date=2024-07-18/")), "other dates are partitions too");
        Map<String, String> fullRunDays = files(out, List.of()).entrySet().stream().filter(e -> partitions.stream().anyMatch(e.getKey()::startsWith))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(2, fullRunDays.size(), "one file per day partition in the full run: " + fullRunDays.keySet());

        // Two scheduled runs for different dates, into the same root, at the same time.
        StringWriter errFri = new StringWriter(), errMon = new StringWriter();
        var fri = CompletableFuture.supplyAsync(() -> daily(out, FRI, errFri));
        var mon = CompletableFuture.supplyAsync(() -> daily(out, MON, errMon));
        assertEquals(0, fri.get(), errFri.toString());
        assertEquals(0, mon.get(), errMon.toString());

        assertEquals(before, files(out, partitions), "every other partition and dataset is byte for byte untouched");
        for (String d : List.of(FRI, MON)) {
            Outputs.assertSameRows(day(SampleRun.output(), d), day(out, d), "sector_returns on " + d + ": the daily run gives the full run's rows");
        }
        assertEquals(9 * 2, day(out, MON).count(), "nine industries in two regions");
        try (var s = Files.list(out.resolve("_staging"))) {
            assertEquals(0, s.count(), "no staging left by either run");
        }
        List<String> commands = new ArrayList<>();
        try (var s = Files.list(out.resolve("_runs"))) {
            for (Path p : s.toList()) commands.add(Files.readString(p));
        }
        assertEquals(2, commands.stream().filter(m -> m.contains("--as-of-date-only") && m.contains("\"outcome\" : \"succeeded\"")).count(),
                "each daily run has its own manifest");

        // The manifest, describe and the report say which run wrote what: the full run wrote sector_returns, the two
        // daily runs replaced the partitions of their dates (issue 21: a daily run must not relabel the whole report).
        var json = org.cybermarket.config.ConfigLoader.jsonMapper();
        String fullRun = json.readTree(Files.readString(Outputs.manifest(SampleRun.output()))).get("run_id").asText();
        Map<String, String> dailyRuns = new TreeMap<>();
        for (String m : commands) {
            var n = json.readTree(m);
            if (n.get("command").asText().endsWith("--as-of-date-only")) dailyRuns.put("trade_date=" + n.get("as_of").asText(), n.get("run_id").asText());
        }
        var sector = json.readTree(Files.readString(Outputs.manifest(out))).get("sources").get("sector_returns");
        assertEquals(fullRun, sector.get("run_id").asText(), "the dataset was written by the full run");
        assertEquals(dailyRuns, json.convertValue(sector.get("partitions_from"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {}),
                "each daily run replaced its own date");
        String report = Files.readString(Outputs.report(out).resolve("index.html"));
        for (var e : dailyRuns.entrySet()) assertTrue(report.contains(e.getKey() + " from " + e.getValue()), "the report says " + e);
        // ... and so does the section that shows those partitions, right under its numbers.
        String ranking = report.substring(report.indexOf("<section id=\"sector-ranking\">"));
        ranking = ranking.substring(0, ranking.indexOf("</section>"));
        assertTrue(ranking.contains("Data: sector_returns, securities, calendar, event_days: run " + fullRun), ranking);
        for (var e : dailyRuns.entrySet()) assertTrue(ranking.contains("sector_returns/" + e.getKey() + " from run " + e.getValue()), "the section says " + e);
        var described = org.cybermarket.testing.Cli.run("describe", "--out", out.toString());
        assertTrue(described.out().contains("trade_date=" + MON + " from " + dailyRuns.get("trade_date=" + MON)), described.out());

        // The rerun of a date replaces that partition with the same rows and touches nothing else.
        Map<String, String> afterFirst = files(out, List.of(partitions.get(1)));
        StringWriter err = new StringWriter();
        assertEquals(0, daily(out, MON, err), err.toString());
        assertEquals(afterFirst, files(out, List.of(partitions.get(1))), "the rerun leaves every other file untouched");
        Outputs.assertSameRows(day(SampleRun.output(), MON), day(out, MON), "the rerun reproduces the rows");
    }

    @Test
    void aDateOnlyRunNeedsADate() {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "pipeline", "--as-of-date-only");
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("--as-of-date-only needs --as-of DATE"), err.toString());
        err = new StringWriter();
        code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "event-study", "--as-of", MON, "--as-of-date-only");
        assertNotEquals(0, code);
        // Only the commands that write date partitions (pipeline, sectors) offer the option.
        assertTrue(err.toString().contains("Unknown option: '--as-of-date-only' (see: cybermarket event-study --help)"), err.toString());
    }
}
