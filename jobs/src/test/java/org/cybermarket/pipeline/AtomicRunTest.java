package org.cybermarket.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.cybermarket.cli.Main;
import org.cybermarket.store.Faults;
import org.cybermarket.store.Snapshot;
import org.cybermarket.testing.Cli;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run is all or nothing (issue 19): killed as {@code kill -9} does at each point of a run (a JVM of its own, halted
 * at a fault point, or killed at a random moment), the output root shows readers the previous complete set or the new
 * complete set, never a mix; the manifest describes exactly what is shown; the next run removes the leftovers and
 * says so.
 */
class AtomicRunTest {
    static Path root(Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Outputs.copy(SampleRun.output(), out);
        return out;
    }

    /** Every file readers of the root see (the current snapshot: datasets, manifest, report) with its SHA-256. */
    static Map<String, String> visible(Path out) throws Exception {
        Map<String, String> files = new TreeMap<>();
        Path snap = Outputs.current(out);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(snap)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) files.put(snap.relativize(p).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
        }
        return files;
    }

    static String currentId(Path out) throws Exception {
        return Files.readSymbolicLink(out.resolve("current")).getFileName().toString();
    }

    /** What a reader checks: the manifest lists exactly the snapshot's datasets with their rows, and the file list every file. */
    static void assertConsistent(Path out) throws Exception {
        Snapshot s = Snapshot.current(SparkTest.spark(), out.toString());
        JsonNode m = s.manifest();
        Set<String> listed = new TreeSet<>();
        m.get("datasets").fieldNames().forEachRemaining(listed::add);
        assertEquals(listed, new TreeSet<>(s.datasets()), "the manifest lists exactly the datasets readers see");
        for (String name : listed) assertEquals(m.get("datasets").get(name).asLong(), s.read(name).count(), name + " rows as the manifest says");
        Path snap = Outputs.current(out);
        Set<String> present = new TreeSet<>();
        try (Stream<Path> w = Files.walk(snap)) {
            w.filter(Files::isRegularFile).forEach(p -> present.add(snap.relativize(p).toString()));
        }
        present.remove("_files");
        assertEquals(present, new TreeSet<>(Files.readAllLines(snap.resolve("_files"))), "the snapshot's file list names every file in it");
    }

    /** No leftovers: nothing staged, every snapshot complete, no registration of a run that is gone. */
    static void assertClean(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("_staging"))) {
            assertEquals(List.of(), s.toList(), "nothing left in staging");
        }
        try (Stream<Path> s = Files.list(out.resolve("snapshots"))) {
            for (Path snap : s.toList()) assertTrue(Files.exists(snap.resolve("_files")), snap + " is complete");
        }
        try (Stream<Path> s = Files.list(out.resolve("_locks"))) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run-")).toList(), "no run registered");
        }
    }

    static int killedAt(Path tmp, String point, String... args) throws Exception {
        Path log = tmp.resolve("killed.log");
        return Cli.await(Cli.start(log, Map.of(Faults.HALT, point), Main.class, args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admitted", "staged:market_forecast", "job-done:forecast", "commit:datasets", "commit:report", "commit:listed"})
    void aRunKilledBeforeItsSwitchLeavesThePreviousSetAndTheNextRunCleansUp(String point, @TempDir Path tmp) throws Exception {
        Path out = root(tmp);
        Map<String, String> before = visible(out);
        String id = currentId(out);
        assertEquals(Faults.HALT_EXIT_CODE, killedAt(tmp, point, Cli.sample("forecast", out)), "halted at " + point);
        assertEquals(id, currentId(out), "readers still see the previous snapshot");
        assertEquals(before, visible(out), "every file readers see is byte for byte as before");
        assertConsistent(out);

        Cli.Result next = Cli.run(Cli.sample("forecast", out));
        assertEquals(0, next.code(), next.err());
        assertTrue(next.out().contains("ended without finishing (killed or crashed); its lock is released"), next.out());
        if (!point.equals("admitted")) {
            assertTrue(next.out().contains("recovered: removed what run") || next.out().contains("which its run began but never published"), next.out());
        }
        assertNotEquals(id, currentId(out));
        assertConsistent(out);
        assertClean(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"commit:switched", "commit:recorded"})
    void aRunKilledAfterItsSwitchHasPublishedItsWholeSet(String point, @TempDir Path tmp) throws Exception {
        Path out = root(tmp);
        String id = currentId(out);
        assertEquals(Faults.HALT_EXIT_CODE, killedAt(tmp, point, Cli.sample("forecast", out)));
        String published = currentId(out);
        assertNotEquals(id, published, "the switch is the commit: the new set is what readers see");
        assertConsistent(out);
        JsonNode m = Snapshot.current(SparkTest.spark(), out.toString()).manifest();
        assertEquals(published, m.get("sources").get("market_forecast").get("run_id").asText(), "written by the killed run");
        assertEquals(id, m.get("sources").get("prices").get("run_id").asText(), "carried over from the previous run");

        Cli.Result next = Cli.run(Cli.sample("forecast", out));
        assertEquals(0, next.code(), next.err());
        if (point.equals("commit:switched")) assertTrue(next.out().contains("recovered: recorded run " + published), next.out());
        assertTrue(Files.exists(out.resolve("_runs/" + published + ".json")), "the killed run has its record");
        assertConsistent(out);
        assertClean(out);
    }

    @Test
    void aFullPipelineKilledAfterIngestShowsNoneOfItsNewDatasets(@TempDir Path tmp) throws Exception {
        // The case: new prices, securities, rejects... staged beside the old returns and es_* must stay invisible.
        Path out = root(tmp);
        Map<String, String> before = visible(out);
        assertEquals(Faults.HALT_EXIT_CODE, killedAt(tmp, "job-done:ingest", Cli.sample("pipeline", out)));
        assertEquals(before, visible(out));
        assertConsistent(out);
    }

    @Test
    void aPipelineKilledAtAnyMomentLeavesOneCompleteSet(@TempDir Path tmp) throws Exception {
        Path out = root(tmp);
        Map<String, String> before = visible(out);
        String id = currentId(out);
        Path log = tmp.resolve("pipeline.log");
        Process p = Cli.start(log, Map.of(), Main.class, Cli.sample("pipeline", out));
        assertTrue(Cli.awaitLine(p, log, "[returns"), "the pipeline got as far as its returns job: " + Files.readString(log));
        p.destroyForcibly(); // SIGKILL, in the middle of the sectors, event study and forecast jobs
        Cli.await(p);
        if (currentId(out).equals(id)) assertEquals(before, visible(out), "killed before its switch: the previous set, byte for byte");
        assertConsistent(out);
        Cli.Result next = Cli.run(Cli.sample("returns", out));
        assertEquals(0, next.code(), next.err());
        assertConsistent(out);
        assertClean(out);
    }
}
