package org.cybermarket.eventstudy;

import java.util.Arrays;

/**
 * The Wilcoxon (1945) signed-rank test of one day's ARs: zeros dropped before ranking (as R's wilcox.test and
 * estudy2), |AR| given average ranks, W+ the sum of the ranks of the positive ARs, z = (W+ - n(n+1)/4) / sigma with
 * the tie-corrected sigma^2 = n(n+1)(2n+1)/24 - sum over tied groups of (t^3 - t)/48. The two-sided p-value is exact
 * below {@link #EXACT_BELOW} nonzero ARs (the distribution of W+ over the 2^n equally likely sign patterns of the
 * observed ranks, so exact with ties too, as exactRankTests' wilcox.exact), else normal with a continuity correction
 * of 1/2 (R's wilcox.test). n = 0: every value null.
 */
record SignedRank(long n, Double wPlus, Double z, Double p) {
    /** Nonzero ARs below this count get the exact p-value: its table has at most n(n+1) + 1 entries. */
    static final int EXACT_BELOW = 50;

    static SignedRank of(double[] ar) {
        double[] nonzero = Arrays.stream(ar).filter(v -> v != 0).toArray();
        int n = nonzero.length;
        if (n == 0) return new SignedRank(0, null, null, null);
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) abs[i] = Math.abs(nonzero[i]);
        double[] rank = Ranks.average(abs);
        double wPlus = 0;
        for (int i = 0; i < n; i++) if (nonzero[i] > 0) wPlus += rank[i];
        double sigma = Math.sqrt(n * (n + 1.0) * (2 * n + 1) / 24 - ties(abs) / 48);
        double d = wPlus - n * (n + 1) / 4.0;
        double p = n < EXACT_BELOW ? exactTwoSided(rank, wPlus) : PValues.normalTwoSided((d - Math.signum(d) * 0.5) / sigma);
        return new SignedRank(n, wPlus, d / sigma, p);
    }

    /** Sum over the groups of t equal values of t^3 - t. */
    private static double ties(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) j++;
            double t = j - i + 1;
            sum += t * t * t - t;
            i = j + 1;
        }
        return sum;
    }

    /** 2 min(P(W+ <= w), P(W+ >= w)), at most 1. Average ranks are multiples of 1/2, so twice the rank sum is an integer. */
    private static double exactTwoSided(double[] rank, double wPlus) {
        int total = 0;
        int[] twice = new int[rank.length];
        for (int i = 0; i < rank.length; i++) {
            twice[i] = (int) Math.round(2 * rank[i]);
            total += twice[i];
        }
        double[] ways = new double[total + 1]; // ways[s]: sign patterns whose positive ranks sum to s/2
        ways[0] = 1;
        for (int r : twice) for (int s = total; s >= r; s--) ways[s] += ways[s - r];
        int w = (int) Math.round(2 * wPlus);
        double below = 0, above = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= w) below += ways[s];
            if (s >= w) above += ways[s];
        }
        return Math.min(1, 2 * Math.min(below, above) / Math.pow(2, rank.length));
    }
}
