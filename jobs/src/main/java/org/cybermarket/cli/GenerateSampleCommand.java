package org.cybermarket.cli;

import org.cybermarket.sample.SampleUniverse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Rewrites the bundled synthetic sample data (deterministic for a seed). */
@Command(name = "generate-sample", mixinStandardHelpOptions = true,
        description = "Write the synthetic sample universe (the bundled data/sample is this with the default seed).")
final class GenerateSampleCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "data/sample", description = "Target folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--seed", defaultValue = "" + SampleUniverse.DEFAULT_SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        new SampleUniverse(seed).write(dir);
        System.out.println("wrote synthetic sample data to " + dir.toAbsolutePath().normalize());
        return 0;
    }
}
