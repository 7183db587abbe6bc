package org.cybermarket.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.io.Snapshot;
import org.cybermarket.io.Parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.*;

/**
 * The HTML report, built only from the Parquet outputs and the run manifest under an output root (never from
 * inputs or a job's memory). Writes {@code report/index.html} with PNG charts beside it; the folder is written
 * aside and moved into place, so a reader never sees half a report. Every string from data is escaped.
 * Everything collected to the driver is an aggregate (group statistics, two days of sector returns, the 20
 * largest abnormal returns), bounded by events x groups, not by securities x days. Per-event charts and tables
 * cover the first {@value #MAX_EVENTS} events by id and say how many more the datasets hold; exclusions list the
 * first {@value #MAX_EXCLUSIONS} and count the rest.
 */
public final class Report {
    static final int MAX_EVENTS = 10;
    static final int MAX_EXCLUSIONS = 100;
    public static final List<String> SECTIONS = List.of("run-summary", "caar", "sector-ranking", "event-study", "growth", "data-quality");

    private Report() {}

    /**
     * Writes the report of a snapshot into its folder ({@code <snapshot>/report/index.html} and the charts), before the
     * snapshot is published (OutputRoot.publish), so the report is always the one of the datasets beside it.
     */
    public static Path render(SparkSession spark, Snapshot snapshot) {
        Path dir = Path.of(snapshot.location()).resolve("report");
        try {
            if (Files.exists(dir)) throw new IOException(dir + " already exists");
            Files.createDirectories(dir);
            StringBuilder body = new StringBuilder();
            body.append(runSummary(snapshot));
            Shown shown = shownEvents(snapshot); // the events the per-event sections show, decided once
            // The sections read different datasets: their queries run at the same time, the page keeps their order.
            List<java.util.concurrent.Callable<String>> sections = List.of(() -> caar(snapshot, dir, shown),
                    () -> sectorRanking(snapshot, dir, shown), () -> eventStudy(snapshot, shown), () -> growth(snapshot, dir),
                    () -> dataQuality(snapshot));
            Parallel.all("report", sections).forEach(body::append);
            Files.writeString(dir.resolve("index.html"), page(body.toString()), StandardCharsets.UTF_8);
            return dir.resolve("index.html");
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report under " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The run that produced this snapshot, and for each dataset the run that wrote it: after a daily run
     * ({@code --as-of-date-only}) most datasets, and most partitions of sector_returns, come from an earlier run.
     */
    static String runSummary(Snapshot snapshot) {
        JsonNode m = snapshot.manifest();
        StringBuilder b = new StringBuilder("<section id=\"run-summary\"><h2>Run summary</h2>");
        if (m == null) return b.append("<p>No run manifest in this snapshot.</p></section>").toString();
        List<List<Object>> facts = new ArrayList<>();
        for (String f : List.of("run_id", "command", "as_of", "started_at", "ended_at", "code_version", "spark_version", "master", "outcome", "error")) {
            if (m.hasNonNull(f)) facts.add(List.of(f, m.get(f).asText()));
        }
        facts.add(List.of("input files", m.path("inputs").size()));
        b.append(Html.table(List.of("", ""), facts));
        List<List<Object>> ds = new ArrayList<>();
        JsonNode sources = m.path("sources");
        m.path("datasets").fields().forEachRemaining(e -> {
            JsonNode src = sources.path(e.getKey());
            List<String> parts = new ArrayList<>();
            src.path("partitions_from").fields().forEachRemaining(p -> {
                if (!p.getValue().asText().equals(src.path("run_id").asText())) parts.add(p.getKey() + " from " + p.getValue().asText());
            });
            ds.add(List.of(e.getKey(), e.getValue().asLong(), src.path("run_id").asText(""), src.path("command").asText(""),
                    src.path("as_of").asText(""), String.join("; ", parts)));
        });
        b.append("<h3>Datasets and the runs that wrote them</h3>").append(Html.table(List.of("dataset", "rows", "written by run",
                "command", "as of", "partitions replaced since"), ds));
        return b.append("</section>").toString();
    }

    static String caar(Snapshot store, Path dir, Shown shown) throws IOException {
        StringBuilder b = new StringBuilder("<section id=\"caar\"><h2>Cumulative average abnormal returns</h2>");
        if (!store.exists("es_group_days")) return b.append("<p>No event study in this output.</p></section>").toString();
        b.append("<p>CAAR by market, for cybersecurity and for all securities, with a 95% band: CAAR &plusmn; 1.96 "
                + "sqrt(&sum; sd_cs(AR)&sup2;/N) over the days so far (cross-sectional).</p>");
        List<Row> rows = store.read("es_group_days").where(col("group_market").notEqual("ALL")
                        .and(col("group_industry").isin("ALL", "Cybersecurity")).and(shown.filter()))
                .select("event_id", "group_market", "group_industry", "event_day_offset", "caar_to_date", "sd_ar", "n_securities")
                .orderBy("event_id", "group_market", "group_industry", "event_day_offset").collectAsList();
        Map<String, List<Charts.Band>> byEvent = new LinkedHashMap<>();
        Map<String, List<double[]>> current = new LinkedHashMap<>();
        Map<String, Double> varSum = new TreeMap<>();
        for (Row r : rows) {
            String event = r.getString(0);
            String name = r.getString(1) + " " + r.getString(2);
            String key = event + "|" + name;
            double var = r.isNullAt(5) ? 0 : Math.pow(r.getDouble(5), 2) / r.getLong(6);
            double cum = varSum.merge(key, var, Double::sum);
            double caar = r.getDouble(4);
            double half = 1.96 * Math.sqrt(cum);
            current.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[]{r.getInt(3), caar, caar - half, caar + half});
        }
        current.forEach((key, pts) -> {
            String[] parts = key.split("\\|", 2);
            byEvent.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(new Charts.Band(parts[1], pts));
        });
        int i = 0;
        for (Map.Entry<String, List<Charts.Band>> e : byEvent.entrySet()) {
            String file = "caar_" + (i++) + ".png";
            Charts.bands(dir.resolve(file), "CAAR: " + e.getKey(), "event day (trading days from day 0)", "CAAR", e.getValue());
            b.append("<h3>").append(Html.esc(e.getKey())).append("</h3><img src=\"").append(file).append("\" alt=\"CAAR of ")
                    .append(Html.esc(e.getKey())).append("\">");
        }
        b.append(shown.note());
        if (store.exists("event_days")) {
            List<List<Object>> days = new ArrayList<>();
            for (Row r : store.read("event_days").where(shown.filter()).orderBy("event_id", "market").collectAsList()) {
                days.add(List.of(r.getAs("event_id"), r.getAs("market"), str(r.getAs("day0_date")), str(r.getAs("day0_rule")),
                        "[" + r.getAs("estimation_start_offset") + ", " + r.getAs("estimation_end_offset") + "] = " + str(r.getAs("estimation_start_date")) + " .. " + str(r.getAs("estimation_end_date")),
                        "[" + r.getAs("event_start_offset") + ", " + r.getAs("event_end_offset") + "] = " + str(r.getAs("event_start_date")) + " .. " + str(r.getAs("event_end_date")),
                        str(r.getAs("problem"))));
            }
            b.append("<h3>Day 0 and windows, in offsets and dates</h3>")
                    .append(Html.table(List.of("event", "market", "day 0", "rule", "estimation", "event window", "problem"), days));
        }
        return b.append("</section>").toString();
    }

    static String sectorRanking(Snapshot store, Path dir, Shown shown) throws IOException {
        StringBuilder b = new StringBuilder("<section id=\"sector-ranking\"><h2>Industries ranked on day 0 and day +1</h2>");
        if (!store.exists("sector_returns") || !store.exists("event_days") || !store.exists("securities")) {
            return b.append("<p>No sector returns or events in this output.</p></section>").toString();
        }
        Dataset<Row> regions = store.read("securities").select("market", "region").distinct();
        List<Row> days = store.read("event_days").where(col("day0_index").isNotNull().and(shown.filter())).join(regions, "market")
                .groupBy("event_id", "region").agg(min("day0_date").as("day0")).orderBy("event_id", "region").collectAsList();
        int i = 0;
        for (Row d : days) {
            String region = d.getString(1);
            LocalDate day0 = d.getLocalDate(2);
            List<Row> two = store.read("sector_returns").where(col("region").equalTo(region).and(col("trade_date").geq(lit(day0))))
                    .select("trade_date").distinct().orderBy("trade_date").limit(2).collectAsList();
            Map<String, Map<String, Double>> series = new LinkedHashMap<>();
            List<List<Object>> table = new ArrayList<>();
            for (int k = 0; k < two.size(); k++) {
                LocalDate date = two.get(k).getLocalDate(0);
                String label = "day " + (k == 0 ? "0" : "+1") + " (" + date + ")";
                for (Row r : store.read("sector_returns").where(col("region").equalTo(region).and(col("trade_date").equalTo(lit(date))))
                        .orderBy("rank_ew", "industry").collectAsList()) {
                    series.computeIfAbsent(label, x -> new LinkedHashMap<>()).put(r.getAs("industry"), 100 * r.<Double>getAs("ew_return"));
                    table.add(List.of(label, r.<Integer>getAs("rank_ew"), r.getAs("industry"), r.<Long>getAs("member_count"),
                            Html.pct(r.getAs("ew_return")), Html.pct(r.getAs("cw_return")), r.<Double>getAs("up_share"), Html.pct(r.getAs("benchmark_return"))));
                }
            }
            String file = "sectors_" + (i++) + ".png";
            Charts.bars(dir.resolve(file), d.getString(0) + ": " + region + " industries, equal-weighted return (%)", "%", series);
            b.append("<h3>").append(Html.esc(d.getString(0) + " / " + region)).append("</h3><img src=\"").append(file)
                    .append("\" alt=\"industry returns\">")
                    .append(Html.table(List.of("day", "rank", "industry", "members", "EW return", "CW return", "share up", "benchmark"), table));
        }
        return b.append(shown.note()).append("</section>").toString();
    }

    static String eventStudy(Snapshot store, Shown shown) {
        StringBuilder b = new StringBuilder("<section id=\"event-study\"><h2>Event-study statistics</h2>");
        if (!store.exists("es_group_windows")) return b.append("<p>No event study in this output.</p></section>").toString();
        b.append(shown.note());
        List<List<Object>> w = new ArrayList<>();
        for (Row r : store.read("es_group_windows").where(col("group_industry").isin("ALL", "Cybersecurity").and(shown.filter()))
                .orderBy("event_id", "group_market", "group_industry", "window_start", "window_end").collectAsList()) {
            w.add(List.of(r.getAs("event_id"), r.getAs("group_market"), r.getAs("group_industry"), r.getAs("car_window") + " [" + r.getAs("window_start") + ", " + r.getAs("window_end") + "]",
                    r.<Long>getAs("n_securities"), Html.pct(r.getAs("caar")), num(r, "t_cs"), num(r, "p_t_cs"), num(r, "patell"), num(r, "p_patell"),
                    num(r, "bmp"), num(r, "p_bmp"), num(r, "kp"), num(r, "p_kp"), num(r, "bw1985"), num(r, "p_bw1985"), Html.pct(r.getAs("mean_bhar"))));
        }
        b.append("<h3>CAAR windows (cybersecurity and all)</h3>").append(Html.table(List.of("event", "market", "industry", "window", "N", "CAAR",
                "t", "p", "Patell", "p", "BMP", "p", "KP", "p", "BW85", "p", "mean BHAR"), w));
        List<List<Object>> d = new ArrayList<>();
        for (Row r : store.read("es_group_days").where(col("event_day_offset").isin(0, 1).and(col("group_industry").isin("ALL", "Cybersecurity")).and(shown.filter()))
                .orderBy("event_id", "group_market", "group_industry", "event_day_offset").collectAsList()) {
            d.add(List.of(r.getAs("event_id"), r.getAs("group_market"), r.getAs("group_industry"), r.<Integer>getAs("event_day_offset"),
                    str(r.getAs("first_date")), r.<Long>getAs("n_securities"), Html.pct(r.getAs("aar")), num(r, "t_cs"), num(r, "p_t_cs"),
                    num(r, "patell"), num(r, "p_patell"), num(r, "bmp"), num(r, "p_bmp"), num(r, "corrado"), num(r, "p_corrado"),
                    num(r, "gen_sign_z"), num(r, "p_gen_sign"), num(r, "wilcoxon_w_plus"), num(r, "p_wilcoxon")));
        }
        b.append("<h3>AAR on day 0 and day +1</h3>").append(Html.table(List.of("event", "market", "industry", "day", "date", "N", "AAR",
                "t", "p", "Patell", "p", "BMP", "p", "Corrado", "p", "gen. sign", "p", "W+", "p"), d));
        List<List<Object>> movers = new ArrayList<>();
        Dataset<Row> names = store.read("securities").select("symbol", "market", "name");
        for (Row r : store.read("es_security_days").where(col("event_day_offset").isin(0, 1)).join(names, org.cybermarket.schema.Cols.keys("symbol", "market"), "left")
                .orderBy(abs(col("abnormal_return")).desc(), col("symbol")).limit(20).collectAsList()) {
            movers.add(List.of(r.getAs("event_id"), r.getAs("market"), r.getAs("symbol"), str(r.getAs("name")), r.getAs("industry"),
                    r.<Integer>getAs("event_day_offset"), Html.pct(r.getAs("simple_return")), Html.pct(r.getAs("abnormal_return"))));
        }
        b.append("<h3>Largest abnormal returns on day 0 and +1</h3>").append(Html.table(List.of("event", "market", "symbol", "name",
                "industry", "day", "return", "AR"), movers));
        List<List<Object>> ex = new ArrayList<>();
        Dataset<Row> exclusions = store.read("es_exclusions");
        for (Row r : exclusions.orderBy("event_id", "market", "symbol").limit(MAX_EXCLUSIONS).collectAsList()) {
            ex.add(List.of(r.getAs("event_id"), r.getAs("market"), r.getAs("symbol"), r.getAs("industry"), r.getAs("reason_code"), str(r.getAs("detail"))));
        }
        long allExclusions = ex.size() < MAX_EXCLUSIONS ? ex.size() : exclusions.count();
        b.append("<h3>Exclusions</h3>").append(ex.isEmpty() ? "<p>None.</p>"
                : Html.table(List.of("event", "market", "symbol", "industry", "reason", "detail"), ex));
        if (allExclusions > ex.size()) {
            b.append("<p>The first ").append(ex.size()).append(" of ").append(String.format(Locale.ROOT, "%,d", allExclusions))
                    .append(" exclusions; all are in <code>es_exclusions</code>.</p>");
        }
        return b.append("</section>").toString();
    }

    /** The events the per-event sections show: the first {@value #MAX_EVENTS} by id. */
    record Shown(List<String> ids, long total) {
        Column filter() {
            return ids.isEmpty() ? lit(true) : col("event_id").isin(ids.toArray());
        }

        String note() {
            return total <= ids.size() ? "" : "<p>Showing the first " + ids.size() + " of " + total
                    + " events (by id); every event is in the es_* datasets.</p>";
        }
    }

    static Shown shownEvents(Snapshot store) {
        if (!store.exists("event_days")) return new Shown(List.of(), 0);
        Dataset<Row> ids = store.read("event_days").select("event_id").distinct();
        List<String> first = ids.orderBy("event_id").limit(MAX_EVENTS).collectAsList().stream().map(r -> r.getString(0)).toList();
        return new Shown(first, first.size() < MAX_EVENTS ? first.size() : ids.count());
    }

    static String growth(Snapshot store, Path dir) throws IOException {
        StringBuilder b = new StringBuilder("<section id=\"growth\"><h2>Market growth projections and forecast vintages</h2>");
        if (!store.exists("market_forecast")) return b.append("<p>No growth analytics in this output.</p></section>").toString();
        Map<String, List<double[]>> values = new TreeMap<>();
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : store.read("market_forecast").orderBy("series_id", "year").collectAsList()) {
            if (!r.isNullAt(r.fieldIndex("value_bn"))) {
                values.computeIfAbsent(r.getString(r.fieldIndex("series_id")), k -> new ArrayList<>())
                        .add(new double[]{r.<Integer>getAs("year"), r.<Double>getAs("value_bn")});
            }
            rows.add(List.of(r.getAs("series_id"), r.<Integer>getAs("year"), num(r, "value_bn"), Html.pct(r.getAs("growth")), str(r.getAs("basis")),
                    r.getAs("status"), num(r, "scenario_low_bn"), num(r, "scenario_high_bn")));
        }
        Charts.lines(dir.resolve("growth.png"), "Market size by forecast vintage (US$bn)", "year", "US$bn", values);
        b.append("<img src=\"growth.png\" alt=\"market size by vintage\">");
        List<List<Object>> cmp = new ArrayList<>();
        if (store.exists("forecast_comparison")) {
            for (Row r : store.read("forecast_comparison").orderBy("vintage", "year").collectAsList()) {
                cmp.add(List.of(str(r.getAs("vintage")), r.getAs("market_a") + " vs " + r.getAs("market_b"), r.<Integer>getAs("year"),
                        Html.pct(r.getAs("cagr_a")), Html.pct(r.getAs("cagr_b")), Html.pct(r.getAs("cagr_differential")), num(r, "relative_size_index")));
            }
        }
        b.append("<h3>Growth differential</h3>").append(Html.table(List.of("vintage", "markets", "year", "CAGR A", "CAGR B", "differential",
                "relative size"), cmp));
        List<List<Object>> rev = new ArrayList<>();
        if (store.exists("forecast_revisions")) {
            for (Row r : store.read("forecast_revisions").orderBy("market", "year").collectAsList()) {
                rev.add(List.of(r.getAs("market"), r.<Integer>getAs("year"), str(r.getAs("earlier_vintage")), num(r, "earlier_value_bn"),
                        str(r.getAs("later_vintage")), num(r, "later_value_bn"), Html.pct(r.getAs("revision"))));
            }
        }
        b.append("<h3>Revisions between vintages</h3>").append(Html.table(List.of("market", "year", "earlier vintage", "US$bn",
                "later vintage", "US$bn", "revision"), rev));
        b.append("<h3>All series</h3>").append(Html.table(List.of("series", "year", "US$bn", "growth", "basis", "status", "low", "high"), rows));
        return b.append("</section>").toString();
    }

