package org.cybermarket.eventstudy;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plain, loop-by-loop reference for the test statistics and conventions of docs/methodology.md, "Test
 * statistics" (issue 24): the prediction-error factor of every normal-return model with Patell and BMP, Brown-Warner
 * with Student-t p-values, Lamb (day and CAR), the Corrado-Zivney sign test, the Campbell-Wasley modified rank test
 * and its CAR form, and the Wilcoxon signed-rank test with exact p-values. Written independently of the Spark engine
 * and of {@link ReferenceEventStudy}: no shared code, so each can check the other.
 *
 * <p>Days are event-time offsets (one per trading day of the security's market); a missing return, regressor or
 * abnormal return is an absent key, never a zero. Every member shares day 0 (offset 0). Distribution functions come
 * from commons-math; which distribution and how many degrees of freedom each statistic uses is decided here.
 */
final class ReferenceStatistics {
    /** Nonzero abnormal returns below this count get an exact Wilcoxon p-value; from here on the normal approximation. */
    static final int WILCOXON_EXACT_BELOW = 50;

    /**
     * How the normal return is obtained. MARKET_ADJUSTED: E[R] = R_m (x[0]), nothing estimated. MEAN_ADJUSTED: the
     * estimation-window mean. REGRESSION: OLS of r on a constant and every regressor in x (one for the market model,
     * the factors of FF3 and Carhart, with r the excess return).
     */
    enum Model { MARKET_ADJUSTED, MEAN_ADJUSTED, REGRESSION }

    /** One security: its market, its returns r and its regressors x by day (x may be empty for MEAN_ADJUSTED). */
    record Security(String name, String market, Map<Integer, Double> r, Map<Integer, double[]> x) {}

    final Model model;
    final int estStart, estEnd, evStart, evEnd;

    ReferenceStatistics(Model model, int estStart, int estEnd, int evStart, int evEnd) {
        this.model = model;
        this.estStart = estStart;
        this.estEnd = estEnd;
        this.evStart = evStart;
        this.evEnd = evEnd;
    }

    /** One security's fit: L_i, the parameter count k in its residual degrees of freedom, s_i, and AR, C, SAR by day. */
    static final class Fit {
        Security security;
        int l, k;
        double s;
        final TreeMap<Integer, Double> ar = new TreeMap<>();
        final TreeMap<Integer, Double> c = new TreeMap<>();
        final TreeMap<Integer, Double> sar = new TreeMap<>();
    }

    boolean inStudy(int t) {
        return (t >= estStart && t <= estEnd) || (t >= evStart && t <= evEnd);
    }

    boolean usable(Security sec, int t) {
        if (sec.r().get(t) == null) return false;
        if (model == Model.MEAN_ADJUSTED) return true;
        return sec.x().get(t) != null;
    }

    /** The row of the design matrix on day t: a constant, then the regressors (REGRESSION) or nothing (MEAN_ADJUSTED). */
    double[] design(Security sec, int t) {
        if (model == Model.MEAN_ADJUSTED) return new double[]{1};
        double[] x = sec.x().get(t);
        double[] row = new double[x.length + 1];
        row[0] = 1;
        for (int j = 0; j < x.length; j++) row[j + 1] = x[j];
        return row;
    }

    Fit fit(Security sec) {
        Fit f = new Fit();
        f.security = sec;
        List<Integer> est = new ArrayList<>();
        for (int t = estStart; t <= estEnd; t++) if (usable(sec, t)) est.add(t);
        f.l = est.size();
        double[] b = null;
        double[][] inverse = null;
        if (model == Model.MARKET_ADJUSTED) {
            f.k = 1; // nothing is estimated, but s_i is taken about the sample mean: one degree of freedom
        } else {
            int p = design(sec, est.get(0)).length;
            double[][] xtx = new double[p][p];
            double[] xty = new double[p];
            for (int t : est) {
                double[] row = design(sec, t);
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) xtx[i][j] += row[i] * row[j];
                    xty[i] += row[i] * sec.r().get(t);
                }
            }
            inverse = invert(xtx);
            b = new double[p];
            for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) b[i] += inverse[i][j] * xty[j];
            f.k = p;
        }
        for (int t = estStart; t <= evEnd; t++) {
            if (!inStudy(t) || !usable(sec, t)) continue;
            double expected;
            double c;
            if (model == Model.MARKET_ADJUSTED) {
                expected = sec.x().get(t)[0];
                c = 1;
            } else {
                double[] row = design(sec, t);
                expected = 0;
                for (int i = 0; i < row.length; i++) expected += b[i] * row[i];
                c = 1 + quadraticForm(inverse, row);
            }
            f.ar.put(t, sec.r().get(t) - expected);
            f.c.put(t, c);
        }
        List<Double> estAr = new ArrayList<>();
        for (int t : est) estAr.add(f.ar.get(t));
        f.s = sd(estAr);
        for (int t : f.ar.keySet()) f.sar.put(t, f.ar.get(t) / (f.s * Math.sqrt(f.c.get(t))));
        return f;
    }

    /** x' A x. */
    static double quadraticForm(double[][] a, double[] x) {
        double q = 0;
        for (int i = 0; i < x.length; i++) for (int j = 0; j < x.length; j++) q += x[i] * a[i][j] * x[j];
        return q;
    }

    /** The inverse of a small symmetric positive-definite matrix, by Gauss-Jordan elimination. */
    static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) a[i][j] = m[i][j];
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            double pivot = a[col][col];
            for (int j = 0; j < 2 * n; j++) a[col][j] /= pivot;
            for (int row = 0; row < n; row++) {
                if (row == col) continue;
                double factor = a[row][col];
                for (int j = 0; j < 2 * n; j++) a[row][j] -= factor * a[col][j];
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) inv[i][j] = a[i][n + j];
        return inv;
    }

    /** The project's sample rule: a security needs an abnormal return on day 0 and at least minL estimation days. */
    static List<Fit> included(List<Fit> fits, int minL) {
        List<Fit> out = new ArrayList<>();
        for (Fit f : fits) if (f.ar.containsKey(0) && f.l >= minL) out.add(f);
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Small helpers, written out.

    static double mean(List<Double> x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.size();
    }

    /** Sample standard deviation (denominator n - 1); NaN below two values. */
    static double sd(List<Double> x) {
        if (x.size() < 2) return Double.NaN;
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.size() - 1));
    }

    /** Median: the middle value, or the mean of the two middle values for an even count. */
    static double median(List<Double> x) {
        double[] v = new double[x.size()];
        for (int i = 0; i < v.length; i++) v[i] = x.get(i);
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Average ranks (1 = smallest; tied values share the mean of the ranks they span). */
    static double[] averageRanks(double[] v) {
        double[] ranks = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int below = 0, equal = 0;
            for (double w : v) {
                if (w < v[i]) below++;
                if (w == v[i]) equal++;
            }
            ranks[i] = below + (equal + 1) / 2.0;
        }
        return ranks;
    }

    static double normalTwoSided(double z) {
        return 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z));
    }

    static double studentTwoSided(double t, double df) {
        return 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
    }

    static boolean defined(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }

    /** A statistic as a map value: null where it is not defined (the engine writes null there). */
    static Double value(double v) {
        return defined(v) ? v : null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Wilcoxon signed rank.

    /** W+, the number n of nonzero values ranked, the standardized W+ and the two-sided p-value. */
    record Wilcoxon(double wPlus, int n, double z, double p) {}

    /**
     * Zero values are dropped before ranking (Wilcoxon 1945; R's wilcox.test and estudy2); |values| get average
     * ranks; W+ = sum of the ranks of the positive values. z = (W+ - n(n+1)/4) / sigma with the tie-corrected
     * variance sigma^2 = n(n+1)(2n+1)/24 - sum over tie groups of (t^3 - t)/48. p: exact (the distribution of W+
     * over the 2^n equally likely sign patterns of these ranks, ties included) for n below
     * {@link #WILCOXON_EXACT_BELOW}, else normal with a continuity correction of 1/2.
     */
    static Wilcoxon wilcoxon(List<Double> values) {
        List<Double> nonzero = new ArrayList<>();
        for (double v : values) if (v != 0) nonzero.add(v);
        int n = nonzero.size();
        if (n == 0) return new Wilcoxon(Double.NaN, 0, Double.NaN, Double.NaN);
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) abs[i] = Math.abs(nonzero.get(i));
        double[] ranks = averageRanks(abs);
        double wPlus = 0;
        for (int i = 0; i < n; i++) if (nonzero.get(i) > 0) wPlus += ranks[i];
        double sigma = Math.sqrt(wilcoxonVariance(abs));
        double z = (wPlus - n * (n + 1) / 4.0) / sigma;
        double p = n < WILCOXON_EXACT_BELOW ? wilcoxonExactTwoSided(ranks, wPlus) : wilcoxonNormalTwoSided(wPlus, n, sigma);
        return new Wilcoxon(wPlus, n, z, p);
    }

    /** n(n+1)(2n+1)/24 minus (t^3 - t)/48 for each group of t equal absolute values. */
    static double wilcoxonVariance(double[] abs) {
        int n = abs.length;
        double v = n * (n + 1.0) * (2 * n + 1) / 24;
        Set<Double> seen = new HashSet<>();
        for (double a : abs) {
            if (!seen.add(a)) continue;
            int t = 0;
            for (double b : abs) if (b == a) t++;
            v -= (t * t * t - t) / 48.0;
        }
        return v;
    }

    /** 2 min(P(W <= w), P(W >= w)), capped at 1, with W+'s exact null distribution given these (average) ranks. */
    static double wilcoxonExactTwoSided(double[] ranks, double wPlus) {
        // Average ranks are multiples of 1/2: count sign patterns by twice the rank sum, an integer.
        int total = 0;
        int[] twice = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            twice[i] = (int) Math.round(2 * ranks[i]);
            total += twice[i];
        }
        double[] ways = new double[total + 1]; // ways[s]: sign patterns whose positive ranks sum to s / 2
        ways[0] = 1;
        for (int r : twice) for (int s = total; s >= r; s--) ways[s] += ways[s - r];
        int w = (int) Math.round(2 * wPlus);
        double patterns = Math.pow(2, ranks.length), below = 0, above = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= w) below += ways[s];
            if (s >= w) above += ways[s];
        }
        return Math.min(1, 2 * Math.min(below, above) / patterns);
    }

    /** The normal approximation with continuity correction, as R's wilcox.test: z = (d - sign(d)/2) / sigma. */
    static double wilcoxonNormalTwoSided(double wPlus, int n, double sigma) {
        double d = wPlus - n * (n + 1) / 4.0;
        return normalTwoSided((d - Math.signum(d) * 0.5) / sigma);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Group statistics.

    /** The statistics of one group of included securities (one event, one day 0). */
    final class Group {
        final List<Fit> fits;

        Group(List<Fit> fits) {
            this.fits = fits;
        }

        List<Integer> studyDays() {
            List<Integer> out = new ArrayList<>();
            for (int t = estStart; t <= evEnd; t++) if (inStudy(t)) out.add(t);
            return out;
        }

        List<Fit> on(int t) {
            List<Fit> out = new ArrayList<>();
            for (Fit f : fits) if (f.ar.containsKey(t)) out.add(f);
            return out;
        }

        double aar(int t) {
            List<Double> x = new ArrayList<>();
            for (Fit f : on(t)) x.add(f.ar.get(t));
            return mean(x);
        }

        /** P: the estimation days on which at least one member has an AR (the AAR series of Brown-Warner 1985 and Lamb). */
        List<Integer> aarEstimationDays() {
            List<Integer> out = new ArrayList<>();
            for (int t = estStart; t <= estEnd; t++) if (!on(t).isEmpty()) out.add(t);
            return out;
        }

        double sdAarEstimation() {
            List<Double> x = new ArrayList<>();
            for (int t : aarEstimationDays()) x.add(aar(t));
            return sd(x);
        }

        /** Lamb's portfolio prediction-error factor C_pt: the model's factor for the AAR series over the days P. */
        double portfolioFactor(int t) {
            if (model == Model.MARKET_ADJUSTED) return 1;
            List<Integer> p = aarEstimationDays();
            Security any = on(t).get(0).security;
            int k = design(any, t).length;
            double[][] xtx = new double[k][k];
            for (int tau : p) {
                double[] row = design(on(tau).get(0).security, tau);
                for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) xtx[i][j] += row[i] * row[j];
            }
            return 1 + quadraticForm(invert(xtx), design(any, t));
        }

        /** Lamb's statistic on day t; NaN where the members are on more than one market. */
        double lamb(int t) {
            Set<String> markets = new HashSet<>();
            for (Fit f : fits) markets.add(f.security.market());
            if (markets.size() != 1) return Double.NaN;
            return aar(t) / (sdAarEstimation() * Math.sqrt(portfolioFactor(t)));
        }

        /** Corrado-Zivney: sign(AR_it - median of the security's ARs over the estimation and event windows). */
        Map<Integer, Double> czSigns(Fit f) {
            double m = median(new ArrayList<>(f.ar.values()));
            Map<Integer, Double> out = new HashMap<>();
            for (Map.Entry<Integer, Double> e : f.ar.entrySet()) out.put(e.getKey(), Math.signum(e.getValue() - m));
            return out;
        }

        /** Campbell-Wasley: U_it - 1/2 with U_it = K_it / (M_i + 1), K_it the average rank among the security's M_i ARs. */
        Map<Integer, Double> uMinusHalf(Fit f) {
            List<Integer> days = new ArrayList<>(f.ar.keySet());
            double[] v = new double[days.size()];
            for (int i = 0; i < v.length; i++) v[i] = f.ar.get(days.get(i));
            double[] k = averageRanks(v);
            Map<Integer, Double> out = new HashMap<>();
            for (int i = 0; i < v.length; i++) out.put(days.get(i), k[i] / (v.length + 1) - 0.5);
            return out;
        }

        /** (1 / sqrt(N_t)) sum_i of a per-security score on day t: the daily term of the sign and rank tests. */
        double scaledSum(List<Map<Integer, Double>> scores, int t) {
            double s = 0;
            int n = 0;
            for (Map<Integer, Double> m : scores) {
                if (!m.containsKey(t)) continue;
                s += m.get(t);
                n++;
            }
            return s / Math.sqrt(n);
        }

        /** sqrt of the mean over the study days with an AR of the squared daily term. */
        double timeSeriesScale(List<Map<Integer, Double>> scores) {
            double s = 0;
            int days = 0;
            for (int t : studyDays()) {
                if (on(t).isEmpty()) continue;
                s += Math.pow(scaledSum(scores, t), 2);
                days++;
            }
            return Math.sqrt(s / days);
        }

        List<Map<Integer, Double>> czScores() {
            List<Map<Integer, Double>> out = new ArrayList<>();
            for (Fit f : fits) out.add(czSigns(f));
            return out;
        }

        List<Map<Integer, Double>> rankScores() {
            List<Map<Integer, Double>> out = new ArrayList<>();
            for (Fit f : fits) out.add(uMinusHalf(f));
            return out;
        }

        /** Statistics of day t (an event-window day): name -> value, null where not defined. */
        Map<String, Double> day(int t) {
            List<Fit> on = on(t);
            Map<String, Double> out = new HashMap<>();
            int n = on.size();
            out.put("n_securities", (double) n);
            if (n == 0) return out;
            double aar = aar(t);
            out.put("aar", aar);

            double sumS2 = 0, sumL = 0, patellVar = 0, sumSar = 0;
            List<Double> sar = new ArrayList<>(), ar = new ArrayList<>();
            for (Fit f : on) {
                sumS2 += f.s * f.s;
                sumL += f.l;
                double nu = f.l - f.k;
                patellVar += nu / (nu - 2);
                sumSar += f.sar.get(t);
                sar.add(f.sar.get(t));
                ar.add(f.ar.get(t));
            }
            double meanL = sumL / n;
            double bw1980 = aar / (Math.sqrt(sumS2) / n);
            out.put("bw1980", bw1980);
            out.put("mean_estimation_days", meanL);
            out.put("p_bw1980", value(studentTwoSided(bw1980, meanL - 1)));

            int lp = aarEstimationDays().size();
            double bw1985 = aar / sdAarEstimation();
            out.put("days_aar_estimation", (double) lp);
            out.put("bw1985", value(bw1985));
            out.put("p_bw1985", defined(bw1985) ? studentTwoSided(bw1985, lp - 1) : null);

            double lamb = lamb(t);
            out.put("lamb", value(lamb));
            out.put("p_lamb", defined(lamb) ? studentTwoSided(lamb, lp - 1) : null);

            double patell = sumSar / Math.sqrt(patellVar);
            out.put("patell", patell);
            out.put("p_patell", normalTwoSided(patell));
            double bmp = mean(sar) / (sd(sar) / Math.sqrt(n));
            out.put("bmp", value(bmp));
            out.put("p_bmp", defined(bmp) ? studentTwoSided(bmp, n - 1) : null);

            double cz = scaledSum(czScores(), t) / timeSeriesScale(czScores());
            out.put("cz_sign", value(cz));
            out.put("p_cz_sign", defined(cz) ? normalTwoSided(cz) : null);

            double rank = scaledSum(rankScores(), t) / timeSeriesScale(rankScores());
            out.put("modified_rank", value(rank));
            out.put("p_modified_rank", defined(rank) ? normalTwoSided(rank) : null);

            Wilcoxon w = wilcoxon(ar);
            out.put("wilcoxon_n", (double) w.n());
            out.put("wilcoxon_w_plus", value(w.wPlus()));
            out.put("wilcoxon_z", value(w.z()));
            out.put("p_wilcoxon", value(w.p()));
            return out;
        }

        /** Statistics of the CAR window [a, b] (inside the event window): name -> value, null where not defined. */
        Map<String, Double> window(int a, int b) {
            Map<String, Double> out = new HashMap<>();
            List<Double> car = new ArrayList<>();
            for (Fit f : fits) {
                double sum = 0;
                boolean any = false;
                for (int t = a; t <= b; t++) {
                    if (!f.ar.containsKey(t)) continue;
                    sum += f.ar.get(t);
                    any = true;
                }
                if (any) car.add(sum);
            }
            int days = 0;
            double sumLamb = 0, sumRank = 0;
            for (int t = a; t <= b; t++) {
                if (on(t).isEmpty()) continue;
                days++;
                sumLamb += lamb(t);
                sumRank += scaledSum(rankScores(), t);
            }
            out.put("n_securities", (double) car.size());
            out.put("days", (double) days);
            if (car.isEmpty()) return out;
            double caar = mean(car);
            out.put("caar", caar);
            int lp = aarEstimationDays().size();
            double bw1985 = caar / (sdAarEstimation() * Math.sqrt(days));
            out.put("bw1985", value(bw1985));
            out.put("p_bw1985", defined(bw1985) ? studentTwoSided(bw1985, lp - 1) : null);
            double lamb = sumLamb / Math.sqrt(days);
            out.put("lamb", value(lamb));
            out.put("p_lamb", defined(lamb) ? studentTwoSided(lamb, lp - 1) : null);
            double carRank = sumRank / (Math.sqrt(days) * timeSeriesScale(rankScores()));
            out.put("car_rank", value(carRank));
            out.put("p_car_rank", defined(carRank) ? normalTwoSided(carRank) : null);
            return out;
        }
    }

    Group group(List<Fit> fits) {
        return new Group(fits);
    }

    List<Fit> fitAll(List<Security> securities) {
        List<Fit> out = new ArrayList<>();
        for (Security s : securities) out.add(fit(s));
        return out;
    }

    /** Returns in units of u by day offset: {day, value, day, value, ...}; a convenience for hand-worked cases. */
    static Map<Integer, Double> series(double unit, double... dayValue) {
        Map<Integer, Double> out = new TreeMap<>();
        for (int i = 0; i < dayValue.length; i += 2) out.put((int) dayValue[i], dayValue[i + 1] * unit);
        return out;
    }
}
