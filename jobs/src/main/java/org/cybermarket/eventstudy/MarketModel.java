package org.cybermarket.eventstudy;

/**
 * The market model: OLS of R_i on R_m over the estimation window, in two passes (means, then centred sums), so no
 * variance is a difference of large sums. C_it = 1 + 1/L + (R_mt - mean R_m)^2 / Sxx.
 */
final class MarketModel implements NormalReturnModel {
    @Override public String name() { return "market_model"; }

    @Override public boolean needsMarketReturn() { return true; }

    @Override public boolean estimated() { return true; }

    @Override public int regressors() { return 1; }

    @Override
    public boolean regressors(MarketData.View market, int day, int date, double[] x) {
        return market.marketRegressor(day, x);
    }

    @Override
    public Fit fit(double[] y, double[][] x, int n) {
        double sx = 0, sy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i][0];
            sy += y[i];
        }
        double mx = sx / n, my = sy / n, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i][0] - mx;
            sxx += dx * dx;
            sxy += dx * (y[i] - my);
        }
        if (sxx == 0) return null;
        double beta = sxy / sxx;
        return new Line(my - beta * mx, beta, mx, sxx, n);
    }

    private record Line(double intercept, double beta, double meanMarket, double marketSxx, int days) implements Fit {
        @Override
        public double expected(MarketData.View market, int day, int date) {
            return intercept + beta * market.marketReturn(day);
        }

        @Override
        public double predictionErrorFactor(double[] x) {
            double d = x[0] - meanMarket;
            return 1 + 1.0 / days + d * d / marketSxx;
        }

        @Override public Double alpha() { return intercept; }

        @Override public Double slope(int i) { return i == 0 ? beta : null; }

        @Override public boolean regression() { return true; }
    }
}