    static String dataQuality(Snapshot store) {
        StringBuilder b = new StringBuilder("<section id=\"data-quality\"><h2>Data quality</h2>");
        if (store.exists("ingest_reconciliation")) {
            List<List<Object>> rec = new ArrayList<>();
            for (Row r : store.read("ingest_reconciliation").groupBy("dataset").agg(count(lit(1)).as("files"), sum("rows_read").as("read"),
                    sum("rows_kept").as("kept"), sum("rows_rejected").as("rejected"), sum("rows_duplicate").as("duplicates"),
                    sum("rows_superseded").as("superseded"), sum("rows_before_min_date").as("before"), sum("rows_after_as_of").as("after"),
                    min(col("balanced").cast("int")).as("balanced")).orderBy("dataset").collectAsList()) {
                rec.add(List.of(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), r.get(8), r.getInt(9) == 1 ? "yes" : "NO"));
            }
            b.append("<h3>Reconciliation</h3>").append(Html.table(List.of("dataset", "files", "rows read", "kept", "rejected", "duplicates",
                    "superseded", "before min date", "after as-of", "balanced"), rec));
        }
        if (store.exists("rejects")) {
            List<List<Object>> rej = new ArrayList<>();
            for (Row r : store.read("rejects").groupBy("dataset", "reason_code").count().orderBy("dataset", "reason_code").collectAsList()) {
                rej.add(List.of(r.get(0), r.get(1), r.get(2)));
            }
            b.append("<h3>Rejected rows</h3>").append(rej.isEmpty() ? "<p>None.</p>" : Html.table(List.of("dataset", "reason", "rows"), rej));
        }
        if (store.exists("quality_warnings")) {
            List<List<Object>> warn = new ArrayList<>();
            for (Row r : store.read("quality_warnings").orderBy("check", "market", "symbol", "trade_date").limit(50).collectAsList()) {
                warn.add(List.of(r.getAs("check"), r.getAs("market"), r.getAs("symbol"), str(r.getAs("trade_date")), num(r, "observed"), str(r.getAs("message"))));
            }
            long total = store.read("quality_warnings").count();
            b.append("<h3>Warnings (").append(total).append(", first 50)</h3>").append(warn.isEmpty() ? "<p>None.</p>"
                    : Html.table(List.of("check", "market", "symbol", "date", "observed", "message"), warn));
        }
        return b.append("</section>").toString();
    }

    private static Object num(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? "" : ((Number) r.get(i)).doubleValue();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String page(String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>cybermarket report</title><style>"
                + "body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}"
                + "th,td{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}img{display:block;margin:1em 0}</style></head><body>"
                + "<h1>cybermarket report</h1><p>Built from the Parquet outputs and the run manifest only.</p>" + body + "</body></html>\n";
    }
}
