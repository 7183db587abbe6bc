package org.cybermarket.cli;

import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The launcher a user runs ({@code ./cybermarket}, after the jar is packaged): a run that runs out of heap ends with
 * one line saying so and naming the setting to raise, exit code 1, whichever thread ran out (Spark ends a local run
 * whose task thread ran out with exit code 52 and no word about memory: issue 19).
 */
class LauncherIT {
    static List<String> launch(Path tmp, String javaOpts) throws Exception {
        Path root = SparkTest.projectRoot();
        ProcessBuilder b = new ProcessBuilder(List.of(root.resolve("cybermarket").toString(), "pipeline",
                "--config", root.resolve("data/config/sample.yaml").toString(), "--out", tmp.resolve("out").toString(),
                // Spark refuses heaps under 450 MB before it starts; this lets a small one through, so that it runs out.
                "--conf", "spark.testing.memory=1073741824"))
                .directory(root.toFile()).redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        b.environment().put("CYBERMARKET_JAVA_OPTS", javaOpts);
        b.environment().put("CYBERMARKET_CDS", "false");
        Process p = b.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the run ended");
        List<String> err = Files.readAllLines(tmp.resolve("stderr"));
        assertEquals(1, p.exitValue(), String.join("\n", err));
        assertTrue(err.stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace on the console: " + String.join("\n", err));
        return err;
    }

    @Test
    void outOfMemoryIsReportedAsSuchWithTheSettingToRaise(@TempDir Path tmp) throws Exception {
        List<String> err = launch(tmp, "-Xmx128m -XX:TieredStopAtLevel=1");
        String last = err.get(err.size() - 1);
        // The heap runs out either in a job thread (Main reports it, measuring the heap) or in a task thread (Spark ends
        // the JVM with exit code 52 and the launcher reports it, naming the -Xmx it passed): both say memory and the size.
        assertTrue(last.startsWith("cybermarket: out of memory: the Java heap of 128 MB was too small")
                || last.startsWith("cybermarket: out of memory: the Java heap (-Xmx128m) was too small"), last);
        assertTrue(last.contains("CYBERMARKET_JAVA_OPTS=\"-Xmx8g\""), last);
    }

    @Test
    void sparksOutOfMemoryExitCodeIsReportedAsSuch(@TempDir Path tmp) throws Exception {
        // Spark's uncaught-exception handler ends the JVM with exit code 52 when a task thread runs out of heap.
        List<String> err = launch(tmp, "-Xmx2g -XX:TieredStopAtLevel=1 -Dcybermarket.faults.halt=admitted -Dcybermarket.faults.haltCode=52");
        String last = err.get(err.size() - 1);
        assertTrue(last.startsWith("cybermarket: out of memory: the Java heap (-Xmx2g) was too small for this run"), last);
        assertTrue(last.contains("CYBERMARKET_JAVA_OPTS=\"-Xmx8g\" ./cybermarket pipeline"), last);
    }
}
