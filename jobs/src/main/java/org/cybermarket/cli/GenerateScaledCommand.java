package org.cybermarket.cli;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.io.SparkSessions;
import org.cybermarket.sample.ScaledPipelineInputs;
import org.cybermarket.sample.ScaledUniverse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** Writes pipeline inputs at benchmark scale (the benchmark's generator), to run the whole pipeline on them. */
@Command(name = "generate-scaled", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write synthetic pipeline inputs at benchmark scale (canonical Parquet prices, security master, events, config).",
                "Then: ./cybermarket pipeline --config DIR/config.yaml --out OUT"})
final class GenerateScaledCommand implements Callable<Integer> {
    @Option(names = "--securities", defaultValue = "5000", description = "Number of securities (default: ${DEFAULT-VALUE}).")
    int securities;
    @Option(names = "--years", defaultValue = "10", description = "Years of weekday trading days, 261 a year (default: ${DEFAULT-VALUE}).")
    int years;
    @Option(names = "--events", defaultValue = "100", description = "Events, each touching every security (default: ${DEFAULT-VALUE}).")
    int events;
    @Option(names = "--tests", defaultValue = "parametric", description = "event_study.tests in the written config: parametric or all (default: ${DEFAULT-VALUE}).")
    String tests;
    @Option(names = "--seed", defaultValue = "20240719", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--dir", defaultValue = "out/scaled-inputs", description = "Target folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!tests.equals("parametric") && !tests.equals("all")) throw new IllegalArgumentException("--tests must be parametric or all, not '" + tests + "'");
        Path research = Path.of("data/research/figures.json").toAbsolutePath();
        SparkSession spark = SparkSessions.create("local[*]", Map.of());
        try {
            ScaledUniverse u = new ScaledUniverse(spark, securities, years, events, seed);
            Path config = ScaledPipelineInputs.write(spark, u, dir, Files.exists(research) ? research.toString() : null, tests);
            System.out.printf("wrote %,d securities x %d years x %d events (synthetic) to %s%nrun: ./cybermarket pipeline --config %s --out OUT%n",
                    securities, years, events, dir.toAbsolutePath().normalize(), config);
        } finally {
            spark.stop();
        }
        return 0;
    }
}
