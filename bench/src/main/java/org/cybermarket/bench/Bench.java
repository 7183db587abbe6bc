package org.cybermarket.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.EventStudySettings;
import org.cybermarket.eventstudy.EventStudy;
import org.cybermarket.eventstudy.EventStudyJob;
import org.cybermarket.ingest.Ingest;
import org.cybermarket.io.SparkSessions;
import org.cybermarket.sample.ScaledUniverse;
import org.cybermarket.store.OutputStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.*;

/**
 * The event-study benchmark: for each size, generates a synthetic universe with the project's generator, writes
 * it as Parquet once, then times on the same files (1) a bare Spark scan of the returns (the floor), (2) the
 * project's event study (market model, AR/CAR/BHAR, AAR/CAAR and the parametric tests, written as the job writes
 * them) and (3) the DuckDB baseline in SQL, checks that (2) and (3) agree to 1e-9, and prints a table. Results are
 * appended to {@code <out>/results.csv}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times the event study against a DuckDB baseline and a bare Spark scan on generated data of growing size.")
public final class Bench implements Callable<Integer> {
    static final double TOLERANCE = 1e-9;

    @Option(names = "--sizes", split = ",", defaultValue = "500,5000,20000", description = "numbers of securities (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;
    @Option(names = "--years", defaultValue = "10", description = "years of weekday trading days (261 a year; default: ${DEFAULT-VALUE})")
    int years;
    @Option(names = "--events", defaultValue = "100", description = "events, each touching every security (default: ${DEFAULT-VALUE})")
    int events;
    @Option(names = "--out", defaultValue = "out/bench", description = "folder for the data, the outputs and results.csv (default: ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--seed", defaultValue = "20240719", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--all-tests", description = "also time the event study with every test (rank tests, BW1985, KP, generalized sign), reported separately")
    boolean allTests;
    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
    String master;
    @Option(names = "--duckdb-memory", defaultValue = "8GB", description = "DuckDB memory_limit (default: ${DEFAULT-VALUE})")
    String duckdbMemory;
    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark configuration, repeatable")
    Map<String, String> conf = new java.util.LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    record Row_(int securities, long inputRows, long pairs, long securityDays, double genS, double scanS, double projectS, double duckdbS,
                Double allTestsS, long rssScan, long rssProject, long rssDuckdb, long heapProject, double maxDiff, boolean agree) {}

    @Override
    public Integer call() throws Exception {
        SparkSession spark = SparkSessions.create(master, conf);
        int cores = Runtime.getRuntime().availableProcessors();
        String machine = String.format(Locale.ROOT, "%d cores, JVM max heap %d MB, Java %s, Spark %s, %s", cores,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), spark.version(), master);
        System.out.println("bench: " + machine + "; " + years + " years, " + events + " events, sizes " + sizes);
        EventStudySettings settings = EventStudySettings.defaults().withTests("parametric");
        List<Row_> results = new ArrayList<>();
        boolean allAgree = true;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            DuckDbEventStudy.exec(duck, "SET threads = " + cores);
            DuckDbEventStudy.exec(duck, "SET memory_limit = '" + duckdbMemory + "'");
            String duckVersion;
            try (var st = duck.createStatement(); var rs = st.executeQuery("SELECT version()")) {
                rs.next();
                duckVersion = rs.getString(1);
            }
            System.out.println("bench: DuckDB " + duckVersion + ", threads " + cores + ", memory_limit " + duckdbMemory);
            for (int n : sizes) {
                Row_ r = runSize(spark, duck, n, settings);
                results.add(r);
                allAgree &= r.agree();
                print(results);
                appendCsv(r, cores, duckVersion);
            }
        }
        System.out.println("bench: results appended to " + out.resolve("results.csv"));
        if (results.size() > 1) {
            Row_ first = results.get(0), last = results.get(results.size() - 1);
            System.out.printf(Locale.ROOT, "bench: %dx the securities took %.2fx the time (project), %.2fx (DuckDB)%n",
                    last.securities() / first.securities(), last.projectS() / first.projectS(), last.duckdbS() / first.duckdbS());
        }
        targets(results);
        spark.stop();
        if (!allAgree) {
            System.err.println("bench: the project and the DuckDB baseline disagree (see above)");
            return 1;
        }
        return 0;
    }

    Row_ runSize(SparkSession spark, Connection duck, int n, EventStudySettings settings) throws IOException, SQLException {
        Path data = out.resolve("data/securities=" + n);
        long t0 = System.nanoTime();
        ScaledUniverse u = new ScaledUniverse(spark, n, years, events, seed);
        u.returns().repartition(Math.max(1, cores() * 2), col("symbol")).sortWithinPartitions("symbol", "day_index")
                .write().mode(SaveMode.Overwrite).parquet(data.resolve("returns").toString());
        u.securities().coalesce(1).write().mode(SaveMode.Overwrite).parquet(data.resolve("securities").toString());
        u.eventDays().coalesce(1).write().mode(SaveMode.Overwrite).parquet(data.resolve("event_days").toString());
        double gen = seconds(t0);
        long inputRows = spark.read().parquet(data.resolve("returns").toString()).count();
        System.out.printf(Locale.ROOT, "bench: %d securities: generated %,d return rows in %.1f s%n", n, inputRows, gen);

        // (1) The floor: Spark reads and decodes every column the event study uses.
        resetPeaks();
        t0 = System.nanoTime();
        spark.read().parquet(data.resolve("returns").toString())
                .agg(count(lit(1)), sum("simple_return"), sum("day_index"), max("trade_date"), sum(hash(col("market"), col("symbol"), col("on_calendar"))))
                .collectAsList();
        double scan = seconds(t0);
        long rssScan = peakRssMb();
        System.out.printf(Locale.ROOT, "bench: %d securities: Spark scan %.1f s%n", n, scan);

        // (2) The project.
        spark.catalog().clearCache();
        resetPeaks();
        t0 = System.nanoTime();
        StepTimes steps = new StepTimes();
        spark.sparkContext().addSparkListener(steps);
        Map<String, Long> rows = project(spark, data, out.resolve("project/securities=" + n), settings, u);
        double project = seconds(t0);
        long rssProject = peakRssMb(), heapProject = peakHeapMb();
        System.out.printf(Locale.ROOT, "bench: %d securities: project event study %.1f s %s%n", n, project, rows);
        System.out.printf(Locale.ROOT, "bench: %d securities: project task seconds by step (CPU / run): %s%n", n, steps.report(spark.sparkContext()));
        spark.sparkContext().removeSparkListener(steps);

        // (3) The DuckDB baseline.
        Path duckOut = out.resolve("duckdb/securities=" + n);
        Files.createDirectories(duckOut);
        resetPeaks();
        t0 = System.nanoTime();
        DuckDbEventStudy.run(duck, data, duckOut, settings, ScaledUniverse.BENCHMARK);
        double duckS = seconds(t0);
        long rssDuck = peakRssMb();
        System.out.printf(Locale.ROOT, "bench: %d securities: DuckDB baseline %.1f s%n", n, duckS);

        boolean agree = true;
        double maxDiff = 0;
        for (DuckDbEventStudy.Agreement a : DuckDbEventStudy.compare(duck, out.resolve("project/securities=" + n))) {
            boolean ok = a.ok(TOLERANCE);
            agree &= ok;
            maxDiff = Math.max(maxDiff, a.maxRelativeDiff());
            System.out.printf(Locale.ROOT, "bench: %d securities: agree %-32s %,d rows, %d on one side only, max relative difference %.2e %s%n",
                    n, a.what(), a.rows(), a.unmatched(), a.maxRelativeDiff(), ok ? "ok" : "FAILED");
        }

        Double all = null;
        if (allTests) {
            spark.catalog().clearCache();
            t0 = System.nanoTime();
            project(spark, data, out.resolve("project-all-tests/securities=" + n), settings.withTests("all"), u);
            all = seconds(t0);
            System.out.printf(Locale.ROOT, "bench: %d securities: project with every test %.1f s%n", n, all);
        }
        spark.catalog().clearCache();
        long pairs = (long) n * events;
        return new Row_(n, inputRows, pairs, rows.get("es_security_days"), gen, scan, project, duckS, all, rssScan, rssProject, rssDuck,
                heapProject, maxDiff, agree);
    }

    /** The project's event study on the Parquet files, staged and published as the event-study job does. */
    static Map<String, Long> project(SparkSession spark, Path data, Path target, EventStudySettings settings, ScaledUniverse u) {
        Dataset<Row> factors = spark.createDataFrame(List.of(), Ingest.factorSchema()); // the market model needs none
        OutputStore store = new OutputStore(spark, target.toString(), null); // written where the bench reads them, never published
        EventStudy.Result r = EventStudy.run(spark, spark.read().parquet(data.resolve("returns").toString()),
                spark.read().parquet(data.resolve("securities").toString()), spark.read().parquet(data.resolve("event_days").toString()),
                u.benchmarks(), factors, settings);
        Map<String, Long> rows = EventStudyJob.stage(store, r, r.exclusions().limit(0));
        store.commit();
        return rows;
    }

    /** The targets (docs/performance.md), each met or not, for the sizes of this run. */
    static void targets(List<Row_> rs) {
        for (Row_ r : rs) {
            double duck = r.projectS() / r.duckdbS(), scan = r.projectS() / r.scanS();
            if (r.securities() == 5000) {
                target(String.format(Locale.ROOT, "5,000 securities: project/DuckDB %.2f <= 1.0", duck), duck <= 1.0);
                target(String.format(Locale.ROOT, "5,000 securities: project/scan %.2f <= 5", scan), scan <= 5);
            }
            if (r.securities() == 500) target(String.format(Locale.ROOT, "500 securities: project %.1f s <= 10 s", r.projectS()), r.projectS() <= 10);
            if (r.securities() == 20000) {
                target(String.format(Locale.ROOT, "20,000 securities: completed, project/DuckDB %.2f (goal < 1)", duck), duck < 1);
            }
            if (r.allTestsS() != null) {
                double all = r.allTestsS() / r.projectS();
                target(String.format(Locale.ROOT, "%,d securities: every test / parametric %.2f <= 2", r.securities(), all), all <= 2);
            }
        }
    }

    private static void target(String what, boolean met) {
        System.out.println("bench: target " + what + ": " + (met ? "met" : "NOT met"));
    }

    void print(List<Row_> rs) {
        System.out.println();
        System.out.println("| securities | return rows | event x security | scan s | project s | DuckDB s | project/DuckDB | project/scan | every test s | peak RSS MB scan/project/DuckDB | agree (max rel diff) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        for (Row_ r : rs) {
            System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %.1f | %.1f | %.1f | %.2f | %.2f | %s | %d / %d / %d | %s (%.1e) |%n",
                    r.securities(), r.inputRows(), r.pairs(), r.scanS(), r.projectS(), r.duckdbS(), r.projectS() / r.duckdbS(),
                    r.projectS() / r.scanS(), r.allTestsS() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.allTestsS()),
                    r.rssScan(), r.rssProject(), r.rssDuckdb(), r.agree() ? "yes" : "NO", r.maxDiff());
        }
        System.out.println();
    }

    void appendCsv(Row_ r, int cores, String duckVersion) throws IOException {
        Path csv = out.resolve("results.csv");
        Files.createDirectories(out);
        if (!Files.exists(csv)) {
            Files.writeString(csv, "finished_at,cores,max_heap_mb,duckdb,years,events,securities,return_rows,event_security_pairs,security_days,"
                    + "generate_s,scan_s,project_s,duckdb_s,project_over_duckdb,project_over_scan,all_tests_s,peak_rss_scan_mb,"
                    + "peak_rss_project_mb,peak_rss_duckdb_mb,peak_heap_project_mb,max_relative_diff,agree\n", StandardCharsets.UTF_8);
        }
        String line = String.format(Locale.ROOT, "%s,%d,%d,%s,%d,%d,%d,%d,%d,%d,%.2f,%.2f,%.2f,%.2f,%.3f,%.3f,%s,%d,%d,%d,%d,%.3e,%s%n",
                Instant.now(), cores, Runtime.getRuntime().maxMemory() >> 20, duckVersion, years, events, r.securities(), r.inputRows(),
                r.pairs(), r.securityDays(), r.genS(), r.scanS(), r.projectS(), r.duckdbS(), r.projectS() / r.duckdbS(), r.projectS() / r.scanS(),
                r.allTestsS() == null ? "" : String.format(Locale.ROOT, "%.2f", r.allTestsS()), r.rssScan(), r.rssProject(), r.rssDuckdb(),
                r.heapProject(), r.maxDiff(), r.agree());
        Files.writeString(csv, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Resets the process's peak resident set (Linux: clear_refs 5) and the JVM heap pools' peaks. */
    static void resetPeaks() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or not allowed: the peak then covers the whole process so far
        }
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    /** Peak resident set of the whole process (JVM heap, Spark off-heap and DuckDB) since the last reset, in MB. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return -1;
    }

    static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        return sum >> 20;
    }
}
