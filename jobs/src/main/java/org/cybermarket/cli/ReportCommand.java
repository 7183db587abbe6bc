package org.cybermarket.cli;

import org.cybermarket.io.SparkSessions;
import org.cybermarket.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** Renders the HTML report from an output root (its Parquet datasets and run manifest only). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write <out>/report/index.html with PNG charts, from the Parquet outputs and the run manifest only.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output root (default: ${DEFAULT-VALUE}); a local folder.")
    String root;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Override
    public Integer call() {
        var spark = SparkSessions.create(master, Map.of());
        System.out.println("report: " + Report.render(spark, root));
        return 0;
    }
}
