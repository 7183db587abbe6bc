package org.cybermarket.io;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The local file system of local runs, without Hadoop's per-file {@code chmod} process. Without Hadoop's native
 * library (never bundled with Spark's Maven artifacts), {@link RawLocalFileSystem} forks a {@code chmod} for every
 * file and folder it creates: thousands per run for partitioned Parquet. This sets the same permission bits
 * with java.nio instead. No .crc side files are written (Parquet files carry their own structure checks).
 * Enabled for local masters by {@link SparkSessions}; clusters keep their own file systems.
 */
public class NioLocalFileSystem extends RawLocalFileSystem {
    private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        int mode = permission.toShort();
        for (int i = 0; i < BITS.length; i++) if ((mode & (1 << i)) != 0) set.add(BITS[i]);
        try {
            Files.setPosixFilePermissions(pathToFile(p).toPath(), set);
        } catch (UnsupportedOperationException e) {
            super.setPermission(p, permission); // not a POSIX file system: Hadoop's own way
        }
    }
}
