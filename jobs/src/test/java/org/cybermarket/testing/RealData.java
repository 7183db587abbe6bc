package org.cybermarket.testing;

import org.cybermarket.cli.Main;
import org.junit.jupiter.api.Assumptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the pipeline once per test JVM on ../shared/data/real with data/config/shared-real.yaml. */
public final class RealData {
    private static Path out;

    private RealData() {}

    /** Skips the calling test, with the reason, where ../shared/data/real is absent. */
    public static Path requireReal() {
        Path real = SparkTest.realData();
        Assumptions.assumeTrue(real != null, "skipped: ../shared/data/real is absent beside the checkout ("
                + SparkTest.projectRoot().resolve("../shared/data/real").normalize() + "); these tests check the jobs against public market data");
        return real;
    }

    /** The output root of a pipeline run on the real data (run on first use). */
    public static synchronized Path pipelineOutput() throws Exception {
        requireReal();
        if (out == null) {
            Path dir = Files.createTempDirectory("cybermarket-real");
            StringWriter err = new StringWriter();
            int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    "pipeline", "--config", SparkTest.projectRoot().resolve("data/config/shared-real.yaml").toString(),
                    "--out", dir.toString(), "--master", "local[2]", "--as-of", "2026-11-01");
            assertEquals(0, code, err.toString());
            out = dir;
        }
        return out;
    }
}
