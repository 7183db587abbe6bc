package org.cybermarket.sectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.returns.Returns.require;
import static org.cybermarket.schema.Cols.keys;

/**
 * Industry returns per region and day: equal-weighted mean of member returns, cap-weighted with the
 * previous day's market cap (previous price times shares outstanding: no look-ahead), breadth, rank
 * among the region's industries with at least a minimum number of members that day (1 = best EW return; ties
 * share the best rank; smaller industries are listed, unranked) and excess over the region's benchmark. Members are stocks with a return that day. Returns are in each market's own
 * currency: regions are never mixed, because no FX data is read.
 */
public final class SectorReturns {
    private SectorReturns() {}

    /** Daily returns of stocks with their region, industry and previous-day market cap. */
    public static Dataset<Row> withMembership(Dataset<Row> returns, Dataset<Row> securities) {
        require(returns, "market", "symbol", "trade_date", "simple_return", "price");
        require(securities, "symbol", "market", "region", "industry", "kind", "shares_outstanding");
        return returns.filter(col("simple_return").isNotNull())
                .join(securities.filter(col("kind").equalTo("stock")).select("symbol", "market", "region", "industry", "shares_outstanding"),
                        keys("market", "symbol"), "inner")
                .withColumn("prev_market_cap", col("price").divide(lit(1).plus(col("simple_return"))).multiply(col("shares_outstanding")));
    }

    /**
     * @param members    output of {@link #withMembership}
     * @param benchmark  region, trade_date, benchmark_symbol, benchmark_return
     * @param minMembers industries with fewer members on a day get {@code ranked = false} and no rank that day
     */
    public static Dataset<Row> daily(Dataset<Row> members, Dataset<Row> benchmark, int minMembers) {
        Column hasCap = col("prev_market_cap").isNotNull().and(col("prev_market_cap").gt(0));
        Dataset<Row> agg = members.groupBy("region", "trade_date", "industry").agg(
                count(lit(1)).as("member_count"),
                avg("simple_return").as("ew_return"),
                sum(when(hasCap, col("simple_return").multiply(col("prev_market_cap")))).divide(sum(when(hasCap, col("prev_market_cap"))))
                        .as("cw_return"),
                sum(when(hasCap, 1).otherwise(0)).as("cw_member_count"),
                avg(when(col("simple_return").gt(0), 1.0).otherwise(0.0)).as("up_share"),
                avg(when(col("simple_return").lt(0), 1.0).otherwise(0.0)).as("down_share"),
                max("gap_days").as("max_gap_days"));
        return agg
                .withColumn("ranked", col("member_count").geq(minMembers))
                // Ranked among the ranked only: the small industries' own ranks are computed apart and dropped.
                .withColumn("rank_ew", when(col("ranked"), rank().over(Window.partitionBy("region", "trade_date", "ranked").orderBy(col("ew_return").desc()))))
                .withColumn("industries_ranked", sum(when(col("ranked"), 1L).otherwise(0L)).over(Window.partitionBy("region", "trade_date")))
                .join(benchmark, keys("region", "trade_date"), "left")
                .withColumn("excess_ew_return", col("ew_return").minus(col("benchmark_return")))
                .withColumn("excess_cw_return", col("cw_return").minus(col("benchmark_return")))
                .select(col("region"), col("trade_date"), col("industry"), col("member_count"), col("ew_return"), col("cw_return"),
                        col("cw_member_count"), col("up_share"), col("down_share"), col("ranked"), col("rank_ew"), col("industries_ranked"),
                        col("benchmark_symbol"), col("benchmark_return"), col("excess_ew_return"), col("excess_cw_return"),
                        col("max_gap_days"));
    }

    /**
     * The benchmark's daily returns per region.
     *
     * @param spec region, market, benchmark_symbol (one row per region)
     * @return region, trade_date, benchmark_symbol, benchmark_return
     */
    public static Dataset<Row> benchmarkReturns(Dataset<Row> returns, Dataset<Row> spec) {
        return returns.join(broadcast(spec), keys("market"), "inner")
                .filter(col("symbol").equalTo(col("benchmark_symbol")).and(col("simple_return").isNotNull()))
                .select(col("region"), col("trade_date"), col("benchmark_symbol"), col("simple_return").as("benchmark_return"));
    }

    /** Compounded industry EW return over [from, to]: prod(1 + ew_return) - 1, with the days it spans. */
    public static Dataset<Row> windowReturns(Dataset<Row> sectorDaily, LocalDate from, LocalDate to) {
        return sectorDaily.filter(col("trade_date").between(lit(from), lit(to)))
                .groupBy("region", "industry")
                .agg(exp(sum(log1p(col("ew_return")))).minus(1).as("ew_window_return"), count(lit(1)).as("days"))
                .withColumn("rank_ew", rank().over(Window.partitionBy("region").orderBy(col("ew_window_return").desc())))
                .withColumn("from_date", lit(from)).withColumn("to_date", lit(to));
    }
}
