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

    /** Each event's sums are the segments after its first marker up to its last, for every security in the stream. */
    @Test
    void windowSumsAddEachWindowsSegmentsPerSecurity() throws Exception {
        var spark = SparkTest.spark();
        List<Row> eventDays = List.of(RowFactory.create("E1", "A", 20), RowFactory.create("E2", "A", 40), RowFactory.create("E3", "B", 30));
        int start = -15, end = -3;
        Segments seg = Segments.of(spark.createDataFrame(eventDays, new StructType().add("event_id", DataTypes.StringType)
                .add("market", DataTypes.StringType).add("day0_index", DataTypes.IntegerType)), start, end);
        Map<String, int[]> b = seg.boundaries();
        // Three securities: 0 and 1 on market A (1 has days missing), 2 on market B; 3 is not a candidate.
        double[][] y = new double[4][60];
        Random rnd = new Random(3);
        List<Row> stream = new ArrayList<>();
        String[] market = {"A", "A", "B", "A"};
        for (int sid = 0; sid < 4; sid++) {
            if (sid != 3) stream.add(RowFactory.create(sid, Estimation.WindowSums.HEADER, "S" + sid, market[sid], null, null, null));
            Map<Integer, double[]> bySeg = new java.util.TreeMap<>();
            for (int d = 0; d < 60; d++) {
                if (sid == 1 && d % 4 == 0) continue;
                y[sid][d] = rnd.nextGaussian();
                double[] m = bySeg.computeIfAbsent(Segments.segment(b.get(market[sid]), d), k -> new double[3]);
                m[0]++;
                m[1]++;
                m[2] += y[sid][d];
            }
            for (Map.Entry<Integer, double[]> e : bySeg.entrySet()) {
                stream.add(RowFactory.create(sid, e.getKey(), null, null, (long) e.getValue()[0], (long) e.getValue()[1], e.getValue()[2]));
            }
        }
        // A candidate with no day in any window: its header only.
        stream.add(RowFactory.create(4, Estimation.WindowSums.HEADER, "S4", "A", null, null, null));
        Map<String, Row> out = new HashMap<>();
        new Estimation.WindowSums(seg, 3).call(stream.iterator())
                .forEachRemaining(r -> out.put(r.getString(0) + "/" + r.getString(1), r));
        assertEquals(7, out.size(), "two events for each of S0, S1 and S4, one for S2, none for the non-candidate");
        assertEquals(0L, out.get("E2/S4").getLong(2), "no days, but a row");
        assertEquals(0.0, out.get("E2/S4").getDouble(4));
        for (Row e : eventDays) {
            for (int sid = 0; sid < 3; sid++) {
                if (!market[sid].equals(e.getString(1))) continue;
                long n = 0;
                double sum = 0;
                for (int d = e.getInt(2) + start; d <= e.getInt(2) + end; d++) {
                    if (sid == 1 && d % 4 == 0) continue;
                    n++;
                    sum += y[sid][d];
                }
                Row r = out.get(e.getString(0) + "/S" + sid);
                assertEquals(n, r.getLong(2), "rows " + r);
                assertEquals(n, r.getLong(3), "n " + r);
                assertEquals(sum, r.getDouble(4), 1e-12, "sum " + r);
            }
        }
    }
}
