package org.cybermarket.testing;

import org.cybermarket.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The whole pipeline on the bundled sample, run once per test JVM through the CLI. */
public final class SampleRun {
    private static Path out;
    private static int exitCode;
    private static String errors;

    private SampleRun() {}

    public static synchronized Path output() throws Exception {
        if (out == null) {
            SparkTest.spark();
            Path dir = Files.createTempDirectory("cybermarket-sample");
            StringWriter err = new StringWriter();
            exitCode = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    "pipeline", "--config", SparkTest.projectRoot().resolve("data/config/sample.yaml").toString(),
                    "--out", dir.toString(), "--master", "local[2]");
            errors = err.toString();
            out = dir;
        }
        return out;
    }

    public static int exitCode() throws Exception {
        output();
        return exitCode;
    }

    public static String errors() throws Exception {
        output();
        return errors;
    }
}
