package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.EventStudySettings;

import static org.apache.spark.sql.functions.col;
import static org.cybermarket.schema.Cols.keys;

/**
 * The event-study engine (definitions: docs/methodology.md, after ../shared/METHODOLOGY.md). Its input is a table of
 * requests, one per (event, security) with that security's day 0; a market-wide event is one request per member of
 * each market it is studied on ({@link #marketWide}). Each security's returns are brought together once and one
 * plain-Java kernel ({@link SecurityKernel}) studies all of that security's requests; the group statistics come
 * from partial sums the kernel emits ({@link GroupSums}), merged per event ({@link GroupStatistics}). Where data
 * moves and what is kept: {@link EventStudyPlan}.
 */
public final class EventStudy {
    private EventStudy() {}

    /** The outputs. */
    public record Result(Dataset<Row> securityDays, Dataset<Row> securityWindows, Dataset<Row> groupDays,
                         Dataset<Row> groupWindows, Dataset<Row> exclusions) {}

    /**
     * Market-wide events: every member of each market an event has a day 0 on.
     *
     * @param returns    market, symbol, trade_date, day_index, on_calendar, simple_return
     * @param securities symbol, market, region, industry, kind
     * @param eventDays  event_id, market, day0_index (events with a day 0 on that market)
     * @param benchmarks market, benchmark_symbol
     * @param factors    region, trade_date, mkt_rf, smb, hml, rf, mom (may be empty)
     */
    public static Result run(SparkSession spark, Dataset<Row> returns, Dataset<Row> securities, Dataset<Row> eventDays,
                             Dataset<Row> benchmarks, Dataset<Row> factors, EventStudySettings s) {
        return runRequests(spark, returns, securities, marketWide(eventDays, securities), benchmarks, factors, s);
    }

    /**
     * @param requests event_id, market, symbol, day0_index: one row per (event, security) to study (unique)
     */
    public static Result runRequests(SparkSession spark, Dataset<Row> returns, Dataset<Row> securities, Dataset<Row> requests,
                                     Dataset<Row> benchmarks, Dataset<Row> factors, EventStudySettings s) {
        // Each step names its Spark jobs ("event study: group sums") in the UI and the event log; per thread.
        String previous = spark.sparkContext().getLocalProperty("spark.job.description");
        try {
            return EventStudyPlan.run(spark, returns, securities, requests, benchmarks, factors, s);
        } finally {
            spark.sparkContext().setJobDescription(previous);
        }
    }

    /** One request per member (kind other than index) of each market an event has a day 0 on: event_id, market, symbol, day0_index. */
    public static Dataset<Row> marketWide(Dataset<Row> eventDays, Dataset<Row> securities) {
        return eventDays.filter(col("day0_index").isNotNull()).select("event_id", "market", "day0_index")
                .join(securities.filter(col("kind").notEqual("index")).select("market", "symbol"), keys("market"), "inner")
                .select("event_id", "market", "symbol", "day0_index");
    }
}
