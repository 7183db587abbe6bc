package org.cybermarket.store;

import org.cybermarket.input.InputFileException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which folders are the tool's: an output root is marked ({@link #MARKER}); a folder that holds anything else is
 * never written into, and a marked root holds only the names of its layout.
 */
final class Ownership {
    static final String MARKER = ".cybermarket-root";
    private static final Set<String> RESERVED = Set.of(MARKER, LocalRootFiles.POINTER, HadoopRootFiles.POINTER,
            OutputRoot.SNAPSHOTS, OutputRoot.STAGING, OutputRoot.RUNS, OutputRoot.LOCKS);

    private Ownership() {}

    /**
     * Refuses a root that is a file, an unmarked folder with anything in it, or a marked one with a foreign name at
     * its top; {@code create} marks a new or empty folder as a root.
     */
    static void check(RootFiles files, boolean create) {
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
            boolean legacy = entries.contains(Manifest.FILE);
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

    /** Temporary names the store uses next to the pointer and run records. */
    static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + ", ... (" + names.size() + " entries)";
    }

    private static byte[] marker() {
        return ("{\"tool\": \"cybermarket\", \"layout\": 2, \"created_at\": \"" + Instant.now() + "\",\n"
                + " \"note\": \"An output root of cybermarket. Read current/ (see docs/reliability.md). cybermarket writes and deletes only its own files here.\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
