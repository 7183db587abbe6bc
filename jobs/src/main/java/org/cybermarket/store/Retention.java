package org.cybermarket.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Expires old snapshots after a publish: keeps the current one, the {@link #KEEP_PREVIOUS} newest before it (for
 * readers that took them before the switch) and those live runs are reading; deletes the others' files as their file
 * lists name them, so a file someone else put there stays (and is named).
 */
final class Retention {
    /** Snapshots kept besides the current one, for readers that took them before the switch. */
    static final int KEEP_PREVIOUS = 1;
    private final RootFiles files;
    private final RunLocks locks;

    Retention(RootFiles files, RunLocks locks) {
        this.files = files;
        this.locks = locks;
    }

    void expire(String current, Consumer<String> log) {
        try (RunLocks.Held ignored = locks.admission()) {
            Set<String> keep = new TreeSet<>(Set.of(current));
            for (RunLocks.RunInfo r : locks.registrations().live()) {
                if (r.base() != null) keep.add(r.base());
                keep.add(r.runId());
            }
            List<String> complete = new ArrayList<>();
            for (String snap : files.list(OutputRoot.SNAPSHOTS)) {
                if (!snap.equals(current) && files.exists(OutputRoot.SNAPSHOTS + "/" + snap + "/" + OutputRoot.FILES)) complete.add(snap);
            }
            complete.sort(Comparator.reverseOrder());
            keep.addAll(complete.subList(0, Math.min(KEEP_PREVIOUS, complete.size())));
            for (String snap : complete) {
                if (!keep.contains(snap)) delete(snap, log);
            }
        }
    }

    private void delete(String id, Consumer<String> log) {
        String snap = OutputRoot.SNAPSHOTS + "/" + id;
        String list = files.read(snap + "/" + OutputRoot.FILES);
        Set<String> dirs = new TreeSet<>(Comparator.comparingInt((String d) -> d.split("/").length).reversed().thenComparing(Comparator.naturalOrder()));
        for (String rel : list.split("\n")) {
            if (rel.isBlank() || rel.startsWith("/") || List.of(rel.split("/")).contains("..")) continue;
            files.deleteFile(snap + "/" + rel);
            for (int i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) dirs.add(rel.substring(0, i));
        }
        files.deleteFile(snap + "/" + OutputRoot.FILES);
        for (String d : dirs) files.deleteEmptyDirectory(snap + "/" + d);
        if (!files.deleteEmptyDirectory(snap)) {
            log.accept("kept " + files.location(snap) + ": it holds files cybermarket did not write (" + Ownership.abbreviate(files.walkFiles(snap)) + ")");
        }
    }
}
