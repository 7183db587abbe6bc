package org.cybermarket.eventstudy;

import org.apache.commons.math3.stat.inference.TTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Pooled results across events against independent computations: Commons Math's one-sample t test where no events
 * overlap, and the clustered standard error worked out in plain Java where some do.
 */
class CrossEventTest {
    static final StructType WINDOWS = new StructType().add("event_id", DataTypes.StringType).add("role", DataTypes.StringType)
            .add("car_window", DataTypes.StringType).add("window_start", DataTypes.IntegerType).add("window_end", DataTypes.IntegerType)
            .add("car", DataTypes.DoubleType).add("scar", DataTypes.DoubleType);
    static final StructType DAYS = new StructType().add("event_id", DataTypes.StringType).add("day0_index", DataTypes.IntegerType)
            .add("event_start_date", DataTypes.DateType).add("event_end_date", DataTypes.DateType);

    /** Five firm-level events, each a target and two or three peers: {event, role, car, scar}. */
    static final Object[][] CARS = {
            {"A", "target", -0.080, -2.1}, {"A", "peer", 0.010, 0.4}, {"A", "peer", 0.030, 1.0},
            {"B", "target", -0.020, -0.7}, {"B", "peer", 0.005, 0.2}, {"B", "peer", -0.010, -0.3}, {"B", "peer", 0.020, 0.6},
            {"C", "target", -0.050, -1.6}, {"C", "peer", 0.000, 0.1}, {"C", "peer", 0.012, 0.5},
            {"D", "target", 0.010, 0.3}, {"D", "peer", 0.004, 0.1}, {"D", "peer", 0.008, 0.3},
            {"E", "target", -0.030, -1.2}, {"E", "peer", 0.015, 0.7}, {"E", "peer", -0.002, 0.0}};

    static Dataset<Row> windows() {
        List<Row> rows = new ArrayList<>();
        for (Object[] c : CARS) rows.add(RowFactory.create(c[0], c[1], "car_0_1", 0, 1, c[2], c[3]));
        return SparkTest.spark().createDataFrame(rows, WINDOWS);
    }

    /** Event windows: with {@code overlap}, B starts before A ends and C before B ends (a chain), so A, B, C are one cluster. */
    static Dataset<Row> days(boolean overlap) {
        String[][] spans = overlap
                ? new String[][]{{"A", "2024-01-08", "2024-01-22"}, {"B", "2024-01-19", "2024-02-02"}, {"C", "2024-02-01", "2024-02-15"},
                        {"D", "2024-05-06", "2024-05-20"}, {"E", "2024-09-09", "2024-09-23"}}
                : new String[][]{{"A", "2024-01-08", "2024-01-22"}, {"B", "2024-03-04", "2024-03-18"}, {"C", "2024-04-01", "2024-04-15"},
                        {"D", "2024-05-06", "2024-05-20"}, {"E", "2024-09-09", "2024-09-23"}};
        List<Row> rows = new ArrayList<>();
        for (String[] s : spans) rows.add(RowFactory.create(s[0], 100, Date.valueOf(s[1]), Date.valueOf(s[2])));
        // A second market of event E with a later window: the event's span covers both markets.
        rows.add(RowFactory.create("E", 90, Date.valueOf("2024-09-10"), Date.valueOf("2024-09-24")));
        // A market without a day 0 does not count.
        rows.add(RowFactory.create("D", null, null, null));
        return SparkTest.spark().createDataFrame(rows, DAYS);
    }

    static Dataset<Row> members() {
        List<Row> rows = new ArrayList<>();
        for (String e : List.of("A", "B", "C", "D", "E")) rows.add(RowFactory.create("all", e));
        rows.add(RowFactory.create("two", "A"));
        rows.add(RowFactory.create("two", "D"));
        return SparkTest.spark().createDataFrame(rows, CrossEvent.MEMBERS);
    }

    /** Per event, the role's mean CAR and sum SCAR / sqrt(n), in event order A..E. */
    static double[][] eventMeans(String role) {
        List<String> events = List.of("A", "B", "C", "D", "E");
        double[] caar = new double[5], z = new double[5];
        int[] n = new int[5];
        for (Object[] c : CARS) {
            if (!c[1].equals(role)) continue;
            int e = events.indexOf((String) c[0]);
            caar[e] += (double) c[2];
            z[e] += (double) c[3];
            n[e]++;
        }
        for (int e = 0; e < 5; e++) {
            caar[e] /= n[e];
            z[e] /= Math.sqrt(n[e]);
        }
        return new double[][]{caar, z};
    }

