package org.cybermarket.calendar;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.MarketSpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * Trading calendars derived from the data, per the methodology: a market's trading days are the dates on
 * which its benchmark has a price or, without a benchmark price, on which at least half of its securities
 * do; configured holidays and weekends are removed.
 */
public final class Calendars {
    private Calendars() {}

    /** Columns: market, trade_date, day_index (0-based position among the market's trading days), source. */
    public static Dataset<Row> derive(SparkSession spark, Dataset<Row> prices, List<MarketSpec> markets) {
        Dataset<Row> specs = spark.createDataFrame(markets.stream().map(m -> RowFactory.create(m.id(), m.benchmark())).toList(),
                new StructType().add("market", DataTypes.StringType).add("benchmark", DataTypes.StringType));
        Dataset<Row> perDate = prices.join(broadcast(specs), "market")
                .groupBy("market", "trade_date")
                .agg(max(when(col("symbol").equalTo(col("benchmark")), 1).otherwise(0)).as("has_benchmark"),
                        countDistinct(when(col("kind").notEqual("index"), col("symbol"))).as("securities"));
        Dataset<Row> perMarket = perDate.groupBy("market").agg(max("has_benchmark").as("market_has_benchmark"))
                .join(prices.filter(col("kind").notEqual("index")).groupBy("market").agg(countDistinct("symbol").as("universe")),
                        "market", "left");
        Dataset<Row> holidays = holidayFrame(spark, markets);
        Column benchmarked = col("market_has_benchmark").equalTo(1);
        return perDate.join(perMarket, "market")
                .filter(when(benchmarked, col("has_benchmark").equalTo(1))
                        .otherwise(col("securities").multiply(2).geq(col("universe"))))
                .filter(dayofweek(col("trade_date")).between(2, 6))
                .join(holidays, col("market").equalTo(col("h_market")).and(col("trade_date").equalTo(col("h_date"))), "left_anti")
                .withColumn("source", when(benchmarked, lit("benchmark")).otherwise(lit("majority")))
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
