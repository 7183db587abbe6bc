package org.cybermarket.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An output root on any Hadoop file system (HDFS, S3A, ...). The commit point is the small file {@code _current}
 * holding the snapshot id, replaced by a rename with overwrite (atomic on HDFS; a single-object write elsewhere).
 * File systems have no hard links here, so a dataset carried into the next snapshot is copied.
 */
final class HadoopRootFiles implements RootFiles {
    static final String POINTER = "_current";
    private final Path root;
    private final FileSystem fs;
    private final FileContext fc;

    HadoopRootFiles(String location, Configuration conf) {
        try {
            Path p = new Path(location);
            this.fs = p.getFileSystem(conf);
            this.root = fs.makeQualified(p);
            this.fc = FileContext.getFileContext(root.toUri(), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("opening the output root " + location + ": " + e.getMessage(), e);
        }
    }

    private Path path(String rel) {
        if (rel.isEmpty()) return root;
        if (rel.startsWith("/") || List.of(rel.split("/")).contains("..")) throw new IllegalArgumentException("path '" + rel + "' leaves the output root");
        return new Path(root, rel);
    }

    @Override
    public String location() {
        String s = root.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public boolean exists(String rel) {
        try {
            return fs.exists(path(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isDirectory(String rel) {
        try {
            FileStatus s = fs.getFileStatus(path(rel));
            return s.isDirectory() && !s.isSymlink();
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> list(String rel) {
        List<String> out = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(path(rel))) out.add(s.getPath().getName());
        } catch (FileNotFoundException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + path(rel) + ": " + e.getMessage(), e);
        }
        out.sort(String::compareTo);
        return out;
    }

    @Override
    public void mkdirs(String rel) {
        try {
            fs.mkdirs(path(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void move(String from, String to) {
        try {
            fs.mkdirs(path(to).getParent());
            // FileContext.rename without OVERWRITE fails on an existing target; FileSystem.rename would move into it.
            fc.rename(path(from), path(to), Options.Rename.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException("moving " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void link(String from, String to) {
        try {
            if (fs.exists(path(to))) throw new IOException(to + " already exists");
            if (!FileUtil.copy(fs, path(from), fs, path(to), false, fs.getConf())) throw new IOException("copy failed");
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteFile(String rel) {
        try {
            fs.delete(path(rel), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteTree(String rel) {
        try {
            fs.delete(path(rel), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean deleteEmptyDirectory(String rel) {
        try {
            if (!fs.exists(path(rel))) return true;
            if (fs.listStatus(path(rel)).length > 0) return false;
            return fs.delete(path(rel), false);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String read(String rel) {
        try (FSDataInputStream in = fs.open(path(rel))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path(rel) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void writeAtomically(String rel, byte[] bytes, boolean ownerOnly) {
        Path target = path(rel);
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + ".tmp");
        try {
            try (FSDataOutputStream o = fs.create(tmp, true)) {
                o.write(bytes);
            }
            if (ownerOnly) fs.setPermission(tmp, new FsPermission((short) 0600));
            fc.rename(tmp, target, Options.Rename.OVERWRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> walkFiles(String rel) {
        List<String> out = new ArrayList<>();
        try {
            walk(path(rel), out);
        } catch (FileNotFoundException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(String::compareTo);
        return out;
    }

    private void walk(Path dir, List<String> out) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory() && !s.isSymlink()) walk(s.getPath(), out);
            else out.add(relative(s.getPath()));
        }
    }

    private String relative(Path p) {
        String full = fs.makeQualified(p).toString();
        return full.substring(location().length() + 1);
    }

    @Override
    public String pointer() {
        String id = read(POINTER);
        return id == null ? null : id.strip();
    }

    @Override
    public void setPointer(String snapshotId) {
        writeAtomically(POINTER, (snapshotId + "\n").getBytes(StandardCharsets.UTF_8), false);
    }
}
