package org.cybermarket.forecast;

/**
 * Compound growth, per the methodology: {@code CAGR = (V1 / V0)^(1 / (y1 - y0)) - 1}; a projection for year y is
 * {@code V0 (1 + CAGR)^(y - y0)}; doubling time {@code ln 2 / ln(1 + CAGR)}. Years are integers.
 */
public final class Growth {
    private Growth() {}

    public static double cagr(double v0, int y0, double v1, int y1) {
        requireYears(y0, y1);
        if (!(v0 > 0) || !(v1 > 0)) throw new IllegalArgumentException("CAGR needs positive values, got " + v0 + " and " + v1);
        return Math.pow(v1 / v0, 1.0 / (y1 - y0)) - 1;
    }

    /** The value in year y from the value in year y0 and a CAGR (y may be before y0: that is the implied base). */
    public static double project(double v0, int y0, double cagr, int y) {
        requireRate(cagr);
        return v0 * Math.pow(1 + cagr, y - y0);
    }

    public static double doublingYears(double cagr) {
        requireRate(cagr);
        if (cagr <= 0) return Double.NaN;
        return Math.log(2) / Math.log(1 + cagr);
    }

    /** How many times larger A grows relative to B over n years: ((1 + a) / (1 + b))^n. */
    public static double relativeGrowth(double cagrA, double cagrB, int years) {
        requireRate(cagrA);
        requireRate(cagrB);
        return Math.pow((1 + cagrA) / (1 + cagrB), years);
    }

    static void requireRate(double cagr) {
        if (!(cagr > -1)) throw new IllegalArgumentException("a growth rate must be above -100%, got " + cagr);
    }

    static void requireYears(int y0, int y1) {
        if (y1 <= y0) throw new IllegalArgumentException("end year " + y1 + " must be after start year " + y0);
    }
}
