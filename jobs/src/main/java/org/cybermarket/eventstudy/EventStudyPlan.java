package org.cybermarket.eventstudy;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.ReduceFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.EventStudySettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;

/**
 * The physical plan of the event study, every decision in one place: what is collected and broadcast (the benchmark
 * returns and factors: a few thousand days per market), what is shuffled (each security's return rows, once, grouped
 * map side into chunks), what is kept (each security's series, and each event's merged group sums: both small), and
 * what each output is computed from and how it is laid out for its write (partitioned by event): the per-security
 * outputs as the kernel emits them (each task writes its securities' rows of every event; no shuffle), the group
 * outputs one event per task (one file per event). The statistics know nothing of it.
 */
final class EventStudyPlan {
    /** Output columns holding dates, carried as days since 1970-01-01 until the last projection. */
    private static final Set<String> DATES = Set.of("trade_date", "first_date", "last_date");

    private EventStudyPlan() {}

    static EventStudy.Result run(SparkSession spark, Dataset<Row> returns, Dataset<Row> securities, Dataset<Row> requests,
                                 Dataset<Row> benchmarks, Dataset<Row> factors, EventStudySettings settings) {
        SecurityKernel kernel = new SecurityKernel(settings);
        Dataset<Row> members = securities.filter(col("kind").notEqual("index")).select("symbol", "market", "region", "industry");
        Dataset<Row> studied = requests.select("event_id", "market", "symbol", "day0_index")
                .join(broadcast(members), keys("market", "symbol"), "inner")
                .select("event_id", "market", "symbol", "day0_index", "region", "industry");

        step(spark, "market data");
        Broadcast<MarketData> market = new JavaSparkContext(spark.sparkContext()).broadcast(marketData(returns, benchmarks, factors, kernel.model));

        step(spark, "returns per security");
        Dataset<Row> returnRows = returns.filter(col("on_calendar").and(col("simple_return").isNotNull()))
                .join(broadcast(studied.select("market", "symbol").distinct()), keys("market", "symbol"), "left_semi")
                .select(col("market"), col("symbol"), col("day_index"), expr("unix_date(trade_date)").as("trade_date"), col("simple_return"));
        Dataset<Row> series = returnRows.mapPartitions(new SeriesAssembly.ReturnChunks(), Encoders.row(SeriesAssembly.CHUNK))
                .union(studied.mapPartitions(new SeriesAssembly.RequestChunks(), Encoders.row(SeriesAssembly.CHUNK)))
                .repartition(securityPartitions(spark), col("market"), col("symbol"))
                .mapPartitions(new SeriesAssembly.Merge(), Encoders.row(SecuritySeries.SCHEMA))
                .localCheckpoint();

        Dataset<Row> securityDays = series.flatMap(perStudy(kernel, market, Output.DAYS), Encoders.row(SecurityRows.DAYS));
        Dataset<Row> securityWindows = series.flatMap(perStudy(kernel, market, Output.WINDOWS), Encoders.row(SecurityRows.WINDOWS));
        Dataset<Row> exclusions = series.flatMap(perStudy(kernel, market, Output.EXCLUSIONS), Encoders.row(SecurityRows.EXCLUSIONS));

        step(spark, "group sums");
        Encoder<GroupSums> sumsEncoder = Encoders.javaSerialization(GroupSums.class);
        Dataset<GroupSums> merged = series.mapPartitions(groupSums(kernel, market), sumsEncoder)
                .groupByKey((MapFunction<GroupSums, String>) g -> g.eventId, Encoders.STRING())
                .reduceGroups((ReduceFunction<GroupSums>) GroupSums::merge)
                .map((MapFunction<scala.Tuple2<String, GroupSums>, GroupSums>) t -> t._2(), sumsEncoder)
                .localCheckpoint();
        GroupStatistics stats = new GroupStatistics(kernel);
        Dataset<Row> groupDays = merged.flatMap((FlatMapFunction<GroupSums, Row>) g -> stats.days(g).iterator(),
                Encoders.row(GroupStatistics.daySchema()));
        Dataset<Row> groupWindows = merged.flatMap((FlatMapFunction<GroupSums, Row>) g -> stats.windows(g).iterator(),
                Encoders.row(GroupStatistics.windowSchema()));
        return new EventStudy.Result(withDates(securityDays), withDates(securityWindows), withDates(groupDays), withDates(groupWindows),
                exclusions);
    }

