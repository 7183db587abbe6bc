package org.cybermarket.pipeline;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Schema versions of the output datasets: bumped when a column changes meaning or is removed. Version 2 of the event
 * study's datasets: each model's own prediction-error factor and Patell term, Student-t Brown-Warner p-values, the
 * Wilcoxon test without zeros and with exact p-values, the CAR Brown-Warner 1985 over the window's days with an AR.
 */
public final class DatasetContract {
    public static final Map<String, Integer> SCHEMA_VERSIONS = Map.ofEntries(
            Map.entry("securities", 1), Map.entry("prices", 1), Map.entry("factors", 1), Map.entry("rejects", 1),
            Map.entry("ingest_reconciliation", 1), Map.entry("calendar", 1), Map.entry("returns", 1),
            Map.entry("quality_warnings", 1), Map.entry("sector_returns", 2), Map.entry("events", 1),
            Map.entry("event_days", 1), Map.entry("es_security_days", 2), Map.entry("es_security_windows", 2),
            Map.entry("es_group_days", 2), Map.entry("es_group_windows", 2), Map.entry("es_exclusions", 1),
            Map.entry("es_pooled_events", 1), Map.entry("es_pooled_windows", 1), Map.entry("es_regression", 1),
            Map.entry("es_estimation_flags", 1),
            Map.entry("research_figures", 1), Map.entry("market_forecast", 1), Map.entry("forecast_comparison", 1),
            Map.entry("forecast_revisions", 1), Map.entry("realized_vs_projected", 1));

    private DatasetContract() {}

    public static Map<String, Integer> schemaVersions(Collection<String> names) {
        Map<String, Integer> out = new TreeMap<>();
        for (String n : names) out.put(n, SCHEMA_VERSIONS.getOrDefault(n, 1));
        return out;
    }
}
