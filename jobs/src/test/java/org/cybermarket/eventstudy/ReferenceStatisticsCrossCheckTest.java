package org.cybermarket.eventstudy;

import org.cybermarket.eventstudy.ReferenceStatistics.Fit;
import org.cybermarket.eventstudy.ReferenceStatistics.Group;
import org.cybermarket.eventstudy.ReferenceStatistics.Model;
import org.cybermarket.eventstudy.ReferenceStatistics.Security;
import org.cybermarket.eventstudy.ReferenceStatistics.Wilcoxon;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.cybermarket.eventstudy.ReferenceStatistics.averageRanks;
import static org.cybermarket.eventstudy.ReferenceStatistics.median;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@link ReferenceStatistics} against numbers published elsewhere and against other implementations' formulas:
 * R's Wilcoxon examples, distribution tables, {@link ReferenceEventStudy} where the conventions coincide, and the
 * formulas of the R package estudy2 (0.10.0, R/nonparametric_tests.R, R/car_nonparametric_tests.R,
 * R/parametric_tests.R), written out here as plain loops, on data without gaps, where estudy2's conventions and ours
 * give the same number (docs/methodology.md says where they part with gaps).
 */
class ReferenceStatisticsCrossCheckTest {
    static List<Double> differences(double[] x, double[] y) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < x.length; i++) d.add(x[i] - y[i]);
        return d;
    }

    @Test
    void wilcoxonExactPValueMatchesHollanderAndWolfesDepressionExample() {
        // R's ?wilcox.test example (Hollander and Wolfe 1973, p. 29): wilcox.test(x, y, paired = TRUE,
        // alternative = "greater") gives V = 40, p-value = 0.01953 (= 10/512); two-sided: 20/512.
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        Wilcoxon w = ReferenceStatistics.wilcoxon(differences(x, y));
        assertEquals(40.0, w.wPlus(), 0);
        assertEquals(9, w.n());
        assertEquals(20.0 / 512, w.p(), 1e-15);
        assertEquals(0.01953, w.p() / 2, 5e-6, "R's one-sided value as printed");
    }

    @Test
    void wilcoxonExactPValueWithTiesAndZerosMatchesExactRankTests() {
        // Bortz, Lienert and Boehnke's example as run on R-help (2006-08-25, "exact Wilcoxon signed rank test with
        // ties"): exactRankTests::wilcox.exact(x1, x2, paired = TRUE) gives V = 13, p-value = 0.1367 (the five zero
        // differences dropped, six tied |d| = 1, two |d| = 2, two |d| = 4); wilcox.test's normal approximation with
        // continuity and tie correction gives p-value = 0.1436.
        double[] x1 = {9, 14, 8, 11, 14, 10, 8, 14, 12, 14, 13, 9, 15, 12, 9};
        double[] x2 = {13, 15, 9, 12, 16, 10, 8, 13, 12, 16, 9, 10, 16, 12, 9};
        Wilcoxon w = ReferenceStatistics.wilcoxon(differences(x1, x2));
        assertEquals(13.0, w.wPlus(), 0);
        assertEquals(10, w.n(), "15 pairs, 5 zero differences dropped");
        assertEquals(140.0 / 1024, w.p(), 1e-15, "the exact conditional p-value");
        assertEquals(0.1367, w.p(), 5e-5, "as printed by wilcox.exact");
        double sigma = Math.sqrt(ReferenceStatistics.wilcoxonVariance(new double[]{4, 1, 1, 1, 2, 1, 2, 4, 1, 1}));
        assertEquals(0.1436, ReferenceStatistics.wilcoxonNormalTwoSided(13, 10, sigma), 5e-5, "as printed by wilcox.test");
    }

    @Test
    void wilcoxonNormalApproximationMatchesRWithTiesAndContinuityCorrection() {
        // R session (pastebin.com/80FNLWBz): wilcox.test(c(-0.2, -0.05, 0.1, 0.15, 0.2)) -> "Wilcoxon signed rank test
        // with continuity correction", V = 9.5, p-value = 0.6845.
        double[] abs = {0.2, 0.05, 0.1, 0.15, 0.2};
        assertEquals(0.6845, ReferenceStatistics.wilcoxonNormalTwoSided(9.5, 5, Math.sqrt(ReferenceStatistics.wilcoxonVariance(abs))), 5e-5);
    }

    @Test
    void wilcoxonWithFiveAllPositiveValuesHasTheSmallestExactPValue() {
        // Same session: wilcox.test(c(0.1, 0.3, 0.4, 0.5, 0.8), alt = "gr")$p.val = 0.03125 = 1/32; two-sided 2/32.
        assertEquals(0.0625, ReferenceStatistics.wilcoxon(List.of(0.1, 0.3, 0.4, 0.5, 0.8)).p(), 1e-15);
    }

    @Test
    void wilcoxonExactPValueEqualsCountingEverySignPattern() {
        // An independent algorithm: enumerate all 2^n sign patterns of the average ranks.
        Random rnd = new Random(3);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rnd.nextInt(12);
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < n; i++) v.add((double) (rnd.nextInt(9) - 4)); // small integers: ties and zeros
            Wilcoxon w = ReferenceStatistics.wilcoxon(v);
            if (w.n() == 0) continue;
            List<Double> nonzero = new ArrayList<>();
            for (double x : v) if (x != 0) nonzero.add(Math.abs(x));
            double[] abs = new double[nonzero.size()];
            for (int i = 0; i < abs.length; i++) abs[i] = nonzero.get(i);
            double[] ranks = averageRanks(abs);
            int below = 0, above = 0, patterns = 1 << ranks.length;
            for (int mask = 0; mask < patterns; mask++) {
                double s = 0;
                for (int i = 0; i < ranks.length; i++) if ((mask >> i & 1) == 1) s += ranks[i];
                if (s <= w.wPlus()) below++;
                if (s >= w.wPlus()) above++;
            }
            assertEquals(Math.min(1, 2.0 * Math.min(below, above) / patterns), w.p(), 1e-15, v.toString());
        }
    }

    @Test
    void wilcoxonIsExactBelowFiftyNonzeroValuesAndNormalWithContinuityCorrectionFromFifty() {
        for (int n : new int[]{49, 50}) {
            List<Double> v = new ArrayList<>();
            for (int i = 1; i <= n; i++) v.add(i % 3 == 0 ? -i : (double) i);
            v.add(0.0); // a zero does not count towards n
            Wilcoxon w = ReferenceStatistics.wilcoxon(v);
            double[] abs = new double[n], ranks = new double[n];
            for (int i = 0; i < n; i++) {
                abs[i] = i + 1;
                ranks[i] = i + 1;
            }
            double normal = ReferenceStatistics.wilcoxonNormalTwoSided(w.wPlus(), n, Math.sqrt(ReferenceStatistics.wilcoxonVariance(abs)));
            double exact = ReferenceStatistics.wilcoxonExactTwoSided(ranks, w.wPlus());
            assertNotEquals(normal, exact, 1e-6);
            assertEquals(n < 50 ? exact : normal, w.p(), 1e-15, "n = " + n);
        }
    }

    @Test
    void pValuesUseTheTabulatedDistributions() {
        // Student t, 5 df: two-sided 5% critical value 2.570582 (t tables); standard normal: 1.959964.
        assertEquals(0.05, ReferenceStatistics.studentTwoSided(2.570582, 5), 1e-6);
        assertEquals(0.05, ReferenceStatistics.normalTwoSided(1.959964), 1e-6);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Simulated groups: one market, market model, estimation [-30, -6], event [-3, 3].

    static final int EST_START = -30, EST_END = -6, EV_START = -3, EV_END = 3;

    static Map<Integer, double[]> marketSeries(Random rnd) {
        Map<Integer, double[]> rm = new TreeMap<>();
        for (int t = EST_START; t <= EV_END; t++) rm.put(t, new double[]{0.01 * rnd.nextGaussian()});
        return rm;
    }

    /** Five securities; with gaps, S1 misses four estimation days and day +2, S3 misses day -1. */
    static List<Security> securities(Random rnd, Map<Integer, double[]> rm, boolean gaps) {
        List<Security> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<Integer, Double> r = new TreeMap<>();
            for (int t = EST_START; t <= EV_END; t++) {
                r.put(t, 0.0005 * i + (0.6 + 0.2 * i) * rm.get(t)[0] + 0.012 * rnd.nextGaussian() + (t == 0 ? 0.02 : 0));
            }
            if (gaps && i == 1) for (int t : new int[]{-20, -19, -18, -12, 2}) r.remove(t);
            if (gaps && i == 3) r.remove(-1);
            out.add(new Security("S" + i, "XNYS", r, rm));
        }
        return out;
    }

    @Test
    void underTheMarketModelTheReferenceAgreesWithReferenceEventStudy() {
        // Where no convention changed (market model: C_it, Patell's (L-2)/(L-4), BW, BMP), both references agree, gaps included.
        Random rnd = new Random(5);
        Map<Integer, double[]> rmVectors = marketSeries(rnd);
        List<Security> sec = securities(rnd, rmVectors, true);
        Map<Integer, Double> rm = new HashMap<>();
        rmVectors.forEach((t, v) -> rm.put(t, v[0]));
        ReferenceStatistics ref = new ReferenceStatistics(Model.REGRESSION, EST_START, EST_END, EV_START, EV_END);
        Group g = ref.group(ref.fitAll(sec));
        ReferenceEventStudy old = new ReferenceEventStudy(EST_START, EST_END, EV_START, EV_END);
        List<ReferenceEventStudy.Fit> oldFits = new ArrayList<>();
        for (Security s : sec) oldFits.add(old.fit(s.r(), rm));
        for (int t = EV_START; t <= EV_END; t++) {
            Map<String, Double> ours = g.day(t), theirs = old.groupDay(oldFits, t);
            for (String stat : List.of("n_securities", "aar", "bw1980", "bw1985", "patell", "bmp")) {
                assertEquals(theirs.get(stat), ours.get(stat), 1e-12 * Math.max(1, Math.abs(theirs.get(stat))), stat + " day " + t);
            }
        }
        for (int i = 0; i < sec.size(); i++) {
            for (int t : oldFits.get(i).sar.keySet()) assertEquals(oldFits.get(i).sar.get(t), g.fits.get(i).sar.get(t), 1e-12);
        }
    }

    // estudy2's formulas, written out. T_i = the security's ARs over estimation and event window; N_t = members with
    // an AR on t, N = all members. estudy2 takes a day's sum as mean x N (rowMeans(...) * ncol(...)) and divides the
    // time-series sum of squares by mean(T_i) ("delta_full"); this reference takes the sum over the N_t members with an
    // AR and divides by the number of days with an AR. Without gaps both give the same number.

    static double meanT(Group g) {
        double s = 0;
        for (Fit f : g.fits) s += f.ar.size();
        return s / g.fits.size();
    }

    /** estudy2's corrado_sign_test (Corrado and Zivney 1992) on day t. */
    static double estudy2CorradoSign(Group g, int t) {
        return estudy2Scaled(g, t, true);
    }

    /** estudy2's modified_rank_test on day t. */
    static double estudy2ModifiedRank(Group g, int t) {
        return estudy2Scaled(g, t, false);
    }

    static double estudy2Scaled(Group g, int t, boolean sign) {
        Map<Fit, Map<Integer, Double>> score = new HashMap<>();
        for (Fit f : g.fits) {
            List<Integer> days = new ArrayList<>(f.ar.keySet());
            double[] v = new double[days.size()];
            for (int i = 0; i < v.length; i++) v[i] = f.ar.get(days.get(i));
            double m = median(new ArrayList<>(f.ar.values()));
            double[] k = averageRanks(v);
            Map<Integer, Double> s = new HashMap<>();
            for (int i = 0; i < v.length; i++) s.put(days.get(i), sign ? Math.signum(v[i] - m) : k[i] / (v.length + 1) - 0.5);
            score.put(f, s);
        }
        double sumSq = 0;
        for (int d = EST_START; d <= EV_END; d++) {
            if (d > EST_END && d < EV_START) continue;
            double s = 0;
            int n = 0;
            for (Fit f : g.fits) if (score.get(f).containsKey(d)) { s += score.get(f).get(d); n++; }
            if (n > 0) sumSq += Math.pow(s / n * g.fits.size(), 2) / n;
        }
        double scale = Math.sqrt(sumSq / meanT(g));
        double s = 0;
        int n = 0;
        for (Fit f : g.fits) if (score.get(f).containsKey(t)) { s += score.get(f).get(t); n++; }
        return s / n * g.fits.size() / Math.sqrt(n) / scale;
    }

    /** estudy2's car_rank_test (Cowan 1992): raw ranks over estimation + CAR window, sqrt(D)(mean rank - mean of (T_i+1)/2) / S. */
    static double estudy2CarRank(Group g, int a, int b) {
        Map<Fit, Map<Integer, Double>> rank = new HashMap<>();
        double meanRank = 0;
        for (Fit f : g.fits) {
            List<Integer> days = new ArrayList<>();
            for (int d : f.ar.keySet()) if (d <= EST_END || (d >= a && d <= b)) days.add(d);
            double[] v = new double[days.size()];
            for (int i = 0; i < v.length; i++) v[i] = f.ar.get(days.get(i));
            double[] k = averageRanks(v);
            Map<Integer, Double> r = new HashMap<>();
            for (int i = 0; i < v.length; i++) r.put(days.get(i), k[i]);
            rank.put(f, r);
            meanRank += (v.length + 1) / 2.0 / g.fits.size();
        }
        double sumSq = 0, sumT = 0, eventSum = 0;
        int eventCells = 0, eventDays = 0;
        for (Fit f : g.fits) sumT += rank.get(f).size();
        for (int d = EST_START; d <= b; d++) {
            if (d > EST_END && d < a) continue;
            double s = 0;
            int n = 0;
            for (Fit f : g.fits) if (rank.get(f).containsKey(d)) { s += rank.get(f).get(d); n++; }
            if (n == 0) continue;
            sumSq += Math.pow(s / n - meanRank, 2);
            if (d >= a) { eventSum += s; eventCells += n; eventDays++; }
        }
        return Math.sqrt(eventDays) * (eventSum / eventCells - meanRank) / Math.sqrt(sumSq / (sumT / g.fits.size()));
    }

    /** estudy2's lamb: sd(estimation AAR) sqrt(1 + 1/mean(L_i) + (R_mt - mean R_m)^2 / Sxx), market terms over the market's days. */
    static double estudy2Lamb(Group g, Map<Integer, double[]> rm, int t) {
        List<Double> aarEst = new ArrayList<>(), m = new ArrayList<>();
        double meanL = 0;
        for (Fit f : g.fits) meanL += (double) f.l / g.fits.size();
        for (int d = EST_START; d <= EST_END; d++) {
            if (!g.on(d).isEmpty()) aarEst.add(g.aar(d));
            m.add(rm.get(d)[0]);
        }
        double mm = ReferenceStatistics.mean(m), sxx = 0;
        for (double x : m) sxx += (x - mm) * (x - mm);
        double c = 1 + 1 / meanL + Math.pow(rm.get(t)[0] - mm, 2) / sxx;
        return g.aar(t) / (ReferenceStatistics.sd(aarEst) * Math.sqrt(c));
    }

    @Test
    void withoutGapsTheNewStatisticsEqualEstudy2s() {
        Random rnd = new Random(9);
        Map<Integer, double[]> rm = marketSeries(rnd);
        ReferenceStatistics ref = new ReferenceStatistics(Model.REGRESSION, EST_START, EST_END, EV_START, EV_END);
        Group g = ref.group(ref.fitAll(securities(rnd, rm, false)));
        for (int t = EV_START; t <= EV_END; t++) {
            Map<String, Double> d = g.day(t);
            assertEquals(estudy2CorradoSign(g, t), d.get("cz_sign"), 1e-12, "cz_sign day " + t);
            assertEquals(estudy2ModifiedRank(g, t), d.get("modified_rank"), 1e-12, "modified_rank day " + t);
            assertEquals(estudy2Lamb(g, rm, t), d.get("lamb"), 1e-12, "lamb day " + t);
        }
        // Cowan's multi-day rank statistic over the whole event window is the cumulated modified rank statistic.
        assertEquals(estudy2CarRank(g, EV_START, EV_END), g.window(EV_START, EV_END).get("car_rank"), 1e-12);
    }
}
