package org.cybermarket.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.ConfigLoader;
import org.cybermarket.testing.Cli;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** One writer per root, locks that outlive no process, renames that never nest, and the protocol on a Hadoop file system. */
class OutputRootTest {
    static final org.apache.hadoop.conf.Configuration CONF = new org.apache.hadoop.conf.Configuration();

    @Test
    void aSecondFullRunFailsAtOnceNamingTheRunThatHoldsTheRootUntilThatRunIsGone(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("holder.log");
        Process holder = Cli.start(log, Map.of(), HoldRoot.class, out.toString(), "20240722T000000Z-aaaa", "FULL", "-");
        try {
            assertTrue(Cli.awaitLine(holder, log, "held"), Files.readString(log));
            long t0 = System.nanoTime();
            Cli.Result refused = Cli.run(Cli.sample("forecast", out));
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("in use by run 20240722T000000Z-aaaa (pipeline, pid " + holder.pid()), refused.err());
            assertTrue((System.nanoTime() - t0) / 1e9 < 30, "refused before doing any work");
            assertFalse(Files.exists(out.resolve("current")), "nothing published by the refused run");
        } finally {
            holder.destroyForcibly(); // kill -9: the kernel drops its lock, its registration file stays behind
            holder.waitFor();
        }
        Cli.Result next = Cli.run(Cli.sample("forecast", out));
        assertEquals(0, next.code(), next.err());
        assertTrue(next.out().contains("recovered: run 20240722T000000Z-aaaa ended without finishing"), next.out());
    }

    @Test
    void dailyRunsOfOneDateExcludeEachOtherWhileOtherDatesAndReadersMayShare(@TempDir Path tmp) {
        OutputRoot root = OutputRoot.forWriting(tmp.resolve("out").toString(), CONF);
        List<String> log = new ArrayList<>();
        try (var monday = root.admit("r1", "pipeline --as-of-date-only", OutputRoot.Mode.DAILY, "2024-07-22", log::add);
             var friday = root.admit("r2", "pipeline --as-of-date-only", OutputRoot.Mode.DAILY, "2024-07-19", log::add);
             var reader = root.admit("q1", "query", OutputRoot.Mode.READ, null, log::add)) {
            var same = assertThrows(OutputRoot.RootBusyException.class,
                    () -> root.admit("r3", "pipeline --as-of-date-only", OutputRoot.Mode.DAILY, "2024-07-22", log::add));
            assertTrue(same.getMessage().contains("the partitions of 2024-07-22 are being published by run r1"), same.getMessage());
            var full = assertThrows(OutputRoot.RootBusyException.class, () -> root.admit("r4", "pipeline", OutputRoot.Mode.FULL, null, log::add));
            assertTrue(full.getMessage().contains("in use by run r"), full.getMessage());
        }
        root.admit("r5", "pipeline", OutputRoot.Mode.FULL, null, log::add).close(); // all gone: a full run may start
        assertEquals(List.of(), log, "no stale registration: each run that ended removed its own");
    }

    @Test
    void aMoveNeverLandsInsideAnExistingFolder(@TempDir Path tmp) throws Exception {
        // The local file system's rename of a folder onto an existing one nested it (prices/prices/...): issue 19.
        for (RootFiles files : List.of(new LocalRootFiles(tmp.resolve("a")), new HadoopRootFiles(tmp.resolve("b").toUri().toString(), CONF))) {
            files.mkdirs("staged/prices");
            files.writeAtomically("staged/prices/part-0.parquet", "new".getBytes(StandardCharsets.UTF_8), false);
            files.mkdirs("published/prices");
            files.writeAtomically("published/prices/part-0.parquet", "old".getBytes(StandardCharsets.UTF_8), false);
            assertThrows(java.io.UncheckedIOException.class, () -> files.move("staged/prices", "published/prices"), files.getClass().getSimpleName());
            assertEquals(List.of("part-0.parquet"), files.list("published/prices"), "nothing moved into the existing folder");
            assertEquals("old", files.read("published/prices/part-0.parquet"));
            assertEquals("new", files.read("staged/prices/part-0.parquet"));
        }
    }

    @Test
    void manifestsAndRunRecordsAreReadableByTheirOwnerOnly(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, Cli.run(Cli.sample("forecast", out)).code());
        Path current = out.resolve(Files.readSymbolicLink(out.resolve("current")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(current.resolve("_manifest.json"))));
        try (var runs = Files.list(out.resolve("_runs"))) {
            for (Path r : runs.toList()) assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(r)), r.toString());
        }
    }

    @Test
    void onAHadoopFileSystemAPointerFileCommitsAndLeasesExpire(@TempDir Path tmp) throws Exception {
        SparkSession spark = SparkTest.spark();
        String location = tmp.resolve("hdfs-like").toUri().toString();
        HadoopRootFiles files = new HadoopRootFiles(location, CONF);
        OutputRoot root = OutputRoot.on(files, CONF);
        Dataset<Row> one = spark.range(3).toDF("n");
        String first = publish(spark, root, "20240101T000000Z-0001", "numbers", one);
        assertEquals(first, files.pointer());
        assertEquals(first, files.read("_current").strip());
        String second = publish(spark, root, "20240102T000000Z-0002", "letters", spark.sql("select 'a' as c"));
        Snapshot s = root.current(spark);
        assertEquals(second, s.id());
        assertEquals(List.of("letters", "numbers"), s.datasets(), "the first run's dataset is carried over (copied)");
        assertEquals(3, s.read("numbers").count());
        JsonNode m = s.manifest();
        assertEquals(first, m.get("sources").get("numbers").get("run_id").asText());

        // A registration whose holder stopped refreshing it is stale once STALE_MILLIS have passed.
        String old = Long.toString(System.currentTimeMillis() - LeaseRunLocks.STALE_MILLIS - 1000);
        files.writeAtomically(OutputRoot.LOCKS + "/run-gone.json", ("{\"run_id\":\"gone\",\"mode\":\"full\"}\n" + old).getBytes(StandardCharsets.UTF_8), false);
        List<String> log = new ArrayList<>();
        root.admit("20240103T000000Z-0003", "pipeline", OutputRoot.Mode.FULL, null, log::add).close();
        assertEquals(List.of("recovered: run gone ended without finishing (killed or crashed); its lock is released"), log);
    }

    /** Stages one dataset for a run and publishes it (no report: not a local root). */
    static String publish(SparkSession spark, OutputRoot root, String runId, String name, Dataset<Row> df) {
        try (OutputRoot.Registration reg = root.admit(runId, "test", OutputRoot.Mode.FULL, null, x -> {})) {
            OutputStore store = new OutputStore(spark, reg.stagingLocation(), root.snapshot(spark, reg.base()));
            long rows = store.stage(name, df);
            store.commit();
            assertEquals(List.of(OutputRoot.Staged.whole(name, rows)), store.toPublish());
            root.publish(spark, new OutputRoot.Publisher(reg, "test", null), store.toPublish(),
                    sources -> ("{\"datasets\": " + json(sources) + "}").getBytes(StandardCharsets.UTF_8), s -> {}, x -> {});
            return runId;
        }
    }

    static String json(Map<String, Manifest.Source> sources) {
        try {
            StringBuilder b = new StringBuilder("{");
            sources.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v.rows()));
            return b.append("}, \"sources\": ").append(ConfigLoader.jsonMapper().writeValueAsString(sources)).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
