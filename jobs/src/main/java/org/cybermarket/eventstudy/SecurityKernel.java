package org.cybermarket.eventstudy;

import org.cybermarket.config.EventStudySettings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The event study of one security, in plain Java on its dense series: for each of its requests (event, day 0), the
 * estimation over the security's own usable days of {@code [day0 + start, day0 + end]}, the exclusion with its
 * reason, and for an included request the expected return, AR, C_it, SAR and CAR to date of every event-window day,
 * every CAR window (CAR, SCAR, BHAR) and, when every test is asked, the facts the rank and dependence tests need
 * from the estimation window. Definitions: docs/methodology.md. Nothing here knows about Spark.
 */
final class SecurityKernel implements Serializable {
    final NormalReturnModel model;
    final int estStart, estEnd, evStart, evEnd, minEstimationDays;
    final String[] windowNames;
    final int[] windowStart, windowEnd;
    final boolean allTests;

    SecurityKernel(EventStudySettings s) {
        this.model = NormalReturnModel.named(s.model());
        this.estStart = s.estimation().get(0);
        this.estEnd = s.estimation().get(1);
        this.evStart = s.event().get(0);
        this.evEnd = s.event().get(1);
        this.minEstimationDays = s.minEstimationDays();
        // Windows in a fixed order (by name), whatever order the config's map gives.
        List<Map.Entry<String, List<Integer>>> w = new ArrayList<>(s.carWindows().entrySet());
        w.sort(Map.Entry.comparingByKey());
        windowNames = w.stream().map(Map.Entry::getKey).toArray(String[]::new);
        windowStart = w.stream().mapToInt(e -> e.getValue().get(0)).toArray();
        windowEnd = w.stream().mapToInt(e -> e.getValue().get(1)).toArray();
        this.allTests = s.allTests();
    }

    int estimationLength() {
        return estEnd - estStart + 1;
    }

    int eventLength() {
        return evEnd - evStart + 1;
    }

    /** The study of request {@code k} of {@code s}. */
    Study study(SecuritySeries s, int k, MarketData.View market) {
        Study st = new Study(s, k);
        int day0 = s.day0s[k];
        int nx = model.regressors();
        double[] x = new double[nx];

        // Estimation: the usable days of the window, then the fit and the ARs' sample sd (denominator L - 1).
        int len = estimationLength();
        double[] y = new double[len];
        double[][] xs = new double[len][];
        int[] days = new int[len];
        int n = 0;
        for (int day = day0 + estStart; day <= day0 + estEnd; day++) {
            if (!s.has(day)) continue;
            st.estimationRows++;
            int date = s.date(day);
            if (!s.usableForEstimation(day) || !model.regressors(market, day, date, x)) continue;
            y[n] = model.dependent(s.r(day), market, day, date);
            xs[n] = x.clone();
            days[n++] = day;
        }
        st.estimationDays = n;
        if (n >= minEstimationDays && n >= 2) {
            st.fit = model.fit(y, xs, n);
            if (st.fit != null) {
                double[] ar = new double[n];
                double sum = 0, sumY = 0;
                for (int i = 0; i < n; i++) {
                    ar[i] = s.r(days[i]) - st.fit.expected(market, days[i], s.date(days[i]));
                    sum += ar[i];
                    sumY += y[i];
                }
                double mean = sum / n, meanY = sumY / n, ssr = 0, sst = 0;
                for (int i = 0; i < n; i++) {
                    ssr += (ar[i] - mean) * (ar[i] - mean);
                    sst += (y[i] - meanY) * (y[i] - meanY);
                }
                st.residualSd = Math.sqrt(ssr / (n - 1));
                st.rSquared = st.fit.regression() && sst != 0 ? 1 - ssr / sst : null;
                if (allTests) {
                    st.estimationAr = new double[len];
                    st.estimationX = new double[len][];
                    Arrays.fill(st.estimationAr, Double.NaN);
                    for (int i = 0; i < n; i++) {
                        st.estimationAr[days[i] - day0 - estStart] = ar[i];
                        st.estimationX[days[i] - day0 - estStart] = xs[i];
                    }
                }
            }
        }

        // Event window: every day the security has a return on.
        int m = eventLength();
        st.eventDays = 0;
        st.offset = new int[m];
        st.date = new int[m];
        st.r = new double[m];
        st.rm = new double[m];
        st.expected = new double[m];
        st.ar = new double[m];
        st.c = new double[m];
        st.sar = new double[m];
        st.carToDate = new double[m];
        st.eventX = new double[m][];
        boolean hasDay0 = false, marketDay0 = false, usableDay0 = false;
        double car = 0;
        for (int o = evStart; o <= evEnd; o++) {
            int day = day0 + o;
            if (!s.has(day)) continue;
            int i = st.eventDays++;
            int date = s.date(day);
            boolean usable = model.regressors(market, day, date, x);
            st.offset[i] = o;
            st.date[i] = date;
            st.r[i] = s.r(day);
            st.rm[i] = market.marketReturn(day);
            if (o == 0) {
                hasDay0 = true;
                marketDay0 = !Double.isNaN(st.rm[i]);
                usableDay0 = usable;
            }
            if (st.fit == null) continue;
            st.expected[i] = st.fit.expected(market, day, date);
            st.c[i] = usable ? st.fit.predictionErrorFactor(x) : Double.NaN;
            st.ar[i] = usable ? st.r[i] - st.expected[i] : Double.NaN;
            if (usable) st.eventX[i] = x.clone();
            double scale = st.residualSd * Math.sqrt(st.c[i]);
            st.sar[i] = usable && scale != 0 ? st.ar[i] / scale : Double.NaN;
            if (usable) car += st.ar[i];
            st.carToDate[i] = car;
        }

        if (st.eventDays + st.estimationRows == 0) st.exclusion = Exclusion.NO_RETURNS_IN_WINDOWS;
        else if (n < minEstimationDays) st.exclusion = Exclusion.TOO_FEW_ESTIMATION_DAYS;
        else if (!hasDay0) st.exclusion = Exclusion.NO_PRICE_AT_DAY0;
        else if (model.needsMarketReturn() && !marketDay0) st.exclusion = Exclusion.NO_MARKET_RETURN;
        else if (!usableDay0) st.exclusion = Exclusion.NO_FACTOR_DATA;
        else if (st.fit == null) st.exclusion = Exclusion.MODEL_NOT_ESTIMABLE;
        return st;
    }

