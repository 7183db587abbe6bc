package org.cybermarket.cli;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.ingest.IngestJob;
import org.cybermarket.io.SparkSessions;
import org.cybermarket.pipeline.Job;
import org.cybermarket.pipeline.RunLog;
import org.cybermarket.store.Manifest;
import org.cybermarket.store.OutputRoot;
import org.cybermarket.store.Snapshot;
import org.cybermarket.report.Report;
import org.cybermarket.pipeline.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        Map<String, String> conf = options.conf.map(spec.commandLine());
        // Checked before Spark starts: a wrong --out fails in a second, not after a minute of work.
        OutputRoot.checkWritable(cfg.out());
        OutputRoot.checkApart(cfg.out(), options.inputPaths(cfg));
        // A mistyped input path or a link loop fails here, in a second, rather than after Spark has started.
        boolean localMaster = options.sparkMaster() != null && options.sparkMaster().startsWith("local");
        if (localMaster && jobs().stream().anyMatch(IngestJob.class::isInstance)) IngestJob.checkInputs(cfg);
        RunLog log = new RunLog(System.out);
        SparkSession spark = SparkSessions.create(options.sparkMaster(), conf);
        Manifest m = Runner.run(spark, cfg, jobs(), spec.name(), spark.sparkContext().master(), conf,
                options.catalogues(cfg), log, asOfDateOnly(), snapshot -> Report.render(spark, snapshot));
        boolean local = OutputRoot.isLocal(cfg.out());
        String root = local ? Path.of(cfg.out()).toAbsolutePath().normalize().toString() : cfg.out();
        String shown = local ? root + "/current" : root + "/" + OutputRoot.SNAPSHOTS + "/" + m.runId();
        log.info("published: " + shown + " (snapshot " + m.runId() + ")");
        m.sources().forEach((name, src) -> log.info(String.format("  %-24s %,12d rows  %s", name, src.rows(),
                src.runId().equals(m.runId()) && src.partitionsFrom().isEmpty() ? "written by this run"
                        : src.partitionsFrom().containsValue(m.runId()) ? "partitions " + partitions(src, m.runId()) + " written by this run"
                        : "kept from run " + src.runId())));
        log.info("manifest: " + shown + "/" + Snapshot.MANIFEST);
        if (local) log.info("report: " + shown + "/report/index.html");
        return 0;
    }

    private static String partitions(Manifest.Source src, String runId) {
        List<String> out = new java.util.ArrayList<>();
        src.partitionsFrom().forEach((p, r) -> {
            if (r.equals(runId)) out.add(p);
        });
        return String.join(", ", out);
    }
}
