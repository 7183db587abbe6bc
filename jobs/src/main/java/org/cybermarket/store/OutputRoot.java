package org.cybermarket.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An output root: the folder a run publishes into, laid out so that readers see one complete set of outputs at every
 * instant (docs/reliability.md, "Output roots").
 * <pre>
 *   .cybermarket-root         marks the folder as this tool's; nothing unmarked is ever written into or deleted
 *   current -> snapshots/ID   what readers see (local disk; other file systems: the file _current holding ID)
 *   snapshots/ID/             one complete set: every dataset, _manifest.json (describes exactly this set), report/
 *   _staging/RUN/             what a running run has written so far; never read by anyone else
 *   _runs/RUN.json            every run's record, failed ones included
 *   _locks/                   who is using the root (RunLocks)
 * </pre>
 * The parts, in the manner of Iceberg's table operations: {@link RootFiles} (the file operations and the pointer
 * whose switch is the commit), {@link Ownership} (which folders are the tool's), {@link Admission} (who may use the
 * root, under a short lock), {@link Recovery} (what runs that are gone left behind), {@link SnapshotProducer} (build a
 * snapshot and switch to it), {@link Retention} (expire old snapshots) and {@link Manifest} (what a snapshot holds).
 */
public final class OutputRoot {
    public static final String MARKER = Ownership.MARKER;
    public static final String SNAPSHOTS = "snapshots";
    static final String STAGING = "_staging";
    static final String RUNS = "_runs";
    static final String LOCKS = "_locks";
    /** Inside a snapshot: every file the snapshot's run put there; written last, so it also marks the snapshot complete. */
    static final String FILES = "_files";

    /** What a run registers as: a writer of whole datasets, of one date's partitions, a re-render of the report, or a reader. */
    public enum Mode { FULL, DAILY, REPORT, READ }

    private final RootFiles files;
    private final RunLocks locks;
    private final Configuration conf;

    private OutputRoot(RootFiles files, Configuration conf) {
        this.files = files;
        this.locks = RunLocks.of(files);
        this.conf = conf;
    }

    /** True for a plain path or a file: URI: a root whose checks can run before Spark starts. */
    public static boolean isLocal(String location) {
        return Locations.isLocal(location);
    }

    /**
     * Opens a root to publish into: a new or empty folder becomes a root (marked); a folder holding anything the tool
     * did not write is refused, naming what is there.
     */
    public static OutputRoot forWriting(String location, Configuration conf) {
        OutputRoot root = new OutputRoot(Locations.open(location, conf), conf);
        Ownership.check(root.files, true);
        return root;
    }

    /** Opens a root to read: it may not exist yet (then it shows nothing), but an unmarked folder is refused. */
    public static OutputRoot forReading(String location, Configuration conf) {
        OutputRoot root = new OutputRoot(Locations.open(location, conf), conf);
        if (root.files.exists("")) Ownership.check(root.files, false);
        return root;
    }

    /** A root over given file operations (tests: the Hadoop protocol on a local folder). */
    static OutputRoot on(RootFiles files, Configuration conf) {
        OutputRoot root = new OutputRoot(files, conf);
        Ownership.check(files, true);
        return root;
    }

    /** Checks a local root before anything starts (no Spark, no Hadoop configuration needed). */
    public static void checkWritable(String location) {
        if (isLocal(location)) Ownership.check(Locations.open(location, new Configuration(false)), false);
    }

    /**
     * Refuses an output root that is, contains or lies inside any input (a file, a folder, or a glob up to its first
     * wildcard): a run must never replace or delete what it reads.
     */
    public static void checkApart(String out, List<String> inputs) {
        Locations.checkApart(out, inputs);
    }

    public String location() {
        return files.location();
    }

    public boolean local() {
        return files.local();
    }

    // ---------------------------------------------------------------- reading

    /** The snapshot readers see now, or null before the first publish. */
    public Snapshot current(SparkSession spark) {
        return snapshot(spark, files.pointer());
    }