    /** One request's results. Arrays of the event window hold {@link #eventDays} days, in offset order. */
    final class Study {
        final SecuritySeries security;
        final int request;
        long estimationRows, estimationDays;
        NormalReturnModel.Fit fit;
        double residualSd = Double.NaN;
        Double rSquared;
        Exclusion exclusion;
        int eventDays;
        int[] offset, date;
        double[] r, rm, expected, ar, c, sar, carToDate;
        /** AR of each estimation-window offset (NaN: none), when every test is asked. */
        double[] estimationAr;
        /** The model's regressors on each estimation offset with an AR (every test), and on each event day with one. */
        double[][] estimationX, eventX;

        Study(SecuritySeries security, int request) {
            this.security = security;
            this.request = request;
        }

        String eventId() {
            return security.eventIds[request];
        }

        /** The security's role in the event (a {@link Role} label). */
        String role() {
            return security.roles[request];
        }

        boolean included() {
            return exclusion == null;
        }

        /** CAR window {@code w}: days with an AR, first and last date, CAR, SCAR (null without a SAR), BHAR. */
        Window window(int w) {
            Window out = new Window();
            double sumSar = 0, grossR = 1, grossE = 1;
            int nSar = 0;
            for (int i = 0; i < eventDays; i++) {
                if (offset[i] < windowStart[w] || offset[i] > windowEnd[w] || Double.isNaN(ar[i])) continue;
                if (out.days++ == 0) out.firstDate = date[i];
                out.lastDate = date[i];
                out.car += ar[i];
                if (!Double.isNaN(sar[i])) {
                    sumSar += sar[i];
                    nSar++;
                }
                grossR *= 1 + r[i];
                grossE *= 1 + expected[i];
            }
            out.scar = nSar == 0 ? null : sumSar / Math.sqrt(nSar);
            out.bhar = grossR - grossE;
            return out;
        }

        /**
         * The rank and sign scores of every AR of the estimation and event windows, by offset from {@code estStart}
         * (NaN: no AR), with K_it the average rank of the AR among the security's M_i ARs: Corrado's (1989)
         * K_it - (M_i + 1)/2, Campbell and Wasley's (1993) K_it/(M_i + 1) - 1/2, and Corrado and Zivney's (1992)
         * sign(AR_it - the median of the M_i ARs).
         */
        Scores scores() {
            int len = evEnd - estStart + 1;
            Scores out = new Scores(len);
            List<double[]> values = new ArrayList<>(); // {ar, index}
            for (int i = 0; i < estimationAr.length; i++) if (!Double.isNaN(estimationAr[i])) values.add(new double[]{estimationAr[i], i});
            for (int i = 0; i < eventDays; i++) if (!Double.isNaN(ar[i])) values.add(new double[]{ar[i], offset[i] - estStart});
            double[] v = values.stream().mapToDouble(a -> a[0]).toArray();
            double[] ranks = Ranks.average(v);
            int m = v.length;
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            double median = m == 0 ? Double.NaN : m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
            for (int i = 0; i < m; i++) {
                int t = (int) values.get(i)[1];
                out.rankDeviation[t] = ranks[i] - (m + 1) / 2.0;
                out.standardizedRank[t] = ranks[i] / (m + 1) - 0.5;
                out.sign[t] = Math.signum(v[i] - median);
            }
            return out;
        }
    }

    /** One security's rank and sign scores ({@link Study#scores()}), NaN where it has no AR. */
    static final class Scores {
        final double[] rankDeviation, standardizedRank, sign;

        Scores(int length) {
            rankDeviation = new double[length];
            standardizedRank = new double[length];
            sign = new double[length];
            Arrays.fill(rankDeviation, Double.NaN);
            Arrays.fill(standardizedRank, Double.NaN);
            Arrays.fill(sign, Double.NaN);
        }
    }

    /** One security's CAR window. */
    static final class Window {
        long days;
        int firstDate, lastDate;
        double car, bhar;
        Double scar;
    }
}
