package org.cybermarket.report;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cybermarket.store.Snapshot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;

/**
 * The report's first section: what the outputs say, in sentences, with the numbers that back them. Per event: day 0
 * on each market and the rule that chose it; per region, the industries ranked on day 0 and day +1 and where the
 * focus industry stood; per market, the focus industry's AAR and CAAR with every test; a per-company table; and
 * what the figures do not show. Every number is read from the Parquet outputs; every string from data is escaped.
 * Collected rows are bounded by events x markets x (industries, days or windows); company rows are capped per event
 * and market, exclusions and warnings in total.
 */
final class Findings {
    static final int MAX_COMPANIES = 60;
    static final int MAX_WARNINGS = 50;

    private Findings() {}

    /** What the findings follow: the focus industry and the ranking threshold, from the run's config. */
    record Focus(String industry, Integer minMembers) {}

    static String section(Snapshot store, Report.Shown shown, List<RegionDays> regionDays, Focus focus) {
        StringBuilder b = new StringBuilder("<section id=\"findings\"><h2>Findings</h2>");
        if (!store.exists("event_days") || !store.exists("events") || !store.exists("securities")) {
            b.append("<p>No event study in this output.</p>");
        } else {
            b.append("<p>Computed from the outputs of this run. Returns are simple daily returns; AR = abnormal return against "
                    + "the normal-return model; tests are two-sided (docs/methodology.md).</p>");
            List<Row> events = store.read("events").where(shown.filter()).orderBy("event_id").collectAsList();
            List<Row> days = store.read("event_days").where(shown.filter()).orderBy("event_id", "market").collectAsList();
            FocusRows rows = FocusRows.read(store, shown, focus);
            for (Row e : events) {
                String id = e.getAs("event_id");
                b.append(event(e, days.stream().filter(d -> id.equals(d.getAs("event_id"))).toList(),
                        regionDays.stream().filter(r -> r.eventId().equals(id)).toList(), rows.of(id), focus));
            }
            b.append(shown.note());
            b.append(caveats(store, shown));
        }
        b.append(research(store));
        return b.append("</section>").toString();
    }

