package org.cybermarket.testing;

import org.cybermarket.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line as a user would: in this JVM (exit code, what it printed) or in a JVM of its own, which a test
 * can kill as {@code kill -9} does, at a chosen fault point ({@link org.cybermarket.store.Faults}) or at any moment.
 */
public final class Cli {
    private Cli() {}

    /** What a command printed and returned. */
    public record Result(int code, String out, String err) {}

    /** Runs a command in this JVM, capturing System.out (progress lines) and the CLI's error stream. */
    public static synchronized Result run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream before = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(new PrintWriter(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true), args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(before);
        }
    }

    /** The sample config's arguments for a job command writing into {@code out}. */
    public static String[] sample(String command, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "--config", SparkTest.projectRoot().resolve("data/config/sample.yaml").toString(),
                "--out", out.toString(), "--master", "local[2]"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /**
     * Starts a class's main in a new JVM with this test run's classpath and Spark's Java 17 flags; its output goes to
     * {@code log}. {@code props} become system properties (for example a fault point).
     */
    public static Process start(Path log, Map<String, String> props, Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:-DontCompileHugeMethods"));
        cmd.addAll(List.of(SparkTest.addOpens().split("\\s+")));
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dcybermarket.log.file=" + log + ".spark");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for a process (at most five minutes) and returns its exit code. */
    public static int await(Process p) throws InterruptedException {
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the process did not end within five minutes");
        }
        return p.exitValue();
    }

    /** Waits until the log holds {@code text} (the process printed it) or the process ended. */
    public static boolean awaitLine(Process p, Path log, String text) throws Exception {
        for (int i = 0; i < 3000; i++) {
            if (Files.exists(log) && Files.readString(log).contains(text)) return true;
            if (!p.isAlive()) return Files.exists(log) && Files.readString(log).contains(text);
            Thread.sleep(100);
        }
        return false;
    }
}
