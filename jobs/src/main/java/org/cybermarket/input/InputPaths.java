package org.cybermarket.input;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * The files a glob matches, sorted; a glob matching nothing is an error naming it. A matched folder stands for the
     * data files under it (as Spark writes Parquet), without names starting with {@code _} or {@code .}. On the local
     * file system symbolic links are followed, and a link that leads back into its own folder, to itself or nowhere is
     * an error naming it (instead of reading the same files dozens of times, hanging, or skipping it silently).
     */
    public static List<String> list(SparkSession spark, String glob) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path p = new Path(glob);
            FileSystem fs = p.getFileSystem(conf);
            List<String> files = "file".equals(fs.getUri().getScheme()) ? listLocal(glob, p.toUri().getPath()) : listRemote(fs, p);
            if (files.isEmpty()) throw new InputFileException(glob, "no input file matches this path");
            files.sort(String::compareTo);
            return files;
        } catch (IOException e) {
            throw new InputFileException(glob, "cannot list: " + e.getMessage());
        }
    }

    /**
     * Checks, before Spark starts, that every configured input on the local file system matches a file and has no
     * symbolic link loop: a mistyped path fails in a second, not after the session has started. Paths with another
     * scheme are left to the run.
     */
    public static void checkLocal(String dataDir, List<String> paths) {
        for (String path : paths) {
            String resolved = resolve(dataDir, path);
            Matcher scheme = SCHEME.matcher(resolved);
            if (scheme.find() && !scheme.group(1).equalsIgnoreCase("file")) continue;
            try {
                String local = scheme.find(0) ? new Path(resolved).toUri().getPath() : resolved;
                if (listLocal(resolved, local).isEmpty()) throw new InputFileException(resolved, "no input file matches this path");
            } catch (IOException e) {
                throw new InputFileException(resolved, "cannot list: " + e.getMessage());
            }
        }
    }

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

    private static List<String> listRemote(FileSystem fs, Path p) throws IOException {
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
                        if (!hidden(f.getName())) files.add(f.toString());
                    }
                }
            }
        }
        return files;
    }

    private static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }

    private static final String GLOB_CHARS = "*?[]{}\\";

    /** The local files a glob matches, one path component at a time, through java.nio (which detects link loops). */
    static List<String> listLocal(String glob, String path) throws IOException {
        java.nio.file.Path abs = java.nio.file.Path.of(path).toAbsolutePath();
        java.nio.file.Path base = abs.getRoot();
        List<String> pattern = new ArrayList<>();
        for (java.nio.file.Path part : abs) {
            String c = part.toString();
            if (pattern.isEmpty() && c.chars().noneMatch(ch -> GLOB_CHARS.indexOf(ch) >= 0)) base = base.resolve(c);
            else pattern.add(c);
        }
        List<java.nio.file.Path> matches = new ArrayList<>(List.of(base));
        for (String component : pattern) {
            List<java.nio.file.Path> next = new ArrayList<>();
            for (java.nio.file.Path dir : matches) {
                if (!Files.isDirectory(dir)) continue;
                try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(dir, component)) {
                    entries.forEach(next::add);
                }
            }
            matches = next;
        }
        List<String> files = new ArrayList<>();
        for (java.nio.file.Path m : matches) {
            if (Files.isRegularFile(m)) {
                files.add(uri(m));
            } else if (Files.isDirectory(m)) {
                walk(glob, m, files);
            } else if (Files.isSymbolicLink(m)) {
                throw new InputFileException(glob, brokenLink(m));
            }
        }
        return files;
    }

    private static void walk(String glob, java.nio.file.Path dir, List<String> files) throws IOException {
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(java.nio.file.Path d, BasicFileAttributes attrs) {
                return d.equals(dir) || !hidden(d.getFileName().toString()) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(java.nio.file.Path f, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) throw new InputFileException(glob, brokenLink(f)); // following it failed
                if (attrs.isRegularFile() && !hidden(f.getFileName().toString())) files.add(uri(f));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(java.nio.file.Path f, IOException e) {
                if (e instanceof FileSystemLoopException) {
                    throw new InputFileException(glob, "symbolic link loop: " + f + " leads back to a folder that contains it ("
                            + target(f) + "); remove the link or point the input at a folder without it");
                }
                throw new InputFileException(glob, "cannot read " + f + ": " + e.getMessage());
            }
        });
    }

    private static String brokenLink(java.nio.file.Path link) {
        return "symbolic link " + link + " -> " + target(link) + " cannot be followed (it leads to itself, in a loop, or nowhere)";
    }

    private static String target(java.nio.file.Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    private static String uri(java.nio.file.Path p) {
        return new Path(p.toUri()).toString();
    }
}
