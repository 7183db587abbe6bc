package org.cybermarket.cli;

import org.cybermarket.pipeline.Job;
import picocli.CommandLine.Command;

import java.util.List;

/** Every job in order, each publishing its outputs when it succeeds. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run every job in order on the configured inputs (default: the outage study on the bundled real-data extract, data/real).")
final class PipelineCommand extends JobCommand {
    @picocli.CommandLine.Mixin
    DailyRunOption daily;

    @Override
    boolean asOfDateOnly() {
        return daily.asOfDateOnly;
    }

    @Override
    List<Job> jobs() {
        // A run that publishes one date's partitions needs only the jobs that lead to them.
        return asOfDateOnly() ? Pipelines.daily() : Pipelines.all();
    }
}
