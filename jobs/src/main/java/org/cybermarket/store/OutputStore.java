package org.cybermarket.store;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.cybermarket.input.InputFileException;
import org.cybermarket.io.Parallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one run writes. Every dataset is written whole to {@code <root>/_staging/<run>/<name>} (Parquet, snappy);
 * nothing a run writes is visible to anyone else until {@link OutputRoot#publish} switches the root to a new
 * snapshot holding all of it ({@link #toPublish}). The run's jobs read what earlier jobs of the run staged, and
 * otherwise the snapshot that was current when the run started ({@link #readLatest}).
 *
 * <p>A dataset staged with {@link #stagePartitions} is published partition by partition: each staged
 * {@code column=value} folder replaces the one of the same name and every other partition is carried over. In a
 * partitions-only store ({@link #partitionsOnly}, the daily runs) that is all a run publishes; what it staged whole
 * is read by its later jobs and then discarded.
 */
public final class OutputStore {
    private static final Pattern SAFE_NAME = Snapshot.DATASET_NAME;

    private final SparkSession spark;
    private final String staging;
    private final Snapshot base;
    /** Empty for the run's store; the job's name for a job's view ({@link #forJob}). */
    private final String job;
    /** What this store (or job view) staged and has not yet handed to the run. Synchronized: stageAll writes from several threads. */
    private final Map<String, Long> staged = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Shared by the run's store and its jobs' views: datasets of jobs that finished, by name, with their rows. */
    private final Map<String, Long> done;
    /** Shared: datasets staged as partitions, with their partition column. */
    private final Map<String, String> partial;
    private final boolean[] partitionsOnly;

    /**
     * @param stagingLocation where this run stages ({@link OutputRoot.Registration#stagingLocation()})
     * @param base            the snapshot current when the run started, or null on a new root
     */
    public OutputStore(SparkSession spark, String stagingLocation, Snapshot base) {
        this.spark = spark;
        this.staging = stagingLocation;
        this.base = base;
        this.job = "";
        this.done = Collections.synchronizedMap(new LinkedHashMap<>());
        this.partial = Collections.synchronizedMap(new LinkedHashMap<>());
        this.partitionsOnly = new boolean[1];
    }

    private OutputStore(OutputStore run, String job) {
        this.spark = run.spark;
        this.staging = run.staging;
        this.base = run.base;
        this.job = checkName(job);
        this.done = run.done;
        this.partial = run.partial;
        this.partitionsOnly = run.partitionsOnly;
    }

    /**
     * A job's view of the run's store: it stages into the same run folder and reads what earlier jobs staged; its
     * {@link #commit()} hands only what this job staged to the run, so a failed job leaves nothing to publish.
     */
    public OutputStore forJob(String jobName) {
        if (!job.isEmpty()) throw new IllegalStateException("forJob on the view of job " + job);
        return new OutputStore(this, jobName);
    }

    /** From now on publish only datasets staged with {@link #stagePartitions} (as-of-date runs). */
    public OutputStore partitionsOnly() {
        this.partitionsOnly[0] = true;
        return this;
    }

    /**
     * Stages rows that add or replace partitions of a dataset partitioned by {@code column}, leaving its other
     * partitions as they are when published. Returns the row count.
     */
    public long stagePartitions(String name, Dataset<Row> df, String column) {
        long rows = stage(name, df, column);
        partial.put(name, column);
        return rows;
    }

    /** Writes a dataset to staging and returns its row count (read back from the written files). */
    public long stage(String name, Dataset<Row> df, String... partitionBy) {
        // Its Spark jobs are named after the dataset ("write es_security_days") in the UI and the event log.
        var context = df.sparkSession().sparkContext();
        String previous = context.getLocalProperty("spark.job.description");
        context.setJobDescription("write " + name);
        try {
            String target = stagingPath(checkName(name));
            var writer = df.write().mode(SaveMode.Overwrite).option("compression", "snappy");
            // Double columns are written without a dictionary: returns, ARs and statistics almost never repeat, so
            // parquet-mr built a dictionary, filled it and threw it away on every page (most of the cost of writing
            // es_security_days). Price levels do repeat; without dictionaries the bundled prices are 4% larger.
            // Strings, dates and integers keep their dictionaries.
            for (var f : df.schema().fields()) {
                if (f.dataType() instanceof DoubleType) writer = writer.option("parquet.enable.dictionary#" + f.name(), "false");
            }
            if (partitionBy.length > 0) writer = writer.partitionBy(partitionBy);
            writer.parquet(target);
            if (partitionBy.length > 0 && Snapshot.parquetFiles(Snapshot.fs(spark, target), target, true).isEmpty()) {
                // An empty partitioned dataset has no files at all; write its schema so readers get an empty table.
                df.limit(0).write().mode(SaveMode.Overwrite).option("compression", "snappy").parquet(target);
            }
            long rows = Snapshot.rowCount(spark.sparkContext().hadoopConfiguration(), target);
            staged.put(name, rows);
            Faults.point("staged:" + name);
            return rows;
        } finally {
            context.setJobDescription(previous);
        }
    }

    /** One dataset to stage: its name, its rows and the columns it is partitioned by (none for one folder). */
    public record Staging(String name, Dataset<Row> rows, String... partitionBy) {}

    /**
     * Stages several datasets at the same time ({@link Parallel}) and returns their row counts by name in the given
     * order. If any write fails, the first failure is thrown once every write has ended.
     */
    public Map<String, Long> stageAll(List<Staging> stagings) {
        List<java.util.concurrent.Callable<Long>> writes = new ArrayList<>();
        for (Staging st : stagings) writes.add(() -> stage(st.name(), st.rows(), st.partitionBy()));
        List<Long> counts = Parallel.all("stage", writes);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (int i = 0; i < stagings.size(); i++) rows.put(stagings.get(i).name(), counts.get(i));
        return rows;
    }

    /** A dataset this run staged. */
    public Dataset<Row> readStaged(String name) {
        if (!staged.containsKey(name) && !done.containsKey(name)) throw new IllegalStateException(name + " was not staged in this run");
        return Snapshot.readParquet(spark, stagingPath(name));
    }

    /** The run's version of a dataset: staged in this run if it was, else the one published when the run started. */
    public Dataset<Row> readLatest(String name) {
        if (staged.containsKey(name) || done.containsKey(name)) return readStaged(name);
        if (base == null) throw new InputFileException(name, "dataset not found: nothing has been published in this output root yet; run the job that writes '" + name + "' first");
        return base.read(name);
    }

    /** True when this run staged the dataset or the snapshot it started from holds it. */
    public boolean exists(String name) {
        return staged.containsKey(name) || done.containsKey(name) || (base != null && base.exists(name));
    }

    /** The job's datasets are complete: hand them to the run, which publishes them together when every job is done. */
    public void commit() {
        synchronized (staged) {
            done.putAll(staged);
            staged.clear();
        }
    }

    /** What the run publishes: every finished job's datasets (in a partitions-only run, only the partitioned ones). */
    public List<OutputRoot.Staged> toPublish() {
        List<OutputRoot.Staged> out = new ArrayList<>();
        synchronized (done) {
            for (Map.Entry<String, Long> e : done.entrySet()) {
                String column = partial.get(e.getKey());
                if (column != null) {
                    List<String> parts = new ArrayList<>();
                    try {
                        var fs = Snapshot.fs(spark, stagingPath(e.getKey()));
                        for (var st : fs.listStatus(new org.apache.hadoop.fs.Path(stagingPath(e.getKey())))) {
                            if (st.isDirectory() && st.getPath().getName().startsWith(column + "=")) parts.add(st.getPath().getName());
                        }
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                    out.add(new OutputRoot.Staged(e.getKey(), e.getValue(), column, parts));
                } else if (!partitionsOnly[0]) {
                    out.add(OutputRoot.Staged.whole(e.getKey(), e.getValue()));
                }
            }
        }
        return out;
    }

    private String stagingPath(String name) {
        return staging + "/" + name;
    }

    /** Dataset names are fixed snake_case words: nothing from an input can steer a path outside the root. */
    static String checkName(String name) {
        if (!SAFE_NAME.matcher(name).matches()) throw new IllegalArgumentException("unsafe dataset name '" + name + "'");
        return name;
    }
}
