package org.cybermarket.cli;

import org.cybermarket.pipeline.Job;
import picocli.CommandLine.Command;

import java.util.List;

/** Every job in order, each publishing its outputs when it succeeds. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run every job in order on the configured inputs (default: the outage study on the bundled real-data extract, data/real).")
final class PipelineCommand extends JobCommand {
    @Override
    List<Job> jobs() {
        // A run that publishes one date's partitions needs only the jobs that lead to them.
        return options.asOfDateOnly ? Pipelines.daily() : Pipelines.all();
    }

    /** The report reads the outputs and the manifest, so it comes after both. */
    @Override
    void afterRun(org.apache.spark.sql.SparkSession spark, org.cybermarket.config.PipelineConfig cfg, org.cybermarket.pipeline.RunLog log) {
        log.info("report: " + org.cybermarket.report.Report.render(spark, cfg.out()));
    }
}
