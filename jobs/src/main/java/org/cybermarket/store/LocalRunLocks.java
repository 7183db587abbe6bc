package org.cybermarket.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link RunLocks} on a local disk with the operating system's file locks (fcntl), which the kernel releases when
 * the process ends, however it ends: a registration whose file is not locked belongs to a run that is gone.
 *
 * <p>Within one JVM (runs started from threads, as tests do) the same locks are kept by a process-wide table: Java
 * forbids two overlapping file locks in one process, and closing any channel of a file can drop every lock the
 * process holds on it, so a file this process locks is never opened a second time to test it.
 */
final class LocalRunLocks extends RunLocks {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Set<Path> REGISTERED_HERE = ConcurrentHashMap.newKeySet();
    private final LocalRootFiles local;

    LocalRunLocks(LocalRootFiles files) {
        super(files);
        this.local = files;
    }

    private Path lockFile(String name) {
        files.mkdirs(OutputRoot.LOCKS);
        return local.path(OutputRoot.LOCKS + "/" + name);
    }

    @Override
    Held admission() {
        return exclusive(lockFile("admission.lock"));
    }

    @Override
    Held commit() {
        return exclusive(lockFile("commit.lock"));
    }

    private static Held exclusive(Path file) {
        ReentrantLock here = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        here.lock();
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.lock(); // waits for another process that holds it
            return () -> {
                try {
                    lock.release();
                    ch.close();
                } catch (IOException ignored) {
                    // the kernel releases the lock with the descriptor
                } finally {
                    here.unlock();
                }
            };
        } catch (IOException e) {
            here.unlock();
            throw new UncheckedIOException("locking " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    Held register(RunInfo info) {
        Path file = lockFile("run-" + info.runId() + ".json");
        try {
            Files.write(file, info.json());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                throw new IOException("locked by another process");
            }
            REGISTERED_HERE.add(file);
            return () -> {
                try {
                    Files.deleteIfExists(file);
                    lock.release();
                    ch.close();
                } catch (IOException ignored) {
                    // the next admission finds the file unlocked and removes it
                } finally {
                    REGISTERED_HERE.remove(file);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("registering run " + info.runId() + " in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    boolean alive(String name, String text) {
        return alive(lockFile(name));
    }

    private static boolean alive(Path file) {
        if (REGISTERED_HERE.contains(file)) return true;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) return true; // another process holds it
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // vanished meanwhile: its run has ended
        }
    }
}
