package org.cybermarket.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One progress line per stage (name, rows in and out, seconds), kept for the run manifest. */
public final class RunLog {
    /** A finished stage. */
    public record Stage(String name, long rowsIn, long rowsOut, long rowsRejected, double seconds) {}

    private final PrintStream out;
    private final List<Stage> stages = new ArrayList<>();

    public RunLog(PrintStream out) {
        this.out = out;
    }

    public synchronized void stage(String name, long rowsIn, long rowsOut, long rowsRejected, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        stages.add(new Stage(name, rowsIn, rowsOut, rowsRejected, seconds));
        out.printf(Locale.ROOT, "[%-12s] rows in %,d  out %,d  rejected %,d  %.1fs%n", name, rowsIn, rowsOut, rowsRejected, seconds);
    }

    public synchronized void info(String message) {
        out.println(message);
    }

    public synchronized List<Stage> stages() {
        return List.copyOf(stages);
    }
}
