package org.cybermarket.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.cybermarket.config.ConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Who is using an output root. Every run registers (its id, command, mode, as-of date and the snapshot it reads) for
 * as long as it lives; registrations of runs that are gone (killed, crashed, machine restarted) are stale and are
 * removed by the next run that looks, so a crash never blocks a root forever. Two short exclusive locks order the
 * root's writers: admission (register after checking who else is there) and commit (build and publish a snapshot).
 * {@link LocalRunLocks} uses the operating system's file locks, which die with their process; {@link LeaseRunLocks} (any Hadoop
 * file system) uses files that their holder refreshes, stale once not refreshed for {@link LeaseRunLocks#STALE_MILLIS}.
 */
abstract class RunLocks {
    /** A registered run, as written in its registration file. */
    protected final RootFiles files;

    RunLocks(RootFiles files) {
        this.files = files;
    }

    record RunInfo(String runId, String command, String mode, String asOf, String base, long pid, String host,
                   String startedAt) {
        static final ObjectMapper JSON = ConfigLoader.jsonMapper();

        byte[] json() {
            try {
                return JSON.writeValueAsBytes(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static RunInfo parse(String json) {
            try {
                return JSON.readValue(json, RunInfo.class);
            } catch (IOException e) {
                return null; // a registration cut by a crash: treated as stale
            }
        }

        String describe() {
            return "run " + runId + " (" + command + (asOf == null ? "" : ", as of " + asOf) + ", pid " + pid + " on " + host
                    + ", started " + startedAt + ")";
        }
    }

    /** A held lock or registration; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The registrations of live runs, and the ids of stale ones this call removed. */
    record Registrations(List<RunInfo> live, List<String> removedStale) {}

    abstract Held admission();

    abstract Held commit();

    abstract Held register(RunInfo info);

    /** Whether the run that wrote registration file {@code name} (its text given) is still alive. */
    abstract boolean alive(String name, String text);

    /** The registration in a registration file's text (null when unreadable). */
    RunInfo info(String text) {
        return RunInfo.parse(text);
    }

    /** Call while holding {@link #admission()}. */
    Registrations registrations() {
        List<RunInfo> live = new java.util.ArrayList<>();
        List<String> stale = new java.util.ArrayList<>();
        for (String name : files.list(OutputRoot.LOCKS)) {
            if (!name.startsWith("run-") || !name.endsWith(".json")) continue;
            String rel = OutputRoot.LOCKS + "/" + name;
            String text = files.read(rel);
            if (text == null) continue; // removed by its run meanwhile
            RunInfo info = info(text);
            if (alive(name, text) && info != null) {
                live.add(info);
            } else {
                files.deleteFile(rel);
                stale.add(info != null ? info.runId() : name.substring(4, name.length() - 5));
            }
        }
        return new Registrations(live, stale);
    }

    static RunLocks of(RootFiles files) {
        return files.local() ? new LocalRunLocks((LocalRootFiles) files) : new LeaseRunLocks(files);
    }
}
