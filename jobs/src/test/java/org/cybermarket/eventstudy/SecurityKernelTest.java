package org.cybermarket.eventstudy;

import org.apache.spark.sql.RowFactory;
import org.cybermarket.config.EventStudySettings;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The kernel and its parts without Spark. */
class SecurityKernelTest {
    static final EventStudySettings SETTINGS = new EventStudySettings("market_model", List.of(-30, -6), List.of(-2, 2),
            Map.of("d0", List.of(0, 0)), 10, null, null);

    /** 60 days of a security and its benchmark on one market, day 0 at index 50. */
    static SecuritySeries series(BitSet leftOut, double[] r) {
        int[] dates = new int[r.length];
        for (int i = 0; i < r.length; i++) dates[i] = 19_000 + i;
        return new SecuritySeries("X", "S", "R", "Banks", 0, r, dates, new String[]{"E"}, new int[]{50}, leftOut);
    }

    static MarketData market(double[] rm) {
        List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < rm.length; i++) rows.add(RowFactory.create("X", i, rm[i]));
        return MarketData.of(rows, List.of());
    }

    @Test
    void daysLeftOutOfTheEstimationAreNotUsedToFitTheModel() {
        Random rnd = new Random(5);
        double[] rm = new double[60], r = new double[60];
        for (int t = 0; t < 60; t++) {
            rm[t] = 0.01 * rnd.nextGaussian();
            r[t] = 0.001 + 1.2 * rm[t] + 0.005 * rnd.nextGaussian();
        }
        r[30] = 0.30; // a day a corporate action would flag
        SecurityKernel kernel = new SecurityKernel(SETTINGS);
        MarketData m = market(rm);
        BitSet flagged = new BitSet();
        flagged.set(30);
        SecurityKernel.Study with = kernel.study(series(new BitSet(), r), 0, m.view("X", "R"));
        SecurityKernel.Study without = kernel.study(series(flagged, r), 0, m.view("X", "R"));
        assertEquals(25, with.estimationDays);
        assertEquals(24, without.estimationDays, "offsets -30..-6 less the flagged day");
        assertEquals(25, without.estimationRows, "the day still has a return");

        // The same fit as a security without that day at all.
        double[] gap = r.clone();
        gap[30] = Double.NaN;
        SecurityKernel.Study missing = kernel.study(series(new BitSet(), gap), 0, m.view("X", "R"));
        assertEquals(missing.fit.slope(0), without.fit.slope(0), 0);
        assertEquals(missing.residualSd, without.residualSd, 0);
        assertNotEquals(with.fit.slope(0), without.fit.slope(0));
    }

    @Test
    void anUnknownModelIsAnErrorNamingTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new EventStudySettings("capm", null, null, null, null, null, null));
        assertEquals("event_study.model must be one of [mean_adjusted, market_adjusted, market_model, ff3, carhart4], got 'capm'", e.getMessage());
    }

    @Test
    void meansAndVariancesMergedFromPartsEqualTheWhole() {
        Random rnd = new Random(9);
        GroupSums.Moments whole = new GroupSums.Moments(), a = new GroupSums.Moments(), b = new GroupSums.Moments();
        double[] x = new double[101];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e3 + rnd.nextGaussian(); // a large mean: a difference of sums of squares would lose digits here
            whole.add(x[i]);
            (i < 37 ? a : b).add(x[i]);
        }
        a.merge(b);
        double mean = 0, ss = 0;
        for (double v : x) mean += v / x.length;
        for (double v : x) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (x.length - 1));
        assertEquals(sd, whole.sd(), 1e-12 * sd);
        assertEquals(sd, a.sd(), 1e-12 * sd);
        assertEquals(101, a.n);
    }

    @Test
    void ranksShareTheAverageOfTiedPositions() {
        assertArrayEquals(new double[]{2.5, 1, 2.5, 4}, Ranks.average(new double[]{0.2, 0.1, 0.2, 0.3}));
    }
}
