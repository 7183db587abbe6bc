package org.cybermarket.cli;

import org.cybermarket.io.SparkSessions;
import org.cybermarket.store.Manifest;
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
        Manifest current = r.currentManifest();
        List<Manifest> runs = r.runRecords();
        Manifest latest = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (current == null && latest == null) {
            System.out.println("nothing to describe under " + r.location() + ": no run has published there yet");
            return 1;
        }
        if (current != null) {
            System.out.println("outputs: " + r.location() + (r.local() ? "/current" : "/" + OutputRoot.SNAPSHOTS + "/" + r.currentId())
                    + " (snapshot " + r.currentId() + ", published by " + run(current) + ")");
            current.datasets().forEach((name, rows) -> {
                Manifest.Source src = current.sources() == null ? null : current.sources().get(name);
                String from = src == null || src.runId() == null ? "?" : src.runId();
                StringBuilder parts = new StringBuilder();
                if (src != null && src.partitionsFrom() != null) src.partitionsFrom().forEach((p, by) -> {
                    if (!by.equals(from)) parts.append(parts.length() == 0 ? "; " : ", ").append(p).append(" from ").append(by);
                });
                System.out.printf(Locale.ROOT, "  %-24s %,12d rows  written by %s%s%n", name, rows,
                        from + (src != null && src.command() != null ? " (" + src.command() + ")" : ""), parts);
            });
        } else {
            System.out.println("outputs: none published under " + r.location());
        }
        if (latest != null && "failed".equals(latest.outcome())) {
            System.out.println("latest run: " + run(latest) + " FAILED at " + latest.endedAt() + ": " + latest.error());
            System.out.println("the outputs above are still those of the last run that succeeded; nothing of the failed run was published");
            return 1;
        }
        Manifest shown = latest != null ? latest : current;
        System.out.println("latest run: " + run(shown) + " succeeded at " + shown.endedAt());
        return 0;
    }

    private static String run(Manifest m) {
        return m.runId() + " (" + m.command() + ", as of " + m.asOf() + ")";
    }
}
