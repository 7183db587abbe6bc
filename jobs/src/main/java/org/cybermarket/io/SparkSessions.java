package org.cybermarket.io;

import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** Builds the one SparkSession a run uses, with the project's defaults (UTC, java.time values, quiet logs). */
public final class SparkSessions {
    private SparkSessions() {}

    public static SparkSession create(String master, Map<String, String> conf) {
        SparkSession.Builder b = SparkSession.builder().appName("cybermarket")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
                .config("spark.sql.parquet.compression.codec", "snappy")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.adaptive.enabled", "true");
        if (master != null) b.master(master);
        if (master != null && master.startsWith("local")) {
            // Measured on the bundled sample (docs/performance.md): many small tasks each zero-fill a memory page
            // sized from the heap (up to 64 MB); 2 MB pages and few shuffle partitions cut the run time by a fifth.
            int cores = Runtime.getRuntime().availableProcessors();
            b.config("spark.buffer.pageSize", "2m").config("spark.sql.shuffle.partitions", Integer.toString(2 * cores));
            // Listing a dataset of more than 32 folders (one per day or event) otherwise starts a Spark job with a
            // task per folder; on a local disk the driver lists 500 folders in milliseconds (5 s saved per read).
            b.config("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
            if (!"false".equals(System.getenv("CYBERMARKET_NIO_FS"))) {
                b.config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
                        .config("spark.hadoop.fs.file.impl.disable.cache", "true");
            }
        }
        conf.forEach(b::config);
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
