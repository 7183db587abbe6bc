package org.cybermarket.cli;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.io.OutputStore;
import org.cybermarket.io.SparkSessions;
import org.cybermarket.pipeline.Manifests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** The datasets under an output root with their row counts and the last run. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "List the output datasets with row counts and the last run.")
final class DescribeCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output root (default: ${DEFAULT-VALUE}).")
    String root;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Override
    public Integer call() throws java.io.IOException {
        SparkSession spark = SparkSessions.create(master, java.util.Map.of());
        OutputStore store = new OutputStore(spark, root, "describe");
        for (String name : store.datasets()) {
            var df = store.read(name);
            System.out.printf("%-24s %,12d rows  %s%n", name, df.count(), String.join(", ", df.columns()));
        }
        String manifest = Manifests.read(spark, root);
        if (manifest == null) {
            System.out.println("no run manifest under " + root);
        } else {
            var node = org.cybermarket.config.ConfigLoader.jsonMapper().readTree(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.println("last run: " + node.path("run_id").asText() + " (" + node.path("command").asText() + ", as of "
                    + node.path("as_of").asText() + ") " + node.path("outcome").asText() + " at " + node.path("ended_at").asText());
        }
        return 0;
    }
}
