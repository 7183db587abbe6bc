package org.cybermarket.calendar;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.MarketSpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;

/**
 * Trading calendars derived from the data by one stated rule, so that no single file's gaps decide them: a weekday
 * that is not a configured holiday is a trading day of a market when its benchmark has a price that day, or when at
 * least half of the market's securities listed that day (their first price on or before it, their last on or after
 * it) have one. A benchmark missing a day therefore does not remove it, and securities that start late do not
 * thin out the early days. {@code source} says which part of the rule admitted each day.
 */
public final class Calendars {
    /** Calendar day admitted because the benchmark has a price. */
    public static final String BENCHMARK = "benchmark";
    /** Calendar day admitted because at least half of the listed securities have a price (the benchmark has none). */
    public static final String MEMBERS = "members";

    private Calendars() {}

    /** Columns: market, trade_date, day_index (0-based position among the market's trading days), source. */
    public static Dataset<Row> derive(SparkSession spark, Dataset<Row> prices, List<MarketSpec> markets) {
        Dataset<Row> specs = spark.createDataFrame(markets.stream().map(m -> RowFactory.create(m.id(), m.benchmark())).toList(),
                new StructType().add("market", DataTypes.StringType).add("benchmark", DataTypes.StringType));
        Dataset<Row> stocks = prices.filter(col("kind").notEqual("index"));
        // Each security's listed span: from its first to its last price. Prices are unique per (market, symbol, day).
        Dataset<Row> spans = stocks.groupBy("market", "symbol").agg(min("trade_date").as("first_date"), max("trade_date").as("last_date"));
        Dataset<Row> starts = spans.groupBy(col("market"), col("first_date").as("trade_date")).agg(count(lit(1)).as("starting"));
        Dataset<Row> ends = spans.groupBy(col("market"), col("last_date").as("trade_date")).agg(count(lit(1)).as("ending"));
        Dataset<Row> perDate = prices.join(broadcast(specs), "market")
                .groupBy("market", "trade_date")
                .agg(max(when(col("symbol").equalTo(col("benchmark")), 1).otherwise(0)).as("has_benchmark"),
                        count(when(col("kind").notEqual("index"), lit(1))).as("securities"));
        // Listed on day d = securities started on or before d minus those that ended before d (every first and last
        // date is a date with prices, so running sums over the dates with prices count them).
        WindowSpec upTo = Window.partitionBy("market").orderBy("trade_date").rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> listed = perDate.join(starts, keys("market", "trade_date"), "left").join(ends, keys("market", "trade_date"), "left")
                .withColumn("listed", sum(coalesce(col("starting"), lit(0L))).over(upTo)
                        .minus(sum(coalesce(col("ending"), lit(0L))).over(upTo)).plus(coalesce(col("ending"), lit(0L))));
        Dataset<Row> holidays = holidayFrame(spark, markets);
        Column byBenchmark = col("has_benchmark").equalTo(1);
        Column byMembers = col("listed").gt(0).and(col("securities").multiply(2).geq(col("listed")));
        return listed
                .filter(byBenchmark.or(byMembers))
                .filter(dayofweek(col("trade_date")).between(2, 6))
                .join(holidays, col("market").equalTo(col("h_market")).and(col("trade_date").equalTo(col("h_date"))), "left_anti")
                .withColumn("source", when(byBenchmark, lit(BENCHMARK)).otherwise(lit(MEMBERS)))
                .withColumn("day_index", row_number().over(Window.partitionBy("market").orderBy("trade_date")).minus(1))
                .select("market", "trade_date", "day_index", "source");
    }

    private static Dataset<Row> holidayFrame(SparkSession spark, List<MarketSpec> markets) {
        List<Row> rows = new ArrayList<>();
        for (MarketSpec m : markets) for (LocalDate h : m.holidays()) rows.add(RowFactory.create(m.id(), h));
        return spark.createDataFrame(rows, new StructType().add("h_market", DataTypes.StringType).add("h_date", DataTypes.DateType));
    }

    /** Collects the (small) calendar frame into one {@link TradingCalendar} per market. */
    public static Map<String, TradingCalendar> collect(Dataset<Row> calendar) {
        Map<String, List<LocalDate>> byMarket = new HashMap<>();
        for (Row r : calendar.select("market", "trade_date").collectAsList()) {
            byMarket.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getLocalDate(1));
        }
        Map<String, TradingCalendar> out = new HashMap<>();
        byMarket.forEach((m, d) -> out.put(m, new TradingCalendar(m, d)));
        return out;
    }
}
