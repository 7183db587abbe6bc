package org.cybermarket.pipeline;

import org.cybermarket.io.Parallel;
import org.cybermarket.store.OutputStore;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** How the runner orders jobs: after the jobs they need, at the same time as the others; what a failure stops. */
class RunnerTest {
    record TestJob(String name, List<String> needs, Consumer<JobContext> body) implements Job {
        @Override
        public void run(JobContext ctx) { body.accept(ctx); }
    }

    static JobContext context(Path out) {
        OutputStore store = new OutputStore(SparkTest.spark(), out.resolve("_staging/test").toString(), null);
        return new JobContext(SparkTest.spark(), null, store, new RunLog(new PrintStream(OutputStream.nullOutputStream())), LocalDate.of(2024, 7, 22), false);
    }

    @Test
    void jobsThatDoNotNeedEachOtherRunAtTheSameTimeAndDependentsWait(@TempDir Path tmp) throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch bothStarted = new CountDownLatch(2);
        Consumer<JobContext> meetTheOther = ctx -> {
            bothStarted.countDown();
            try { // returns only if the other job started too: they run at the same time
                assertTrue(bothStarted.await(30, TimeUnit.SECONDS), "the independent jobs did not overlap");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        List<Job> jobs = List.of(
                new TestJob("a", List.of(), ctx -> events.add("a")),
                new TestJob("b", List.of("a"), ctx -> { meetTheOther.accept(ctx); events.add("b"); }),
                new TestJob("c", List.of("a", "not_in_this_run"), ctx -> { meetTheOther.accept(ctx); events.add("c"); }),
                new TestJob("d", List.of("b"), ctx -> events.add("d")));
        Runner.runAll(jobs, context(tmp));
        assertEquals("a", events.get(0));
        assertTrue(events.indexOf("d") > events.indexOf("b"), events.toString());
        assertEquals(4, events.size());
    }

    @Test
    void aFailingJobStopsOnlyTheJobsThatNeedItAndItsErrorIsThrown(@TempDir Path tmp) {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        List<Job> jobs = List.of(
                new TestJob("a", List.of(), ctx -> ran.add("a")),
                new TestJob("b", List.of("a"), ctx -> { throw new IllegalArgumentException("b broke"); }),
                new TestJob("c", List.of("a"), ctx -> ran.add("c")),
                new TestJob("d", List.of("b"), ctx -> ran.add("d")),
                new TestJob("e", List.of("d"), ctx -> ran.add("e")));
        var e = assertThrows(IllegalArgumentException.class, () -> Runner.runAll(jobs, context(tmp)));
        assertEquals("b broke", e.getMessage());
        assertEquals(List.of("a", "c"), List.copyOf(ran));
    }

    @Test
    void aJobListedBeforeAJobItNeedsIsRefused(@TempDir Path tmp) {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        List<Job> jobs = List.of(new TestJob("c", List.of(), ctx -> ran.add("c")), new TestJob("a", List.of("b"), ctx -> ran.add("a")),
                new TestJob("b", List.of(), ctx -> ran.add("b")));
        var e = assertThrows(IllegalStateException.class, () -> Runner.runAll(jobs, context(tmp)));
        assertTrue(e.getMessage().contains("job a needs b, listed after it"), e.getMessage());
        assertEquals(List.of(), List.copyOf(ran), "no job starts when the order is wrong");
    }

    @Test
    void parallelKeepsTheTasksOrderAndThrowsTheFirstFailureAfterAllHaveEnded() {
        List<Callable<Integer>> ok = List.of(() -> 1, () -> 2, () -> 3);
        assertEquals(List.of(1, 2, 3), Parallel.all("test", ok));
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Integer>> failing = List.of(
                () -> { throw new java.io.IOException("first"); },
                () -> { throw new IllegalStateException("second"); },
                () -> { Thread.sleep(200); finished.add("slow"); return 3; });
        var e = assertThrows(java.io.UncheckedIOException.class, () -> Parallel.all("test", failing));
        assertEquals("first", e.getMessage());
        assertEquals(List.of("slow"), List.copyOf(finished), "the slow task ended before the failure was thrown");
    }
}
