package org.cybermarket.returns;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.calendar.Calendars;
import org.cybermarket.pipeline.Job;
import org.cybermarket.pipeline.JobContext;
import org.cybermarket.pipeline.RunLog;
import org.cybermarket.quality.PriceWarnings;

import static org.apache.spark.sql.functions.col;

/** Trading calendars per market, daily returns per security and price warnings, from the ingested prices. */
public final class ReturnsJob implements Job {
    @Override
    public String name() { return "returns"; }

    @Override
    public java.util.List<String> needs() { return java.util.List.of("ingest"); }

    @Override
    public void run(JobContext ctx) {
        long t0 = System.nanoTime();
        var store = ctx.store();
        Dataset<Row> prices = store.readLatest("prices");
        Dataset<Row> securities = store.readLatest("securities");
        long days = store.stage("calendar", Calendars.derive(ctx.spark(), prices, ctx.config().markets()).coalesce(1));
        Dataset<Row> calendar = store.readStaged("calendar");
        Dataset<Row> returns = Returns.withDailyReturn(prices, calendar);
        long rows = store.stage("returns", returns.repartition(col("market")).sortWithinPartitions("symbol", "trade_date"), "market");
        Dataset<Row> staged = store.readStaged("returns");
        long warnings = store.stage("quality_warnings", PriceWarnings.of(staged, securities, ctx.config().quality()).coalesce(1));
        // One returns row per price row, so the prices read need no count of their own.
        ctx.log().stage(name(), new RunLog.Counts().add("calendar", "trading days", days).add("returns", "rows (one per price)", rows)
                .add("quality warnings", "rows", warnings), t0);
    }
}
