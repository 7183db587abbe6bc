package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.cli.Main;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.RealData;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.cybermarket.testing.Frames.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The US files (the committed extract) plus five SPY closes for 2024-07-17..23 from a second vendor, as quoted on those days (not adjusted for
 * later dividends, so 2.4% above us_daily's adjusted levels: test resource second-vendor/spy_vendor_b.csv). Whatever the
 * config says about the two sources, day 0 of the CrowdStrike outage on XNYS stays Friday 2024-07-19.
 */
class RealDataSecondVendorTest {
    static Path run(String priorityA, String priorityB) throws Exception {
        Path real = RealData.extract(); // the committed extract holds the US files of 2018-2024
        Path tmp = Files.createTempDirectory("cybermarket-second-vendor");
        Path vendor = tmp.resolve("spy_vendor_b.csv");
        try (var in = RealDataSecondVendorTest.class.getResourceAsStream("/second-vendor/spy_vendor_b.csv")) {
            Files.copy(in, vendor);
        }
        Path cfg = tmp.resolve("c.yaml");
        Files.writeString(cfg, String.join("\n",
                "data_dir: " + real,
                "markets: [{id: XNYS, region: US, zone: America/New_York, close: \"16:00\", currency: USD, benchmark: SPY}]",
                "layouts:",
                "  us_adjusted_close: {columns: {trade_date: [Date], adj_close_price: [Close]}, symbol_from_file: \"^(?<symbol>[A-Za-z.]+)\\\\.csv$\"}",
                "  vendor_b: {columns: {trade_date: [Date], symbol: [Symbol], close_price: [Close]}}",
                "securities: [{path: us_securities.csv, columns: {symbol: [ticker], kind: [kind], name: [name], industry: [industry]}, default_market: XNYS}]",
                "prices:",
                "  - {path: \"us_daily/*.csv\", layout: us_adjusted_close" + priorityA + "}",
                "  - {path: " + vendor + ", layout: vendor_b" + priorityB + "}",
                "events: " + SparkTest.projectRoot().resolve("data/events/events.json"),
                "event_study: {benchmarks: {XNYS: SPY}}",
                "quality: {min_date: 2018-01-01}", ""));
        Path out = tmp.resolve("out");
        for (String command : List.of("ingest", "returns", "event-study")) {
            StringWriter err = new StringWriter();
            int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), command, "--config", cfg.toString(),
                    "--out", out.toString(), "--master", "local[2]", "--as-of", "2024-12-31");
            assertEquals(0, code, command + ": " + err);
        }
        return out;
    }

    static Dataset<Row> read(Path out, String name) {
        return SparkTest.spark().read().parquet(Outputs.dataset(out, name));
    }

    static List<List<Object>> week(Path out) {
        return rows(read(out, "calendar").where("market = 'XNYS' and trade_date between '2024-07-16' and '2024-07-24'"), "trade_date", "source");
    }

    static List<List<Object>> calendarWeek(String sourceOfTheFiveDays) {
        List<List<Object>> out = new ArrayList<>();
        for (String d : List.of("2024-07-16", "2024-07-17", "2024-07-18", "2024-07-19", "2024-07-22", "2024-07-23", "2024-07-24")) {
            boolean five = d.compareTo("2024-07-17") >= 0 && d.compareTo("2024-07-23") <= 0;
            out.add(List.of(LocalDate.parse(d), five ? sourceOfTheFiveDays : "benchmark"));
        }
        return out;
    }

    static void assertDayZeroIsFriday(Path out) {
        assertEquals(List.of(List.of(LocalDate.parse("2024-07-19"), "before close on a trading day")),
                rows(read(out, "event_days").where("market = 'XNYS'"), "day0_date", "day0_rule"));
    }

    @Test
    void withAPriorityTheFirstVendorWinsAndDayZeroIsFriday() throws Exception {
        Path out = run(", priority: 1", ", priority: 2");
        assertDayZeroIsFriday(out);
        assertEquals(List.of(List.of("SUPERSEDED", 5L)), rows(read(out, "rejects").groupBy("reason_code").count(), "reason_code", "count"));
        assertEquals(calendarWeek("benchmark"), week(out));
        // CRWD fell 11.1% to US$304.96 on the day (the file's level is split-adjusted; the return is not affected).
        Row crwd = read(out, "es_security_days").where("symbol = 'CRWD' and event_day_offset = 0").first();
        assertEquals(LocalDate.parse("2024-07-19"), crwd.getAs("trade_date"));
        assertEquals(-0.1110, crwd.<Double>getAs("simple_return"), 0.00005);
    }

    @Test
    void withoutAPriorityBothVersionsAreRejectedTheCalendarKeepsTheDaysAndTheStudySaysWhyNobodyIsStudied() throws Exception {
        Path out = run("", "");
        assertDayZeroIsFriday(out);
        assertEquals(List.of(List.of("DUPLICATE_CONFLICT", 10L)), rows(read(out, "rejects").groupBy("reason_code").count(), "reason_code", "count"));
        assertEquals(calendarWeek("members"), week(out));
        // Every US name is left out of the model statistics with the reason; SPY, the benchmark itself, is never studied.
        assertEquals(List.of(List.of("IS_BENCHMARK", "the market's benchmark in the event study: against itself its abnormal return is zero by construction", 1L),
                        List.of("NO_MARKET_RETURN", "the benchmark has no return on day 0", 34L)),
                rows(read(out, "es_exclusions").where("market = 'XNYS'").groupBy("reason_code", "detail").count(), "reason_code", "detail", "count"));
    }
}
