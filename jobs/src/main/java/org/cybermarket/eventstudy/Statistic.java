package org.cybermarket.eventstudy;

import java.util.function.Function;

/**
 * A test statistic, written once for every level it applies to: its column, its value from a group's day or CAR
 * window ({@link GroupView}), and the column and distribution of its two-sided p-value. Listed in
 * {@link GroupColumns#ALL}.
 */
record Statistic(String column, String pColumn, Levels levels, Function<GroupView, Double> value, Distribution distribution) {
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
    static final Distribution STUDENT_N_MINUS_1 = (t, g) -> finite(t) && g.n() >= 2 ? PValues.studentTwoSided(t, g.n() - 1) : null;

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
