package org.cybermarket.cli;

import org.cybermarket.io.SparkSessions;
import org.cybermarket.pipeline.RunLog;
import org.cybermarket.pipeline.Runner;
import org.cybermarket.report.Report;
import org.cybermarket.store.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Renders the report of the current outputs again (after an upgrade, say) and publishes it as a new snapshot: the
 * datasets are carried over unchanged, so readers see the old report or the new one, never a half-written page.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render <out>/current/report/index.html again from the published Parquet outputs and manifest, as a new snapshot.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output root (default: ${DEFAULT-VALUE}); a local folder.")
    String root;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Override
    public Integer call() {
        org.cybermarket.store.OutputRoot.checkWritable(root);
        var spark = SparkSessions.create(master, Map.of());
        RunLog log = new RunLog(System.out);
        Manifest m = Runner.rerender(spark, root, spark.sparkContext().master(), log, snapshot -> Report.render(spark, snapshot));
        System.out.println("report: " + Path.of(root).toAbsolutePath().normalize() + "/current/report/index.html (snapshot " + m.runId() + ")");
        return 0;
    }
}
