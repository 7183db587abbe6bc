package org.cybermarket.testing;

import org.cybermarket.cli.Main;
import org.junit.jupiter.api.Assumptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static Path incidents;

    /**
     * The output root of a pipeline run on the committed extract with the default config studying the incident
     * catalogue instead ({@code events: ../events/incidents.json}), pooled by scope ({@code firm_level},
     * {@code market_wide}); run on first use. The config is the default one with those two keys changed, so that
     * nothing else differs from the default run.
     */
    public static synchronized Path incidentsOutput() throws Exception {
        if (incidents == null) {
            SparkTest.spark();
            Path root = SparkTest.projectRoot();
            Path dir = Files.createTempDirectory("cybermarket-incidents");
            String text = Files.readString(root.resolve("data/config/real.yaml"));
            String changed = text.replace("data_dir: ../real", "data_dir: " + root.resolve("data/real"))
                    .replace("events: ../events/events.json", "events: " + root.resolve("data/events/incidents.json"))
                    .replace("research: ../research", "research: " + root.resolve("data/research"))
                    .replace("event_study:\n", "event_study:\n  pools:\n    firm_level: {tag: firm-level}\n    market_wide: {tag: market-wide}\n");
            for (String key : List.of("data_dir: ../real", "events: ../events/events.json", "research: ../research", "event_study:\n")) {
                assertTrue(text.contains(key), "data/config/real.yaml no longer has '" + key.strip() + "', which this run changes");
            }
            Path cfg = dir.resolve("incidents.yaml");
            Files.writeString(cfg, changed);
            StringWriter err = new StringWriter();
            int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    "pipeline", "--config", cfg.toString(), "--out", dir.resolve("out").toString(), "--master", "local[2]");
            assertEquals(0, code, err.toString());
            incidents = dir.resolve("out");
        }
        return incidents;
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
