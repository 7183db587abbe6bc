package org.cybermarket.cluster;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DoubleType;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pipeline on a real Spark standalone cluster: a Master and a Worker started here on 127.0.0.1 from the
 * Maven-resolved Spark jars (SPARK_HOME is a temporary folder whose jars/ links them), the shaded jobs jar
 * submitted with SparkSubmit in client mode and {@code --master none}, then every output dataset compared with
 * the local-mode run of the same pipeline. The processes started here are stopped by their process ids.
 * Run by maven-failsafe after the jar is packaged ({@code mvn verify}).
 */
class StandaloneClusterIT {
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

    static Path work;
    static Path sparkHome;
    static String classpath;
    static final List<Process> started = new ArrayList<>();
    static String masterUrl;

    @BeforeAll
    static void startCluster() throws Exception {
        Path root = SparkTest.projectRoot();
        Path cpFile = root.resolve("jobs/target/launcher-classpath.txt");
        assertTrue(Files.exists(cpFile), "run after 'package': " + cpFile + " is missing");
        classpath = Files.readString(cpFile).trim();
        work = Files.createTempDirectory("cybermarket-cluster");
        sparkHome = work.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        for (String jar : classpath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(jar);
            Path link = sparkHome.resolve("jars").resolve(p.getFileName());
            if (!Files.exists(link)) Files.createSymbolicLink(link, p);
        }
        int masterPort = freePort();
        masterUrl = "spark://127.0.0.1:" + masterPort;
        Process master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
        waitForLog("master", master, "I have been elected leader");
        Process worker = start("worker", "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1",
                "--cores", "2", "--memory", "3g", "--webui-port", Integer.toString(freePort()), "--work-dir", work.resolve("worker").toString());
        waitForLog("worker", worker, "Successfully registered with master");
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (work != null) Outputs.deleteTree(work);
        } catch (Exception ignored) {
            // a temporary folder: best effort
        }
    }

    @Test
    void thePipelineSubmittedToAStandaloneClusterWritesTheSameRowsAsLocalMode() throws Exception {
        Path root = SparkTest.projectRoot();
        Path clusterOut = work.resolve("out-cluster");
        String addOpens = addOpens();
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx2g"));
        cmd.addAll(Arrays.asList(addOpens.split("\\s+")));
        cmd.addAll(List.of("-cp", classpath, "org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl, "--deploy-mode", "client", "--class", "org.cybermarket.cli.Main",
                "--conf", "spark.executor.extraJavaOptions=" + addOpens,
                "--conf", "spark.executor.memory=2g", "--conf", "spark.cores.max=2", "--conf", "spark.driver.host=127.0.0.1",
                root.resolve("jobs/target/cybermarket-jobs.jar").toString(),
                "pipeline", "--master", "none", "--config", root.resolve("data/config/sample.yaml").toString(),
                "--out", clusterOut.toUri().toString()));
        Path log = work.resolve("submit.log");
        Process submit = builder(cmd, log).directory(work.toFile()).start();
        started.add(submit);
        assertTrue(submit.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "spark-submit did not finish in " + RUN_TIMEOUT + "\n" + tail(log));
        assertEquals(0, submit.exitValue(), "spark-submit failed:\n" + tail(log));
        String output = Files.readString(log);
        assertTrue(output.contains(masterUrl), "the run's manifest and log name the cluster master:\n" + tail(log));
        assertTrue(Files.readString(Outputs.manifest(clusterOut)).contains("\"master\" : \"" + masterUrl + "\""),
                "the manifest records the cluster master");

        Path local = SampleRun.output();
        assertEquals(0, SampleRun.exitCode(), SampleRun.errors());
        List<String> datasets;
        try (Stream<Path> s = Files.list(Outputs.current(local))) {
            datasets = s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("_")
                    && !p.getFileName().toString().equals("report")).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(datasets.size() >= 20, "every dataset of the pipeline: " + datasets);
        var spark = SparkTest.spark();
        for (String ds : datasets) {
            assertTrue(Files.isDirectory(Path.of(Outputs.dataset(clusterOut, ds))), ds + " is missing from the cluster run");
            Dataset<Row> expected = spark.read().parquet(Outputs.dataset(local, ds));
            Dataset<Row> actual = spark.read().parquet(Outputs.dataset(clusterOut, ds));
            assertEquals(Arrays.asList(expected.schema().fieldNames()), Arrays.asList(actual.schema().fieldNames()), ds + " columns");
            boolean floating = Arrays.stream(expected.schema().fields()).anyMatch(f -> f.dataType() instanceof DoubleType);
            if (floating) {
                // Sums are added in partition order: identical keys, floating cells to 1e-12 (docs/reliability.md).
                Outputs.assertSameRowsWithin(expected, actual, 1e-12, ds + ": cluster vs local");
            } else {
                Outputs.assertSameRows(expected, actual, ds + ": cluster vs local");
            }
        }
    }

    static Process start(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m", "-cp", sparkHome.resolve("jars").toString() + "/*", mainClass));
        cmd.addAll(List.of(args));
        Process p = builder(cmd, work.resolve(name + ".log")).start();
        started.add(p);
        return p;
    }

    static ProcessBuilder builder(List<String> cmd, Path log) {
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = b.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOG_DIR", work.resolve("logs").toString());
        return b;
    }

    static void waitForLog(String name, Process p, String line) throws Exception {
        Path log = work.resolve(name + ".log");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) fail(name + " exited with " + p.exitValue() + ":\n" + tail(log));
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) return;
            Thread.sleep(250);
        }
        fail(name + " did not log '" + line + "' within " + START_TIMEOUT + ":\n" + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Spark's Java 17 flags, from the parent POM (the same list Surefire and ./cybermarket use). */
    static String addOpens() {
        return SparkTest.addOpens();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
