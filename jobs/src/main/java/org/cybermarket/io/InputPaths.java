package org.cybermarket.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Resolves configured paths against the data directory and lists the files behind a glob, through Hadoop's FileSystem. */
public final class InputPaths {
    private InputPaths() {}

    /** An absolute path or a URI stays as it is; anything else is taken relative to {@code dataDir}. */
    public static String resolve(String dataDir, String path) {
        if (path.startsWith("/") || URI.create(path.replace(" ", "%20").replace("*", "%2A")).getScheme() != null) return path;
        String base = dataDir.endsWith("/") ? dataDir : dataDir + "/";
        if (!base.startsWith("/") && URI.create(base.replace(" ", "%20")).getScheme() == null) {
            base = java.nio.file.Path.of(base).toAbsolutePath().normalize() + "/";
        }
        return base + path;
    }

    /** The bytes of one small file (a catalogue), through Hadoop's FileSystem so that any URI works. */
    public static byte[] readAll(SparkSession spark, String file) {
        try {
            Path p = new Path(file);
            try (var in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage());
        }
    }

    /** The files a glob matches, sorted; a glob matching nothing is an error naming it. */
    public static List<String> list(SparkSession spark, String glob) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path p = new Path(glob);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] found = fs.globStatus(p);
            List<String> files = new ArrayList<>();
            if (found != null) {
                for (FileStatus s : found) {
                    if (s.isFile()) {
                        files.add(s.getPath().toString());
                    } else if (s.isDirectory()) { // a dataset folder, as Spark writes Parquet: its data files
                        var it = fs.listFiles(s.getPath(), true);
                        while (it.hasNext()) {
                            Path f = it.next().getPath();
                            if (!f.getName().startsWith("_") && !f.getName().startsWith(".")) files.add(f.toString());
                        }
                    }
                }
            }
            if (files.isEmpty()) throw new InputFileException(glob, "no input file matches this path");
            files.sort(String::compareTo);
            return files;
        } catch (IOException e) {
            throw new InputFileException(glob, "cannot list: " + e.getMessage());
        }
    }
}
