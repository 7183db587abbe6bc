package org.cybermarket.pipeline;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.store.Faults;
import org.cybermarket.store.Manifest;
import org.cybermarket.store.OutputRoot;
import org.cybermarket.store.OutputStore;
import org.cybermarket.store.Snapshot;

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
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs jobs against one output root, each after the jobs it needs, and publishes all their outputs together as the
 * root's new snapshot when every job has succeeded ({@link OutputRoot#publish}): all or nothing. A failed run
 * publishes nothing; its record in {@code _runs/} says why.
 */
public final class Runner {
    private Runner() {}

    public static Manifest run(SparkSession spark, PipelineConfig cfg, List<Job> jobs, String command, String master,
                                  Map<String, String> sparkConf, List<String> catalogues, RunLog log, boolean asOfDateOnly,
                                  Consumer<Snapshot> report) {
        Instant start = Instant.now();
        LocalDate asOf = cfg.asOf() != null ? cfg.asOf() : LocalDate.now(ZoneOffset.UTC);
        String runId = newRunId(start);
        String fullCommand = asOfDateOnly ? command + " --as-of-date-only" : command;
        OutputRoot root = OutputRoot.forWriting(cfg.out(), spark.sparkContext().hadoopConfiguration());
        OutputRoot.Mode mode = asOfDateOnly ? OutputRoot.Mode.DAILY : OutputRoot.Mode.FULL;
        Map<String, String> conf = Manifests.redact(sparkConf);
        try (OutputRoot.Registration reg = root.admit(runId, fullCommand, mode, asOfDateOnly ? asOf.toString() : null, log::info)) {
            Faults.point("admitted");
            OutputStore store = new OutputStore(spark, reg.stagingLocation(), root.snapshot(spark, reg.base()));
            if (asOfDateOnly) store.partitionsOnly();
            JobContext ctx = new JobContext(spark, cfg, store, log, asOf, asOfDateOnly);
            try {
                // The inputs' checksums are computed while the jobs run (reading a few files on the driver).
                CompletableFuture<List<Manifest.InputFile>> checksums = CompletableFuture.supplyAsync(() -> Manifests.inputs(spark, cfg, catalogues));
                RuntimeException jobFailure = null;
                try {
                    runAll(jobs, ctx);
                } catch (RuntimeException e) {
                    jobFailure = e;
                }
                List<Manifest.InputFile> checked = List.of();
                try {
                    checked = checksums.join();
                } catch (CompletionException e) { // a job's failure says more than a checksum's
                    if (jobFailure == null) throw e.getCause() instanceof RuntimeException re ? re : e;
                }
                if (jobFailure != null) throw jobFailure;
                List<Manifest.InputFile> inputs = checked;
                Manifest[] published = new Manifest[1];
                root.publish(spark, new OutputRoot.Publisher(reg, fullCommand, asOf.toString()), store.toPublish(), sources -> {
                    published[0] = succeeded(runId, fullCommand, asOf, start, spark, master, conf, cfg, inputs, sources, log);
                    return published[0].json();
                }, report, log::info);
                return published[0];
            } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown from Scala
                root.discardStaging(runId);
                String error = Errors.oneLine(e);
                root.recordRun(runId, new Manifest(runId, fullCommand, asOf, start, Instant.now(), version(), spark.version(),
                        master, conf, cfg, List.of(), Map.of(), Map.of(), Map.of(), log.stages(), "failed", error).json());
                throw e instanceof RuntimeException re ? re : new IllegalStateException(error, e);
            }
        }
    }

    private static Manifest succeeded(String runId, String command, LocalDate asOf, Instant start, SparkSession spark, String master,
                                         Map<String, String> conf, Object cfg, List<Manifest.InputFile> inputs,
                                         Map<String, Manifest.Source> sources, RunLog log) {
        Map<String, Long> rows = new TreeMap<>();
        sources.forEach((name, src) -> rows.put(name, src.rows()));
        return new Manifest(runId, command, asOf, start, Instant.now(), version(), spark.version(), master, conf, cfg,
                inputs, rows, sources, DatasetContract.schemaVersions(rows.keySet()), log.stages(), "succeeded", null);
    }

    /**
     * Renders the report of the current snapshot again and publishes it as a new snapshot that carries every dataset
     * over unchanged (their sources stay those of the runs that wrote them).
     */
    public static Manifest rerender(SparkSession spark, String rootLocation, String master, RunLog log, Consumer<Snapshot> report) {
        Instant start = Instant.now();
        String runId = newRunId(start);
        OutputRoot root = OutputRoot.forReading(rootLocation, spark.sparkContext().hadoopConfiguration());
        if (root.currentId() == null) throw new org.cybermarket.input.InputFileException(root.location(), "nothing has been published here yet: run the pipeline first");
        try (OutputRoot.Registration reg = root.admit(runId, "report", OutputRoot.Mode.REPORT, null, log::info)) {
            Manifest[] published = new Manifest[1];
            root.publish(spark, new OutputRoot.Publisher(reg, "report", null), List.of(), sources -> {
                published[0] = succeeded(runId, "report", null, start, spark, master, Map.of(), null, List.of(), sources, log);
                return published[0].json();
            }, report, log::info);
            return published[0];
        }
    }

    static String newRunId(Instant start) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(start)
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
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
                        Faults.point("job-done:" + job.name());
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
