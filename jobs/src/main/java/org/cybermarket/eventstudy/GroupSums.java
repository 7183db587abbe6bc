package org.cybermarket.eventstudy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mergeable partial sums of one event's groups: per finest group (the event's securities with the same values of
 * every {@link Groups} dimension), what the group statistics need, added security by security in the kernel's
 * tasks and merged across tasks and then across group levels. Counts, sums and minima merge by adding; each mean and
 * variance keeps its count, sum and sum of squared deviations and merges exactly (Chan, Golub and LeVeque). Only the
 * Wilcoxon ranks and the pairwise rbar need the values themselves (every test only).
 */
public final class GroupSums implements Serializable {
    final String eventId;
    /** Finest group (its dimension values, in {@link Groups} order) -> its sums. */
    final Map<List<String>, Cell> cells = new HashMap<>();
    /** The event's requests left out, as es_exclusions rows (few): carried here so no other pass is needed for them. */
    final List<org.apache.spark.sql.Row> exclusions = new ArrayList<>();

    GroupSums(String eventId) {
        this.eventId = eventId;
    }

    GroupSums merge(GroupSums other) {
        other.cells.forEach((k, c) -> cells.merge(k, c, Cell::merge));
        exclusions.addAll(other.exclusions);
        return this;
    }

    /** A count, a sum and the sum of squared deviations from the mean: merged exactly. */
    static final class Moments implements Serializable {
        long n;
        double sum, m2;

        void add(double v) {
            double before = n == 0 ? 0 : sum / n;
            n++;
            sum += v;
            m2 += (v - before) * (v - sum / n);
        }

        void merge(Moments o) {
            if (o.n == 0) return;
            if (n == 0) {
                n = o.n;
                sum = o.sum;
                m2 = o.m2;
                return;
            }
            double delta = o.sum / o.n - sum / n;
            long total = n + o.n;
            m2 += o.m2 + delta * delta * ((double) n * o.n / total);
            n = total;
            sum += o.sum;
        }

        Double mean() {
            return n == 0 ? null : sum / n;
        }

        /** Sample standard deviation (n - 1); null below two values. */
        Double sd() {
            return n < 2 ? null : Math.sqrt(m2 / (n - 1));
        }
    }

    /**
     * One day or one CAR window of a group: x is the AR (or CAR), z the SAR (or SCAR); {@code n} counts the securities
     * with an x.
     */
    static final class Stat implements Serializable {
        final Moments x = new Moments(), z = new Moments();
        long positive, sumL;
        double sumS2, patellVar, sumBhar;
        long nBhar;
        int firstDate = Integer.MAX_VALUE, lastDate = Integer.MIN_VALUE;

        /** A member's values; Patell's variance term nu/(nu - 2) with nu = L_i - k, k the model's parameters. */
        void add(double xv, double zv, double s, long estimationDays, int parameters, int first, int last, double bhar) {
            x.add(xv);
            if (!Double.isNaN(zv)) z.add(zv);
            if (xv > 0) positive++;
            sumS2 += s * s;
            sumL += estimationDays;
            double nu = estimationDays - parameters;
            patellVar += nu / (nu - 2);
            if (!Double.isNaN(bhar)) {
                sumBhar += bhar;
                nBhar++;
            }
            firstDate = Math.min(firstDate, first);
            lastDate = Math.max(lastDate, last);
        }

        void merge(Stat o) {
            x.merge(o.x);
            z.merge(o.z);
            positive += o.positive;
            sumL += o.sumL;
            sumS2 += o.sumS2;
            patellVar += o.patellVar;
            sumBhar += o.sumBhar;
            nBhar += o.nBhar;
            firstDate = Math.min(firstDate, o.firstDate);
            lastDate = Math.max(lastDate, o.lastDate);
        }
    }

    /** A growable list of doubles. */
    static final class Values implements Serializable {
        double[] v = new double[4];
        int n;