    /** A snapshot by id (null for null: nothing published yet). */
    public Snapshot snapshot(SparkSession spark, String id) {
        return id == null ? null : new Snapshot(spark, id, files.location(SNAPSHOTS + "/" + id));
    }

    /** The id of the current snapshot, or null. */
    public String currentId() {
        return files.pointer();
    }

    /** The current snapshot's manifest, or null. */
    public Manifest currentManifest() {
        String id = files.pointer();
        return id == null ? null : Manifest.parse(files.read(SNAPSHOTS + "/" + id + "/" + Manifest.FILE));
    }

    /** Every run's record, oldest first (run ids start with their UTC start time). */
    public List<Manifest> runRecords() {
        List<Manifest> out = new ArrayList<>();
        for (String name : files.list(RUNS)) {
            if (!name.endsWith(".json")) continue;
            Manifest m = Manifest.parse(files.read(RUNS + "/" + name));
            if (m != null) out.add(m);
        }
        return out;
    }

    // ---------------------------------------------------------------- runs

    /** A run's registration: held from admission until the run ends. */
    public static final class Registration implements AutoCloseable {
        private final RunLocks.RunInfo info;
        private final RunLocks.Held held;
        private final String stagingLocation;

        Registration(RunLocks.RunInfo info, RunLocks.Held held, String stagingLocation) {
            this.info = info;
            this.held = held;
            this.stagingLocation = stagingLocation;
        }

        public String runId() {
            return info.runId();
        }

        /** The snapshot current when the run was admitted: what it reads (null on a new root). */
        public String base() {
            return info.base();
        }

        /** Where the run stages its datasets. */
        public String stagingLocation() {
            return stagingLocation;
        }

        @Override
        public void close() {
            held.close();
        }
    }

    /** A run that cannot start because another holds the root. */
    public static final class RootBusyException extends RuntimeException {
        public RootBusyException(String message) {
            super(message);
        }
    }

    /**
     * Registers a run, or refuses it at once when it cannot share the root with a live run (a full run with any
     * writer, two daily runs of one date), naming the run that holds it. Leftovers of runs that are gone are removed
     * here, each with a line to {@code log}.
     */
    public Registration admit(String runId, String command, Mode mode, String asOf, Consumer<String> log) {
        return new Admission(files, locks).admit(runId, command, mode, asOf, log);
    }

    /** Writes a run's record (a failed run's too); owner-only: it holds the run's settings. */
    public void recordRun(String runId, byte[] json) {
        files.writeAtomically(RUNS + "/" + runId + ".json", json, true);
    }

    /** Removes a run's staging folder (a failed run, or a daily run's datasets it only needed for itself). */
    public void discardStaging(String runId) {
        files.deleteTree(STAGING + "/" + runId);
    }

    // ---------------------------------------------------------------- publishing

    /**
     * A dataset a run staged: whole (it replaces the dataset) or as partitions of {@code partitionColumn} (each
     * replaces the partition of the same value and the others are kept).
     */
    public record Staged(String name, long rows, String partitionColumn, List<String> partitions) {
        public static Staged whole(String name, long rows) {
            return new Staged(name, rows, null, List.of());
        }

        boolean partial() {
            return partitionColumn != null;
        }
    }

    /** The run publishing: its registration, command and as-of date, for the sources of what it writes. */
    public record Publisher(Registration run, String command, String asOf) {}

    /**
     * Publishes what a run staged as the new current snapshot, in one atomic switch ({@link SnapshotProducer}).
     * {@code manifest} gets the published datasets with their sources and returns the manifest's bytes (written into
     * the snapshot and as the run's record); {@code report} writes the report into the new snapshot before it is
     * published (local roots).
     */
    public Snapshot publish(SparkSession spark, Publisher who, List<Staged> staged, Function<Map<String, Manifest.Source>, byte[]> manifest,
                            Consumer<Snapshot> report, Consumer<String> log) {
        return new SnapshotProducer(files, locks, conf).publish(spark, who, staged, manifest, report, log);
    }
}
