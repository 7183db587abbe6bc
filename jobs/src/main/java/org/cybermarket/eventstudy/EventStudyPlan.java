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
        // An integer per requested security (_sid, in (market, symbol) order, numbered in one partition of the few
        // thousand securities), so that the millions of return rows are grouped and shuffled by a number, not by strings.
        Dataset<Row> ids = broadcast(studied.select("market", "symbol").distinct().orderBy("market", "symbol").coalesce(1)
                .withColumn("_sid", monotonically_increasing_id().cast("int")));
        // Days flagged to be left out of estimation arrive marked on the returns (EstimationFlags.markLeftOut), else none is.
        Column leftOut = List.of(returns.columns()).contains(EstimationFlags.LEFT_OUT)
                ? coalesce(col(EstimationFlags.LEFT_OUT), lit(false)) : lit(false);
        Dataset<Row> returnRows = returns.filter(col("on_calendar").and(col("simple_return").isNotNull()))
                .join(ids, keys("market", "symbol"), "inner")
                .select(col("_sid"), col("day_index"), expr("unix_date(trade_date)").as("trade_date"), col("simple_return"), leftOut.as("left_out"));
        Dataset<Row> requestRows = studied.join(ids, keys("market", "symbol"), "inner")
                .select("_sid", "event_id", "market", "symbol", "day0_index", "region", "industry");
        Dataset<Row> series = returnRows.mapPartitions(new SeriesAssembly.ReturnChunks(), Encoders.row(SeriesAssembly.CHUNK))
                .union(requestRows.mapPartitions(new SeriesAssembly.RequestChunks(), Encoders.row(SeriesAssembly.CHUNK)))
                .repartition(securityPartitions(spark), col("_sid"))
                .mapPartitions(new SeriesAssembly.Merge(), Encoders.row(SecuritySeries.SCHEMA))
                .localCheckpoint();

        // Each task emits its rows event by event: the write, partitioned by event, then finds them already in order.
        Dataset<Row> securityDays = series.mapPartitions(eventByEvent(kernel, market, true), Encoders.row(SecurityRows.DAYS));
        Dataset<Row> securityWindows = series.mapPartitions(eventByEvent(kernel, market, false), Encoders.row(SecurityRows.WINDOWS));

        step(spark, "group sums and exclusions");
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
        Dataset<Row> exclusions = merged.flatMap((FlatMapFunction<GroupSums, Row>) g -> g.exclusions.iterator(),
                Encoders.row(SecurityRows.EXCLUSIONS));
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
        // The benchmark symbols as literals first, so that the scan of the returns skips what Parquet's statistics rule out.
        Object[] symbols = benchmarks.select("benchmark_symbol").distinct().collectAsList().stream().map(r -> r.getString(0)).toArray();
        List<Row> benchmarkDays = returns.filter(col("symbol").isin(symbols).and(col("on_calendar")))
                .join(broadcast(benchmarks), keys("market"), "inner")
                .filter(col("symbol").equalTo(col("benchmark_symbol")))
                .select("market", "day_index", "simple_return").collectAsList();
        List<Column> factorColumns = new ArrayList<>(List.of(col("region"), expr("unix_date(trade_date)")));
        for (MarketData.Factor f : MarketData.Factor.values()) factorColumns.add(col(f.column));
        List<Row> factorDays = model.needsFactors() ? factors.select(factorColumns.toArray(Column[]::new)).collectAsList() : List.of();
        return MarketData.of(benchmarkDays, factorDays);
    }

    /**
     * Every included study of a task's securities as rows of es_security_days ({@code days}) or es_security_windows,
     * event by event (events in order, securities in order within each), each study computed once.
     */
    private static MapPartitionsFunction<Row, Row> eventByEvent(SecurityKernel kernel, Broadcast<MarketData> market, boolean days) {
        return rows -> {
            List<SecuritySeries> securities = new ArrayList<>();
            java.util.TreeSet<String> events = new java.util.TreeSet<>();
            while (rows.hasNext()) {
                SecuritySeries s = SecuritySeries.of(rows.next());
                securities.add(s);
                events.addAll(List.of(s.eventIds));
            }
            int[] next = new int[securities.size()]; // each security's requests are sorted by event
            Iterator<String> event = events.iterator();
            return new Iterator<>() {
                private List<Row> batch = new ArrayList<>();
                private int at;

                @Override
                public boolean hasNext() {
                    while (at == batch.size() && event.hasNext()) {
                        String e = event.next();
                        batch = new ArrayList<>();
                        at = 0;
                        for (int i = 0; i < securities.size(); i++) {
                            SecuritySeries s = securities.get(i);
                            if (next[i] == s.requests() || !s.eventIds[next[i]].equals(e)) continue;
                            SecurityKernel.Study st = kernel.study(s, next[i]++, market.value().view(s.market, s.region));
                            if (!st.included()) continue;
                            if (days) SecurityRows.days(st, batch);
                            else SecurityRows.windows(kernel, st, batch);
                        }
                    }
                    return at < batch.size();
                }

                @Override
                public Row next() {
                    if (!hasNext()) throw new java.util.NoSuchElementException();
                    return batch.get(at++);
                }
            };
        };
    }

    /** Each task's partial group sums and exclusions, one object per event. */
    private static MapPartitionsFunction<Row, GroupSums> groupSums(SecurityKernel kernel, Broadcast<MarketData> market) {
        return rows -> {
            Map<String, GroupSums> byEvent = new HashMap<>();
            while (rows.hasNext()) {
                SecuritySeries s = SecuritySeries.of(rows.next());
                MarketData.View view = market.value().view(s.market, s.region);
                for (int k = 0; k < s.requests(); k++) {
                    SecurityKernel.Study st = kernel.study(s, k, view);
                    GroupSums sums = byEvent.computeIfAbsent(st.eventId(), GroupSums::new);
                    if (st.included()) sums.add(kernel, st);
                    else sums.exclusions.add(SecurityRows.exclusion(kernel, st));
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
