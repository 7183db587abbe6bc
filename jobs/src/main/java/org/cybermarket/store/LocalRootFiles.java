package org.cybermarket.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output root on a local disk. The commit point is the symbolic link {@code current -> snapshots/<id>}, replaced by
 * rename(2), which is atomic; snapshots share unchanged files by hard links, so carrying a dataset into the next
 * snapshot copies no bytes and leaves them byte for byte the same.
 */
final class LocalRootFiles implements RootFiles {
    static final String POINTER = "current";
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private final Path root;

    LocalRootFiles(Path root) {
        Path p = root.toAbsolutePath().normalize();
        try { // the root itself may be a link to a folder elsewhere; links inside it are never followed
            if (Files.isDirectory(p)) p = p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("resolving the output root " + p + ": " + e.getMessage(), e);
        }
        this.root = p;
    }

    Path path(String rel) {
        Path p = rel.isEmpty() ? root : root.resolve(rel).normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("path '" + rel + "' leaves the output root " + root);
        return p;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public boolean exists(String rel) {
        return Files.exists(path(rel), NOFOLLOW);
    }

    @Override
    public boolean isDirectory(String rel) {
        return Files.isDirectory(path(rel), NOFOLLOW);
    }

    @Override
    public List<String> list(String rel) {
        Path dir = path(rel);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir, NOFOLLOW)) return names;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) names.add(p.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir + ": " + e.getMessage(), e);
        }
        names.sort(String::compareTo);
        return names;
    }

    @Override
    public void mkdirs(String rel) {
        try {
            Files.createDirectories(path(rel));
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + path(rel) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void move(String from, String to) {
        Path target = path(to);
        try {
            Files.createDirectories(target.getParent());
            // Without REPLACE_EXISTING (and without ATOMIC_MOVE, which lets rename(2) replace an empty folder): an
            // existing target is an error, never a folder to move into. Same file system, so still one rename.
            Files.move(path(from), target);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": it already exists", e);
        } catch (IOException e) {
            throw new UncheckedIOException("moving " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void link(String from, String to) {
        Path target = path(to);
        try {
            Files.createDirectories(target.getParent());
            Files.createLink(target, path(from));
        } catch (UnsupportedOperationException e) {
            copy(from, target);
        } catch (IOException e) {
            if (e instanceof FileAlreadyExistsException) throw new UncheckedIOException("cannot link " + to + ": it already exists", e);
            copy(from, target); // a file system without hard links
        }
    }

    private void copy(String from, Path target) {
        try {
            Files.copy(path(from), target, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteFile(String rel) {
        try {
            Files.deleteIfExists(path(rel));
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + path(rel) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteTree(String rel) {
        Path dir = path(rel);
        if (!Files.exists(dir, NOFOLLOW)) return;
        // Files.walk does not follow symbolic links: a link inside is deleted as a link, its target is never touched.
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean deleteEmptyDirectory(String rel) {
        Path dir = path(rel);
        try {
            if (!Files.isDirectory(dir, NOFOLLOW)) return !Files.exists(dir, NOFOLLOW);
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                if (s.iterator().hasNext()) return false;
            }
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String read(String rel) {
        try {
            return Files.readString(path(rel));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path(rel) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void writeAtomically(String rel, byte[] bytes, boolean ownerOnly) {
        Path target = path(rel);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(tmp);
            if (ownerOnly) {
                try {
                    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(tmp);
                }
            }
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> walkFiles(String rel) {
        Path dir = path(rel);
        List<String> out = new ArrayList<>();
        if (!Files.exists(dir, NOFOLLOW)) return out;
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> !Files.isDirectory(p, NOFOLLOW)).forEach(p -> out.add(root.relativize(p).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir + ": " + e.getMessage(), e);
        }
        out.sort(String::compareTo);
        return out;
    }

    @Override
    public String pointer() {
        Path link = path(POINTER);
        if (!Files.isSymbolicLink(link)) return null;
        try {
            return Files.readSymbolicLink(link).getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + link + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setPointer(String snapshotId) {
        Path link = path(POINTER);
        Path tmp = path("." + POINTER + "." + snapshotId + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, Path.of(OutputRoot.SNAPSHOTS, snapshotId));
            // rename(2) replaces the old link in one step: a reader follows either the old snapshot or the new one.
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("publishing snapshot " + snapshotId + " under " + root + ": " + e.getMessage(), e);
        }
    }
}
