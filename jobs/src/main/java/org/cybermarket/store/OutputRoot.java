package org.cybermarket.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.ConfigLoader;
import org.cybermarket.input.InputFileException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * A run stages its datasets, then publishes: under the commit lock it builds snapshots/RUN from the current snapshot
 * (datasets it did not write are carried over by hard link, so they stay byte for byte the same) plus what it staged,
 * writes the manifest and the report into it, lists its files, and then switches {@code current} to it in one atomic
 * step. A run killed at any point before that switch leaves the previous snapshot in place; the next run removes what
 * it left behind and says so. Snapshots are replaced, never changed; the previous one is kept for readers that took
 * it before the switch.
 */
public final class OutputRoot {
    public static final String MARKER = ".cybermarket-root";
    public static final String SNAPSHOTS = "snapshots";
    static final String STAGING = "_staging";
    static final String RUNS = "_runs";
    static final String LOCKS = "_locks";
    /** Inside a snapshot: every file the snapshot's run put there; written last, so it also marks the snapshot complete. */
    static final String FILES = "_files";
    /** Snapshots kept besides the current one, for readers that took them before the switch. */
    static final int KEEP_PREVIOUS = 1;
    private static final Set<String> RESERVED = Set.of(MARKER, LocalRootFiles.POINTER, HadoopRootFiles.POINTER, SNAPSHOTS, STAGING, RUNS, LOCKS);

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

