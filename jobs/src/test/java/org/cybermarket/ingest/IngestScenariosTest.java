package org.cybermarket.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.cli.Main;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.cybermarket.testing.Frames.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One ingest, through the CLI, of two vendors that overlap (AAA with a priority per symbol, BBB without), a factor file,
 * a minimum date and an as-of date: which rows are kept, superseded, conflicting, out of scope or rejected, and the
 * reconciliation that accounts for each.
 */
class IngestScenariosTest {
    static Path out;
    static Path data;
    static String progress;

    @BeforeAll
    static void ingest() throws Exception {
        Path tmp = Files.createTempDirectory("cybermarket-ingest-scenarios");
        data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("master.csv"), "ticker,name,industry\nAAA,Alpha,Cybersecurity\nBBB,Beta,Banks\n");
        Files.writeString(data.resolve("vendor_a.csv"), String.join("\n", "Date,Ticker,Close",
                "2024-07-12,AAA,4.9e-324", "2024-07-15,AAA,10.0", "2024-07-16,AAA,10.1", "2024-07-17,AAA,10.2", "2024-07-18,AAA,10.3",
                "2024-07-19,AAA,10.4", "2024-07-22,AAA,10.5", "2024-07-23,AAA,10.6", "2024-07-24,AAA,10.7",
                "2024-07-01,BBB,20.0", "2024-07-15,BBB,20.0", "2024-07-16,BBB,20.1", "2024-07-17,BBB,20.2", "2024-07-18,BBB,20.3",
                "2024-07-19,BBB,20.4", "2024-07-22,BBB,20.5", "2024-07-23,BBB,20.6", ""));
        Files.writeString(data.resolve("vendor_b.csv"), String.join("\n", "Date,Ticker,Close",
                "2024-07-17,AAA,10.25", "2024-07-18,AAA,10.35", "2024-07-19,AAA,10.45", "2024-07-22,AAA,10.5", "2024-07-23,AAA,10.65",
                "2024-07-18,BBB,20.35", ""));
        StringBuilder ff = new StringBuilder(",Mkt-RF,SMB,HML,RF\n");
        for (String d : List.of("20240715", "20240716", "20240717", "20240718", "20240719", "20240722", "20240723", "20240724", "20240725", "20240726")) {
            ff.append(d).append(",    0.50,   -0.20,    0.10,   0.021\n");
        }
        ff.append("20991231,    0.50,   -0.20,    0.10,   0.021\n\nCopyright test\n");
        Files.writeString(data.resolve("factors.csv"), ff.toString());
        Path cfg = tmp.resolve("c.yaml");
        Files.writeString(cfg, String.join("\n",
                "data_dir: data",
                "markets: [{id: XNYS, region: US, zone: America/New_York, close: \"16:00\", currency: USD, benchmark: IDX}]",
                "layouts:",
                "  vendor: {columns: {trade_date: [Date], symbol: [Ticker], close_price: [Close]}}",
                "  ff: {columns: {trade_date: [\"\", Date], mkt_rf: [Mkt-RF], smb: [SMB], hml: [HML], rf: [RF]}, date_formats: [yyyyMMdd],",
                "       value_scale: 0.01, stop_at_blank_line: true}",
                "securities: [{path: master.csv, columns: {symbol: [ticker], name: [name], industry: [industry]}, default_market: XNYS}]",
                "prices:",
                "  - {path: vendor_a.csv, layout: vendor, priority_by_symbol: {AAA: 1}}",
                "  - {path: vendor_b.csv, layout: vendor, priority_by_symbol: {aaa: 2}}",
                "factors: [{path: factors.csv, layout: ff, region: US}]",
                "quality: {min_date: 2024-07-10}", ""));
        out = tmp.resolve("out");
        SparkTest.spark();
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "ingest", "--config", cfg.toString(),
                    "--out", out.toString(), "--master", "local[2]", "--as-of", "2024-07-22");
        } finally {
            System.setOut(console);
        }
        assertEquals(0, code, err.toString());
        progress = captured.toString(StandardCharsets.UTF_8);
    }

    static Dataset<Row> read(String name) {
        return SparkTest.spark().read().parquet(Outputs.dataset(out, name));
    }

    static String file(String name) {
        return data.resolve(name).toString();
    }

    @Test
    void theInputWithThePriorityWinsAndTheOtherIsListedAsSuperseded() {
        assertEquals(List.of(
                        List.of(LocalDate.parse("2024-07-17"), 10.2, file("vendor_a.csv"), 5L),
                        List.of(LocalDate.parse("2024-07-18"), 10.3, file("vendor_a.csv"), 6L),
                        List.of(LocalDate.parse("2024-07-19"), 10.4, file("vendor_a.csv"), 7L),
                        List.of(LocalDate.parse("2024-07-22"), 10.5, file("vendor_a.csv"), 8L)),
                rows(read("prices").where("symbol = 'AAA' and trade_date >= '2024-07-17'"), "trade_date", "close_price", "source_file", "line_number"));
        assertEquals(List.of(
                        List.of(file("vendor_b.csv"), 2L, "SUPERSEDED", "superseded by " + file("vendor_a.csv") + " line 5 (priority 1 over 2)"),
                        List.of(file("vendor_b.csv"), 3L, "SUPERSEDED", "superseded by " + file("vendor_a.csv") + " line 6 (priority 1 over 2)"),
                        List.of(file("vendor_b.csv"), 4L, "SUPERSEDED", "superseded by " + file("vendor_a.csv") + " line 7 (priority 1 over 2)")),
                rows(read("rejects").where("reason_code = 'SUPERSEDED'"), "source_file", "line_number", "reason_code", "reject_detail"));
    }

    @Test
    void inputsThatDisagreeWithoutAPriorityAreAllRejectedSayingSo() {
        String detail = "conflicting values for the same market+symbol+trade_date in 2 versions from 2 inputs, and no 'priority' on them says which wins";
        assertEquals(List.of(List.of(file("vendor_a.csv"), 15L, detail), List.of(file("vendor_b.csv"), 7L, detail)),
                rows(read("rejects").where("reason_code = 'DUPLICATE_CONFLICT'"), "source_file", "line_number", "reject_detail"));
        assertEquals(0L, read("prices").where("symbol = 'BBB' and trade_date = '2024-07-18'").count());
    }

    @Test
    void rowsAfterTheAsOfDateOrBeforeTheMinimumDateAreCountedNotRejected() {
        List<String> cols = List.of("rows_read", "rows_kept", "rows_rejected", "rows_duplicate", "rows_superseded", "rows_before_min_date",
                "rows_after_as_of", "balanced");
        List<List<Object>> expected = List.of(
                Arrays.asList("factors", file("factors.csv"), 11L, 6L, 1L, 0L, 0L, 0L, 4L, true),
                Arrays.asList("prices", file("vendor_a.csv"), 17L, 11L, 2L, 0L, 0L, 1L, 3L, true),
                Arrays.asList("prices", file("vendor_b.csv"), 6L, 0L, 1L, 1L, 3L, 0L, 1L, true),
                Arrays.asList("securities", file("master.csv"), 2L, 2L, 0L, 0L, 0L, 0L, 0L, true));
        String[] select = new String[cols.size() + 2];
        select[0] = "dataset";
        select[1] = "source_file";
        for (int i = 0; i < cols.size(); i++) select[i + 2] = cols.get(i);
        assertEquals(expected, rows(read("ingest_reconciliation"), select));
        assertEquals(LocalDate.parse("2024-07-22"), read("factors").agg(org.apache.spark.sql.functions.max("trade_date")).first().get(0),
                "no factor after the as-of date (look-ahead for FF3/Carhart)");
        assertEquals(LocalDate.parse("2024-07-22"), read("prices").agg(org.apache.spark.sql.functions.max("trade_date")).first().get(0));
    }

    @Test
    void aFactorRowDatedInTheFutureIsRejectedWithItsReason() {
        List<List<Object>> r = rows(read("rejects").where("dataset = 'factors'"), "line_number", "reason_code", "reject_detail");
        assertEquals(1, r.size(), r.toString());
        assertEquals(12L, r.get(0).get(0));
        assertEquals("DATE_OUT_OF_RANGE", r.get(0).get(1));
        assertTrue(((String) r.get(0).get(2)).startsWith("trade_date 2099-12-31 is after today ("), (String) r.get(0).get(2));
    }

    @Test
    void anAbsurdlySmallPositivePriceIsRejectedBeforeItMakesAnInfiniteReturn() {
        assertEquals(List.of(List.of(2L, "PRICE_OUT_OF_RANGE", "close_price 4.9E-324 outside [1.0E-4, 1.0E9] (quality.min_price, quality.max_price)")),
                rows(read("rejects").where("reason_code = 'PRICE_OUT_OF_RANGE'"), "line_number", "reason_code", "reject_detail"));
    }

    @Test
    void theProgressLineSaysWhatEachNumberCounts() {
        String line = progress.lines().filter(l -> l.startsWith("[ingest")).findFirst().orElse(progress);
        assertEquals("[ingest      ] factors: read 11, kept 6, rejected 1, after as of 4; prices: read 23, kept 11, rejected 3, duplicate 1, "
                + "superseded 3, before min date 1, after as of 4; securities: read 2, kept 2", line.replaceFirst("  \\(\\d+\\.\\ds\\)$", ""));
    }
}
