package org.cybermarket.pipeline;

import org.cybermarket.store.Manifest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One progress line per stage, kept for the run manifest. Every number carries what it counts, grouped by what it
 * is about: {@code [ingest] prices: read 51,684, kept 51,601, rejected 11; factors: read 25,837, ...  (3.2s)}.
 */
public final class RunLog {
    /** The labelled counts of one stage, in the order they are added. */
    public static final class Counts {
        private final Map<String, Map<String, Long>> bySubject = new LinkedHashMap<>();

        /** Adds {@code label n} under {@code subject}, for example ("prices", "read", 51684). */
        public Counts add(String subject, String label, long n) {
            bySubject.computeIfAbsent(subject, k -> new LinkedHashMap<>()).put(label, n);
            return this;
        }

        Map<String, Map<String, Long>> asMap() {
            Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
            bySubject.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            return Collections.unmodifiableMap(copy);
        }

        String line() {
            StringJoiner subjects = new StringJoiner("; ");
            bySubject.forEach((subject, counts) -> {
                StringJoiner parts = new StringJoiner(", ");
                counts.forEach((label, n) -> parts.add(String.format(Locale.ROOT, "%s %,d", label, n)));
                subjects.add(subject + ": " + parts);
            });
            return subjects.toString();
        }
    }

    private final PrintStream out;
    private final List<Manifest.Stage> stages = new ArrayList<>();

    public RunLog(PrintStream out) {
        this.out = out;
    }

    public synchronized void stage(String name, Counts counts, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        stages.add(new Manifest.Stage(name, counts.asMap(), seconds));
        out.printf(Locale.ROOT, "[%-12s] %s  (%.1fs)%n", name, counts.line(), seconds);
    }

    public synchronized void info(String message) {
        out.println(message);
    }

    public synchronized List<Manifest.Stage> stages() {
        return List.copyOf(stages);
    }
}