    /**
     * The focus industry's rows of the shown events, read once (each field by event id): its group days 0 and +1 and
     * its group windows per market, its exclusions per market and reason, and company by company its windows, days
     * 0 and +1 and exclusions. Bounded by events x markets x (2 days, windows, {@value #MAX_COMPANIES} companies).
     */
    record FocusRows(Map<String, List<Row>> days, Map<String, List<Row>> windows, Map<String, List<Row>> excluded,
                     Map<String, List<Row>> companyWindows, Map<String, List<Row>> companyDays, Map<String, List<Row>> excludedNames,
                     Map<String, List<Row>> studiedTotals, long excludedTotal) {

        static FocusRows read(Snapshot store, Report.Shown shown, Focus focus) {
            Column group = shown.filter().and(col("group_industry").equalTo(focus.industry())).and(col("group_market").notEqual("ALL"));
            Column mine = shown.filter().and(col("industry").equalTo(focus.industry()));
            Map<String, List<Row>> days = byEvent(store, "es_group_days", ds -> ds.where(group.and(col("event_day_offset").isin(0, 1)))
                    .orderBy("event_id", "group_market", "event_day_offset"));
            Map<String, List<Row>> windows = byEvent(store, "es_group_windows", ds -> ds.where(group)
                    .orderBy("event_id", "group_market", "window_start", "window_end"));
            Map<String, List<Row>> excluded = byEvent(store, "es_exclusions", ds -> ds.where(mine)
                    .groupBy("event_id", "market", "reason_code").count().orderBy("event_id", "market", "reason_code"));
            Dataset<Row> names = store.read("securities").select("market", "symbol", "name");
            Map<String, List<Row>> companyWindows = Map.of();
            Map<String, List<Row>> companyDays = Map.of();
            Map<String, List<Row>> totals = Map.of();
            if (store.exists("es_security_windows") && store.exists("es_security_days")) {
                Dataset<Row> studied = store.read("es_security_windows").where(mine).select("event_id", "market", "symbol").distinct()
                        .withColumn("n", row_number().over(Window.partitionBy("event_id", "market").orderBy("symbol")));
                Dataset<Row> chosen = studied.where(col("n").leq(MAX_COMPANIES)).select("event_id", "market", "symbol");
                totals = byEvent(studied.groupBy("event_id", "market").agg(max("n").as("n")));
                companyWindows = byEvent(store.read("es_security_windows").where(mine).join(chosen, keys("event_id", "market", "symbol"), "inner")
                        .join(names, keys("market", "symbol"), "left"));
                companyDays = byEvent(store.read("es_security_days").where(mine.and(col("event_day_offset").isin(0, 1)))
                        .join(chosen, keys("event_id", "market", "symbol"), "inner")
                        .select("event_id", "market", "symbol", "event_day_offset", "abnormal_return"));
            }
            Map<String, List<Row>> excludedNames = Map.of();
            long excludedTotal = 0;
            if (store.exists("es_exclusions")) {
                Dataset<Row> ex = store.read("es_exclusions").where(mine);
                List<Row> first = ex.join(names, keys("market", "symbol"), "left").orderBy("event_id", "market", "symbol")
                        .limit(Report.MAX_EXCLUSIONS).collectAsList();
                excludedNames = group(first);
                excludedTotal = first.size() < Report.MAX_EXCLUSIONS ? first.size() : ex.count();
            }
            return new FocusRows(days, windows, excluded, companyWindows, companyDays, excludedNames, totals, excludedTotal);
        }

        /** One event's rows. */
        EventRows of(String id) {
            return new EventRows(days.getOrDefault(id, List.of()), windows.getOrDefault(id, List.of()), excluded.getOrDefault(id, List.of()),
                    companyWindows.getOrDefault(id, List.of()), companyDays.getOrDefault(id, List.of()), excludedNames.getOrDefault(id, List.of()),
                    studiedTotals.getOrDefault(id, List.of()), excludedTotal);
        }

        private static Map<String, List<Row>> byEvent(Snapshot store, String dataset, java.util.function.UnaryOperator<Dataset<Row>> query) {
            return store.exists(dataset) ? byEvent(query.apply(store.read(dataset))) : Map.of();
        }

        private static Map<String, List<Row>> byEvent(Dataset<Row> rows) {
            return group(rows.collectAsList());
        }

        private static Map<String, List<Row>> group(List<Row> rows) {
            Map<String, List<Row>> out = new TreeMap<>();
            for (Row r : rows) out.computeIfAbsent(r.getAs("event_id"), k -> new ArrayList<>()).add(r);
            return out;
        }
    }

    /** {@link FocusRows} of one event. */
    record EventRows(List<Row> days, List<Row> windows, List<Row> excluded, List<Row> companyWindows, List<Row> companyDays,
                     List<Row> excludedNames, List<Row> studiedTotals, long excludedTotal) {}

    private static String event(Row event, List<Row> days, List<RegionDays> regions, EventRows rows, Focus focus) {
        String id = event.getAs("event_id");
        StringBuilder b = new StringBuilder("<h3>").append(Html.esc(event.getAs("name"))).append(" (").append(Html.esc(id)).append(")</h3>");
        b.append("<p>").append(Html.esc(Html.instant(event.getAs("event_instant")) + ". " + Objects.toString(event.getAs("description"), ""))).append("</p>");
        b.append("<h4>Day 0 on each market</h4><ul>");
        for (Row d : days) {
            String market = d.getAs("market");
            LocalDate day0 = d.getAs("day0_date");
            b.append("<li>").append(Html.esc(day0 == null ? market + ": no day 0: " + d.getAs("problem")
                    : market + ": day 0 is " + Html.day(day0) + " (" + d.getAs("day0_rule") + ")")).append("</li>");
        }
        b.append("</ul>");
        Map<String, Map<String, Long>> excludedByMarket = new TreeMap<>();
        for (Row r : rows.excluded()) {
            excludedByMarket.computeIfAbsent(r.getAs("market"), k -> new TreeMap<>()).put(r.getAs("reason_code"), r.getAs("count"));
        }
        for (RegionDays region : regions) b.append(region(region, rows.days(), excludedByMarket, focus));
        b.append(focusStatistics(rows, focus));
        b.append(companies(rows, focus));
        return b.toString();
    }

