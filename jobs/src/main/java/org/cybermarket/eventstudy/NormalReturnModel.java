package org.cybermarket.eventstudy;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A normal-return model (docs/methodology.md): which days it can use, what it regresses on, how it is fitted from an
 * estimation window's days, and, through its {@link Fit}, a day's expected return and prediction-error factor C_it.
 * Adding a model is one class implementing this and one entry in {@link #ALL}.
 */
public interface NormalReturnModel extends Serializable {
    /** Every model, by the name the config uses. */
    List<NormalReturnModel> ALL = List.of(new MeanAdjusted(), new MarketAdjusted(), new MarketModel(),
            FactorModel.famaFrench3(), FactorModel.carhart4());

    /** The model of that name; an unknown name is an error naming the valid ones. */
    static NormalReturnModel named(String name) {
        for (NormalReturnModel m : ALL) if (m.name().equals(name)) return m;
        throw new IllegalArgumentException("event_study.model must be one of " + names() + ", got '" + name + "'");
    }

    static List<String> names() {
        return ALL.stream().map(NormalReturnModel::name).collect(Collectors.toList());
    }

    /** The name in the config and in the outputs' {@code model} column. */
    String name();

    /** True when the model reads the factor table (by the security's region and the day's date). */
    default boolean needsFactors() { return false; }

    /** True when a security without the benchmark's return on day 0 is excluded ({@code NO_MARKET_RETURN}). */
    default boolean needsMarketReturn() { return false; }

    /** True when a fit can fail ({@code MODEL_NOT_ESTIMABLE}): the regression models. */
    default boolean estimated() { return false; }

    /** Number of regressors x the model fits on. */
    int regressors();

    /**
     * k, the parameters the residual sd loses degrees of freedom to: Patell's variance term of a SAR is that of a
     * Student t with nu_i = L_i - k, nu/(nu - 2). A constant and the slopes; the market-adjusted model estimates
     * nothing but takes s_i about the ARs' mean (1).
     */
    default int parameters() { return regressors() + 1; }

    /**
     * The regressors of a day into {@code x} (length {@link #regressors()}) and whether the model can use the day:
     * false when any value the model needs (regressor or risk-free rate) is missing.
     */
    boolean regressors(MarketData.View market, int day, int date, double[] x);

    /** The dependent variable y of a usable day with return r: r itself, or r - RF for the factor models. */
    default double dependent(double r, MarketData.View market, int day, int date) { return r; }

    /**
     * The fit from an estimation window's usable days ({@code y[i]}, {@code x[i]}, {@code n} of them, n >= 2), or null
     * when the regressors are collinear or constant.
     */
    Fit fit(double[] y, double[][] x, int n);

    /** A fitted model: what the outputs show of it, and what it expects of a day. */
    interface Fit extends Serializable {
        /** E[R_it], or NaN when a value it needs is missing that day. */
        double expected(MarketData.View market, int day, int date);

        /**
         * C_it = 1 + x_t'(X'X)^-1 x_t for a day with regressors {@code x} (those of {@link #regressors(MarketData.View,
         * int, int, double[])}), x_t and X with the constant: the variance of the day's prediction error over sigma^2
         * (Campbell, Lo and MacKinlay 1997, 4.4). 1 when nothing is estimated.
         */
        default double predictionErrorFactor(double[] x) { return 1.0; }

        /** Intercept, or null for the models without one. */
        default Double alpha() { return null; }

        /** The i-th slope (0: market or Mkt-RF, 1: SMB, 2: HML, 3: MOM), or null when the model has none. */
        default Double slope(int i) { return null; }

        /** True when r_squared = 1 - SSR / SST means something (the regression models). */
        default boolean regression() { return false; }
    }
}