    /**
     * Partitions of the securities' series: two per core, so that the kernel's passes keep every core busy even on a
     * small input (adaptive execution would merge a small shuffle into one partition, then one task).
     */
    private static int securityPartitions(SparkSession spark) {
        return 2 * spark.sparkContext().defaultParallelism();
    }

    private static void step(SparkSession spark, String name) {
        spark.sparkContext().setJobDescription("event study: " + name);
    }

    /** The benchmark's return per market and day, and the factors per region and date (factor models only): collected once. */
    static MarketData marketData(Dataset<Row> returns, Dataset<Row> benchmarks, Dataset<Row> factors, NormalReturnModel model) {
        List<Row> benchmarkDays = returns.join(broadcast(benchmarks), keys("market"), "inner")
                .filter(col("symbol").equalTo(col("benchmark_symbol")).and(col("on_calendar")))
                .select("market", "day_index", "simple_return").collectAsList();
        List<Column> factorColumns = new ArrayList<>(List.of(col("region"), expr("unix_date(trade_date)")));
        for (MarketData.Factor f : MarketData.Factor.values()) factorColumns.add(col(f.column));
        List<Row> factorDays = model.needsFactors() ? factors.select(factorColumns.toArray(Column[]::new)).collectAsList() : List.of();
        return MarketData.of(benchmarkDays, factorDays);
    }

    private enum Output { DAYS, WINDOWS, EXCLUSIONS }

    /** Every study of a security, as rows of one output. */
    private static FlatMapFunction<Row, Row> perStudy(SecurityKernel kernel, Broadcast<MarketData> market, Output output) {
        return row -> {
            SecuritySeries s = SecuritySeries.of(row);
            MarketData.View view = market.value().view(s.market, s.region);
            List<Row> out = new ArrayList<>();
            for (int k = 0; k < s.requests(); k++) {
                SecurityKernel.Study st = kernel.study(s, k, view);
                switch (output) {
                    case DAYS -> { if (st.included()) SecurityRows.days(st, out); }
                    case WINDOWS -> { if (st.included()) SecurityRows.windows(kernel, st, out); }
                    case EXCLUSIONS -> { if (!st.included()) out.add(SecurityRows.exclusion(kernel, st)); }
                }
            }
            return out.iterator();
        };
    }

    /** Each task's partial group sums, one object per event. */
    private static MapPartitionsFunction<Row, GroupSums> groupSums(SecurityKernel kernel, Broadcast<MarketData> market) {
        return rows -> {
            Map<String, GroupSums> byEvent = new HashMap<>();
            while (rows.hasNext()) {
                SecuritySeries s = SecuritySeries.of(rows.next());
                MarketData.View view = market.value().view(s.market, s.region);
                for (int k = 0; k < s.requests(); k++) {
                    SecurityKernel.Study st = kernel.study(s, k, view);
                    if (st.included()) byEvent.computeIfAbsent(st.eventId(), GroupSums::new).add(kernel, st);
                }
            }
            Iterator<GroupSums> it = byEvent.values().iterator();
            return it;
        };
    }

    /** The same rows with every {@link #DATES} column as a date. */
    private static Dataset<Row> withDates(Dataset<Row> df) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            cols.add(DATES.contains(f.name()) ? expr("date_from_unix_date(" + f.name() + ")").as(f.name()) : col(f.name()));
        }
        return df.select(cols.toArray(Column[]::new));
    }
}