    /** The focus industry's sentences for one region on day 0 and day +1, and the industries' table. */
    private static String region(RegionDays rd, List<Row> groupDays, Map<String, Map<String, Long>> excluded, Focus focus) {
        Map<String, Row> stats = new TreeMap<>(); // market|date -> the focus group's row that day
        for (Row g : groupDays) stats.put(g.getAs("group_market") + "|" + g.getAs("first_date"), g);
        StringBuilder b = new StringBuilder("<h4>").append(Html.esc(rd.region())).append(": ").append(Html.esc(focus.industry()))
                .append(" among the industries on day 0 and day +1</h4>");
        for (LocalDate date : rd.dates()) {
            StringBuilder s = new StringBuilder("On ").append(Html.day(date)).append(" (").append(rd.dayOn(date)).append(") ");
            s.append(standing(rd.sectors().getOrDefault(date, List.of()), focus, rd.region()));
            // The markets the event study covers first, then those whose names it had to leave out.
            List<String> markets = new ArrayList<>(rd.markets());
            markets.sort(Comparator.comparing(m -> !stats.containsKey(m + "|" + date)));
            for (String market : markets) {
                Integer k = rd.offset(market, date);
                Row g = stats.get(market + "|" + date);
                if (g != null) {
                    s.append("; against the ").append(modelName(g.getAs("model"))).append(" its ").append(g.<Long>getAs("n_securities"))
                            .append(" names on ").append(market).append(" had an average abnormal return of ").append(Html.pct(g.getAs("aar")))
                            .append(" on day ").append(k == null ? "?" : Html.offset(k)).append(" (").append(tests(g, true)).append(")");
                } else if (excluded.containsKey(market)) {
                    s.append("; its ").append(excluded.get(market).values().stream().mapToLong(Long::longValue).sum()).append(" names on ")
                            .append(market).append(" are not in the event study (excluded: ").append(String.join(", ", excluded.get(market).keySet())).append(")");
                }
            }
            b.append("<p class=\"finding\">").append(Html.esc(s.append('.').toString())).append("</p>");
        }
        b.append(rankingTable(rd, focus));
        return b.toString();
    }

    /** "was the best of 10 ranked industries in CN, +4.08% equal-weighted across 16 names (benchmark ... -0.68%)". */
    static String standing(List<Row> day, Focus focus, String region) {
        Row f = day.stream().filter(r -> focus.industry().equals(r.getAs("industry"))).findFirst().orElse(null);
        if (f == null) return "no " + focus.industry() + " stock in " + region + " had a return";
        long ranked = day.stream().filter(r -> Boolean.TRUE.equals(r.getAs("ranked"))).count();
        long unranked = day.size() - ranked;
        String across = ", " + Html.pct(f.getAs("ew_return")) + " equal-weighted across " + f.<Long>getAs("member_count") + " names";
        String bench = f.getAs("benchmark_return") == null ? "" : " (benchmark " + f.getAs("benchmark_symbol") + " " + Html.pct(f.getAs("benchmark_return")) + ")";
        String others = unranked == 0 ? "" : "; " + unranked + " smaller industr" + (unranked == 1 ? "y is" : "ies are") + " listed unranked";
        if (!Boolean.TRUE.equals(f.getAs("ranked"))) {
            return focus.industry() + " had too few names to be ranked in " + region + across + bench;
        }
        int rank = f.getAs("rank_ew");
        long tied = day.stream().filter(r -> Objects.equals(r.getAs("rank_ew"), rank)).count();
        String place = ranked == 1 ? "the only ranked industry" : rank == 1 ? "the best of " + ranked + " ranked industries"
                : rank == ranked ? "the worst of " + ranked + " ranked industries" : "ranked " + rank + " of " + ranked + " industries";
        return focus.industry() + " was " + place + (tied > 1 ? " (tied)" : "") + " in " + region + across + bench + others;
    }

