package org.cybermarket.store;

import java.util.List;

/**
 * The file operations an output root needs, on paths relative to the root ({@code "snapshots/<id>/prices"}), so that
 * the commit protocol ({@link OutputRoot}) is written once for a local disk ({@link LocalRootFiles}: symlink pointer,
 * hard links, owner-only files) and for any Hadoop file system ({@link HadoopRootFiles}: pointer file, copies).
 * No operation follows a symbolic link inside the root, and no operation touches anything outside it.
 */
interface RootFiles {
    /** The root as Spark and DuckDB read it: an absolute local path, or a URI. */
    String location();

    /** The location of a relative path, for Spark. */
    default String location(String rel) {
        return rel.isEmpty() ? location() : location() + "/" + rel;
    }

    boolean local();

    boolean exists(String rel);

    /** A real directory (a symbolic link to one is not). */
    boolean isDirectory(String rel);

    /** The names in a directory, sorted; empty when it does not exist. */
    List<String> list(String rel);

    void mkdirs(String rel);

    /** Moves a file or folder to a path that must not exist yet: never replaces and never moves into a folder. */
    void move(String from, String to);

    /** Makes {@code to} a second name of the file {@code from} (a hard link, or a copy where there are none). */
    void link(String from, String to);

    /** Deletes one file or symbolic link; nothing when missing. */
    void deleteFile(String rel);

    /** Deletes a folder and everything under it without following links; nothing when missing. */
    void deleteTree(String rel);

    /** Deletes a folder if it is empty; true when it is gone. */
    boolean deleteEmptyDirectory(String rel);

    /** A small text file, or null when it does not exist. */
    String read(String rel);

    /** Replaces a small file in one step (a temporary file renamed over it); owner-only permissions where asked. */
    void writeAtomically(String rel, byte[] bytes, boolean ownerOnly);

    /** Every file under a folder (relative to the root), sorted; symbolic links are listed, not followed. */
    List<String> walkFiles(String rel);

    /** The id of the snapshot readers see, or null before the first commit. */
    String pointer();

    /** Makes {@code snapshots/<id>} the snapshot readers see, in one atomic step (the commit point). */
    void setPointer(String snapshotId);
}