        void add(double d) {
            if (n == v.length) v = Arrays.copyOf(v, 2 * n);
            v[n++] = d;
        }

        void addAll(Values o) {
            for (int i = 0; i < o.n; i++) add(o.v[i]);
        }

        double[] toArray() {
            return Arrays.copyOf(v, n);
        }
    }

    /**
     * The estimation-window facts of a group (every test only), by offset from the estimation start: AAR's parts per
     * day (Brown-Warner 1985), positive and all ARs (generalized sign), per-day sums of the members' standardised ARs
     * and how many days each member has (Kolari-Pynnonen's rbar in one pass), each member's ARs (rbar over common
     * days, when the members' days differ), and the rank and sign scores summed per day (estimation and event):
     * Corrado's rank deviations, Campbell-Wasley's standardized ranks and Corrado-Zivney's signs. For Lamb's portfolio
     * factor: the model's regressors on each estimation and event day (one member's: the same for members that share
     * a market and day 0) and the (market, day 0) pairs of the members.
     */
    static final class Estimation implements Serializable {
        final double[] arSum, zSum, devSum, rankSum, signSum;
        final long[] arN, devN;
        final double[][] x, eventX;
        final java.util.Set<String> anchors = new java.util.TreeSet<>();
        long positive, all, members, degenerate;
        int minDays = Integer.MAX_VALUE, maxDays = Integer.MIN_VALUE;
        final List<String> symbols = new ArrayList<>();
        final List<double[]> ars = new ArrayList<>();

        Estimation(int estimationLength, int rankLength, int eventLength) {
            arSum = new double[estimationLength];
            zSum = new double[estimationLength];
            arN = new long[estimationLength];
            x = new double[estimationLength][];
            eventX = new double[eventLength][];
            devSum = new double[rankLength];
            rankSum = new double[rankLength];
            signSum = new double[rankLength];
            devN = new long[rankLength];
        }

        /** A member's estimation ARs (NaN: none that day) and rank and sign scores. */
        void add(String symbol, double[] ar, SecurityKernel.Scores scores) {
            double[] rankDeviations = scores.rankDeviation;
            // The member's mean and sample sd in two passes, to standardise its ARs.
            int days = 0;
            double sum = 0;
            for (double a : ar) {
                if (Double.isNaN(a)) continue;
                days++;
                sum += a;
                if (a > 0) positive++;
                all++;
            }
            double mean = days == 0 ? 0 : sum / days, ss = 0;
            for (double a : ar) if (!Double.isNaN(a)) ss += (a - mean) * (a - mean);
            double sd = Math.sqrt(ss / (days - 1));
            boolean flat = days < 2 || sd == 0;
            members++;
            if (flat) degenerate++;
            minDays = Math.min(minDays, days);
            maxDays = Math.max(maxDays, days);
            for (int t = 0; t < ar.length; t++) {
                if (Double.isNaN(ar[t])) continue;
                arSum[t] += ar[t];
                arN[t]++;
                if (!flat) zSum[t] += (ar[t] - mean) / sd;
            }
            for (int t = 0; t < rankDeviations.length; t++) {
                if (Double.isNaN(rankDeviations[t])) continue;
                devSum[t] += rankDeviations[t];
                rankSum[t] += scores.standardizedRank[t];
                signSum[t] += scores.sign[t];
                devN[t]++;
            }
            symbols.add(symbol);
            ars.add(ar);
        }