    private static RootFiles open(String location, Configuration conf) {
        URI uri = URI.create(location.replace(" ", "%20"));
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            String path = uri.getScheme() == null ? location : uri.getPath();
            return new LocalRootFiles(java.nio.file.Path.of(path));
        }
        return new HadoopRootFiles(location, conf);
    }

    /** True for a plain path or a file: URI: a root whose checks can run before Spark starts. */
    public static boolean isLocal(String location) {
        String scheme = URI.create(location.replace(" ", "%20")).getScheme();
        return scheme == null || "file".equals(scheme);
    }

    /**
     * Opens a root to publish into: a new or empty folder becomes a root (marked); a folder holding anything the tool
     * did not write is refused, naming what is there.
     */
    public static OutputRoot forWriting(String location, Configuration conf) {
        OutputRoot root = new OutputRoot(open(location, conf), conf);
        root.checkOwnership(true);
        return root;
    }

    /** Opens a root to read: it may not exist yet (then it shows nothing), but an unmarked folder is refused. */
    public static OutputRoot forReading(String location, Configuration conf) {
        OutputRoot root = new OutputRoot(open(location, conf), conf);
        if (root.files.exists("")) root.checkOwnership(false);
        return root;
    }

    /** A root over given file operations (tests: the Hadoop protocol on a local folder). */
    static OutputRoot on(RootFiles files, Configuration conf) {
        OutputRoot root = new OutputRoot(files, conf);
        root.checkOwnership(true);
        return root;
    }

    /** Checks a local root before anything starts (no Spark, no Hadoop configuration needed). */
    public static void checkWritable(String location) {
        if (isLocal(location)) new OutputRoot(open(location, new Configuration(false)), null).checkOwnership(false);
    }

    public String location() {
        return files.location();
    }

    /**
     * Refuses an output root that is, contains or lies inside any input (a file, a folder, or a glob up to its first
     * wildcard): a run must never replace or delete what it reads. Local paths only, with symbolic links resolved.
     */
    public static void checkApart(String out, List<String> inputs) {
        if (!isLocal(out)) return;
        java.nio.file.Path o = real(localPath(out));
        for (String in : inputs) {
            if (in == null || !isLocal(in)) continue;
            java.nio.file.Path i = real(localPath(staticPrefix(in)));
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
    private static java.nio.file.Path real(String path) {
        java.nio.file.Path p = java.nio.file.Path.of(path).toAbsolutePath().normalize();
        java.nio.file.Path existing = p;
        while (existing != null && !java.nio.file.Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return p;
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }

    public boolean local() {
        return files.local();
    }

    private void checkOwnership(boolean create) {
        String where = files.location();
        if (files.exists("") && !files.isDirectory("")) {
            throw new InputFileException(where, "the output root is a file, not a folder: give --out a folder");
        }
        List<String> entries = files.list("");
        if (entries.isEmpty()) {
            if (create) {
                files.mkdirs("");
                files.writeAtomically(MARKER, marker(), false);
            }
            return;
        }
        if (!entries.contains(MARKER)) {
            boolean legacy = entries.contains("_manifest.json");
            throw new InputFileException(where, (legacy ? "written by an older cybermarket (no " + MARKER + " marker): move it away, or write to a new --out folder"
                    : "holds files cybermarket did not write (" + abbreviate(entries) + "); give --out a new or empty folder, it never writes into or deletes from others"));
        }
        // Another output root nested here (out/real beside out/current) is the tool's too, and never touched by this one.
        List<String> foreign = entries.stream().filter(e -> !RESERVED.contains(e) && !isTemporary(e) && !files.exists(e + "/" + MARKER)).toList();
        if (!foreign.isEmpty()) {
            throw new InputFileException(where, "the output root holds files cybermarket did not write (" + abbreviate(foreign)
                    + "); move them elsewhere: an output root holds only what cybermarket writes");
        }
    }

    /** Temporary names this class and RootFiles use next to the pointer and run records. */
    private static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + ", ... (" + names.size() + " entries)";
    }

    private static byte[] marker() {
        return ("{\"tool\": \"cybermarket\", \"layout\": 2, \"created_at\": \"" + Instant.now() + "\",\n"
                + " \"note\": \"An output root of cybermarket. Read current/ (see docs/reliability.md). cybermarket writes and deletes only its own files here.\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- reading

    /** The snapshot readers see now, or null before the first publish. */
    public Snapshot current(SparkSession spark) {
        String id = files.pointer();
        return id == null ? null : new Snapshot(spark, id, files.location(SNAPSHOTS + "/" + id));
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
    public JsonNode currentManifest() {
        String id = files.pointer();
        return id == null ? null : json(files.read(SNAPSHOTS + "/" + id + "/" + Snapshot.MANIFEST));
    }

    /** Every run's record, oldest first (run ids start with their UTC start time). */
    public List<JsonNode> runRecords() {
        List<JsonNode> out = new ArrayList<>();
        for (String name : files.list(RUNS)) {
            if (!name.endsWith(".json")) continue;
            JsonNode n = json(files.read(RUNS + "/" + name));
            if (n != null) out.add(n);
        }
        return out;
    }

    private static JsonNode json(String text) {
        if (text == null) return null;
        try {
            return ConfigLoader.jsonMapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- runs

    /** A run's registration: held from admission until the run ends. */
    public final class Registration implements AutoCloseable {
        private final RunLocks.RunInfo info;
        private final RunLocks.Held held;

        private Registration(RunLocks.RunInfo info, RunLocks.Held held) {
            this.info = info;
            this.held = held;
        }

        public String runId() {
            return info.runId();
        }

        /** The snapshot current when the run was admitted: what it reads (null on a new root). */
        public String base() {
            return info.base();
        }

        /** Where the run stages a dataset. */
        public String stagingLocation() {
            return files.location(STAGING + "/" + info.runId());
        }

        @Override
        public void close() {
            held.close();
        }
    }

    /**
     * Registers a run, or refuses it at once when it cannot share the root with a live run (a full run with any
     * writer, two daily runs of one date), naming the run that holds it. Leftovers of runs that are gone are removed
     * here, each with a line to {@code log}.
     */
    public Registration admit(String runId, String command, Mode mode, String asOf, Consumer<String> log) {
        try (RunLocks.Held ignored = locks.admission()) {
            RunLocks.Registrations regs = locks.registrations();
            for (String stale : regs.removedStale()) log.accept("recovered: run " + stale + " ended without finishing (killed or crashed); its lock is released");
            for (RunLocks.RunInfo other : regs.live()) {
                String conflict = conflict(mode, asOf, other);
                if (conflict != null) {
                    throw new RootBusyException(files.location() + ": " + conflict + " " + other.describe()
                            + "; wait for it to finish, or give another --out");
                }
            }
            recoverLeftovers(regs.live(), log);
            RunLocks.RunInfo info = new RunLocks.RunInfo(runId, command, mode.name().toLowerCase(), asOf, files.pointer(),
                    ProcessHandle.current().pid(), host(), Instant.now().toString());
            return new Registration(info, locks.register(info));
        }
    }

    private static String conflict(Mode mode, String asOf, RunLocks.RunInfo other) {
        String theirs = other.mode();
        if (mode == Mode.READ || mode == Mode.REPORT || "read".equals(theirs) || "report".equals(theirs)) return null;
        if (mode == Mode.FULL || "full".equals(theirs)) return "the output root is in use by";
        if (asOf != null && asOf.equals(other.asOf())) return "the partitions of " + asOf + " are being published by";
        return null;
    }

    /** A run that cannot start because another holds the root. */
    public static final class RootBusyException extends RuntimeException {
        public RootBusyException(String message) {
            super(message);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** Staging of runs that are gone, snapshots they never published, pointer temporaries, a missing run record. */
    private void recoverLeftovers(List<RunLocks.RunInfo> live, Consumer<String> log) {
        Set<String> liveIds = new TreeSet<>();
        for (RunLocks.RunInfo r : live) liveIds.add(r.runId());
        for (String run : files.list(STAGING)) {
            if (liveIds.contains(run)) continue;
            files.deleteTree(STAGING + "/" + run);
            log.accept("recovered: removed what run " + run + " had staged but never published");
        }
        String current = files.pointer();
        for (String snap : files.list(SNAPSHOTS)) {
            if (snap.equals(current) || liveIds.contains(snap) || files.exists(SNAPSHOTS + "/" + snap + "/" + FILES)) continue;
            files.deleteTree(SNAPSHOTS + "/" + snap);
            log.accept("recovered: removed snapshot " + snap + ", which its run began but never published");
        }
        for (String e : files.list("")) if (isTemporary(e)) files.deleteFile(e);
        if (current != null && !files.exists(RUNS + "/" + current + ".json")) {
            String manifest = files.read(SNAPSHOTS + "/" + current + "/" + Snapshot.MANIFEST);
            if (manifest != null) {
                files.writeAtomically(RUNS + "/" + current + ".json", manifest.getBytes(StandardCharsets.UTF_8), true);
                log.accept("recovered: recorded run " + current + ", which published its outputs but stopped before recording itself");
            }
        }
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

    /** Where a published dataset came from: the run that wrote it, and runs that replaced some of its partitions. */
    public record Source(long rows, String runId, String command, String asOf, Map<String, String> partitionsFrom) {}

    /** The run publishing: its registration, command and as-of date, for the sources of what it writes. */
    public record Publisher(Registration run, String command, String asOf) {}

    /**
     * Publishes what a run staged as the new current snapshot, in one atomic switch. {@code manifest} gets the
     * published datasets with their sources and returns the manifest's bytes (written into the snapshot and as the
     * run's record); {@code report} writes the report into the new snapshot before it is published (local roots).
     */
    public Snapshot publish(SparkSession spark, Publisher who, List<Staged> staged, Function<Map<String, Source>, byte[]> manifest,
                            Consumer<Snapshot> report, Consumer<String> log) {
        String id = who.run().runId();
        String snap = SNAPSHOTS + "/" + id;
        String staging = STAGING + "/" + id;
        try (RunLocks.Held ignored = locks.commit()) {
            String baseId = files.pointer(); // daily runs publish onto whatever is current now, not what they read
            String base = baseId == null ? null : SNAPSHOTS + "/" + baseId;
            Map<String, Source> baseSources = sources(baseId);
            Map<String, Staged> byName = new TreeMap<>();
            for (Staged s : staged) byName.put(s.name(), s);
            files.deleteTree(snap);
            files.mkdirs(snap);
            Map<String, Source> published = new TreeMap<>();
            if (base != null) {
                for (String ds : files.list(base)) {
                    if (!Snapshot.DATASET_NAME.matcher(ds).matches() || !files.isDirectory(base + "/" + ds) || ds.equals("report")) continue;
                    Staged s = byName.get(ds);
                    if (s != null && !s.partial()) continue; // replaced whole
                    Set<String> replaced = s == null ? Set.of() : Set.copyOf(s.partitions());
                    for (String f : files.walkFiles(base + "/" + ds)) {
                        String rel = f.substring(base.length() + 1); // ds/...
                        String[] parts = rel.split("/");
                        if (parts.length > 2 && replaced.contains(parts[1])) continue;
                        files.link(f, snap + "/" + rel);
                    }
                    Source old = baseSources.getOrDefault(ds, new Source(Snapshot.rowCount(conf, files.location(base + "/" + ds)), baseId, null, null, Map.of()));
                    if (s == null) published.put(ds, old);
                }
            }
            for (Staged s : staged) {
                if (!s.partial()) {
                    files.move(staging + "/" + s.name(), snap + "/" + s.name());
                    published.put(s.name(), new Source(s.rows(), id, who.command(), who.asOf(), Map.of()));
                    continue;
                }
                Source old = base == null ? null : baseSources.get(s.name());
                long rows = old == null ? 0 : old.rows();
                Map<String, String> from = new TreeMap<>(old == null ? Map.of() : old.partitionsFrom());
                checkSameColumns(base, s, staging);
                for (String p : s.partitions()) {
                    if (base != null) rows -= Snapshot.rowCount(conf, files.location(base + "/" + s.name() + "/" + p));
                    files.move(staging + "/" + s.name() + "/" + p, snap + "/" + s.name() + "/" + p);
                    from.put(p, id);
                }
                rows += s.rows();
                published.put(s.name(), old == null ? new Source(rows, id, who.command(), who.asOf(), from)
                        : new Source(rows, old.runId(), old.command(), old.asOf(), from));
            }
            Faults.point("commit:datasets");
            files.writeAtomically(snap + "/" + Snapshot.MANIFEST, manifest.apply(published), true);
            Snapshot snapshot = new Snapshot(spark, id, files.location(snap));
            if (files.local()) report.accept(snapshot);
            else log.accept("report: not written for an output root outside the local disk (" + files.location() + ")");
            Faults.point("commit:report");
            List<String> written = new ArrayList<>();
            for (String f : files.walkFiles(snap)) written.add(f.substring(snap.length() + 1));
            files.writeAtomically(snap + "/" + FILES, (String.join("\n", written) + "\n").getBytes(StandardCharsets.UTF_8), false);
            Faults.point("commit:listed");
            files.setPointer(id);
            Faults.point("commit:switched");
            recordRun(id, files.read(snap + "/" + Snapshot.MANIFEST).getBytes(StandardCharsets.UTF_8));
            Faults.point("commit:recorded");
            files.deleteTree(staging);
            retain(id, log);
            return snapshot;
        }
    }

    private Map<String, Source> sources(String snapshotId) {
        Map<String, Source> out = new TreeMap<>();
        if (snapshotId == null) return out;
        JsonNode m = json(files.read(SNAPSHOTS + "/" + snapshotId + "/" + Snapshot.MANIFEST));
        if (m == null) return out;
        JsonNode sources = m.path("sources");
        m.path("datasets").fields().forEachRemaining(e -> {
            JsonNode s = sources.path(e.getKey());
            Map<String, String> parts = new TreeMap<>();
            s.path("partitions_from").fields().forEachRemaining(p -> parts.put(p.getKey(), p.getValue().asText()));
            out.put(e.getKey(), new Source(e.getValue().asLong(), s.hasNonNull("run_id") ? s.get("run_id").asText() : snapshotId,
                    s.hasNonNull("command") ? s.get("command").asText() : null, s.hasNonNull("as_of") ? s.get("as_of").asText() : null, parts));
        });
        return out;
    }

    /** Partitions are refused when their columns differ from the published dataset's (a full run must rewrite it first). */
    private void checkSameColumns(String base, Staged s, String staging) {
        if (base == null || !files.isDirectory(base + "/" + s.name()) || s.partitions().isEmpty()) return;
        var before = Snapshot.footerSchema(conf, files.location(base + "/" + s.name()));
        var now = Snapshot.footerSchema(conf, files.location(staging + "/" + s.name()));
        if (before != null && now != null && !before.equals(now)) {
            throw new IllegalStateException("cannot add partitions to " + s.name() + ": its columns " + before.simpleString()
                    + " differ from this run's " + now.simpleString() + "; rerun without --as-of-date-only first");
        }
    }

    /**
     * Keeps the current snapshot, the {@link #KEEP_PREVIOUS} newest before it and those live runs are reading;
     * deletes the others' files as their file lists name them, so a file someone else put there stays (and is named).
     */
    private void retain(String current, Consumer<String> log) {
        try (RunLocks.Held ignored = locks.admission()) {
            Set<String> keep = new TreeSet<>(Set.of(current));
            for (RunLocks.RunInfo r : locks.registrations().live()) {
                if (r.base() != null) keep.add(r.base());
                keep.add(r.runId());
            }
            List<String> complete = new ArrayList<>();
            for (String snap : files.list(SNAPSHOTS)) {
                if (!snap.equals(current) && files.exists(SNAPSHOTS + "/" + snap + "/" + FILES)) complete.add(snap);
            }
            complete.sort(Comparator.reverseOrder());
            keep.addAll(complete.subList(0, Math.min(KEEP_PREVIOUS, complete.size())));
            for (String snap : complete) {
                if (!keep.contains(snap)) deleteSnapshot(snap, log);
            }
        }
    }

    private void deleteSnapshot(String id, Consumer<String> log) {
        String snap = SNAPSHOTS + "/" + id;
        String list = files.read(snap + "/" + FILES);
        Set<String> dirs = new TreeSet<>(Comparator.comparingInt((String d) -> d.split("/").length).reversed().thenComparing(Comparator.naturalOrder()));
        for (String rel : list.split("\n")) {
            if (rel.isBlank() || rel.startsWith("/") || List.of(rel.split("/")).contains("..")) continue;
            files.deleteFile(snap + "/" + rel);
            for (int i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) dirs.add(rel.substring(0, i));
        }
        files.deleteFile(snap + "/" + FILES);
        for (String d : dirs) files.deleteEmptyDirectory(snap + "/" + d);
        if (!files.deleteEmptyDirectory(snap)) {
            log.accept("kept " + files.location(snap) + ": it holds files cybermarket did not write (" + abbreviate(files.walkFiles(snap)) + ")");
        }
    }
}
