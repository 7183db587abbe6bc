package org.cybermarket.sample;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * A synthetic universe of any size for benchmarks, generated inside Spark (nothing is collected to the driver):
 * {@code securities} fictional stocks on one New-York-like market with weekday trading days, a benchmark index,
 * and {@code events} events spread over the period, each touching every security. Returns follow the same
 * one-factor model as the bundled sample, {@code r = alpha + beta * r_m + sigma * e}, with an industry shock on
 * each event's day 0. Every random draw is a hash of (seed, security, day), so the same arguments give the same
 * rows whatever the number of partitions or cores.
 */
public final class ScaledUniverse {
    public static final String MARKET = "XNYS";
    public static final String BENCHMARK = "BENCH";
    static final int INDUSTRIES = 8;

    private final SparkSession spark;
    private final int securities;
    private final int tradingDays;
    private final int events;
    private final long seed;

    public ScaledUniverse(SparkSession spark, int securities, int years, int events, long seed) {
        if (securities < 1 || years < 2 || events < 1) throw new IllegalArgumentException("need at least 1 security, 2 years and 1 event");
        this.spark = spark;
        this.securities = securities;
        this.tradingDays = years * 261;
        this.events = events;
        this.seed = seed;
    }

    public int tradingDays() { return tradingDays; }

    /** Uniform in (0, 1) from a hash of the seed and the given columns. */
    private Column uniform(Column... parts) {
        List<Column> all = new ArrayList<>(List.of(lit(seed)));
        all.addAll(List.of(parts));
        Column h = xxhash64(all.toArray(Column[]::new));
        return pmod(h, lit(1L << 52)).cast("double").plus(0.5).divide((double) (1L << 52));
    }

    /** Standard normal (Box-Muller) from two hashed uniforms. */
    private Column normal(Column a, Column b, String stream) {
        return sqrt(log(uniform(a, b, lit(stream + "1"))).multiply(-2.0)).multiply(cos(uniform(a, b, lit(stream + "2")).multiply(2 * Math.PI)));
    }

    /** symbol, market, region, industry, kind; the benchmark index last. */
    public Dataset<Row> securities() {
        Dataset<Row> stocks = spark.range(securities).select(
                format_string("S%06d", col("id")).as("symbol"), lit(MARKET).as("market"), lit("US").as("region"),
                concat(lit("Industry "), pmod(col("id"), lit(INDUSTRIES)).cast("string")).as("industry"), lit("stock").as("kind"));
        Dataset<Row> index = spark.range(1).select(lit(BENCHMARK).as("symbol"), lit(MARKET).as("market"), lit("US").as("region"),
                lit("Index").as("industry"), lit("index").as("kind"));
        return stocks.unionByName(index);
    }

    /** market, day_index, trade_date: weekdays from Monday 2015-01-05 on (five a week, so index i is week i / 5). */
    public Dataset<Row> calendar() {
        return spark.range(tradingDays).select(lit(MARKET).as("market"), col("id").cast("int").as("day_index"),
                date_add(lit(LocalDate.of(2015, 1, 5)), col("id").cast("int").plus(floor(col("id").divide(5)).cast("int").multiply(2))).as("trade_date"));
    }

    /** event_id, market, day0_index: evenly spaced after the first 300 days, leaving the event window inside the data. */
    public Dataset<Row> eventDays() {
        int first = 300, last = tradingDays - 11;
        return spark.range(events).select(format_string("EV%03d", col("id")).as("event_id"), lit(MARKET).as("market"),
                lit(first).plus(col("id").multiply(events == 1 ? 0 : (last - first) / (events - 1))).cast("int").as("day0_index"));
    }

    /** market, symbol, trade_date, day_index, on_calendar, simple_return for every security and the benchmark. */
    public Dataset<Row> returns() {
        Dataset<Row> days = calendar();
        Column rm = lit(0.0003).plus(normal(lit(BENCHMARK), col("day_index"), "m").multiply(0.01));
        Dataset<Row> market = days.withColumn("market_return", rm);
        Dataset<Row> shocks = eventDays().select(col("day0_index").as("day_index"),
                concat(lit("Industry "), pmod(hash(col("event_id")), lit(INDUSTRIES)).cast("string")).as("_shock_industry"));
        Dataset<Row> stocks = securities().filter(col("kind").equalTo("stock")).select("symbol", "industry")
                .withColumn("_alpha", uniform(col("symbol"), lit("alpha")).minus(0.5).multiply(0.001))
                .withColumn("_beta", lit(0.4).plus(uniform(col("symbol"), lit("beta")).multiply(1.2)))
                .withColumn("_sigma", lit(0.008).plus(uniform(col("symbol"), lit("sigma")).multiply(0.02)));
        Dataset<Row> panel = stocks.crossJoin(broadcast(market))
                .join(broadcast(shocks), shocks.col("day_index").equalTo(market.col("day_index"))
                        .and(shocks.col("_shock_industry").equalTo(stocks.col("industry"))), "left")
                .select(stocks.col("symbol"), market.col("market"), market.col("trade_date"), market.col("day_index"), lit(true).as("on_calendar"),
                        col("_alpha").plus(col("_beta").multiply(col("market_return")))
                                .plus(col("_sigma").multiply(normal(stocks.col("symbol"), market.col("day_index"), "e")))
                                .plus(when(col("_shock_industry").isNotNull(), lit(0.02)).otherwise(0.0)).as("simple_return"));
        Dataset<Row> index = market.select(lit(BENCHMARK).as("symbol"), col("market"), col("trade_date"), col("day_index"),
                lit(true).as("on_calendar"), col("market_return").as("simple_return"));
        return panel.unionByName(index);
    }

    /** market, benchmark_symbol. */
    public Dataset<Row> benchmarks() {
        return spark.range(1).select(lit(MARKET).as("market"), lit(BENCHMARK).as("benchmark_symbol"));
    }
}
