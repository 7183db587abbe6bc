package org.cybermarket.pipeline;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.FactorInput;
import org.cybermarket.config.MasterInput;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.config.PriceInput;
import org.cybermarket.input.InputPaths;
import org.cybermarket.store.Manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

/** Builds run manifests: the inputs with their checksums, the Spark settings without secrets, the JSON. */
public final class Manifests {
    /**
     * Spark settings whose values a manifest records: they tune a run and never carry a credential. Every other key is
     * recorded with its value redacted: credentials hide under too many names (fs.azure.account.key.*, fs.azure.sas.*,
     * fs.gs.auth.service.account.private.key, fs.s3a.encryption.key, fs.adl.oauth2.credential, ...) to list them all.
     */
    static final Set<String> SAFE_KEYS = Set.of("spark.master", "spark.app.name", "spark.submit.deployMode",
            "spark.driver.memory", "spark.driver.cores", "spark.driver.maxResultSize", "spark.executor.memory", "spark.executor.cores",
            "spark.executor.instances", "spark.default.parallelism", "spark.sql.shuffle.partitions", "spark.sql.adaptive.enabled",
            "spark.sql.adaptive.coalescePartitions.enabled", "spark.sql.adaptive.skewJoin.enabled", "spark.sql.session.timeZone",
            "spark.sql.files.maxPartitionBytes", "spark.sql.autoBroadcastJoinThreshold", "spark.memory.fraction",
            "spark.memory.storageFraction", "spark.serializer", "spark.ui.enabled", "spark.eventLog.enabled",
            "spark.sql.parquet.compression.codec", "spark.buffer.pageSize", "spark.speculation", "spark.task.cpus");
    public static final String REDACTED = "***redacted***";

    private Manifests() {}

    /** The settings with every value redacted except those of {@link #SAFE_KEYS}. */
    public static Map<String, String> redact(Map<String, String> conf) {
        Map<String, String> out = new TreeMap<>();
        conf.forEach((k, v) -> out.put(k, SAFE_KEYS.contains(k) ? v : REDACTED));
        return out;
    }

    /** Every input file the config names, with size and checksum. */
    public static List<Manifest.InputFile> inputs(SparkSession spark, PipelineConfig cfg, List<String> catalogues) {
        List<String> globs = new ArrayList<>();
        for (MasterInput m : cfg.securities()) globs.add(InputPaths.resolve(cfg.dataDir(), m.path()));
        for (PriceInput p : cfg.prices()) globs.add(InputPaths.resolve(cfg.dataDir(), p.path()));
        for (FactorInput f : cfg.factors()) globs.add(InputPaths.resolve(cfg.dataDir(), f.path()));
        globs.addAll(catalogues);
        List<Manifest.InputFile> out = new ArrayList<>();
        for (String g : globs) {
            for (String file : InputPaths.list(spark, g)) out.add(describe(spark, file));
        }
        return out;
    }

    private static Manifest.InputFile describe(SparkSession spark, String file) {
        try {
            Path p = new Path(file);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (FSDataInputStream in = fs.open(p)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    size += n;
                }
            }
            return new Manifest.InputFile(file.replaceFirst("^file:", ""), size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
