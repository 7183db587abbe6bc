package org.cybermarket.report;

import org.apache.spark.sql.Row;
import org.cybermarket.store.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The report's "incidents" section: one row per event (its targets' CAR with the tests a lone firm has, its peers'
 * or members' CAAR with the cross-sectional tests), the results pooled across events by role, with a sentence, and
 * the second-stage regression; all over one CAR window ({@link #WINDOW} where the run has it, else its first).
 */
final class Incidents {
    static final String WINDOW = "car_0_1";

    private Incidents() {}

    static String section(Snapshot store) {
        StringBuilder b = new StringBuilder("<section id=\"incidents\"><h2>Incidents and pooled results</h2>");
        if (!store.exists("es_pooled_windows")) return b.append("<p>No pooled event study in this output.</p></section>").toString();
        List<Row> windows = store.read("es_pooled_windows").select("car_window", "window_start", "window_end").distinct()
                .orderBy("window_start", "window_end", "car_window").collectAsList();
        if (windows.isEmpty()) return b.append("<p>No event has a CAR to pool.</p></section>").toString();
        Row w = windows.stream().filter(r -> r.getString(0).equals(WINDOW)).findFirst().orElse(windows.get(0));
        String window = w.getString(0), span = "[" + Html.offset(w.getInt(1)) + ", " + Html.offset(w.getInt(2)) + "]";

        // Per incident: the whole event's group of each role (market and industry ALL).
        Map<String, String> names = new LinkedHashMap<>();
        for (Row r : store.read("events").select("event_id", "name").orderBy("event_id").collectAsList()) names.put(r.getString(0), r.getString(1));
        Map<String, Map<String, Row>> byEvent = new LinkedHashMap<>();
        for (Row r : store.read("es_group_windows").where(col("group_market").equalTo("ALL").and(col("group_industry").equalTo("ALL"))
                .and(col("car_window").equalTo(window))).orderBy("event_id", "group_role").collectAsList()) {
            byEvent.computeIfAbsent(r.getAs("event_id"), k -> new LinkedHashMap<>()).put(r.getAs("group_role"), r);
        }
        List<List<Object>> rows = new ArrayList<>();
        byEvent.forEach((id, roles) -> {
            Row target = roles.get("target"), others = roles.containsKey("peer") ? roles.get("peer") : roles.get("member");
            rows.add(List.of(id, names.getOrDefault(id, ""), target == null ? "" : target.<Long>getAs("n_securities"),
                    target == null ? "" : Html.pct(target.getAs("caar")), target == null ? "" : Html.stat(target.getAs("patell")),
                    target == null ? "" : Html.p(target.getAs("p_patell")), others == null ? "" : others.<String>getAs("group_role"),
                    others == null ? "" : others.<Long>getAs("n_securities"), others == null ? "" : Html.pct(others.getAs("caar")),
                    others == null ? "" : Html.stat(others.getAs("t_cs")), others == null ? "" : Html.p(others.getAs("p_t_cs")),
                    others == null ? "" : Html.stat(others.getAs("bmp")), others == null ? "" : Html.p(others.getAs("p_bmp"))));
        });
        b.append("<h3>Each incident over ").append(span).append("</h3><p>The targets' CAR (a lone target's test is its Patell z, its CAR "
                + "over its own estimation-window residual sd) beside the CAAR of its peers (firm-level incidents) or of the markets' members "
                + "(market-wide ones), with the cross-sectional t and BMP. Every window is in <code>es_group_windows</code>.</p>");
        b.append(Html.table(List.of("event", "name", "targets", "target CAR", "Patell", "p", "others", "N", "CAAR", "t", "p", "BMP", "p"), rows));

        List<Row> pooled = store.read("es_pooled_windows").where(col("car_window").equalTo(window)).orderBy("pool", "role").collectAsList();
        b.append("<h3>Pooled across incidents</h3>");
        for (String pool : pooled.stream().map(r -> r.<String>getAs("pool")).distinct().toList()) b.append(sentence(pool, span, pooled));
        List<List<Object>> p = new ArrayList<>();
        for (Row r : pooled) {
            p.add(List.of(r.getAs("pool"), r.getAs("role"), r.<Long>getAs("n_events"), r.<Long>getAs("n_clusters"), r.<Long>getAs("n_securities"),
                    Html.pct(r.getAs("mean_caar")), Html.stat(r.getAs("t_mean")), Html.p(r.getAs("p_t_mean")),
                    Html.stat(r.getAs("mean_standardized_caar")), Html.stat(r.getAs("t_standardized")), Html.p(r.getAs("p_t_standardized"))));
        }
        b.append(Html.table(List.of("pool", "role", "events", "clusters", "CARs", "mean CAAR", "t", "p", "mean std. CAAR", "t", "p"), p));
        b.append("<p>t across event means, with standard errors clustered by events on overlapping dates (Student t with clusters - 1 df); "
                + "the standardized version does the same with each event's sum of SCAR over &radic;N (docs/methodology.md).</p>");

        List<List<Object>> reg = new ArrayList<>();
        for (Row r : store.read("es_regression").where(col("car_window").equalTo(window)).orderBy("pool", "term").collectAsList()) {
            reg.add(List.of(r.getAs("pool"), r.getAs("term"), r.getAs("reference") == null ? "" : r.getAs("reference"), Html.pct(r.getAs("coefficient")),
                    Html.stat(r.getAs("t_hc3")), Html.p(r.getAs("p_hc3")), Html.stat(r.getAs("t_cluster")), Html.p(r.getAs("p_cluster")),
                    r.<Long>getAs("n_observations"), r.<Long>getAs("n_clusters")));
        }
        b.append("<h3>What explains a security's CAR ").append(span).append("</h3><p>OLS of each security's CAR on its role, market and "
                + "industry (against the most common level), estimation beta and residual sd; t from HC3 and from event-clustered errors. "
                + "Coefficients in CAR per unit (a dummy: percentage points).</p>");
        b.append(reg.isEmpty() ? "<p>Too few securities for a regression.</p>"
                : Html.table(List.of("pool", "term", "against", "coefficient", "t (HC3)", "p", "t (clustered)", "p", "N", "events"), reg));
        return b.append("</section>").toString();
    }

    /** "Across 13 incidents (pool firm_level), targets lost 4.96% over [0, +1] (t = -2.09, p = 0.060; 12 clusters); ..." */
    static String sentence(String pool, String span, List<Row> pooled) {
        List<String> parts = new ArrayList<>();
        long events = 0;
        for (Row r : pooled) {
            if (!r.<String>getAs("pool").equals(pool)) continue;
            events = Math.max(events, r.<Long>getAs("n_events"));
            double m = r.getAs("mean_caar");
            String role = r.getAs("role");
            parts.add((role.equals("member") ? "market members" : role + "s") + " " + (m < 0 ? "lost " : "gained ") + Html.pct(Math.abs(m)).substring(1)
                    + " (t = " + Html.stat(r.getAs("t_mean")) + ", " + Html.p(r.getAs("p_t_mean")) + "; " + r.<Long>getAs("n_events") + " events in "
                    + r.<Long>getAs("n_clusters") + " clusters)");
        }
        return "<p>Across " + events + " incidents (pool <code>" + Html.esc(pool) + "</code>), over " + span + ": " + String.join("; ", parts) + ".</p>";
    }
}
