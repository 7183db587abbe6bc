package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/**
 * The trading days of each market cut at every estimation-window boundary of every event: segment {@code k} holds
 * the days with exactly {@code k} boundaries at or before them. A window {@code [day0 + start, day0 + end]} is then
 * the run of whole segments after {@code seg(day0 + start - 1)} up to {@code seg(day0 + end)}. With E events there
 * are at most 2E + 1 segments per market, whatever the number of days or securities.
 */
record Segments(Map<String, int[]> boundaries, List<Row> eventDays, int start, int end) {
    static final StructType DAYS = new StructType().add("market", DataTypes.StringType).add("day_index", DataTypes.IntegerType)
            .add("_seg", DataTypes.IntegerType);
    static final StructType EVENTS = new StructType().add("event_id", DataTypes.StringType).add("market", DataTypes.StringType)
            .add("_before_seg", DataTypes.IntegerType).add("_last_seg", DataTypes.IntegerType);

    /** @param eventDays event_id, market, day0_index: one small row per (event, market), collected once; no day 0, no window */
    static Segments of(Dataset<Row> eventDays, int start, int end) {
        List<Row> rows = eventDays.filter(col("day0_index").isNotNull()).select("event_id", "market", "day0_index").collectAsList();
        Map<String, TreeSet<Integer>> cuts = new TreeMap<>();
        for (Row r : rows) {
            int day0 = r.getInt(2);
            TreeSet<Integer> b = cuts.computeIfAbsent(r.getString(1), m -> new TreeSet<>());
            b.add(day0 + start);
            b.add(day0 + end + 1);
        }
        Map<String, int[]> boundaries = new TreeMap<>();
        cuts.forEach((m, b) -> boundaries.put(m, b.stream().mapToInt(Integer::intValue).toArray()));
        return new Segments(boundaries, rows, start, end);
    }

    /** The segment of a day: how many boundaries are at or before it. */
    static int segment(int[] sortedBoundaries, int day) {
        int i = Arrays.binarySearch(sortedBoundaries, day);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** market, day_index, _seg for every day from the first boundary to the day before the last one. */
    Dataset<Row> days(SparkSession spark) {
        List<Row> out = new ArrayList<>();
        boundaries.forEach((market, b) -> {
            for (int d = b[0]; d < b[b.length - 1]; d++) out.add(RowFactory.create(market, d, segment(b, d)));
        });
        return spark.createDataFrame(out, DAYS);
    }

    /** event_id, market, the segment just before the estimation window and the window's last segment. */
    List<Row> eventRows() {
        List<Row> out = new ArrayList<>();
        for (Row r : eventDays) {
            int[] b = boundaries.get(r.getString(1));
            int day0 = r.getInt(2);
            out.add(RowFactory.create(r.getString(0), r.getString(1), segment(b, day0 + start - 1), segment(b, day0 + end)));
        }
        return out;
    }

    /** {@link #eventRows()} as a data frame. */
    Dataset<Row> events(SparkSession spark) {
        return spark.createDataFrame(eventRows(), EVENTS);
    }
}
