package org.cybermarket.sectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.MarketSpec;
import org.cybermarket.pipeline.Job;
import org.cybermarket.pipeline.JobContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/** Industry returns per region and day (sector_returns), ranked, with breadth and excess over the benchmark. */
public final class SectorReturnsJob implements Job {
    @Override
    public String name() { return "sectors"; }

    @Override
    public java.util.List<String> needs() { return java.util.List.of("ingest", "returns"); }

    @Override
    public void run(JobContext ctx) {
        long t0 = System.nanoTime();
        var store = ctx.store();
        Dataset<Row> returns = store.readLatest("returns");
        Dataset<Row> securities = store.readLatest("securities");
        Dataset<Row> members = SectorReturns.withMembership(returns, securities);
        Dataset<Row> sectors = SectorReturns.daily(members, regionBenchmarks(ctx, returns), ctx.config().sectors().minMembers());
        long rows;
        if (ctx.asOfDateOnly()) {
            // Scheduled daily run: only the as-of date's partition is replaced; every other date stays as it is.
            rows = store.stagePartitions("sector_returns", sectors.filter(col("trade_date").equalTo(lit(ctx.asOf())))
                    .coalesce(1).sortWithinPartitions("region", "rank_ew", "industry"), "trade_date");
            if (rows == 0) ctx.log().info("sectors: no trading day on " + ctx.asOf() + " in any region: no partition to replace");
        } else {
            rows = store.stage("sector_returns", sectors.repartition(col("trade_date")).sortWithinPartitions("region", "rank_ew", "industry"), "trade_date");
        }
        ctx.log().stage(name(), new org.cybermarket.pipeline.RunLog.Counts().add("member returns", "read", members.count())
                .add("sector_returns", "rows", rows), t0);
    }

    @Override
    public boolean writesDatePartitions() {
        return true;
    }

    /**
     * The benchmark of a region is that of its first market in the config (the CSI 300 for CN when XSHG is listed
     * first). Columns: region, trade_date, benchmark_symbol, benchmark_return.
     */
    static Dataset<Row> regionBenchmarks(JobContext ctx, Dataset<Row> returns) {
        Map<String, MarketSpec> first = new LinkedHashMap<>();
        for (MarketSpec m : ctx.config().markets()) if (m.benchmark() != null) first.putIfAbsent(m.region(), m);
        List<Row> rows = first.values().stream().map(m -> RowFactory.create(m.region(), m.id(), m.benchmark())).toList();
        Dataset<Row> spec = ctx.spark().createDataFrame(rows, new StructType().add("region", DataTypes.StringType)
                .add("market", DataTypes.StringType).add("benchmark_symbol", DataTypes.StringType));
        return SectorReturns.benchmarkReturns(returns, spec);
    }
}
