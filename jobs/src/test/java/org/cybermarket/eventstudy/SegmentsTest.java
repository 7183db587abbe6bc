package org.cybermarket.eventstudy;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SegmentsTest {
    @Test
    void aDaysSegmentCountsTheBoundariesAtOrBeforeIt() {
        int[] b = {10, 20, 21};
        assertEquals(0, Segments.segment(b, 9));
        assertEquals(1, Segments.segment(b, 10));
        assertEquals(1, Segments.segment(b, 19));
        assertEquals(2, Segments.segment(b, 20));
        assertEquals(3, Segments.segment(b, 21));
        assertEquals(3, Segments.segment(b, 500));
    }

    /** Every estimation window, summed segment by segment, equals the window summed day by day. */
    @Test
    void everyWindowIsExactlyTheSegmentsBetweenItsTwoMarkers() {
        var spark = SparkTest.spark();
        Random rnd = new Random(11);
        int start = -30, end = -3;
        List<Row> eventDays = new ArrayList<>();
        for (int e = 0; e < 25; e++) eventDays.add(RowFactory.create("E" + e, e % 3 == 0 ? "B" : "A", rnd.nextInt(200)));
        Segments seg = Segments.of(spark.createDataFrame(eventDays, new StructType().add("event_id", DataTypes.StringType)
                .add("market", DataTypes.StringType).add("day0_index", DataTypes.IntegerType)), start, end);

        Map<String, Map<Integer, Integer>> segOf = new HashMap<>();
        for (Row r : seg.days(spark).collectAsList()) segOf.computeIfAbsent(r.getString(0), m -> new HashMap<>()).put(r.getInt(1), r.getInt(2));
        double[] value = new double[400];
        for (int d = 0; d < value.length; d++) value[d] = rnd.nextGaussian();
        List<Row> windows = seg.events(spark).collectAsList();
        assertEquals(eventDays.size(), windows.size());
        for (Row r : windows) {
            String market = r.getString(1);
            int day0 = eventDays.stream().filter(x -> x.getString(0).equals(r.getString(0))).findFirst().orElseThrow().getInt(2);
            double direct = 0, bySegment = 0;
            for (int d = day0 + start; d <= day0 + end; d++) direct += value[d + 100];
            for (int d = -100; d < 300; d++) {
                Integer s = segOf.get(market).get(d);
                if (s != null && s > r.getInt(2) && s <= r.getInt(3)) bySegment += value[d + 100];
            }
            assertEquals(direct, bySegment, 1e-12, "event " + r.getString(0));
        }
    }
}
