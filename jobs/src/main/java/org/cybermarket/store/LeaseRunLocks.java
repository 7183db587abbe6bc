package org.cybermarket.store;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link RunLocks} on a file system without process-bound locks (HDFS, object stores): every lock and registration is
 * a file whose holder rewrites it every {@link #REFRESH_MILLIS}; one not rewritten for {@link #STALE_MILLIS} belongs
 * to a holder that is gone and is taken over. Exclusive locks are files created only if absent.
 */
final class LeaseRunLocks extends RunLocks {
    static final long REFRESH_MILLIS = 10_000;
    static final long STALE_MILLIS = 60_000;
    private static final ScheduledExecutorService HEARTBEAT = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cybermarket-lease");
        t.setDaemon(true);
        return t;
    });
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();
    LeaseRunLocks(RootFiles files) {
        super(files);
    }

    private static String stamp() {
        return Long.toString(System.currentTimeMillis());
    }

    private static long stampOf(String text) {
        if (text == null) return 0;
        String last = text.strip();
        int nl = last.lastIndexOf('\n');
        try {
            return Long.parseLong(nl < 0 ? last : last.substring(nl + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    Held admission() {
        return exclusive(OutputRoot.LOCKS + "/admission.lease");
    }

    @Override
    Held commit() {
        return exclusive(OutputRoot.LOCKS + "/commit.lease");
    }

    private Held exclusive(String rel) {
        String key = files.location(rel);
        String me = ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + "-" + System.nanoTime();
        while (true) {
            String text = files.read(rel);
            boolean free = text == null || System.currentTimeMillis() - stampOf(text) > STALE_MILLIS;
            if (free && !HELD_HERE.contains(key)) {
                files.writeAtomically(rel, (me + "\n" + stamp()).getBytes(StandardCharsets.UTF_8), false);
                String now = files.read(rel);
                if (now != null && now.startsWith(me + "\n") && HELD_HERE.add(key)) {
                    ScheduledFuture<?> beat = heartbeat(rel, me);
                    return () -> {
                        beat.cancel(false);
                        HELD_HERE.remove(key);
                        files.deleteFile(rel);
                    };
                }
            }
            sleep();
        }
    }

    private ScheduledFuture<?> heartbeat(String rel, String content) {
        return HEARTBEAT.scheduleAtFixedRate(() -> files.writeAtomically(rel, (content + "\n" + stamp()).getBytes(StandardCharsets.UTF_8), false),
                REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lock of the output root", e);
        }
    }

    @Override
    Held register(RunInfo info) {
        String rel = OutputRoot.LOCKS + "/run-" + info.runId() + ".json";
        String json = new String(info.json(), StandardCharsets.UTF_8);
        files.writeAtomically(rel, (json + "\n" + stamp()).getBytes(StandardCharsets.UTF_8), false);
        String key = files.location(rel);
        HELD_HERE.add(key);
        ScheduledFuture<?> beat = heartbeat(rel, json);
        return () -> {
            beat.cancel(false);
            HELD_HERE.remove(key);
            files.deleteFile(rel);
        };
    }

    /** A lease file is the registration's JSON, then a line with the time of its last refresh. */
    @Override
    RunInfo info(String text) {
        int nl = text.strip().lastIndexOf('\n');
        return RunInfo.parse(nl < 0 ? text : text.substring(0, nl));
    }

    @Override
    boolean alive(String name, String text) {
        return HELD_HERE.contains(files.location(OutputRoot.LOCKS + "/" + name)) || System.currentTimeMillis() - stampOf(text) <= STALE_MILLIS;
    }
}
