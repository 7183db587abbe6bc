package org.cybermarket.pipeline;

import org.cybermarket.cli.Main;
import org.cybermarket.store.Faults;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A failure injected after a dataset is staged (the writer's test hook) leaves the last good output readable and
 * unchanged, leaves no staging behind, records the failure in the manifest; the rerun reproduces the same rows.
 */
class FaultAndRerunTest {
    static int run(Path out, StringWriter err, String job) {
        return Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), job,
                "--config", SparkTest.projectRoot().resolve("data/config/sample.yaml").toString(), "--out", out.toString(), "--master", "local[2]");
    }

    @Test
    void aFailureMidWriteLeavesTheLastGoodOutputAndTheRerunReproducesIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Outputs.copy(SampleRun.output(), out);
        var spark = SparkTest.spark();
        var before = spark.read().parquet(Outputs.dataset(SampleRun.output(), "returns"));

        String manifestBefore = Files.readString(Outputs.manifest(out));
        StringWriter err = new StringWriter();
        System.setProperty(Faults.FAIL, "staged:returns");
        int code;
        try {
            code = run(out, err, "returns");
        } finally {
            System.clearProperty(Faults.FAIL);
        }
        assertEquals(1, code);
        assertEquals("cybermarket: injected failure at staged:returns", err.toString().strip().replaceAll(" \\(details: .*\\)$", ""));
        Outputs.assertSameRows(before, spark.read().parquet(Outputs.dataset(out, "returns")), "returns untouched and readable");
        assertEquals(manifestBefore, Files.readString(Outputs.manifest(out)), "the manifest readers see still describes what they see");
        try (var s = Files.list(out.resolve("_staging"))) {
            assertEquals(0, s.count(), "nothing of the failed run is left in staging");
        }
        String failed = latestRunRecord(out);
        assertTrue(failed.contains("\"outcome\" : \"failed\"") && failed.contains("injected failure"), failed);

        assertEquals(0, run(out, new StringWriter(), "returns"));
        Outputs.assertSameRows(before, spark.read().parquet(Outputs.dataset(out, "returns")), "the rerun gives the same rows");
        assertTrue(Files.readString(Outputs.manifest(out)).contains("\"outcome\" : \"succeeded\""));
        assertTrue(latestRunRecord(out).contains("\"outcome\" : \"succeeded\""));
    }

    /** The record of the newest run under {@code _runs/} (run ids begin with their start time). */
    static String latestRunRecord(Path out) throws Exception {
        try (var s = Files.list(out.resolve("_runs"))) {
            return Files.readString(s.max(java.util.Comparator.naturalOrder()).orElseThrow());
        }
    }
}
