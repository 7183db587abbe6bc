package org.cybermarket.cli;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.ingest.IngestJob;
import org.cybermarket.io.SparkSessions;
import org.cybermarket.pipeline.Job;
import org.cybermarket.pipeline.RunLog;
import org.cybermarket.pipeline.RunManifest;
import org.cybermarket.pipeline.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Shared body of the job commands: load config, start Spark, run the jobs, say where the outputs are. */
abstract class JobCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    abstract List<Job> jobs();

    /** True for a run that publishes only the as-of date's partitions (commands with {@link DailyRunOption}). */
    boolean asOfDateOnly() {
        return false;
    }

    @Override
    public Integer call() {
        if (asOfDateOnly() && options.asOf == null) {
            throw new ParameterException(spec.commandLine(), "--as-of-date-only needs --as-of DATE: the date whose partitions to replace");
        }
        PipelineConfig cfg = options.load();
        // A mistyped input path or a link loop fails here, in a second, rather than after Spark has started.
        boolean local = options.sparkMaster() != null && options.sparkMaster().startsWith("local");
        if (local && jobs().stream().anyMatch(IngestJob.class::isInstance)) IngestJob.checkInputs(cfg);
        RunLog log = new RunLog(System.out);
        SparkSession spark = SparkSessions.create(options.sparkMaster(), options.conf);
        RunManifest m = Runner.run(spark, cfg, jobs(), spec.name(), spark.sparkContext().master(), options.conf,
                options.catalogues(cfg), log, asOfDateOnly());
        String root = Path.of(cfg.out()).toAbsolutePath().normalize().toString();
        log.info("outputs under " + root + ":");
        m.datasets().forEach((name, rows) -> log.info(String.format("  %-24s %,12d rows  %s/%s", name, rows, root, name)));
        log.info("manifest: " + root + "/_manifest.json (run " + m.runId() + ")");
        afterRun(spark, cfg, log);
        return 0;
    }

    /** What a command does once its run and manifest are written (the pipeline renders the report). */
    void afterRun(SparkSession spark, PipelineConfig cfg, RunLog log) {
    }
}
