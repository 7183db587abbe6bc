package org.cybermarket.quality;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cybermarket.config.QualitySettings;

import java.util.Map;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;

/**
 * Warnings as data: suspicious moves that are kept but flagged. Columns: check, severity, market, symbol,
 * trade_date, observed, threshold, message.
 */
public final class PriceWarnings {
    private PriceWarnings() {}

    public static Dataset<Row> of(Dataset<Row> returns, Dataset<Row> securities, QualitySettings q) {
        Column limit = lit(q.defaultJumpLimit());
        for (Map.Entry<String, Double> e : q.jumpLimits().entrySet()) {
            limit = when(col("board").equalTo(e.getKey()).or(col("market").equalTo(e.getKey())), lit(e.getValue())).otherwise(limit);
        }
        Dataset<Row> r = returns.join(securities.select("market", "symbol", "board"), keys("market", "symbol"), "left")
                .withColumn("limit", limit);
        // A move beyond the daily price limit (plus half a tick of rounding) hints at an unadjusted corporate action.
        Dataset<Row> jumps = r.filter(abs(col("simple_return")).gt(col("limit").plus(0.005)).and(col("gap_days").equalTo(1)))
                .select(lit("JUMP_BEYOND_LIMIT").as("check"), col("market"), col("symbol"), col("trade_date"),
                        col("simple_return").as("observed"), col("limit").as("threshold"),
                        concat(lit("daily return beyond the "), format_number(col("limit").multiply(100), 0),
                                lit("% limit: unadjusted split, dividend or bonus shares?")).as("message"));
        Dataset<Row> gaps = r.filter(col("gap_days").gt(q.maxGapDays()))
                .select(lit("LONG_GAP").as("check"), col("market"), col("symbol"), col("trade_date"),
                        col("gap_days").cast("double").as("observed"), lit((double) q.maxGapDays()).as("threshold"),
                        concat(lit("return spans "), col("gap_days"), lit(" trading days since "), col("prev_trade_date").cast("string"))
                                .as("message"));
        int n = q.staleDays();
        var lastN = Window.partitionBy("market", "symbol").orderBy("trade_date").rowsBetween(-(n - 1), 0);
        Dataset<Row> stale = r.filter(col("on_calendar"))
                .withColumn("_n", count(lit(1)).over(lastN)).withColumn("_min", min("price").over(lastN))
                .withColumn("_max", max("price").over(lastN))
                .filter(col("_n").equalTo(n).and(col("_min").equalTo(col("_max"))))
                .select(lit("STALE_PRICE").as("check"), col("market"), col("symbol"), col("trade_date"),
                        col("price").as("observed"), lit((double) n).as("threshold"),
                        lit("the same price on " + n + " trading days in a row").as("message"));
        Dataset<Row> offCalendar = r.filter(not(col("on_calendar")))
                .select(lit("PRICE_ON_NON_TRADING_DAY").as("check"), col("market"), col("symbol"), col("trade_date"),
                        col("price").as("observed"), lit(null).cast("double").as("threshold"),
                        lit("a price on a day that is not a trading day of its market: kept, left out of returns").as("message"));
        Dataset<Row> nonFinite = r.filter(col("on_calendar").and(col("gap_days").isNotNull()).and(col("simple_return").isNull()))
                .select(lit("NON_FINITE_RETURN").as("check"), col("market"), col("symbol"), col("trade_date"),
                        col("price").as("observed"), lit(null).cast("double").as("threshold"),
                        concat(lit("the return from the price of "), col("prev_trade_date").cast("string"),
                                lit(" is not a finite number: not published")).as("message"));
        return jumps.unionByName(gaps).unionByName(stale).unionByName(offCalendar).unionByName(nonFinite)
                .withColumn("severity", lit("WARNING"))
                .select("check", "severity", "market", "symbol", "trade_date", "observed", "threshold", "message");
    }
}
