package org.cybermarket.eventstudy;

/** Market-adjusted: E[R_it] = R_mt, the benchmark's return; nothing is estimated, so C_it = 1. */
final class MarketAdjusted implements NormalReturnModel {
    private static final Fit BENCHMARK = new Benchmark();

    @Override public String name() { return "market_adjusted"; }

    @Override public boolean needsMarketReturn() { return true; }

    @Override public int regressors() { return 1; }

    /** Nothing is estimated, but s_i is the sd about the ARs' mean: one degree of freedom. */
    @Override public int parameters() { return 1; }

    @Override
    public boolean regressors(MarketData.View market, int day, int date, double[] x) {
        return market.marketRegressor(day, x);
    }

    @Override
    public Fit fit(double[] y, double[][] x, int n) {
        return BENCHMARK;
    }

    private record Benchmark() implements Fit {
        @Override
        public double expected(MarketData.View market, int day, int date) {
            return market.marketReturn(day);
        }
    }
}
