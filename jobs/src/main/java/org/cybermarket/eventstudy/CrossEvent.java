package org.cybermarket.eventstudy;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.EventSelection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.returns.Returns.require;
import static org.cybermarket.schema.Cols.keys;

/**
 * Results pooled across events (docs/methodology.md, "Pooled results"): for each pool of events
 * ({@code event_study.pools}), role and CAR window, the mean over events of the event's mean CAR and of its
 * standardized CAR, with t statistics whose standard errors are clustered by groups of events on overlapping dates.
 * Events whose event windows overlap in calendar time (on any of their markets, directly or through a chain of
 * overlaps) form one cluster: their CARs share the same market days, so they are not independent draws. With one
 * event per cluster the clustered t is the plain t across event means.
 */
public final class CrossEvent {
    private CrossEvent() {}

    static final StructType MEMBERS = new StructType().add("pool", DataTypes.StringType, false).add("event_id", DataTypes.StringType, false);

    /** pool, event_id: the events of each pool among those studied. */
    public static Dataset<Row> members(SparkSession spark, List<Event> events, Map<String, EventSelection> pools) {
        List<Row> rows = new ArrayList<>();
        pools.forEach((name, selection) -> {
            for (Event e : EventCatalogue.select(events, selection, "event_study.pools." + name)) rows.add(RowFactory.create(name, e.id()));
        });
        return spark.createDataFrame(rows, MEMBERS);
    }

    /**
     * Each pooled event's cluster: events are ordered by the first date of their event windows (over their markets with
     * a day 0); an event starts a new cluster when it starts after every earlier event of the pool has ended.
     *
     * @param members   pool, event_id ({@link #members})
     * @param eventDays event_id, day0_index, event_start_date, event_end_date
     * @return pool, event_id, cluster (1, 2, ... per pool), span_start, span_end
     */
    public static Dataset<Row> clusters(Dataset<Row> members, Dataset<Row> eventDays) {
        require(members, "pool", "event_id");
        require(eventDays, "event_id", "day0_index", "event_start_date", "event_end_date");
        Dataset<Row> spans = eventDays.filter(col("day0_index").isNotNull()).groupBy("event_id")
                .agg(min("event_start_date").as("span_start"), max("event_end_date").as("span_end"));
        WindowSpec order = Window.partitionBy("pool").orderBy("span_start", "event_id");
        Column endedBefore = max("span_end").over(order.rowsBetween(Window.unboundedPreceding(), -1));
        return members.join(spans, keys("event_id"), "inner")
                .withColumn("_new", when(endedBefore.isNull().or(col("span_start").gt(endedBefore)), 1).otherwise(0))
                .withColumn("cluster", sum("_new").over(order.rowsBetween(Window.unboundedPreceding(), Window.currentRow())).cast("int"))
                .select("pool", "event_id", "cluster", "span_start", "span_end");
    }

    /**
     * es_pooled_events: per pool, event, role and CAR window, the event's mean CAR over its securities of that role and
     * its standardized CAR {@code sum SCAR_i / sqrt(n)} (a target alone: its SCAR).
     *
     * @param securityWindows event_id, role, car_window, window_start, window_end, car, scar
     * @param clusters        pool, event_id, cluster, span_start, span_end ({@link #clusters})
     */
    public static Dataset<Row> events(Dataset<Row> securityWindows, Dataset<Row> clusters) {
        require(securityWindows, "event_id", "role", "car_window", "window_start", "window_end", "car", "scar");
        require(clusters, "pool", "event_id", "cluster", "span_start", "span_end");
        return securityWindows.filter(col("car").isNotNull().and(col("scar").isNotNull()))
                .join(clusters, keys("event_id"), "inner")
                .groupBy("pool", "event_id", "cluster", "span_start", "span_end", "role", "car_window", "window_start", "window_end")
                .agg(count(lit(1)).as("n_securities"), avg("car").as("caar"), sum("scar").divide(sqrt(count(lit(1)))).as("standardized_caar"))
                .select("pool", "role", "car_window", "window_start", "window_end", "event_id", "cluster", "span_start", "span_end",
                        "n_securities", "caar", "standardized_caar");
    }

    /**
     * es_pooled_windows: per pool, role and CAR window, the mean over events of {@code caar} and of
     * {@code standardized_caar}, each with its clustered t: {@code mean / se}, {@code se = sqrt(G/(G-1) sum_g u_g^2) / N}
     * with {@code u_g} the sum over cluster g's events of (value - mean), N events, G clusters; two-sided p from Student
     * t with G - 1 degrees of freedom.
     *
     * @param events es_pooled_events ({@link #events})
     */
    public static Dataset<Row> windows(Dataset<Row> events) {
        require(events, "pool", "role", "car_window", "window_start", "window_end", "event_id", "cluster", "n_securities", "caar",
                "standardized_caar");
        List<String> key = List.of("pool", "role", "car_window", "window_start", "window_end");
        WindowSpec pool = Window.partitionBy(columns(key));
        Dataset<Row> centred = events.withColumn("_mean", avg("caar").over(pool)).withColumn("_zmean", avg("standardized_caar").over(pool));
        List<String> byCluster = new ArrayList<>(key);
        byCluster.add("cluster");
        Dataset<Row> clusters = centred.groupBy(columns(byCluster))
                .agg(count(lit(1)).as("_events"), sum("n_securities").as("_securities"),
                        sum(when(col("caar").gt(0), 1).otherwise(0)).as("_positive"),
                        sum(col("caar").minus(col("_mean"))).as("_u"), sum(col("standardized_caar").minus(col("_zmean"))).as("_uz"),
                        first("_mean").as("_mean"), first("_zmean").as("_zmean"));
        Dataset<Row> g = clusters.groupBy(columns(key))
                .agg(sum("_events").cast("long").as("n_events"), count(lit(1)).as("n_clusters"), sum("_securities").cast("long").as("n_securities"),
                        sum("_positive").cast("long").as("n_positive_events"), first("_mean").as("mean_caar"), first("_zmean").as("mean_standardized_caar"),
                        sum(col("_u").multiply(col("_u"))).as("_uu"), sum(col("_uz").multiply(col("_uz"))).as("_uzuz"));
        Column df = col("n_clusters").minus(1);
        Column t = col("mean_caar").divide(clusteredSe(col("_uu")));
        Column tz = col("mean_standardized_caar").divide(clusteredSe(col("_uzuz")));
        return g.withColumn("t_mean", when(col("n_clusters").geq(2), t))
                .withColumn("t_standardized", when(col("n_clusters").geq(2), tz))
                .select(col("pool"), col("role"), col("car_window"), col("window_start"), col("window_end"), col("n_events"), col("n_clusters"),
                        col("n_securities"), col("n_positive_events"), col("mean_caar"), col("t_mean"), PValues.student(col("t_mean"), df).as("p_t_mean"),
                        col("mean_standardized_caar"), col("t_standardized"), PValues.student(col("t_standardized"), df).as("p_t_standardized"));
    }

    /** {@code sqrt(G/(G-1) sum_g u_g^2) / N}; null when zero (every event equal) or G < 2. */
    private static Column clusteredSe(Column sumSquares) {
        Column se = sqrt(sumSquares.multiply(col("n_clusters")).divide(col("n_clusters").minus(1))).divide(col("n_events"));
        return when(se.gt(0), se);
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }
}
