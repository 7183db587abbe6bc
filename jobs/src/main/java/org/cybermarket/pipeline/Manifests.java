package org.cybermarket.pipeline;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.ConfigLoader;
import org.cybermarket.config.FactorInput;
import org.cybermarket.config.MasterInput;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.config.PriceInput;
import org.cybermarket.io.InputPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Builds and writes run manifests; redacts secrets. */
public final class Manifests {
    /** Spark config keys whose values never reach a manifest or a log. */
    public static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|token|access\\.key).*");

    private Manifests() {}

    public static Map<String, String> redact(Map<String, String> conf) {
        Map<String, String> out = new TreeMap<>();
        conf.forEach((k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() ? "***redacted***" : v));
        return out;
    }

    /** Every input file the config names, with size and checksum. */
    public static List<RunManifest.InputFile> inputs(SparkSession spark, PipelineConfig cfg, List<String> catalogues) {
        List<String> globs = new ArrayList<>();
        for (MasterInput m : cfg.securities()) globs.add(InputPaths.resolve(cfg.dataDir(), m.path()));
        for (PriceInput p : cfg.prices()) globs.add(InputPaths.resolve(cfg.dataDir(), p.path()));
        for (FactorInput f : cfg.factors()) globs.add(InputPaths.resolve(cfg.dataDir(), f.path()));
        globs.addAll(catalogues);
        List<RunManifest.InputFile> out = new ArrayList<>();
        for (String g : globs) {
            for (String file : InputPaths.list(spark, g)) out.add(describe(spark, file));
        }
        return out;
    }

    private static RunManifest.InputFile describe(SparkSession spark, String file) {
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
            return new RunManifest.InputFile(file.replaceFirst("^file:", ""), size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the manifest to _runs/<id>.json, then replaces _manifest.json by rename. */
    public static void write(SparkSession spark, String root, RunManifest m) {
        try {
            byte[] json = ConfigLoader.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
            Path runFile = new Path(root + "/_runs/" + m.runId() + ".json");
            FileSystem fs = runFile.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (FSDataOutputStream o = fs.create(runFile, true)) {
                o.write(json);
            }
            Path tmp = new Path(root + "/_manifest.json." + m.runId() + ".tmp");
            try (FSDataOutputStream o = fs.create(tmp, true)) {
                o.write(json);
            }
            Path latest = new Path(root + "/_manifest.json");
            // Runs into the same root may finish together: the last rename wins, none fails (a local rename
            // replaces the target; a file system whose rename does not gets the delete and a retry).
            boolean done = false;
            for (int attempt = 0; attempt < 5 && !done; attempt++) {
                done = fs.rename(tmp, latest);
                if (!done) fs.delete(latest, false);
            }
            if (!done) throw new IOException("cannot publish " + latest);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the run manifest: " + e.getMessage(), e);
        }
    }

    public static String read(SparkSession spark, String root) {
        try {
            Path latest = new Path(root + "/_manifest.json");
            FileSystem fs = latest.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(latest)) return null;
            try (FSDataInputStream in = fs.open(latest)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
