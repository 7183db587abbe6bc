package org.cybermarket.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a few independent Spark actions at the same time, one thread each. On small inputs most of an action is
 * driver work (analysis, planning, code generation) during which the executors wait; started together, one
 * action's driver work overlaps another's tasks (docs/performance.md).
 */
public final class Parallel {
    private Parallel() {}

    /**
     * The results in the order of the tasks. If any task fails, the first failure (in task order) is thrown once
     * every task has ended, unchecked: an IOException as an UncheckedIOException.
     */
    public static <T> List<T> all(String what, List<Callable<T>> tasks) {
        if (tasks.size() == 1) return List.of(call(tasks.get(0)));
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> {
            Thread t = new Thread(r, "cybermarket-" + what);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) futures.add(pool.submit(task));
            List<T> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) failure = unchecked(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (failure == null) failure = new IllegalStateException("interrupted: " + what, e);
                }
            }
            if (failure != null) throw failure;
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> task) {
        try {
            return task.call();
        } catch (Exception e) {
            throw unchecked(e);
        }
    }

    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException re) return re;
        if (e instanceof IOException io) return new UncheckedIOException(io.getMessage(), io);
        if (e instanceof Error err) throw err;
        return new IllegalStateException(e.getMessage(), e); // Spark's AnalysisException: checked, thrown from Scala
    }
}
