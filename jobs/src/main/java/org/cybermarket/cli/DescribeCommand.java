package org.cybermarket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.cybermarket.io.SparkSessions;
import org.cybermarket.store.OutputRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What an output root shows and how its latest run ended, from the manifests alone (no Spark job on a local root).
 * Exit 0 when the outputs shown are the latest run's; 1 when there is nothing to describe or the latest run failed.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"List the published datasets (rows, and the run that wrote each) and how the latest run ended.",
                "Exit code 0: the outputs are those of the latest run; 1: nothing published yet, or the latest run failed (its reason is printed)."})
final class DescribeCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output root (default: ${DEFAULT-VALUE}).")
    String root;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master, for output roots outside the local disk (default: ${DEFAULT-VALUE}).")
    String master;

    @Override
    public Integer call() {
        var conf = OutputRoot.isLocal(root) ? new org.apache.hadoop.conf.Configuration()
                : SparkSessions.create(master, Map.of()).sparkContext().hadoopConfiguration();
        OutputRoot r = OutputRoot.forReading(root, conf);
        JsonNode current = r.currentManifest();
        List<JsonNode> runs = r.runRecords();
        JsonNode latest = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (current == null && latest == null) {
            System.out.println("nothing to describe under " + r.location() + ": no run has published there yet");
            return 1;
        }
        if (current != null) {
            System.out.println("outputs: " + r.location() + (r.local() ? "/current" : "/" + OutputRoot.SNAPSHOTS + "/" + r.currentId())
                    + " (snapshot " + r.currentId() + ", published by " + run(current) + ")");
            JsonNode sources = current.path("sources");
            current.path("datasets").fields().forEachRemaining(e -> {
                JsonNode src = sources.path(e.getKey());
                String from = src.path("run_id").asText("?");
                StringBuilder parts = new StringBuilder();
                src.path("partitions_from").fields().forEachRemaining(p -> {
                    if (!p.getValue().asText().equals(from)) parts.append(parts.length() == 0 ? "; " : ", ").append(p.getKey()).append(" from ").append(p.getValue().asText());
                });
                System.out.printf(Locale.ROOT, "  %-24s %,12d rows  written by %s%s%n", e.getKey(), e.getValue().asLong(),
                        from + (src.hasNonNull("command") ? " (" + src.get("command").asText() + ")" : ""), parts);
            });
        } else {
            System.out.println("outputs: none published under " + r.location());
        }
        if (latest != null && "failed".equals(latest.path("outcome").asText())) {
            System.out.println("latest run: " + run(latest) + " FAILED at " + latest.path("ended_at").asText() + ": " + latest.path("error").asText());
            System.out.println("the outputs above are still those of the last run that succeeded; nothing of the failed run was published");
            return 1;
        }
        System.out.println("latest run: " + run(latest != null ? latest : current) + " succeeded at "
                + (latest != null ? latest : current).path("ended_at").asText());
        return 0;
    }

    private static String run(JsonNode m) {
        return m.path("run_id").asText() + " (" + m.path("command").asText() + ", as of " + m.path("as_of").asText() + ")";
    }
}
