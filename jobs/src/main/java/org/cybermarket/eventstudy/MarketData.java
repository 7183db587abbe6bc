package org.cybermarket.eventstudy;

import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the kernel reads besides a security's own returns, small enough to send to every task (a few thousand days
 * per market): each market's benchmark return by day index, and each region's factors by date. Missing values are
 * NaN.
 */
final class MarketData implements Serializable {
    /** The factor columns, in the factor table's names. */
    enum Factor {
        MKT_RF("mkt_rf"), SMB("smb"), HML("hml"), RF("rf"), MOM("mom");

        final String column;

        Factor(String column) {
            this.column = column;
        }
    }

    private static final double[] NONE = new double[0];

    private final Map<String, double[]> marketReturns;  // market -> return by day_index
    private final Map<String, Factors> factors;         // region -> factors by date

    private MarketData(Map<String, double[]> marketReturns, Map<String, Factors> factors) {
        this.marketReturns = marketReturns;
        this.factors = factors;
    }

    /** Values by date (days since 1970-01-01) from {@code first} on, one array per {@link Factor}. */
    private record Factors(int first, double[][] values) implements Serializable {
        double get(Factor f, int date) {
            int i = date - first;
            double[] v = values[f.ordinal()];
            return i >= 0 && i < v.length ? v[i] : Double.NaN;
        }
    }

    /**
     * @param benchmarkDays rows of market, day_index, simple_return (null: no return that day)
     * @param factorDays    rows of region, date as days since 1970-01-01, then one value per {@link Factor} in order
     */
    static MarketData of(List<Row> benchmarkDays, List<Row> factorDays) {
        Map<String, Integer> lastDay = new HashMap<>();
        for (Row r : benchmarkDays) lastDay.merge(r.getString(0), r.getInt(1), Math::max);
        Map<String, double[]> returns = new HashMap<>();
        lastDay.forEach((m, last) -> {
            double[] a = new double[last + 1];
            Arrays.fill(a, Double.NaN);
            returns.put(m, a);
        });
        for (Row r : benchmarkDays) if (!r.isNullAt(2)) returns.get(r.getString(0))[r.getInt(1)] = r.getDouble(2);

        Map<String, int[]> range = new HashMap<>();
        for (Row r : factorDays) {
            range.merge(r.getString(0), new int[]{r.getInt(1), r.getInt(1)},
                    (a, b) -> new int[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        Map<String, Factors> factors = new HashMap<>();
        range.forEach((region, span) -> {
            double[][] v = new double[Factor.values().length][span[1] - span[0] + 1];
            for (double[] col : v) Arrays.fill(col, Double.NaN);
            factors.put(region, new Factors(span[0], v));
        });
        for (Row r : factorDays) {
            Factors f = factors.get(r.getString(0));
            for (Factor k : Factor.values()) {
                if (!r.isNullAt(2 + k.ordinal())) f.values()[k.ordinal()][r.getInt(1) - f.first()] = r.getDouble(2 + k.ordinal());
            }
        }
        return new MarketData(returns, factors);
    }

    /** The view of one security: its market's benchmark and its region's factors. */
    View view(String market, String region) {
        return new View(marketReturns.getOrDefault(market, NONE), factors.get(region));
    }

    /** A security's market and region. */
    static final class View {
        private final double[] marketReturn;
        private final Factors factors;

        private View(double[] marketReturn, Factors factors) {
            this.marketReturn = marketReturn;
            this.factors = factors;
        }

        /** R_mt on day index {@code day}, NaN when the benchmark has none. */
        double marketReturn(int day) {
            return day >= 0 && day < marketReturn.length ? marketReturn[day] : Double.NaN;
        }

        /** R_mt as the only regressor; false when the benchmark has no return that day. */
        boolean marketRegressor(int day, double[] x) {
            x[0] = marketReturn(day);
            return !Double.isNaN(x[0]);
        }

        /** A factor on a date (days since 1970-01-01), NaN when missing. */
        double factor(Factor f, int date) {
            return factors == null ? Double.NaN : factors.get(f, date);
        }
    }
}
