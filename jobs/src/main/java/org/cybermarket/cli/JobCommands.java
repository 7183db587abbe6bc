package org.cybermarket.cli;

import org.cybermarket.eventstudy.EventStudyJob;
import org.cybermarket.forecast.MarketForecastJob;
import org.cybermarket.ingest.IngestJob;
import org.cybermarket.pipeline.Job;
import org.cybermarket.returns.ReturnsJob;
import org.cybermarket.sectors.SectorReturnsJob;
import picocli.CommandLine.Command;

import java.util.List;

/** One subcommand per job; each reads earlier jobs' outputs from the output root. */
final class JobCommands {
    private JobCommands() {}

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Read prices, security masters and factor files into securities, prices, factors, rejects, ingest_reconciliation.")
    static final class Ingest extends JobCommand {
        @Override
        List<Job> jobs() { return List.of(new IngestJob()); }
    }

    @Command(name = "returns", mixinStandardHelpOptions = true,
            description = "Trading calendars, daily returns and price warnings from ingested prices.")
    static final class ReturnsCmd extends JobCommand {
        @Override
        List<Job> jobs() { return List.of(new ReturnsJob()); }
    }

    @Command(name = "sectors", mixinStandardHelpOptions = true,
            description = "Industry returns per region and day: equal- and cap-weighted, breadth, rank, excess over the benchmark.")
    static final class Sectors extends JobCommand {
        @picocli.CommandLine.Mixin
        DailyRunOption daily;

        @Override
        boolean asOfDateOnly() { return daily.asOfDateOnly; }

        @Override
        List<Job> jobs() { return List.of(new SectorReturnsJob()); }
    }

    @Command(name = "event-study", mixinStandardHelpOptions = true,
            description = "Event studies: per-market day 0, normal-return models, AR/CAR/BHAR and the standard tests.")
    static final class EventStudyCmd extends JobCommand {
        @Override
        List<Job> jobs() { return List.of(new EventStudyJob()); }
    }

    @Command(name = "forecast", mixinStandardHelpOptions = true,
            description = "Market research growth analytics: CAGR, implied bases, projections, comparisons, vintage revisions.")
    static final class Forecast extends JobCommand {
        @Override
        List<Job> jobs() { return List.of(new MarketForecastJob()); }
    }
}
