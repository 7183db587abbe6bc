package org.cybermarket.eventstudy;

/** Why a requested (event, security) is left out of the study: the first reason that applies, in this order. */
enum Exclusion {
    NO_RETURNS_IN_WINDOWS, TOO_FEW_ESTIMATION_DAYS, NO_PRICE_AT_DAY0, NO_MARKET_RETURN, NO_FACTOR_DATA, MODEL_NOT_ESTIMABLE;

    /** What exactly is missing, for {@code es_exclusions.detail}. */
    String detail(long estimationDays, int minEstimationDays) {
        return switch (this) {
            case NO_RETURNS_IN_WINDOWS -> "no return in the estimation or event window";
            case TOO_FEW_ESTIMATION_DAYS -> "estimation days " + estimationDays + " < minimum " + minEstimationDays;
            case NO_PRICE_AT_DAY0 -> "no return on day 0 (suspended or not yet listed)";
            case NO_MARKET_RETURN -> "the benchmark has no return on day 0";
            case NO_FACTOR_DATA -> "factor data missing on day 0";
            case MODEL_NOT_ESTIMABLE -> "regressors are collinear or constant over the estimation window";
        };
    }
}
