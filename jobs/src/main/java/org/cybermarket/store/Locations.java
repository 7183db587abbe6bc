package org.cybermarket.store;

import org.apache.hadoop.conf.Configuration;
import org.cybermarket.input.InputFileException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where an output root is: a local folder or a Hadoop URI, its file operations, and its distance from the inputs. */
final class Locations {
    private Locations() {}

    /** The file operations of a root: java.nio for a plain path or a file: URI, Hadoop's file system otherwise. */
    static RootFiles open(String location, Configuration conf) {
        if (isLocal(location)) return new LocalRootFiles(Path.of(localPath(location)));
        return new HadoopRootFiles(location, conf);
    }

    /** True for a plain path or a file: URI: a root whose checks can run before Spark starts. */
    static boolean isLocal(String location) {
        String scheme = URI.create(location.replace(" ", "%20")).getScheme();
        return scheme == null || "file".equals(scheme);
    }

    /**
     * Refuses an output root that is, contains or lies inside any input (a file, a folder, or a glob up to its first
     * wildcard): a run must never replace or delete what it reads. Local paths only, with symbolic links resolved.
     */
    static void checkApart(String out, List<String> inputs) {
        if (!isLocal(out)) return;
        Path o = real(localPath(out));
        for (String in : inputs) {
            if (in == null || !isLocal(in)) continue;
            Path i = real(localPath(staticPrefix(in)));
            if (o.equals(i) || o.startsWith(i) || i.startsWith(o)) {
                throw new InputFileException(out, "the output root overlaps the input " + in
                        + "; write outputs to a folder apart from every input and from the config's data folder");
            }
        }
    }

    private static String localPath(String location) {
        URI uri = URI.create(location.replace(" ", "%20"));
        return uri.getScheme() == null ? location : uri.getPath();
    }

    /** A glob's folder part before its first wildcard ({@code cn_daily/*.csv} -> {@code cn_daily}). */
    private static String staticPrefix(String glob) {
        int wild = -1;
        for (int k = 0; k < glob.length(); k++) {
            if ("*?[{".indexOf(glob.charAt(k)) >= 0) {
                wild = k;
                break;
            }
        }
        if (wild < 0) return glob;
        int slash = glob.lastIndexOf('/', wild);
        return slash <= 0 ? "/" : glob.substring(0, slash);
    }

    /** The path with its longest existing prefix resolved through symbolic links. */
    private static Path real(String path) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        Path existing = p;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return p;
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }
}
