package org.cybermarket.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.ConfigLoader;
import org.cybermarket.input.InputFileException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One complete, published set of outputs ({@code <root>/snapshots/<id>}): the datasets, the manifest that describes
 * exactly them, and the report. A reader takes the current snapshot once ({@link #current}) and reads everything
 * from it, so it sees one run's set even if another run publishes meanwhile. Read-only.
 */
public final class Snapshot {
    static final Pattern DATASET_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    public static final String MANIFEST = Manifest.FILE;
    private final SparkSession spark;
    private final String id;
    private final String location;

    Snapshot(SparkSession spark, String id, String location) {
        this.spark = spark;
        this.id = id;
        this.location = location;
    }

    /** The snapshot readers of {@code root} see now, or an empty one when nothing has been published there yet. */
    public static Snapshot current(SparkSession spark, String root) {
        OutputRoot r = OutputRoot.forReading(root, spark.sparkContext().hadoopConfiguration());
        Snapshot s = r.current(spark);
        return s != null ? s : new Snapshot(spark, null, null);
    }

    /** The snapshot id (the run that published it), or null for an empty root. */
    public String id() {
        return id;
    }

    /** The snapshot's folder, as Spark and DuckDB read it; null for an empty root. */
    public String location() {
        return location;
    }

    public String path(String name) {
        if (!DATASET_NAME.matcher(name).matches()) throw new IllegalArgumentException("unsafe dataset name '" + name + "'");
        if (location == null) throw new InputFileException(name, "no outputs have been published yet: run the pipeline first");
        return location + "/" + name;
    }

    public boolean exists(String name) {
        return location != null && hasParquet(path(name));
    }

    public Dataset<Row> read(String name) {
        if (!exists(name)) throw new InputFileException(location == null ? name : path(name), "dataset not found: run the job that writes '" + name + "' first");
        return readParquet(spark, path(name));
    }

    /** The datasets of this snapshot, sorted by name. */
    public List<String> datasets() {
        List<String> out = new ArrayList<>();
        if (location == null) return out;
        try {
            FileSystem fs = fs(spark, location);
            for (FileStatus s : fs.listStatus(new Path(location))) {
                String n = s.getPath().getName();
                if (s.isDirectory() && DATASET_NAME.matcher(n).matches() && hasParquet(s.getPath().toString())) out.add(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(String::compareTo);
        return out;
    }

    /** The manifest of this snapshot (what it holds, who produced each dataset), or null for an empty root. */
    public JsonNode manifest() {
        if (location == null) return null;
        try {
            FileSystem fs = fs(spark, location);
            Path p = new Path(location + "/" + MANIFEST);
            if (!fs.exists(p)) return null;
            try (var in = fs.open(p)) {
                return ConfigLoader.jsonMapper().readTree(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + location + "/" + MANIFEST + ": " + e.getMessage(), e);
        }
    }

    private boolean hasParquet(String dir) {
        return !parquetFiles(fs(spark, dir), dir, true).isEmpty();
    }

    static FileSystem fs(SparkSession spark, String dir) {
        return fs(spark.sparkContext().hadoopConfiguration(), dir);
    }

    static FileSystem fs(Configuration conf, String dir) {
        try {
            return new Path(dir).getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The dataset's Parquet files: directly inside {@code dir} or under key=value partition folders only. Walks
     * with listStatus, not listFiles: the located statuses of listFiles read each file's permissions, which Hadoop's
     * local file system does by forking a process per file when its native library is absent.
     */
    static List<FileStatus> parquetFiles(FileSystem fs, String dir, boolean firstOnly) {
        try {
            List<FileStatus> files = new ArrayList<>();
            Path p = new Path(dir);
            if (fs.exists(p)) collectParquet(fs, p, firstOnly, files);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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

    /**
     * Rows of a written dataset: the sum of the row counts in its Parquet footers, read on the driver with no Spark
     * job (a count job per dataset was a tenth of the bundled pipeline's time).
     */
    static long rowCount(Configuration conf, String dir) {
        FileSystem fs = fs(conf, dir);
        long rows = 0;
        for (FileStatus f : parquetFiles(fs, dir, false)) rows += ParquetFooters.read(fs, f).getNum_rows();
        return rows;
    }

    /** The Spark schema in the footer of one of a dataset's files, or null (no files, or not written by Spark). */
    static StructType footerSchema(Configuration conf, String dir) {
        FileSystem fs = fs(conf, dir);
        List<FileStatus> first = parquetFiles(fs, dir, true);
        return first.isEmpty() ? null : ParquetFooters.sparkSchema(ParquetFooters.read(fs, first.get(0)));
    }

    /**
     * Reads a dataset, giving the reader the schema Spark wrote into a footer, so that it needs no schema-inference
     * job (partition columns are still found from the folder names).
     */
    static Dataset<Row> readParquet(SparkSession spark, String dir) {
        StructType schema = footerSchema(spark.sparkContext().hadoopConfiguration(), dir);
        return schema == null ? spark.read().parquet(dir) : spark.read().schema(schema).parquet(dir);
    }
}
