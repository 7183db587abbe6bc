package org.cybermarket.eventstudy;

import java.util.function.Function;

/**
 * A test statistic, written once for every level it applies to: its column, its value from a group's day or CAR
 * window ({@link GroupView}), and the column and distribution of its two-sided p-value. A statistic may be named
 * differently on the windows (the Campbell-Wasley rank test is the CAR rank test there). Listed in
 * {@link GroupColumns#ALL}.
 */
record Statistic(String column, String pColumn, String windowColumn, String windowPColumn, Levels levels,
                 Function<GroupView, Double> value, Distribution distribution) {
    /** A statistic with the same columns on every level. */
    Statistic(String column, String pColumn, Levels levels, Function<GroupView, Double> value, Distribution distribution) {
        this(column, pColumn, column, pColumn, levels, value, distribution);
    }

    String column(boolean day) { return day ? column : windowColumn; }

    String pColumn(boolean day) { return day ? pColumn : windowPColumn; }

    /** Where a statistic or fact is defined: on each event day, over each CAR window, or both. */
    enum Levels {
        DAY, WINDOW, BOTH;

        boolean day() { return this != WINDOW; }

        boolean window() { return this != DAY; }
    }

    /** The reference distribution of a statistic's two-sided p-value, which may read the group (its N, say). */
    interface Distribution {
        Double twoSided(Double statistic, GroupView group);
    }

    /** Standard normal. */
    static final Distribution NORMAL = (z, g) -> finite(z) ? PValues.normalTwoSided(z) : null;

    /** Student t with N - 1 degrees of freedom (N: the group's securities that day or window). */
    static final Distribution STUDENT_N_MINUS_1 = (t, g) -> student(t, (double) g.n() - 1);

    /** Student t with Lbar - 1 degrees of freedom, Lbar the members' mean L_i (Brown-Warner 1980). */
    static final Distribution STUDENT_MEAN_L_MINUS_1 = (t, g) -> student(t, g.meanEstimationDays() == null ? null : g.meanEstimationDays() - 1);

    /** Student t with L_p - 1 degrees of freedom, the df of the estimation AAR series' sd (Brown-Warner 1985, Lamb). */
    static final Distribution STUDENT_LP_MINUS_1 = (t, g) -> student(t, g.aarEstimationDays() == null ? null : g.aarEstimationDays() - 1.0);

    /** The Wilcoxon signed-rank test's own p-value: exact for small n, else normal with continuity correction. */
    static final Distribution SIGNED_RANK = (z, g) -> g.wilcoxon() == null ? null : g.wilcoxon().p();

    private static Double student(Double t, Double df) {
        return finite(t) && df != null && df >= 1 ? PValues.studentTwoSided(t, df) : null;
    }

    private static boolean finite(Double v) {
        return v != null && !v.isNaN() && !v.isInfinite();
    }

    // Arithmetic with SQL's nulls: null in, null out; a division by zero is null.

    static Double div(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    static Double mul(Double a, Double b) {
        return a == null || b == null ? null : a * b;
    }

    static Double sub(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }

    static Double sqrt(Double a) {
        return a == null ? null : Math.sqrt(a);
    }
}
