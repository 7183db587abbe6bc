package org.cybermarket.cli;

import org.cybermarket.eventstudy.EventStudyJob;
import org.cybermarket.forecast.MarketForecastJob;
import org.cybermarket.ingest.IngestJob;
import org.cybermarket.pipeline.Job;
import org.cybermarket.returns.ReturnsJob;
import org.cybermarket.sectors.SectorReturnsJob;

import java.util.List;

/** The jobs of a full pipeline run, in order. */
final class Pipelines {
    private Pipelines() {}

    static List<Job> all() {
        return List.of(new IngestJob(), new ReturnsJob(), new SectorReturnsJob(), new EventStudyJob(), new MarketForecastJob());
    }

    /** What an --as-of-date-only pipeline runs: the jobs up to the date-partitioned sector returns. */
    static List<Job> daily() {
        return List.of(new IngestJob(), new ReturnsJob(), new SectorReturnsJob());
    }
}
