package org.cybermarket.eventstudy;

import java.util.ArrayList;
import java.util.List;

/**
 * A group's facts from its members' estimation windows and ranks (every test only), worked out once per group from
 * its merged sums: sd of the AAR over estimation days (Brown-Warner 1985), the pooled share of positive ARs
 * (generalized sign), rbar (Kolari-Pynnonen), Corrado's U_t and S_K, and the Wilcoxon W+ of each event day.
 */
final class GroupFacts {
    /** Groups whose members' days differ get rbar from every pair of members, up to this many members (O(N^2)). */
    static final int KP_PAIRWISE_LIMIT = 1000;

    final Double sdAarEstimation, positiveShare, rbar, corradoSk;
    final Long rbarPairs;
    final Double[] corradoU, wilcoxonWPlus;

    GroupFacts(GroupSums.Cell cell, int eventOffsetInRanks) {
        GroupSums.Estimation e = cell.estimation;
        List<Double> aar = new ArrayList<>();
        for (int t = 0; t < e.arSum.length; t++) if (e.arN[t] > 0) aar.add(e.arSum[t] / e.arN[t]);
        sdAarEstimation = sampleSd(aar);
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

        List<Double> u = new ArrayList<>();
        for (int t = 0; t < e.devSum.length; t++) if (e.devN[t] > 0) u.add(e.devSum[t] / e.devN[t]);
        double sumU2 = 0;
        for (double v : u) sumU2 += v * v;
        corradoSk = u.isEmpty() ? null : Math.sqrt(sumU2 / u.size());
        int eventDays = cell.days.length;
        corradoU = new Double[eventDays];
        wilcoxonWPlus = new Double[eventDays];
        for (int d = 0; d < eventDays; d++) {
            int t = eventOffsetInRanks + d;
            corradoU[d] = e.devN[t] > 0 ? e.devSum[t] / e.devN[t] : null;
            wilcoxonWPlus[d] = cell.dayArs[d].n == 0 ? null : wPlus(cell.dayArs[d].toArray());
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

    /** Wilcoxon W+: the sum of the average ranks of |AR| over the ARs above zero. */
    static double wPlus(double[] ar) {
        double[] abs = new double[ar.length];
        for (int i = 0; i < ar.length; i++) abs[i] = Math.abs(ar[i]);
        double[] rank = Ranks.average(abs);
        double w = 0;
        for (int i = 0; i < ar.length; i++) if (ar[i] > 0) w += rank[i];
        return w;
    }
}
