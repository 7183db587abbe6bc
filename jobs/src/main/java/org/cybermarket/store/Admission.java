package org.cybermarket.store;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Who may use an output root now. A run registers under the admission lock, which refuses it at once when it cannot
 * share the root with a live run (a full run with any writer, two daily runs of one date), naming the run that holds
 * it; what runs that are gone left behind is recovered first ({@link Recovery}).
 */
final class Admission {
    private final RootFiles files;
    private final RunLocks locks;

    Admission(RootFiles files, RunLocks locks) {
        this.files = files;
        this.locks = locks;
    }

    OutputRoot.Registration admit(String runId, String command, OutputRoot.Mode mode, String asOf, Consumer<String> log) {
        try (RunLocks.Held ignored = locks.admission()) {
            RunLocks.Registrations regs = locks.registrations();
            for (String stale : regs.removedStale()) log.accept("recovered: run " + stale + " ended without finishing (killed or crashed); its lock is released");
            for (RunLocks.RunInfo other : regs.live()) {
                String conflict = conflict(mode, asOf, other);
                if (conflict != null) {
                    throw new OutputRoot.RootBusyException(files.location() + ": " + conflict + " " + other.describe()
                            + "; wait for it to finish, or give another --out");
                }
            }
            new Recovery(files).recover(regs.live(), log);
            RunLocks.RunInfo info = new RunLocks.RunInfo(runId, command, mode.name().toLowerCase(), asOf, files.pointer(),
                    ProcessHandle.current().pid(), host(), Instant.now().toString());
            return new OutputRoot.Registration(info, locks.register(info), files.location(OutputRoot.STAGING + "/" + runId));
        }
    }

    private static String conflict(OutputRoot.Mode mode, String asOf, RunLocks.RunInfo other) {
        String theirs = other.mode();
        if (mode == OutputRoot.Mode.READ || mode == OutputRoot.Mode.REPORT || "read".equals(theirs) || "report".equals(theirs)) return null;
        if (mode == OutputRoot.Mode.FULL || "full".equals(theirs)) return "the output root is in use by";
        if (asOf != null && asOf.equals(other.asOf())) return "the partitions of " + asOf + " are being published by";
        return null;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
