package org.cybermarket.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds a run's snapshot and commits it: under the commit lock, {@code snapshots/RUN} gets every dataset of the
 * current snapshot the run did not write (by hard link, byte for byte the same) and what it staged, then the manifest,
 * the report and the file list, and the pointer is switched to it in one atomic step (the commit point). Killed
 * before the switch, the run has changed nothing a reader sees.
 */
final class SnapshotProducer {
    private final RootFiles files;
    private final RunLocks locks;
    private final Configuration conf;

    SnapshotProducer(RootFiles files, RunLocks locks, Configuration conf) {
        this.files = files;
        this.locks = locks;
        this.conf = conf;
    }

    Snapshot publish(SparkSession spark, OutputRoot.Publisher who, List<OutputRoot.Staged> staged,
                     Function<Map<String, Manifest.Source>, byte[]> manifest, Consumer<Snapshot> report, Consumer<String> log) {
        String id = who.run().runId();
        String snap = OutputRoot.SNAPSHOTS + "/" + id;
        String staging = OutputRoot.STAGING + "/" + id;
        try (RunLocks.Held ignored = locks.commit()) {
            String baseId = files.pointer(); // daily runs publish onto whatever is current now, not what they read
            String base = baseId == null ? null : OutputRoot.SNAPSHOTS + "/" + baseId;
            Map<String, Manifest.Source> baseSources = sources(baseId);
            Map<String, OutputRoot.Staged> byName = new TreeMap<>();
            for (OutputRoot.Staged s : staged) byName.put(s.name(), s);
            files.deleteTree(snap);
            files.mkdirs(snap);
            Map<String, Manifest.Source> published = new TreeMap<>();
            if (base != null) {
                for (String ds : files.list(base)) {
                    if (!Snapshot.DATASET_NAME.matcher(ds).matches() || !files.isDirectory(base + "/" + ds) || ds.equals("report")) continue;
                    OutputRoot.Staged s = byName.get(ds);
                    if (s != null && !s.partial()) continue; // replaced whole
                    Set<String> replaced = s == null ? Set.of() : Set.copyOf(s.partitions());
                    for (String f : files.walkFiles(base + "/" + ds)) {
                        String rel = f.substring(base.length() + 1); // ds/...
                        String[] parts = rel.split("/");
                        if (parts.length > 2 && replaced.contains(parts[1])) continue;
                        files.link(f, snap + "/" + rel);
                    }
                    Manifest.Source old = baseSources.getOrDefault(ds, new Manifest.Source(Snapshot.rowCount(conf, files.location(base + "/" + ds)), baseId, null, null, Map.of()));
                    if (s == null) published.put(ds, old);
                }
            }
            for (OutputRoot.Staged s : staged) {
                if (!s.partial()) {
                    files.move(staging + "/" + s.name(), snap + "/" + s.name());
                    published.put(s.name(), new Manifest.Source(s.rows(), id, who.command(), who.asOf(), Map.of()));
                    continue;
                }
                Manifest.Source old = base == null ? null : baseSources.get(s.name());
                long rows = old == null ? 0 : old.rows();
                Map<String, String> from = new TreeMap<>(old == null ? Map.of() : old.partitionsFrom());
                checkSameColumns(base, s, staging);
                for (String p : s.partitions()) {
                    if (base != null) rows -= Snapshot.rowCount(conf, files.location(base + "/" + s.name() + "/" + p));
                    files.move(staging + "/" + s.name() + "/" + p, snap + "/" + s.name() + "/" + p);
                    from.put(p, id);
                }
                rows += s.rows();
                published.put(s.name(), old == null ? new Manifest.Source(rows, id, who.command(), who.asOf(), from)
                        : new Manifest.Source(rows, old.runId(), old.command(), old.asOf(), from));
            }
            Faults.point("commit:datasets");
            files.writeAtomically(snap + "/" + Manifest.FILE, manifest.apply(published), true);
            Snapshot snapshot = new Snapshot(spark, id, files.location(snap));
            if (files.local()) report.accept(snapshot);
            else log.accept("report: not written for an output root outside the local disk (" + files.location() + ")");
            Faults.point("commit:report");
            List<String> written = new ArrayList<>();
            for (String f : files.walkFiles(snap)) written.add(f.substring(snap.length() + 1));
            files.writeAtomically(snap + "/" + OutputRoot.FILES, (String.join("\n", written) + "\n").getBytes(StandardCharsets.UTF_8), false);
            Faults.point("commit:listed");
            files.setPointer(id);
            Faults.point("commit:switched");
            files.writeAtomically(OutputRoot.RUNS + "/" + id + ".json", files.read(snap + "/" + Manifest.FILE).getBytes(StandardCharsets.UTF_8), true);
            Faults.point("commit:recorded");
            files.deleteTree(staging);
            new Retention(files, locks).expire(id, log);
            return snapshot;
        }
    }

    /** The sources of the datasets of a snapshot, from its manifest (empty when there is none). */
    private Map<String, Manifest.Source> sources(String snapshotId) {
        Map<String, Manifest.Source> out = new TreeMap<>();
        if (snapshotId == null) return out;
        Manifest m = Manifest.parse(files.read(OutputRoot.SNAPSHOTS + "/" + snapshotId + "/" + Manifest.FILE));
        if (m == null || m.datasets() == null) return out;
        m.datasets().forEach((name, rows) -> {
            Manifest.Source s = m.sources() == null ? null : m.sources().get(name);
            out.put(name, new Manifest.Source(rows, s != null && s.runId() != null ? s.runId() : snapshotId, s == null ? null : s.command(),
                    s == null ? null : s.asOf(), s == null || s.partitionsFrom() == null ? Map.of() : new TreeMap<>(s.partitionsFrom())));
        });
        return out;
    }

    /** Partitions are refused when their columns differ from the published dataset's (a full run must rewrite it first). */
    private void checkSameColumns(String base, OutputRoot.Staged s, String staging) {
        if (base == null || !files.isDirectory(base + "/" + s.name()) || s.partitions().isEmpty()) return;
        var before = Snapshot.footerSchema(conf, files.location(base + "/" + s.name()));
        var now = Snapshot.footerSchema(conf, files.location(staging + "/" + s.name()));
        if (before != null && now != null && !before.equals(now)) {
            throw new IllegalStateException("cannot add partitions to " + s.name() + ": its columns " + before.simpleString()
                    + " differ from this run's " + now.simpleString() + "; rerun without --as-of-date-only first");
        }
    }
}