    static Row pooled(boolean overlap, String pool, String role) {
        Dataset<Row> events = CrossEvent.events(windows(), CrossEvent.clusters(members(), days(overlap)));
        return CrossEvent.windows(events).where("pool = '" + pool + "' and role = '" + role + "'").first();
    }

    @Test
    void eventsOnOverlappingDatesShareAClusterThroughAChain() {
        List<String> got = new ArrayList<>();
        for (Row r : CrossEvent.clusters(members(), days(true)).where("pool = 'all'").orderBy("event_id").collectAsList()) {
            got.add(r.getString(1) + "=" + r.getInt(2) + " " + r.get(3) + ".." + r.get(4));
        }
        assertEquals(List.of("A=1 2024-01-08..2024-01-22", "B=1 2024-01-19..2024-02-02", "C=1 2024-02-01..2024-02-15",
                "D=2 2024-05-06..2024-05-20", "E=3 2024-09-09..2024-09-24"), got);
    }

    @Test
    void withoutOverlapsTheTestsAreOneSampleTTestsAcrossEventMeans() {
        for (String role : List.of("target", "peer")) {
            double[][] m = eventMeans(role);
            Row r = pooled(false, "all", role);
            TTest tt = new TTest(); // Commons Math: t = mean / (sd / sqrt(n)), two-sided p with n - 1 df
            assertEquals(5L, r.<Long>getAs("n_events"));
            assertEquals(5L, r.<Long>getAs("n_clusters"));
            assertEquals(org.apache.commons.math3.stat.StatUtils.mean(m[0]), r.<Double>getAs("mean_caar"), 1e-15, role);
            assertEquals(tt.t(0, m[0]), r.<Double>getAs("t_mean"), 1e-12, role);
            assertEquals(tt.tTest(0, m[0]), r.<Double>getAs("p_t_mean"), 1e-12, role);
            assertEquals(org.apache.commons.math3.stat.StatUtils.mean(m[1]), r.<Double>getAs("mean_standardized_caar"), 1e-15, role);
            assertEquals(tt.t(0, m[1]), r.<Double>getAs("t_standardized"), 1e-12, role);
            assertEquals(tt.tTest(0, m[1]), r.<Double>getAs("p_t_standardized"), 1e-12, role);
        }
        Row targets = pooled(false, "all", "target");
        assertEquals(5L, targets.<Long>getAs("n_securities"));
        assertEquals(1L, targets.<Long>getAs("n_positive_events"), "only D's target rose");
        // Hand-worked: targets' mean CAR (-0.08 - 0.02 - 0.05 + 0.01 - 0.03) / 5 = -0.034.
        assertEquals(-0.034, targets.<Double>getAs("mean_caar"), 1e-15);
    }

    @Test
    void overlappingEventsAreOneClusterInTheStandardError() {
        double[] x = eventMeans("target")[0];
        int[][] clusters = {{0, 1, 2}, {3}, {4}};
        double mean = org.apache.commons.math3.stat.StatUtils.mean(x);
        double sum = 0;
        for (int[] g : clusters) {
            double u = 0;
            for (int e : g) u += x[e] - mean;
            sum += u * u;
        }
        double se = Math.sqrt(3.0 / 2 * sum) / 5; // G = 3 clusters, N = 5 events
        Row r = pooled(true, "all", "target");
        assertEquals(3L, r.<Long>getAs("n_clusters"));
        assertEquals(mean / se, r.<Double>getAs("t_mean"), 1e-12);
        assertEquals(new org.apache.commons.math3.distribution.TDistribution(2).cumulativeProbability(-Math.abs(mean / se)) * 2,
                r.<Double>getAs("p_t_mean"), 1e-12, "Student t with G - 1 = 2 df");
    }

    @Test
    void aPoolHoldsOnlyItsEventsAndOneClusterHasNoTest() {
        Row r = pooled(false, "two", "target");
        assertEquals(2L, r.<Long>getAs("n_events"));
        assertEquals((-0.080 + 0.010) / 2, r.<Double>getAs("mean_caar"), 1e-15);
        Dataset<Row> one = CrossEvent.windows(CrossEvent.events(windows(), CrossEvent.clusters(members().where("event_id = 'A'"), days(false))));
        assertNull(one.first().getAs("t_mean"), "one event: no standard error");
    }
}
