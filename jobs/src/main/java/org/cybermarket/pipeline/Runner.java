package org.cybermarket.pipeline;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.io.OutputStore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs jobs against one output root, each after the jobs it needs, and writes the manifest last. Each job's outputs
 * are staged and published when the job succeeds; a failing job publishes nothing and the manifest records the failure.
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
            // The inputs' checksums are computed while the jobs run (reading a few files on the driver).
            CompletableFuture<List<RunManifest.InputFile>> checksums = CompletableFuture.supplyAsync(() -> Manifests.inputs(spark, cfg, catalogues));
            RuntimeException jobFailure = null;
            try {
                runAll(jobs, ctx);
            } catch (RuntimeException e) {
                jobFailure = e;
            }
            try {
                inputs = checksums.join();
            } catch (CompletionException e) { // a job's failure says more than a checksum's
                if (jobFailure == null) throw e.getCause() instanceof RuntimeException re ? re : e;
            }
            if (jobFailure != null) throw jobFailure;
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

    /**
     * Runs each job once the jobs it needs (among these) have published, each in its own thread: jobs that do not
     * need each other run at the same time, which on small inputs overlaps one job's driver work (planning, code
     * generation) with another's tasks. A job that fails publishes nothing and the jobs that need it do not start;
     * the others finish. Then the first failure is thrown.
     */
    static void runAll(List<Job> jobs, JobContext run) {
        Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs.size()), r -> {
            Thread t = new Thread(r, "cybermarket-job");
            t.setDaemon(true);
            return t;
        });
        try {
            Set<String> names = new HashSet<>();
            for (Job job : jobs) names.add(job.name());
            Set<String> listed = new HashSet<>();
            for (Job job : jobs) { // checked before any job starts
                for (String n : job.needs()) {
                    if (names.contains(n) && !listed.contains(n)) throw new IllegalStateException("job " + job.name() + " needs " + n + ", listed after it");
                }
                listed.add(job.name());
            }
            for (Job job : jobs) {
                List<CompletableFuture<Void>> needed = new ArrayList<>();
                for (String n : job.needs()) {
                    if (names.contains(n)) needed.add(started.get(n)); // a job not in this run: its published outputs are read
                }
                JobContext ctx = new JobContext(run.spark(), run.config(), run.store().forJob(job.name()), run.log(), run.asOf(), run.asOfDateOnly());
                started.put(job.name(), CompletableFuture.allOf(needed.toArray(CompletableFuture[]::new)).thenRunAsync(() -> {
                    try {
                        job.run(ctx);
                        ctx.store().commit();
                    } catch (Throwable e) { // Spark's AnalysisException is a checked exception thrown from Scala
                        failures.add(e instanceof RuntimeException re ? re : new IllegalStateException(Errors.oneLine(e), e));
                        throw e;
                    }
                }, pool));
            }
            try {
                CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                if (failures.isEmpty()) throw e;
            }
            if (!failures.isEmpty()) throw failures.get(0);
        } finally {
            pool.shutdownNow();
        }
    }

    public static String version() {
        String v = Runner.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
