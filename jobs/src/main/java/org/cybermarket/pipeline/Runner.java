package org.cybermarket.pipeline;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.io.OutputStore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs jobs in order against one output root and writes the manifest last. Each job's outputs are staged
 * and published when the job succeeds; a failing job publishes nothing and the manifest records the failure.
 */
public final class Runner {
    private Runner() {}

    public static RunManifest run(SparkSession spark, PipelineConfig cfg, List<Job> jobs, String command, String master,
                                  Map<String, String> sparkConf, List<String> catalogues, RunLog log, boolean asOfDateOnly) {
        Instant start = Instant.now();
        LocalDate asOf = cfg.asOf() != null ? cfg.asOf() : LocalDate.now(ZoneOffset.UTC);
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(start)
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        OutputStore store = new OutputStore(spark, cfg.out(), runId);
        if (asOfDateOnly) store.partitionsOnly();
        JobContext ctx = new JobContext(spark, cfg, store, log, asOf, asOfDateOnly);
        String outcome = "succeeded";
        String error = null;
        RuntimeException failure = null;
        List<RunManifest.InputFile> inputs = List.of();
        try {
            inputs = Manifests.inputs(spark, cfg, catalogues);
            for (Job job : jobs) {
                job.run(ctx);
                store.commit();
            }
            store.finish();
        } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown from Scala
            store.abandon();
            outcome = "failed";
            error = Errors.oneLine(e);
            failure = e instanceof RuntimeException re ? re : new IllegalStateException(error, e);
        }
        RunManifest manifest = new RunManifest(runId, asOfDateOnly ? command + " --as-of-date-only" : command, asOf, start, Instant.now(), version(), spark.version(), master,
                Manifests.redact(sparkConf), cfg, inputs, store.published(), DatasetContract.schemaVersions(store.published().keySet()),
                log.stages(), outcome, error);
        Manifests.write(spark, cfg.out(), manifest);
        if (failure != null) throw failure;
        return manifest;
    }

    public static String version() {
        String v = Runner.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