    static String modelName(String model) {
        return model == null ? "model" : model.replace('_', ' ');
    }

    /** "t 9.38, p < 0.001; Patell 6.35, p < 0.001; BMP 9.38, p < 0.001; Corrado rank 2.07, p = 0.038". */
    static String tests(Row g, boolean withRank) {
        List<String> parts = new ArrayList<>();
        parts.add(test("t", g, "t_cs", "p_t_cs"));
        parts.add(test("Patell", g, "patell", "p_patell"));
        parts.add(test("BMP", g, "bmp", "p_bmp"));
        if (withRank && g.schema().getFieldIndex("corrado").isDefined() && g.getAs("corrado") != null) parts.add(test("Corrado rank", g, "corrado", "p_corrado"));
        return String.join("; ", parts);
    }

    private static String test(String name, Row g, String stat, String p) {
        return name + " " + Html.stat(g.getAs(stat)) + ", " + Html.p(g.getAs(p));
    }

    /** Industries on day 0 and +1 side by side, ranked first (by the later day), then the unranked ones. */
    private static String rankingTable(RegionDays rd, Focus focus) {
        List<LocalDate> dates = rd.dates();
        Map<String, Map<LocalDate, Row>> byIndustry = new LinkedHashMap<>();
        LocalDate last = dates.get(dates.size() - 1);
        for (LocalDate d : List.of(last, dates.get(0))) {
            for (Row r : rd.sectors().getOrDefault(d, List.of())) byIndustry.computeIfAbsent(r.getAs("industry"), k -> new TreeMap<>()).put(d, r);
        }
        List<String> header = new ArrayList<>(List.of("industry"));
        for (LocalDate d : dates) header.addAll(List.of(rd.day(d) + " (" + d + "): rank", "EW return", "names"));
        List<List<Object>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        byIndustry.forEach((industry, perDay) -> {
            List<Object> row = new ArrayList<>(List.of(industry));
            boolean unranked = false;
            for (LocalDate d : dates) {
                Row r = perDay.get(d);
                if (r == null) {
                    row.addAll(java.util.Arrays.asList("", "", ""));
                    continue;
                }
                boolean isRanked = Boolean.TRUE.equals(r.getAs("ranked"));
                unranked |= !isRanked;
                row.addAll(List.of(isRanked ? r.<Integer>getAs("rank_ew").toString() : "not ranked", Html.pct(r.getAs("ew_return")), r.<Long>getAs("member_count")));
            }
            rows.add(row);
            classes.add(industry.equals(focus.industry()) ? "focus" : unranked ? "unranked" : "");
        });
        String note = "<p class=\"note\">Not ranked: fewer than " + (focus.minMembers() == null ? "the configured minimum of" : focus.minMembers())
                + " names with a return that day (<code>sectors.min_members</code>); their returns are listed for completeness.</p>";
        return Html.table(header, rows, classes) + note;
    }

