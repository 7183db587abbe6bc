package org.cybermarket.eventstudy;

import java.util.ArrayList;
import java.util.List;

/**
 * A group's facts from its members' estimation windows and ranks (every test only), worked out once per group from
 * its merged sums: sd of the AAR over estimation days and their count L_p (Brown-Warner 1985, Lamb), each event
 * day's AAR over the square root of Lamb's portfolio factor, the pooled share of positive ARs (generalized sign),
 * rbar (Kolari-Pynnonen), the daily terms and time-series scales of the Corrado rank, Corrado-Zivney sign and
 * Campbell-Wasley rank tests, and the Wilcoxon test of each event day.
 */
final class GroupFacts {
    /** Groups whose members' days differ get rbar from every pair of members, up to this many members (O(N^2)). */
    static final int KP_PAIRWISE_LIMIT = 1000;

    final Double sdAarEstimation, positiveShare, rbar;
    final Long rbarPairs, aarEstimationDays;
    /** Per event day: AAR_t / sqrt(C_pt) (Lamb); null without a portfolio factor. */
    final Double[] lambTerm;
    final DailyTerms corrado, czSign, modifiedRank;
    final SignedRank[] wilcoxon;

    GroupFacts(GroupSums.Cell cell, int eventOffsetInRanks, NormalReturnModel model) {
        GroupSums.Estimation e = cell.estimation;
        List<Double> aar = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        for (int t = 0; t < e.arSum.length; t++) {
            if (e.arN[t] == 0) continue;
            aar.add(e.arSum[t] / e.arN[t]);
            x.add(e.x[t]);
        }
        sdAarEstimation = sampleSd(aar);
        aarEstimationDays = (long) aar.size();
        lambTerm = lambTerms(cell, aar, x, model);
        positiveShare = e.all == 0 ? null : (double) e.positive / e.all;

        // rbar: when every member has the same days (and a non-zero sd), sum_t (sum_i z_it)^2 = (T - 1)(N + sum_{i != j} r_ij)
        // gives the mean pairwise correlation in one pass; otherwise every pair over its common days.
        long n = e.members;
        int days = aar.size();
        if (e.minDays == days && e.maxDays == days && e.degenerate == 0 && n >= 2 && days >= 3) {
            double ss = 0;
            for (double z : e.zSum) ss += z * z;
            rbar = (ss / (days - 1) - n) / ((double) n * (n - 1));
            rbarPairs = n * (n - 1) / 2;
        } else if (n <= KP_PAIRWISE_LIMIT) {
            double[] mean = pairwise(e);
            rbar = mean == null ? null : mean[0];
            rbarPairs = mean == null ? null : (long) mean[1];
        } else {
            rbar = null;
            rbarPairs = null;
        }

        int eventDays = cell.days.length;
        corrado = new DailyTerms(e.devSum, e.devN, true, eventOffsetInRanks, eventDays);
        czSign = new DailyTerms(e.signSum, e.devN, false, eventOffsetInRanks, eventDays);
        modifiedRank = new DailyTerms(e.rankSum, e.devN, false, eventOffsetInRanks, eventDays);
        wilcoxon = new SignedRank[eventDays];
        for (int d = 0; d < eventDays; d++) wilcoxon[d] = SignedRank.of(cell.dayArs[d].toArray());
    }

    /**
     * Lamb (1995): each event day's AAR over sqrt(C_pt), C_pt the model's prediction-error factor for the group's
     * AAR series, that is the model fitted to the AAR of the L_p estimation days with their regressors. One portfolio
     * needs one series of regressors: all null when the members are on more than one market or day 0.
     */
    private static Double[] lambTerms(GroupSums.Cell cell, List<Double> aar, List<double[]> x, NormalReturnModel model) {
        Double[] out = new Double[cell.days.length];
        if (cell.estimation.anchors.size() != 1 || aar.size() < 2) return out;
        double[] y = aar.stream().mapToDouble(Double::doubleValue).toArray();
        NormalReturnModel.Fit fit = model.fit(y, x.toArray(new double[0][]), y.length);
        if (fit == null) return out;
        for (int d = 0; d < out.length; d++) {
            double[] xd = cell.estimation.eventX[d];
            if (cell.days[d].x.n == 0 || xd == null) continue;
            out[d] = cell.days[d].x.mean() / Math.sqrt(fit.predictionErrorFactor(xd));
        }
        return out;
    }

    /**
     * The daily term of a rank or sign test, sum_i score_it over N_t (Corrado: the mean) or over sqrt(N_t)
     * (Corrado-Zivney and Campbell-Wasley: each day's term at the same variance whatever N_t), on each event day, and its time-series scale: the square root of the mean
     * of the squared term over the estimation and event days on which a member has an AR.
     */
    static final class DailyTerms {
        final Double[] event;
        final Double scale;

        DailyTerms(double[] sum, long[] n, boolean mean, int eventOffset, int eventDays) {
            double ss = 0;
            int days = 0;
            for (int t = 0; t < sum.length; t++) {
                if (n[t] == 0) continue;
                double term = term(sum[t], n[t], mean);
                ss += term * term;
                days++;
            }
            scale = days == 0 ? null : Math.sqrt(ss / days);
            event = new Double[eventDays];
            for (int d = 0; d < eventDays; d++) {
                int t = eventOffset + d;
                event[d] = n[t] > 0 ? term(sum[t], n[t], mean) : null;
            }
        }

        private static double term(double sum, long n, boolean mean) {
            return mean ? sum / n : sum / Math.sqrt(n);
        }
    }

    /** Sample sd (n - 1) in two passes; null below two values. */
    static Double sampleSd(List<Double> x) {
        if (x.size() < 2) return null;
        double sum = 0;
        for (double v : x) sum += v;
        double mean = sum / x.size(), ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        return Math.sqrt(ss / (x.size() - 1));
    }

    /** Mean Pearson correlation over common days of every pair of members with a defined one, and the pairs; null if none. */
    static double[] pairwise(GroupSums.Estimation e) {
        int n = e.symbols.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> e.symbols.get(a).compareTo(e.symbols.get(b)));
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Double rho = correlation(e.ars.get(order[i]), e.ars.get(order[j]));
                if (rho == null || rho.isNaN()) continue;
                sum += rho;
                pairs++;
            }
        }
        return pairs == 0 ? null : new double[]{sum / pairs, pairs};
    }

    /** Pearson correlation over the days both have (not NaN), two passes; null with fewer than two or a flat series. */
    static Double correlation(double[] a, double[] b) {
        int n = 0;
        double sa = 0, sb = 0;
        for (int t = 0; t < a.length; t++) {
            if (Double.isNaN(a[t]) || Double.isNaN(b[t])) continue;
            n++;
            sa += a[t];
            sb += b[t];
        }
        if (n < 2) return null;
        double ma = sa / n, mb = sb / n, sab = 0, saa = 0, sbb = 0;
        for (int t = 0; t < a.length; t++) {
            if (Double.isNaN(a[t]) || Double.isNaN(b[t])) continue;
            sab += (a[t] - ma) * (b[t] - mb);
            saa += (a[t] - ma) * (a[t] - ma);
            sbb += (b[t] - mb) * (b[t] - mb);
        }
        double d = Math.sqrt(saa * sbb);
        return d == 0 ? null : sab / d;
    }
}
