package org.cybermarket.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.cybermarket.store.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The line under each report section that says which run wrote the data it shows. After a daily run
 * ({@code --as-of-date-only}) a snapshot mixes runs: most datasets come from the last full run and one partition of
 * sector_returns from the daily run; the report says so where the numbers are, not only in the run summary.
 */
final class Sources {
    private Sources() {}

    /** A note naming, for the given datasets, the run (command, as-of date) that wrote each, grouped by run. */
    static String note(Snapshot snapshot, List<String> datasets) {
        JsonNode m = snapshot.manifest();
        if (m == null) return "";
        JsonNode sources = m.path("sources");
        Map<String, List<String>> byRun = new LinkedHashMap<>();
        List<String> partitions = new ArrayList<>();
        for (String ds : datasets) {
            JsonNode src = sources.path(ds);
            if (src.isMissingNode()) continue;
            String run = src.path("run_id").asText("");
            String key = "run " + run + " (" + src.path("command").asText("?") + ", as of " + src.path("as_of").asText("?") + ")";
            byRun.computeIfAbsent(key, k -> new ArrayList<>()).add(ds);
            src.path("partitions_from").fields().forEachRemaining(p -> {
                if (!p.getValue().asText().equals(run)) partitions.add(ds + "/" + p.getKey() + " from run " + p.getValue().asText());
            });
        }
        if (byRun.isEmpty()) return "";
        List<String> parts = new ArrayList<>();
        byRun.forEach((run, ds) -> parts.add(String.join(", ", ds) + ": " + run));
        String text = "Data: " + String.join("; ", parts) + (partitions.isEmpty() ? "" : "; replaced since: " + String.join("; ", partitions)) + ".";
        return "<p class=\"note sources\">" + Html.esc(text) + "</p>";
    }

    /** The section's HTML with its sources note placed before its closing tag. */
    static String under(String section, Snapshot snapshot, List<String> datasets) {
        int end = section.lastIndexOf("</section>");
        return end < 0 ? section : section.substring(0, end) + note(snapshot, datasets) + section.substring(end);
    }
}