    /** The focus industry on each market: AAR on day 0 and +1, and CAAR over each window, with every test. */
    private static String focusStatistics(EventRows focusRows, Focus focus) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (Row g : focusRows.days()) {
            rows.add(List.of(g.getAs("group_market"), "AAR day " + Html.offset(g.<Integer>getAs("event_day_offset")), String.valueOf(g.<LocalDate>getAs("first_date")),
                    g.<Long>getAs("n_securities"), Html.pct(g.getAs("aar")), Html.stat(g.getAs("t_cs")), Html.p(g.getAs("p_t_cs")),
                    Html.stat(g.getAs("patell")), Html.p(g.getAs("p_patell")), Html.stat(g.getAs("bmp")), Html.p(g.getAs("p_bmp")),
                    Html.stat(g.getAs("corrado")), Html.p(g.getAs("p_corrado"))));
        }
        for (Row w : focusRows.windows()) {
            String window = "[" + Html.offset(w.<Integer>getAs("window_start")) + ", " + Html.offset(w.<Integer>getAs("window_end")) + "]";
            rows.add(List.of(w.getAs("group_market"), "CAAR " + window, w.getAs("first_date") + " .. " + w.getAs("last_date"),
                    w.<Long>getAs("n_securities"), Html.pct(w.getAs("caar")), Html.stat(w.getAs("t_cs")), Html.p(w.getAs("p_t_cs")),
                    Html.stat(w.getAs("patell")), Html.p(w.getAs("p_patell")), Html.stat(w.getAs("bmp")), Html.p(w.getAs("p_bmp")), "", ""));
            if (w.<Integer>getAs("window_start") == 0 && w.<Integer>getAs("window_end") == 1) {
                sentences.add("Over days 0 and +1 (" + w.getAs("first_date") + " to " + w.getAs("last_date") + ") the " + w.<Long>getAs("n_securities")
                        + " " + focus.industry() + " names on " + w.getAs("group_market") + " had a cumulative average abnormal return of "
                        + Html.pct(w.getAs("caar")) + " (" + tests(w, false) + ").");
            }
        }
        if (rows.isEmpty()) return "<p>No " + Html.esc(focus.industry()) + " group in the event study.</p>";
        StringBuilder b = new StringBuilder("<h4>").append(Html.esc(focus.industry())).append(" on each market: AAR and CAAR with their tests</h4>");
        for (String s : sentences) b.append("<p class=\"finding\">").append(Html.esc(s)).append("</p>");
        return b.append(Html.table(List.of("market", "statistic", "dates", "N", "value", "t", "p", "Patell", "p", "BMP", "p", "Corrado rank", "p"), rows))
                .append("<p class=\"note\">t: cross-sectional t (Student, N-1 df); Patell z and Corrado rank: normal; BMP: Student, N-1 df. "
                        + "The Corrado rank test is computed for single days only.</p>").toString();
    }

    /** Each studied company of the focus industry (AR on day 0 and +1, CAR per window), then the excluded ones with the reason. */
    private static String companies(EventRows focusRows, Focus focus) {
        Map<String, Map<String, Object>> table = new LinkedHashMap<>(); // market|symbol -> column -> value
        TreeMap<String, String> windows = new TreeMap<>(); // sort key -> label
        for (Row r : focusRows.companyWindows()) {
            Map<String, Object> row = table.computeIfAbsent(r.getAs("market") + "|" + r.getAs("symbol"), k -> new TreeMap<>());
            row.put("name", r.getAs("name"));
            row.put("L", r.getAs("estimation_days"));
            String label = "CAR [" + Html.offset(r.<Integer>getAs("window_start")) + ", " + Html.offset(r.<Integer>getAs("window_end")) + "]";
            windows.put(String.format(Locale.ROOT, "%05d%05d", r.<Integer>getAs("window_start") + 10000, r.<Integer>getAs("window_end") + 10000), label);
            row.put(label, r.getAs("car"));
        }
        for (Row r : focusRows.companyDays()) {
            table.computeIfAbsent(r.getAs("market") + "|" + r.getAs("symbol"), k -> new TreeMap<>())
                    .put("AR " + Html.offset(r.<Integer>getAs("event_day_offset")), r.getAs("abnormal_return"));
        }
        List<String> header = new ArrayList<>(List.of("market", "symbol", "name", "AR day 0", "AR day +1"));
        header.addAll(windows.values());
        header.addAll(List.of("estimation days", "note"));
        String sortBy = windows.containsValue("CAR [0, +1]") ? "CAR [0, +1]" : "AR +1";
        List<Map.Entry<String, Map<String, Object>>> sorted = new ArrayList<>(table.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<String, Map<String, Object>> e) -> e.getKey().split("\\|")[0])
                .thenComparing(e -> -(e.getValue().get(sortBy) instanceof Double d ? d : Double.NEGATIVE_INFINITY)));
        List<List<Object>> rows = new ArrayList<>();
        for (var e : sorted) {
            String[] k = e.getKey().split("\\|", 2);
            Map<String, Object> v = e.getValue();
            List<Object> row = new ArrayList<>(List.of(k[0], k[1], Objects.toString(v.get("name"), ""), Html.pct((Double) v.get("AR 0")), Html.pct((Double) v.get("AR +1"))));
            for (String w : windows.values()) row.add(Html.pct((Double) v.get(w)));
            row.add(v.get("L") == null ? "" : v.get("L"));
            row.add("");
            rows.add(row);
        }
        List<String> classes = new ArrayList<>(java.util.Collections.nCopies(rows.size(), ""));
        for (Row r : focusRows.excludedNames()) {
            List<Object> row = new ArrayList<>(List.of(r.getAs("market"), r.getAs("symbol"), Objects.toString(r.getAs("name"), ""), "", ""));
            for (int i = 0; i < windows.size(); i++) row.add("");
            row.add(r.getAs("estimation_days") == null ? "" : r.getAs("estimation_days"));
            row.add("excluded: " + r.getAs("reason_code") + " (" + Objects.toString(r.getAs("detail"), "") + ")");
            rows.add(row);
            classes.add("excluded");
        }
        StringBuilder b = new StringBuilder("<h4>").append(Html.esc(focus.industry())).append(" company by company</h4>");
        if (rows.isEmpty()) return b.append("<p>No ").append(Html.esc(focus.industry())).append(" security in this event.</p>").toString();
        b.append(Html.table(header, rows, classes));
        for (Row t : focusRows.studiedTotals()) {
            long n = ((Number) t.getAs("n")).longValue();
            if (n > MAX_COMPANIES) b.append("<p class=\"note\">").append(Html.esc(t.getAs("market"))).append(": the first ").append(MAX_COMPANIES)
                    .append(" of ").append(n).append(" studied names by symbol; all are in es_security_windows.</p>");
        }
        if (focusRows.excludedTotal() > Report.MAX_EXCLUSIONS) {
            b.append("<p class=\"note\">The first ").append(Report.MAX_EXCLUSIONS).append(" of ").append(focusRows.excludedTotal())
                    .append(" excluded names (all events); all are in es_exclusions.</p>");
        }
        return b.toString();
    }

    /** What the figures do not show: exclusions, markets without a day 0, warnings inside windows, pooled groups. */
    private static String caveats(Snapshot store, Report.Shown shown) {
        List<String> items = new ArrayList<>();
        if (store.exists("es_exclusions")) {
            List<String> parts = new ArrayList<>();
            long total = 0;
            for (Row r : store.read("es_exclusions").where(shown.filter()).groupBy("event_id", "market", "industry", "reason_code")
                    .agg(count(lit(1)).as("n"), min("detail").as("detail")).orderBy("event_id", "market", "industry", "reason_code").limit(Report.MAX_EXCLUSIONS).collectAsList()) {
                total += r.getLong(4);
                parts.add(r.getLong(4) + " " + r.getAs("industry") + " on " + r.getAs("market") + " (" + r.getAs("event_id") + ": " + r.getAs("reason_code")
                        + ", e.g. " + r.getAs("detail") + ")");
            }
            if (total > 0) {
                items.add(Html.esc(total + " securities are left out of the event-study statistics (AAR, CAAR and their tests): " + String.join("; ", parts)
                        + ". They still count in the industry returns and rankings above, which need no model."));
            }
        }
        List<String> noDay0 = new ArrayList<>();
        for (Row r : store.read("event_days").where(shown.filter().and(col("day0_date").isNull())).orderBy("event_id", "market").limit(Report.MAX_EXCLUSIONS).collectAsList()) {
            noDay0.add(r.getAs("market") + " (" + r.getAs("event_id") + ": " + r.getAs("problem") + ")");
        }
        if (!noDay0.isEmpty()) items.add(Html.esc("Markets in the event catalogue but not studied: " + String.join("; ", noDay0) + "."));
        items.add(warningsInWindows(store, shown));
        if (store.exists("es_security_windows")) {
            List<Row> pooled = store.read("es_security_windows").where(shown.filter()).select("event_id", "market").distinct().orderBy("event_id", "market").collectAsList();
            Map<String, TreeSet<String>> marketsByEvent = new TreeMap<>();
            for (Row r : pooled) marketsByEvent.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
            marketsByEvent.forEach((event, ms) -> {
                if (ms.size() > 1) {
                    items.add(Html.esc("The event-study datasets also hold groups pooled across markets (group_market = ALL) for " + event + ": "
                            + String.join(" and ", ms) + " together, with different currencies, trading calendars, benchmarks and day 0s. The findings "
                            + "above use each market on its own; the pooled rows are only in the statistics tables below and in es_group_days / es_group_windows."));
                }
            });
        }
        items.removeIf(String::isEmpty);
        StringBuilder b = new StringBuilder("<h3>What these figures do not show</h3>");
        if (items.isEmpty()) return b.append("<p>Nothing left out: no exclusion, no warning inside a window, no pooled group.</p>").toString();
        b.append("<ul class=\"caveats\">");
        for (String i : items) b.append("<li>").append(i).append("</li>");
        return b.append("</ul>").toString();
    }

    /** Data-quality warnings dated inside the estimation or event window of a name the event study uses. */
    private static String warningsInWindows(Snapshot store, Report.Shown shown) {
        if (!store.exists("es_estimation_flags")) return "";
        Dataset<Row> hits = store.read("es_estimation_flags").where(shown.filter());
        if (store.exists("securities")) hits = hits.join(store.read("securities").select("market", "symbol", "industry"), keys("market", "symbol"), "left");
        else hits = hits.withColumn("industry", lit(null).cast("string"));
        List<Row> first = hits.orderBy("event_id", "market", "symbol", "trade_date", "check").limit(MAX_WARNINGS).collectAsList();
        if (first.isEmpty()) return "";
        long total = first.size() < MAX_WARNINGS ? first.size() : hits.count();
        long leftOut = hits.where(col("left_out_of_estimation")).count();
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : first) {
            rows.add(List.of(r.getAs("event_id"), r.getAs("market"), r.getAs("symbol"), Objects.toString(r.getAs("industry"), ""),
                    String.valueOf(r.<LocalDate>getAs("trade_date")), r.getAs("window"), r.getAs("check"), Html.stat(r.getAs("observed")),
                    r.<Boolean>getAs("left_out_of_estimation") ? "left out" : "used", Objects.toString(r.getAs("message"), "")));
        }
        String use = leftOut == 0
                ? " The model uses those returns as they are: a jump from an unadjusted split, dividend or bonus issue in the estimation "
                        + "window widens s_i and so shrinks Patell and BMP (event_study.exclude_from_estimation: [JUMP_BEYOND_LIMIT] leaves such days out of the fit)."
                : " " + leftOut + " of them, in estimation windows, were left out of the model's fit (event_study.exclude_from_estimation); the others are used as they are.";
        return Html.esc(total + " data-quality warning" + (total == 1 ? " falls" : "s fall") + " inside the estimation or event window of a studied name"
                + (total > first.size() ? " (the first " + first.size() + " below; all in es_estimation_flags)" : "") + "." + use)
                + Html.table(List.of("event", "market", "symbol", "industry", "date", "window", "check", "observed", "estimation", "message"), rows);
    }

    /** What the market-research figures imply: the latest comparison, the revisions, realized against projected growth. */
    private static String research(Snapshot store) {
        if (!store.exists("forecast_comparison") || !store.exists("market_forecast")) return "";
        List<String> sentences = new ArrayList<>();
        List<Row> cmp = store.read("forecast_comparison").where(col("year").equalTo(col("end_year")))
                .orderBy(col("vintage").desc(), col("market_a"), col("market_b")).limit(10).collectAsList();
        if (!cmp.isEmpty()) {
            Row c = cmp.get(0);
            LocalDate vintage = c.getAs("vintage");
            String a = c.getAs("market_a");
            List<Row> path = store.read("market_forecast").where(col("vintage").equalTo(lit(vintage)).and(col("market").equalTo(a))
                    .and(col("value_bn").isNotNull())).orderBy("year").collectAsList();
            String sizes = "";
            if (path.size() >= 2) {
                Row p0 = path.get(0);
                Row p1 = path.get(path.size() - 1);
                sizes = " (US$" + Html.bn(p0.getAs("value_bn")) + "bn in " + p0.getAs("year") + ", " + p0.getAs("basis") + ", to US$" + Html.bn(p1.getAs("value_bn"))
                        + "bn in " + p1.getAs("year") + "; doubling every " + Html.stat(p1.getAs("doubling_years")) + " years)";
            }
            sentences.add("The forecast of " + vintage + " has " + a + " growing " + Html.pct(c.getAs("cagr_a")) + " a year from " + c.getAs("start_year")
                    + " to " + c.getAs("end_year") + sizes + " against " + Html.pct(c.getAs("cagr_b")) + " for " + c.getAs("market_b") + ": by "
                    + c.getAs("end_year") + " " + a + " is " + String.format(Locale.ROOT, "%.4f", c.<Double>getAs("relative_size_index"))
                    + " times larger relative to " + c.getAs("market_b") + " than in " + c.getAs("start_year") + ".");
        }
        if (store.exists("forecast_revisions")) {
            for (Row r : store.read("forecast_revisions").orderBy(abs(col("revision")).desc()).limit(3).collectAsList()) {
                sentences.add("The " + r.getAs("later_vintage") + " forecast puts " + r.getAs("market") + " in " + r.getAs("year") + " at US$"
                        + Html.bn(r.getAs("later_value_bn")) + "bn, " + Html.pct(r.getAs("revision")) + " against the " + r.getAs("earlier_vintage")
                        + " forecast (US$" + Html.bn(r.getAs("earlier_value_bn")) + "bn).");
            }
        }
        if (store.exists("realized_vs_projected")) {
            for (Row r : store.read("realized_vs_projected").where(col("realized_cagr").isNotNull()).orderBy(col("vintage").desc()).limit(3).collectAsList()) {
                sentences.add("Listed " + r.getAs("industry") + " stocks in " + r.getAs("region") + " (equal-weighted total-return index) returned "
                        + Html.pct(r.getAs("realized_cagr")) + " a year from the end of " + r.getAs("realized_start_year") + " to the end of "
                        + r.getAs("realized_end_year") + ", against " + Html.pct(r.getAs("projected_cagr")) + " a year projected for the " + r.getAs("market")
                        + " market by the " + r.getAs("vintage") + " forecast: share prices and market size are different things, set side by side.");
            }
        }
        if (sentences.isEmpty()) return "";
        StringBuilder b = new StringBuilder("<h3>What the market-research figures imply</h3>");
        for (String s : sentences) b.append("<p class=\"finding\">").append(Html.esc(s)).append("</p>");
        return b.toString();
    }
}
