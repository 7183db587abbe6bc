package org.cybermarket.eventstudy;

import java.util.List;

/**
 * A factor model: OLS of R_i - RF on the factors (Fama-French 3; Carhart adds MOM), slopes solved from the centred
 * cross-products (two passes) by {@link Ols}; E[R_it] = RF + alpha + b'F; C_it = 1 + 1/L + d'S^-1 d. The factors are read by the security's
 * region and the day's date.
 */
final class FactorModel implements NormalReturnModel {
    private final String name;
    private final List<MarketData.Factor> factors;

    private FactorModel(String name, List<MarketData.Factor> factors) {
        this.name = name;
        this.factors = List.copyOf(factors);
    }

    static FactorModel famaFrench3() {
        return new FactorModel("ff3", List.of(MarketData.Factor.MKT_RF, MarketData.Factor.SMB, MarketData.Factor.HML));
    }

    static FactorModel carhart4() {
        return new FactorModel("carhart4", List.of(MarketData.Factor.MKT_RF, MarketData.Factor.SMB, MarketData.Factor.HML, MarketData.Factor.MOM));
    }

    @Override public String name() { return name; }

    @Override public boolean needsFactors() { return true; }

    @Override public boolean estimated() { return true; }

    @Override public int regressors() { return factors.size(); }

    @Override
    public boolean regressors(MarketData.View market, int day, int date, double[] x) {
        boolean ok = !Double.isNaN(market.factor(MarketData.Factor.RF, date));
        for (int k = 0; k < x.length; k++) {
            x[k] = market.factor(factors.get(k), date);
            ok &= !Double.isNaN(x[k]);
        }
        return ok;
    }

    @Override
    public double dependent(double r, MarketData.View market, int day, int date) {
        return r - market.factor(MarketData.Factor.RF, date);
    }

    @Override
    public Fit fit(double[] y, double[][] x, int n) {
        int k = factors.size();
        double[] mx = new double[k];
        double my = 0;
        for (int i = 0; i < n; i++) {
            my += y[i];
            for (int a = 0; a < k; a++) mx[a] += x[i][a];
        }
        my /= n;
        for (int a = 0; a < k; a++) mx[a] /= n;
        double[][] cxx = new double[k][k];
        double[] cxy = new double[k];
        for (int i = 0; i < n; i++) {
            double dy = y[i] - my;
            for (int a = 0; a < k; a++) {
                double da = x[i][a] - mx[a];
                cxy[a] += da * dy;
                for (int b = a; b < k; b++) cxx[a][b] += da * (x[i][b] - mx[b]);
            }
        }
        for (int a = 0; a < k; a++) for (int b = 0; b < a; b++) cxx[a][b] = cxx[b][a];
        double[] slopes = Ols.slopes(cxx, cxy);
        if (slopes == null) return null;
        double alpha = my;
        for (int a = 0; a < k; a++) alpha -= slopes[a] * mx[a];
        return new Loadings(factors, alpha, slopes, mx, cxx, n);
    }

    /** The fit, with the factors' estimation means and centred cross-products S for C_it. */
    private record Loadings(List<MarketData.Factor> factors, double intercept, double[] slopes, double[] means,
                            double[][] crossProducts, int days) implements Fit {
        @Override
        public double expected(MarketData.View market, int day, int date) {
            double e = market.factor(MarketData.Factor.RF, date) + intercept;
            for (int k = 0; k < slopes.length; k++) e += slopes[k] * market.factor(factors.get(k), date);
            return e;
        }

        /** 1 + 1/L + d'S^-1 d, d the day's factors minus their estimation means (the partitioned inverse of X'X). */
        @Override
        public double predictionErrorFactor(double[] x) {
            double[] d = new double[x.length];
            for (int k = 0; k < x.length; k++) d[k] = x[k] - means[k];
            double[] solved = Ols.slopes(crossProducts, d);
            double q = 0;
            for (int k = 0; k < x.length; k++) q += d[k] * solved[k];
            return 1 + 1.0 / days + q;
        }

        @Override public Double alpha() { return intercept; }

        @Override public Double slope(int i) { return i < slopes.length ? slopes[i] : null; }

        @Override public boolean regression() { return true; }
    }
}
