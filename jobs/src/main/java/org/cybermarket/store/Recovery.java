package org.cybermarket.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What runs that are gone left behind, removed by the next run under the admission lock, each with a
 * {@code recovered: ...} line: their staging, snapshots they began but never published, pointer temporaries, and the
 * record of a run that published but was killed before recording itself.
 */
final class Recovery {
    private final RootFiles files;

    Recovery(RootFiles files) {
        this.files = files;
    }

    void recover(List<RunLocks.RunInfo> live, Consumer<String> log) {
        Set<String> liveIds = new TreeSet<>();
        for (RunLocks.RunInfo r : live) liveIds.add(r.runId());
        for (String run : files.list(OutputRoot.STAGING)) {
            if (liveIds.contains(run)) continue;
            files.deleteTree(OutputRoot.STAGING + "/" + run);
            log.accept("recovered: removed what run " + run + " had staged but never published");
        }
        String current = files.pointer();
        for (String snap : files.list(OutputRoot.SNAPSHOTS)) {
            if (snap.equals(current) || liveIds.contains(snap) || files.exists(OutputRoot.SNAPSHOTS + "/" + snap + "/" + OutputRoot.FILES)) continue;
            files.deleteTree(OutputRoot.SNAPSHOTS + "/" + snap);
            log.accept("recovered: removed snapshot " + snap + ", which its run began but never published");
        }
        for (String e : files.list("")) if (Ownership.isTemporary(e)) files.deleteFile(e);
        if (current != null && !files.exists(OutputRoot.RUNS + "/" + current + ".json")) {
            String manifest = files.read(OutputRoot.SNAPSHOTS + "/" + current + "/" + Manifest.FILE);
            if (manifest != null) {
                files.writeAtomically(OutputRoot.RUNS + "/" + current + ".json", manifest.getBytes(StandardCharsets.UTF_8), true);
                log.accept("recovered: recorded run " + current + ", which published its outputs but stopped before recording itself");
            }
        }
    }
}
