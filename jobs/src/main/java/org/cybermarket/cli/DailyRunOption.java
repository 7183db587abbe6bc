package org.cybermarket.cli;

import picocli.CommandLine.Option;

/** The option of the commands that write date-partitioned datasets (pipeline, sectors): publish one date only. */
final class DailyRunOption {
    @Option(names = "--as-of-date-only", description = "Publish only the --as-of date's partitions of the date-partitioned "
            + "datasets (sector_returns), replacing those partitions and leaving every other partition and dataset as it is: "
            + "for scheduled daily runs and their reruns.")
    boolean asOfDateOnly;
}
