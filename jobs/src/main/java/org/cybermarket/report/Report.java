package org.cybermarket.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.commons.math3.distribution.TDistribution;
import org.cybermarket.config.ReportSettings;
import org.cybermarket.store.Snapshot;
import org.cybermarket.io.Parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
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
 * It opens with the findings ({@link Findings}) and ends with the run's metadata. Everything collected to the
 * driver is an aggregate (group statistics, two days of sector returns, the 20 largest abnormal returns) or capped
 * (companies of the focus industry, warnings), bounded by events x groups, not by securities x days. Per-event
 * charts and tables cover the first {@value #MAX_EVENTS} events by id and say how many more the datasets hold;
 * exclusions list the first {@value #MAX_EXCLUSIONS} and count the rest.
 */
public final class Report {
    static final int MAX_EVENTS = 10;
    static final int MAX_EXCLUSIONS = 100;
    public static final List<String> SECTIONS = List.of("findings", "caar", "sector-ranking", "event-study", "incidents", "growth", "data-quality", "run-summary");

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
            Findings.Focus focus = focus(snapshot.manifest());
            Shown shown = shownEvents(snapshot); // the events the per-event sections show, decided once
            List<RegionDays> regionDays = RegionDays.of(snapshot, shown);
            // The sections read different datasets: their queries run at the same time, the page keeps their order.
            // Each section ends with the runs that wrote the datasets it reads (after a daily run they differ).
            List<String> study = List.of("events", "event_days", "es_group_days", "es_group_windows", "es_security_days", "es_security_windows", "es_exclusions",
                    "es_estimation_flags");
            List<String> growth = List.of("research_figures", "market_forecast", "forecast_comparison", "forecast_revisions", "realized_vs_projected");
            List<String> sectors = List.of("sector_returns", "securities", "calendar");
            List<java.util.concurrent.Callable<String>> sections = List.of(
                    () -> Sources.under(Findings.section(snapshot, shown, regionDays, focus), snapshot, concat(sectors, study, growth, List.of("quality_warnings"))),
                    () -> Sources.under(caar(snapshot, dir, shown, focus), snapshot, study),
                    () -> Sources.under(sectorRanking(dir, regionDays, focus), snapshot, concat(sectors, List.of("event_days"))),
                    () -> Sources.under(eventStudy(snapshot, shown, focus), snapshot, concat(study, List.of("securities"))),
                    () -> Sources.under(Incidents.section(snapshot), snapshot, List.of("events", "es_group_windows", "es_pooled_windows", "es_regression")),
                    () -> Sources.under(growth(snapshot, dir), snapshot, growth),
                    () -> Sources.under(dataQuality(snapshot), snapshot, List.of("ingest_reconciliation", "rejects", "quality_warnings")),
                    () -> runSummary(snapshot));
            Parallel.all("report", sections).forEach(body::append);
            Files.writeString(dir.resolve("index.html"), page(body.toString()), StandardCharsets.UTF_8);
            return dir.resolve("index.html");
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report under " + dir + ": " + e.getMessage(), e);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) for (String s : l) if (!all.contains(s)) all.add(s);
        return all;
    }

    /** The focus industry and ranking threshold of the run that wrote the outputs (its manifest's config), or the defaults. */
    static Findings.Focus focus(JsonNode manifest) {
        JsonNode config = manifest == null ? null : manifest.path("config");
        String industry = config == null ? null : config.path("report").path("focus_industry").asText(null);
        JsonNode min = config == null ? null : config.path("sectors").path("min_members");
        return new Findings.Focus(industry == null ? new ReportSettings(null).focusIndustry() : industry,
                min == null || !min.isInt() ? null : min.asInt());
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

    /**
     * CAAR paths per event and market, the focus industry against all the market's studied securities, each with a
     * 95% band: CAAR &plusmn; t(0.975, N-1) sqrt(&sum; sd&sup2;/N) over the days so far, the cross-sectional standard
     * error of each day's AAR (the denominator of that day's t), days taken as independent.
     */
    static String caar(Snapshot store, Path dir, Shown shown, Findings.Focus focus) throws IOException {
        StringBuilder b = new StringBuilder("<section id=\"caar\"><h2>Cumulative average abnormal returns</h2>");
        if (!store.exists("es_group_days")) return b.append("<p>No event study in this output.</p></section>").toString();
        b.append("<p>CAAR from the start of the event window, by market: ").append(Html.esc(focus.industry()))
                .append(" (strong) and all the market's studied securities (grey). Bands: 95%, CAAR &plusmn; t(0.975, N&minus;1) "
                        + "&radic;(&sum; sd&sup2;/N) over the days so far, from the cross-sectional standard error of each day's AAR (the "
                        + "denominator of its t), days taken as independent.</p>");
        List<Row> rows = store.read("es_group_days").where(col("group_market").notEqual("ALL")
                        .and(col("group_industry").isin("ALL", focus.industry())).and(shown.filter()))
                .select("event_id", "group_market", "group_industry", "event_day_offset", "caar_to_date", "sd_ar", "n_securities", "first_date")
                .orderBy("event_id", "group_market", "group_industry", "event_day_offset").collectAsList();
        Map<String, Map<String, List<Charts.Point>>> paths = new LinkedHashMap<>(); // event|market -> group -> points
        Map<String, Map<Integer, LocalDate>> dates = new LinkedHashMap<>();
        Map<String, Long> sizes = new TreeMap<>();
        Map<String, Double> varSum = new TreeMap<>();
        for (Row r : rows) {
            String chart = r.getString(0) + "|" + r.getString(1);
            String group = r.getString(2);
            long n = r.getLong(6);
            double caar = r.getDouble(4);
            double cum = varSum.merge(chart + "|" + group, r.isNullAt(5) ? 0 : Math.pow(r.getDouble(5), 2) / n, Double::sum);
            Double low = null;
            Double high = null;
            if (n > 1 && !r.isNullAt(5)) {
                double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(cum);
                low = caar - half;
                high = caar + half;
            }
            paths.computeIfAbsent(chart, k -> new LinkedHashMap<>()).computeIfAbsent(group, k -> new ArrayList<>()).add(new Charts.Point(r.getInt(3), caar, low, high));
            dates.computeIfAbsent(chart, k -> new TreeMap<>()).put(r.getInt(3), r.getLocalDate(7));
            sizes.merge(chart + "|" + group, n, Math::max);
        }
        int i = 0;
        String shownEvent = null;
        for (Map.Entry<String, Map<String, List<Charts.Point>>> e : paths.entrySet()) {
            String[] em = e.getKey().split("\\|", 2);
            List<Charts.EventPath> lines = new ArrayList<>();
            for (String group : List.of("ALL", focus.industry())) { // the focus drawn last, on top
                List<Charts.Point> pts = e.getValue().get(group);
                if (pts == null) continue;
                String name = em[1] + " " + (group.equals("ALL") ? "all studied securities" : group) + " (N " + sizes.get(e.getKey() + "|" + group) + ")";
                lines.add(new Charts.EventPath(name, !group.equals("ALL"), pts));
            }
            String file = "caar_" + (i++) + ".png";
            Charts.eventPaths(dir.resolve(file), "CAAR around " + em[0] + " on " + em[1], "CAAR from the event window's start", lines, dates.get(e.getKey()));
            if (!em[0].equals(shownEvent)) b.append("<h3>").append(Html.esc(em[0])).append("</h3>");
            shownEvent = em[0];
            b.append(img(file, Charts.HEIGHT, "CAAR of " + em[1] + " around " + em[0] + ", " + focus.industry() + " against all studied securities"));
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

    /** Industries per region on day 0 and day +1: a bar chart per day, sorted, the focus industry highlighted; then every column. */
    static String sectorRanking(Path dir, List<RegionDays> regionDays, Findings.Focus focus) throws IOException {
        StringBuilder b = new StringBuilder("<section id=\"sector-ranking\"><h2>Industries ranked on day 0 and day +1</h2>");
        if (regionDays.isEmpty()) return b.append("<p>No sector returns or events in this output.</p></section>").toString();
        b.append("<p>Equal-weighted return of each industry's stocks with a return that day, by region. ").append(Html.esc(focus.industry()))
                .append(" in colour; pale bars: too few names to be ranked; dashed line: the region's benchmark.</p>");
        int i = 0;
        for (RegionDays rd : regionDays) {
            b.append("<h3>").append(Html.esc(rd.eventId() + " / " + rd.region())).append("</h3>");
            List<List<Object>> table = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (LocalDate date : rd.dates()) {
                List<Row> day = rd.sectors().getOrDefault(date, List.of());
                List<Charts.Bar> bars = new ArrayList<>();
                Double benchmark = null;
                String benchmarkSymbol = null;
                for (Row r : day) {
                    boolean ranked = Boolean.TRUE.equals(r.getAs("ranked"));
                    String industry = r.getAs("industry");
                    bars.add(new Charts.Bar(industry + " (" + r.<Long>getAs("member_count") + (ranked ? "" : ", not ranked") + ")",
                            r.<Double>getAs("ew_return"), industry.equals(focus.industry()), ranked));
                    benchmark = r.getAs("benchmark_return");
                    benchmarkSymbol = r.getAs("benchmark_symbol");
                    table.add(List.of(rd.day(date) + " (" + date + ")", ranked ? r.<Integer>getAs("rank_ew").toString() : "not ranked", industry,
                            r.<Long>getAs("member_count"), Html.pct(r.getAs("ew_return")), Html.pct(r.getAs("cw_return")), r.<Double>getAs("up_share"),
                            Html.pct(r.getAs("benchmark_return")), Html.pct(r.getAs("excess_ew_return"))));
                    classes.add(industry.equals(focus.industry()) ? "focus" : ranked ? "" : "unranked");
                }
                String file = "sectors_" + (i++) + ".png";
                Charts.rankedBars(dir.resolve(file), rd.region() + " industries on " + Html.day(date) + " (" + rd.dayOn(date) + ")",
                        "equal-weighted return", bars, benchmark, benchmark == null ? null : "benchmark " + benchmarkSymbol + " " + Html.pct(benchmark));
                b.append(img(file, Charts.barsHeight(bars.size()), rd.region() + " industries ranked on " + date + ", " + focus.industry() + " highlighted"));
            }
            b.append(Html.table(List.of("day", "rank", "industry", "names", "EW return", "CW return", "share up", "benchmark", "EW excess"), table, classes));
        }
        return b.append("</section>").toString();
    }

    static String eventStudy(Snapshot store, Shown shown, Findings.Focus focus) {
        StringBuilder b = new StringBuilder("<section id=\"event-study\"><h2>Event-study statistics</h2>");
        if (!store.exists("es_group_windows")) return b.append("<p>No event study in this output.</p></section>").toString();
        b.append(shown.note());
        List<List<Object>> w = new ArrayList<>();
        for (Row r : store.read("es_group_windows").where(col("group_industry").isin("ALL", focus.industry()).and(shown.filter()))
                .orderBy("event_id", "group_market", "group_industry", "group_role", "window_start", "window_end").collectAsList()) {
            w.add(List.of(r.getAs("event_id"), r.getAs("group_market"), r.getAs("group_industry"), r.getAs("group_role"), r.getAs("car_window") + " [" + r.getAs("window_start") + ", " + r.getAs("window_end") + "]",
                    r.<Long>getAs("n_securities"), Html.pct(r.getAs("caar")), num(r, "t_cs"), num(r, "p_t_cs"), num(r, "patell"), num(r, "p_patell"),
                    num(r, "bmp"), num(r, "p_bmp"), num(r, "kp"), num(r, "p_kp"), num(r, "bw1985"), num(r, "p_bw1985"), Html.pct(r.getAs("mean_bhar"))));
        }
        b.append("<h3>CAAR windows (").append(Html.esc(focus.industry())).append(" and all)</h3>").append(Html.table(List.of("event", "market", "industry", "role", "window", "N", "CAAR",
                "t", "p", "Patell", "p", "BMP", "p", "KP", "p", "BW85", "p", "mean BHAR"), w));
        List<List<Object>> d = new ArrayList<>();
        for (Row r : store.read("es_group_days").where(col("event_day_offset").isin(0, 1).and(col("group_industry").isin("ALL", focus.industry())).and(shown.filter()))
                .orderBy("event_id", "group_market", "group_industry", "group_role", "event_day_offset").collectAsList()) {
            d.add(List.of(r.getAs("event_id"), r.getAs("group_market"), r.getAs("group_industry"), r.getAs("group_role"), r.<Integer>getAs("event_day_offset"),
                    str(r.getAs("first_date")), r.<Long>getAs("n_securities"), Html.pct(r.getAs("aar")), num(r, "t_cs"), num(r, "p_t_cs"),
                    num(r, "patell"), num(r, "p_patell"), num(r, "bmp"), num(r, "p_bmp"), num(r, "corrado"), num(r, "p_corrado"),
                    num(r, "gen_sign_z"), num(r, "p_gen_sign"), num(r, "wilcoxon_w_plus"), num(r, "p_wilcoxon")));
        }
        b.append("<h3>AAR on day 0 and day +1</h3>").append(Html.table(List.of("event", "market", "industry", "role", "day", "date", "N", "AAR",
                "t", "p", "Patell", "p", "BMP", "p", "Corrado", "p", "gen. sign", "p", "W+", "p"), d));
        List<List<Object>> movers = new ArrayList<>();
        Dataset<Row> names = store.read("securities").select("symbol", "market", "name");
        for (Row r : store.read("es_security_days").where(col("event_day_offset").isin(0, 1).and(shown.filter())).join(names, org.cybermarket.schema.Cols.keys("symbol", "market"), "left")
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

    /**
     * Market size by forecast vintage, one panel per market over a shared year axis (so China is not squashed under the
     * worldwide scale), with the scenario bands; then every series as a growth index (period start = 1), vintages by
     * colour, markets by line style.
     */
    static String growth(Snapshot store, Path dir) throws IOException {
        StringBuilder b = new StringBuilder("<section id=\"growth\"><h2>Market growth projections and forecast vintages</h2>");
        if (!store.exists("market_forecast")) return b.append("<p>No growth analytics in this output.</p></section>").toString();
        List<Row> forecast = store.read("market_forecast").orderBy("market", "vintage", "year").collectAsList();
        List<String> vintages = forecast.stream().map(r -> String.valueOf(r.<LocalDate>getAs("vintage"))).distinct().sorted().toList();
        List<String> markets = forecast.stream().map(r -> r.<String>getAs("market")).distinct().toList();
        List<String> legend = vintages.stream().map(v -> "vintage " + v).toList();
        Map<String, List<Charts.YearSeries>> sizes = new LinkedHashMap<>();
        Map<String, List<Charts.YearSeries>> index = new LinkedHashMap<>();
        String indexPanel = "growth index (first year of each forecast period = 1)";
        List<List<Object>> rows = new ArrayList<>();
        for (String market : markets) {
            for (String vintage : vintages) {
                List<Charts.YearValue> values = new ArrayList<>();
                List<Charts.YearValue> indices = new ArrayList<>();
                String currency = null;
                for (Row r : forecast) {
                    if (!market.equals(r.getAs("market")) || !vintage.equals(String.valueOf(r.<LocalDate>getAs("vintage")))) continue;
                    int year = r.getAs("year");
                    currency = r.getAs("currency");
                    if (r.getAs("value_bn") != null) values.add(new Charts.YearValue(year, r.getAs("value_bn"), r.getAs("scenario_low_bn"), r.getAs("scenario_high_bn")));
                    if (r.getAs("index_value") != null) indices.add(new Charts.YearValue(year, r.getAs("index_value"), null, null));
                    rows.add(List.of(r.getAs("series_id"), year, num(r, "value_bn"), Html.pct(r.getAs("growth")), str(r.getAs("basis")),
                            r.getAs("status"), num(r, "scenario_low_bn"), num(r, "scenario_high_bn")));
                }
                int colour = vintages.indexOf(vintage);
                if (values.size() > 0) {
                    sizes.computeIfAbsent(market + " (" + currency + " bn)", k -> new ArrayList<>()).add(new Charts.YearSeries(market + " " + vintage, colour, false, values));
                }
                if (indices.size() > 1) {
                    index.computeIfAbsent(indexPanel, k -> new ArrayList<>()).add(new Charts.YearSeries(market + " " + vintage, colour, markets.indexOf(market) > 0, indices));
                }
            }
        }
        if (!sizes.isEmpty()) {
            Charts.yearPanels(dir.resolve("growth.png"), "Market size by forecast vintage, with scenario bands", sizes, new DecimalFormat("#,##0"), legend);
            b.append(img("growth.png", Charts.panelsHeight(sizes.size()), "market size by forecast vintage, one panel per market"));
        }
        if (!index.isEmpty()) {
            String styles = markets.size() > 1 ? " (solid: " + markets.get(0) + "; dashed: " + String.join(", ", markets.subList(1, markets.size())) + ")" : "";
            Charts.yearPanels(dir.resolve("growth_index.png"), "Growth paths by vintage" + styles, index, new DecimalFormat("0.00"), legend);
            b.append(img("growth_index.png", Charts.panelsHeight(1), "growth index by forecast vintage and market"));
        }
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

    /** An image at its display size (the PNG holds {@link Charts#SCALE} times the pixels). */
    private static String img(String file, int height, String alt) {
        return "<img src=\"" + Html.esc(file) + "\" width=\"" + Charts.WIDTH + "\" height=\"" + height + "\" alt=\"" + Html.esc(alt) + "\">";
    }

    private static String page(String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>cybermarket report</title><style>"
                + "body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}"
                + "th,td{border:1px solid #ccc;padding:2px 6px}th{background:#f3f3f3}td.n{text-align:right}"
                + "tr.focus td{font-weight:bold;background:#fbe3d3}tr.unranked td,tr.excluded td{color:#777}"
                + "p.finding{font-size:16px;line-height:1.45;max-width:70em}p.note{font-size:12px;color:#555}"
                + "img{display:block;margin:1em 0;max-width:100%;height:auto}h4{margin-bottom:.3em}</style></head><body>"
                + "<h1>cybermarket report</h1><p>Built from the Parquet outputs and the run manifest only; the run's details are at the end.</p>"
                + body + "</body></html>\n";
    }
}
