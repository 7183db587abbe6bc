package org.cybermarket.eventstudy;

/** Mean-adjusted: E[R_it] = the mean of R_i over the estimation window; C_it = 1 + 1/L_i. */
final class MeanAdjusted implements NormalReturnModel {
    @Override public String name() { return "mean_adjusted"; }

    @Override public int regressors() { return 0; }

    @Override
    public boolean regressors(MarketData.View market, int day, int date, double[] x) {
        return true;
    }

    @Override
    public Fit fit(double[] y, double[][] x, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += y[i];
        return new Mean(sum / n, n);
    }

    private record Mean(double mean, int days) implements Fit {
        @Override
        public double expected(MarketData.View market, int day, int date) {
            return mean;
        }

        /** 1 + 1/L: the estimated mean's own error. */
        @Override
        public double predictionErrorFactor(double[] x) {
            return 1 + 1.0 / days;
        }
    }
}
