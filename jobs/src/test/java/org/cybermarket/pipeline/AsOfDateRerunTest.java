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

    /** Every file under the root with its SHA-256, except the run records, the report and the given partitions. */
    static Map<String, String> files(Path root, List<String> except) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (rel.startsWith("_runs/") || rel.startsWith("_manifest.json") || rel.startsWith("report/")) continue;
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
