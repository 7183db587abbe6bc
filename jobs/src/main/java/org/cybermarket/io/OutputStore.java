package org.cybermarket.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every output goes through here. A dataset is written whole to {@code <root>/_staging/<run>/<name>} and only
 * then moved into {@code <root>/<name>} by rename, so a reader sees the previous complete dataset or the new
 * complete one, never a half-written one; a run that fails before {@link #commit()} leaves the old outputs as
 * they were. Parquet, snappy-compressed.
 *
 * <p>A dataset staged with {@link #stagePartitions} is published partition by partition instead: each of its
 * staged {@code column=value} folders replaces the folder of the same name (rename), and every other partition
 * stays as it was. In a partitions-only store ({@link #partitionsOnly}) that is all a run publishes; what it staged
 * whole is read by its later jobs and then discarded.
 */
public final class OutputStore {
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final SparkSession spark;
    private final String root;
    private final String runId;
    /** Empty for the run's store; the job's name for a job's view ({@link #forJob}). */
    private final String job;
    // Synchronized: stageAll stages from several threads at once, and jobs of a run may run at the same time.
    private final Map<String, Long> staged = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    /** Shared by the run's store and its jobs' views, as are partial and runOnly. */
    private final Map<String, Long> published;
    /** Datasets staged as partitions to add or replace, not as whole datasets. */
    private final java.util.Set<String> partial;
    /** Datasets staged whole in a partitions-only store: readable by later jobs of the run, never published. */
    private final Map<String, Long> runOnly;
    private boolean partitionsOnly;
    /** Test hook: fail after staging this dataset, before anything is published. */
    private final String failAfter;

    public OutputStore(SparkSession spark, String root, String runId) {
        this.spark = spark;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.runId = runId;
        this.job = "";
        this.published = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        this.partial = java.util.Collections.synchronizedSet(new java.util.HashSet<>());
        this.runOnly = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        this.failAfter = System.getProperty("cybermarket.test.failAfterStaging");
    }

    private OutputStore(OutputStore run, String job) {
        this.spark = run.spark;
        this.root = run.root;
        this.runId = run.runId;
        this.job = checkName(job);
        this.published = run.published;
        this.partial = run.partial;
        this.runOnly = run.runOnly;
        this.partitionsOnly = run.partitionsOnly;
        this.failAfter = run.failAfter;
    }

    /**
     * A job's view of the run's store: it stages into the same run folder and reads what earlier jobs published,
     * but its {@link #commit()} publishes only what this job staged, so jobs of one run can run at the same time.
     */
    public OutputStore forJob(String jobName) {
        if (!job.isEmpty()) throw new IllegalStateException("forJob on the view of job " + job);
        return new OutputStore(this, jobName);
    }

    public String root() { return root; }

    /** From now on publish only datasets staged with {@link #stagePartitions} (as-of-date runs). */
    public OutputStore partitionsOnly() {
        this.partitionsOnly = true;
        return this;
    }

    /**
     * Stages rows that add or replace partitions of a dataset partitioned by {@code column}, leaving its other
     * partitions as they are when published. Returns the row count.
     */
    public long stagePartitions(String name, Dataset<Row> df, String column) {
        long rows = stage(name, df, column);
        partial.add(name);
        return rows;
    }

    public String path(String name) {
        return root + "/" + checkName(name);
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
            if (partitionBy.length > 0 && !hasParquet(target)) {
                // An empty partitioned dataset has no files at all; write its schema so readers get an empty table.
                df.limit(0).write().mode(SaveMode.Overwrite).option("compression", "snappy").parquet(target);
            }
            long rows = rowCount(target);
            staged.put(name, rows);
            if (name.equals(failAfter)) throw new IllegalStateException("injected failure after staging " + name);
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

    /** A dataset this run staged but has not published yet. */
    public Dataset<Row> readStaged(String name) {
        if (!staged.containsKey(name) && !runOnly.containsKey(name)) throw new IllegalStateException(name + " was not staged in this run");
        return readParquet(stagingPath(name));
    }

    /** The run's version of a dataset: staged in this run if it was, else the published one. */
    public Dataset<Row> readLatest(String name) {
        return staged.containsKey(name) || runOnly.containsKey(name) ? readStaged(name) : read(name);
    }

    /** Moves every dataset staged here (for a job's view: by that job) into place. */
    public void commit() {
        try {
            FileSystem fs = fs();
            Path trash = new Path(root + "/_staging/" + runId + "_replaced" + (job.isEmpty() ? "" : "_" + job));
            for (String name : List.copyOf(staged.keySet())) {
                if (partial.contains(name)) {
                    publishPartitions(fs, name, trash);
                } else if (partitionsOnly) {
                    runOnly.put(name, staged.get(name));
                    continue;
                } else {
                    Path finalPath = new Path(path(name));
                    Path old = new Path(trash, name);
                    if (fs.exists(finalPath)) {
                        fs.mkdirs(trash);
                        if (!fs.rename(finalPath, old)) throw new IOException("cannot move aside " + finalPath);
                    }
                    if (!fs.rename(new Path(stagingPath(name)), finalPath)) throw new IOException("cannot publish " + finalPath);
                }
                published.put(name, staged.get(name));
            }
            staged.clear();
            fs.delete(trash, true);
            // Other jobs of the run may still be staging into the run folder: the run's store removes it (finish).
            if (job.isEmpty() && runOnly.isEmpty()) fs.delete(new Path(root + "/_staging/" + runId), true);
        } catch (IOException e) {
            throw new UncheckedIOException("publishing outputs under " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Each staged partition folder replaces the published one of the same name, one rename each; the others stay.
     * Refuses partitions whose columns differ from the published dataset's (a full run must rewrite it first).
     */
    private void publishPartitions(FileSystem fs, String name, Path trash) throws IOException {
        Path stagedDir = new Path(stagingPath(name));
        Path finalDir = new Path(path(name));
        List<Path> parts = new ArrayList<>();
        for (var st : fs.listStatus(stagedDir)) if (st.isDirectory() && st.getPath().getName().contains("=")) parts.add(st.getPath());
        if (parts.isEmpty()) return; // no rows for the date: nothing to replace
        if (fs.exists(finalDir) && hasParquet(finalDir.toString())) {
            var before = spark.read().parquet(finalDir.toString()).schema();
            var now = spark.read().parquet(stagedDir.toString()).schema();
            if (!before.equals(now)) {
                throw new IOException("cannot add partitions to " + finalDir + ": its columns " + before.simpleString()
                        + " differ from this run's " + now.simpleString() + "; rerun without --as-of-date-only first");
            }
        }
        fs.mkdirs(finalDir);
        for (Path staged : parts) {
            String part = staged.getName();
            Path target = new Path(finalDir, part);
            if (fs.exists(target)) {
                Path aside = new Path(trash, name + "/" + part);
                fs.mkdirs(aside.getParent());
                if (!fs.rename(target, aside)) throw new IOException("cannot move aside " + target);
            }
            if (!fs.rename(staged, target)) throw new IOException("cannot publish " + target);
        }
    }

    /** Removes this run's staging folder once the run is over (what a partitions-only run kept for its own jobs). */
    public void finish() {
        runOnly.clear();
        abandon();
    }

    /** Removes what this run staged but did not publish (after a failure). */
    public void abandon() {
        try {
            fs().delete(new Path(root + "/_staging/" + runId), true);
        } catch (IOException ignored) {
            // best effort: staging is never read
        }
    }

    public Map<String, Long> published() {
        synchronized (published) {
            return Map.copyOf(published);
        }
    }

    public boolean exists(String name) {
        try {
            return fs().exists(new Path(path(name)));
        } catch (IOException e) {
            return false;
        }
    }

    public Dataset<Row> read(String name) {
        if (!exists(name)) throw new InputFileException(path(name), "dataset not found: run the job that writes '" + name + "' first");
        return readParquet(path(name));
    }

    public List<String> datasets() {
        List<String> out = new ArrayList<>();
        try {
            FileSystem fs = fs();
            Path r = new Path(root);
            if (!fs.exists(r)) return out;
            for (var s : fs.listStatus(r)) {
                String n = s.getPath().getName();
                // A dataset is a folder holding Parquet files (stage() guarantees one even when empty);
                // anything else, such as another output root nested here, is not.
                if (s.isDirectory() && SAFE_NAME.matcher(n).matches() && hasParquet(s.getPath().toString())) out.add(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(String::compareTo);
        return out;
    }

    private boolean hasParquet(String dir) {
        return !parquetFiles(dir, true).isEmpty();
    }

    /**
     * The dataset's Parquet files: directly inside {@code dir} or under key=value partition folders only (an output
     * root nested here, such as out/real/prices/..., is not part of it).
     */
    private List<FileStatus> parquetFiles(FileSystem fs, String dir, boolean firstOnly) {
        try {
            List<FileStatus> files = new ArrayList<>();
            Path p = new Path(dir);
            if (fs.exists(p)) collectParquet(fs, p, firstOnly, files);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Walks with listStatus, not listFiles: the located statuses of listFiles read each file's permissions, which
     * Hadoop's local file system does by forking a process per file when its native library is absent.
     */
    private static boolean collectParquet(FileSystem fs, Path dir, boolean firstOnly, List<FileStatus> into) throws IOException {
        for (FileStatus f : fs.listStatus(dir)) {
            String name = f.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) continue;
            if (f.isDirectory()) {
                if (name.contains("=") && collectParquet(fs, f.getPath(), firstOnly, into)) return true;
            } else if (name.endsWith(".parquet")) {
                into.add(f);
                if (firstOnly) return true;
            }
        }
        return false;
    }

    private List<FileStatus> parquetFiles(String dir, boolean firstOnly) {
        return parquetFiles(fsOf(dir), dir, firstOnly);
    }

    private FileSystem fsOf(String dir) {
        try {
            return new Path(dir).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rows of a written dataset: the sum of the row counts in its Parquet footers, read on the driver with no Spark
     * job (a count job per dataset was a tenth of the bundled pipeline's time).
     */
    long rowCount(String dir) {
        FileSystem fs = fsOf(dir);
        long rows = 0;
        for (FileStatus f : parquetFiles(fs, dir, false)) rows += ParquetFooters.read(fs, f).getNum_rows();
        return rows;
    }

    /**
     * Reads a dataset, giving the reader the schema Spark wrote into a footer, so that it needs no schema-inference
     * job (partition columns are still found from the folder names).
     */
    private Dataset<Row> readParquet(String dir) {
        FileSystem fs = fsOf(dir);
        List<FileStatus> first = parquetFiles(fs, dir, true);
        var schema = first.isEmpty() ? null : ParquetFooters.sparkSchema(ParquetFooters.read(fs, first.get(0)));
        return schema == null ? spark.read().parquet(dir) : spark.read().schema(schema).parquet(dir);
    }

    private String stagingPath(String name) {
        return root + "/_staging/" + runId + "/" + name;
    }

    private FileSystem fs() throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        return new Path(root).getFileSystem(conf);
    }

    /** Dataset names are fixed snake_case words: nothing from an input can steer a path outside the root. */
    static String checkName(String name) {
        if (!SAFE_NAME.matcher(name).matches()) throw new IllegalArgumentException("unsafe dataset name '" + name + "'");
        return name;
    }
}