        void merge(Estimation o) {
            for (int t = 0; t < arSum.length; t++) {
                arSum[t] += o.arSum[t];
                zSum[t] += o.zSum[t];
                arN[t] += o.arN[t];
            }
            for (int t = 0; t < devSum.length; t++) {
                devSum[t] += o.devSum[t];
                rankSum[t] += o.rankSum[t];
                signSum[t] += o.signSum[t];
                devN[t] += o.devN[t];
            }
            for (int t = 0; t < x.length; t++) if (x[t] == null) x[t] = o.x[t];
            for (int t = 0; t < eventX.length; t++) if (eventX[t] == null) eventX[t] = o.eventX[t];
            anchors.addAll(o.anchors);
            positive += o.positive;
            all += o.all;
            members += o.members;
            degenerate += o.degenerate;
            minDays = Math.min(minDays, o.minDays);
            maxDays = Math.max(maxDays, o.maxDays);
            symbols.addAll(o.symbols);
            ars.addAll(o.ars);
        }
    }

    /** One finest group: per event-window day, per CAR window, and (every test) its estimation facts and day ARs. */
    static final class Cell implements Serializable {
        final Stat[] days, windows;
        final Values[] dayArs;     // every test: the ARs of each day, for the Wilcoxon ranks
        final Estimation estimation; // every test

        Cell(int eventLength, int windowCount, int estimationLength, int rankLength, boolean allTests) {
            days = new Stat[eventLength];
            windows = new Stat[windowCount];
            for (int i = 0; i < eventLength; i++) days[i] = new Stat();
            for (int i = 0; i < windowCount; i++) windows[i] = new Stat();
            dayArs = allTests ? new Values[eventLength] : null;
            if (allTests) for (int i = 0; i < eventLength; i++) dayArs[i] = new Values();
            estimation = allTests ? new Estimation(estimationLength, rankLength, eventLength) : null;
        }

        Cell merge(Cell o) {
            for (int i = 0; i < days.length; i++) days[i].merge(o.days[i]);
            for (int i = 0; i < windows.length; i++) windows[i].merge(o.windows[i]);
            if (dayArs != null) for (int i = 0; i < dayArs.length; i++) dayArs[i].addAll(o.dayArs[i]);
            if (estimation != null) estimation.merge(o.estimation);
            return this;
        }

        /** A copy to merge level cells into (merge mutates). */
        Cell emptyLike() {
            return new Cell(days.length, windows.length, estimation == null ? 0 : estimation.arSum.length,
                    estimation == null ? 0 : estimation.devSum.length, estimation != null);
        }
    }

    /** Adds an included request's contributions to its finest group's cell. */
    void add(SecurityKernel kernel, SecurityKernel.Study st) {
        Cell cell = cells.computeIfAbsent(Groups.of(st), g -> new Cell(kernel.eventLength(), kernel.windowNames.length,
                kernel.estimationLength(), kernel.evEnd - kernel.estStart + 1, kernel.allTests));
        double s = st.residualSd;
        int k = kernel.model.parameters();
        for (int i = 0; i < st.eventDays; i++) {
            if (Double.isNaN(st.ar[i])) continue;
            int d = st.offset[i] - kernel.evStart;
            cell.days[d].add(st.ar[i], st.sar[i], s, st.estimationDays, k, st.date[i], st.date[i], Double.NaN);
            if (cell.dayArs != null) cell.dayArs[d].add(st.ar[i]);
        }
        for (int w = 0; w < kernel.windowNames.length; w++) {
            SecurityKernel.Window win = st.window(w);
            if (win.days == 0) continue;
            cell.windows[w].add(win.car, win.scar == null ? Double.NaN : win.scar, s, st.estimationDays, k, win.firstDate, win.lastDate, win.bhar);
        }
        if (cell.estimation != null) {
            Estimation e = cell.estimation;
            e.add(st.security.symbol, st.estimationAr, st.scores());
            e.anchors.add(st.security.market + "@" + st.security.day0s[st.request]);
            for (int t = 0; t < e.x.length; t++) if (e.x[t] == null) e.x[t] = st.estimationX[t];
            for (int i = 0; i < st.eventDays; i++) {
                int d = st.offset[i] - kernel.evStart;
                if (e.eventX[d] == null) e.eventX[d] = st.eventX[i];
            }
        }
    }
}
