package org.cybermarket.testing;

import org.cybermarket.cli.Main;
import org.junit.jupiter.api.Assumptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real data: the committed extract {@code data/real} (read by the default config, {@code data/config/real.yaml};
 * always there) and, for the few tests that need them, the full public files in {@code ../shared/data/real}
 * beside the checkout (absent on a user's clone: those tests skip and say so on the console).
 */
public final class RealData {
    private static Path out;

    private RealData() {}

    /** The committed extract (data/real). */
    public static Path extract() {
        return SparkTest.projectRoot().resolve("data/real");
    }

    /**
     * The full files in ../shared/data/real. Where they are absent, prints why the calling test skips (on
     * System.out, so that Maven's console shows it) and skips it.
     */
    public static Path requireFullFiles() {
        Path real = SparkTest.realData();
        if (real == null) {
            String caller = StackWalker.getInstance().walk(s -> s.skip(1).findFirst())
                    .map(f -> f.getClassName().replaceFirst(".*\\.", "") + "." + f.getMethodName()).orElse("a test");
            String why = "SKIPPED " + caller + ": ../shared/data/real is absent beside the checkout ("
                    + SparkTest.projectRoot().resolve("../shared/data/real").normalize() + "); this test needs the full public files";
            System.out.println(why);
            Assumptions.assumeTrue(false, why);
        }
        return real;
    }

    /** The output root of a pipeline run with the default config on the committed extract (run on first use). */
    public static synchronized Path pipelineOutput() throws Exception {
        if (out == null) {
            SparkTest.spark(); // the test session's settings, not the pipeline's defaults
            Path dir = Files.createTempDirectory("cybermarket-real");
            StringWriter err = new StringWriter();
            int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    "pipeline", "--config", SparkTest.projectRoot().resolve("data/config/real.yaml").toString(),
                    "--out", dir.toString(), "--master", "local[2]");
            assertEquals(0, code, err.toString());
            out = dir;
        }
        return out;
    }
}
