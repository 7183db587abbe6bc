package org.cybermarket.eventstudy;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;
import static org.cybermarket.returns.Returns.require;

/**
 * Data-quality flags inside the windows of a study. The China files are unadjusted: a bonus issue or split shows as a
 * one-day jump (quality_warnings JUMP_BEYOND_LIMIT) that, inside an estimation window, inflates s_i and so shrinks the
 * name's Patell and BMP weights. These transforms say which flagged days fall in which studied security's windows
 * (es_estimation_flags) and, when the config asks for it (event_study.exclude_from_estimation), mark those days on the
 * returns so that the kernel leaves them out of the fit.
 */
public final class EstimationFlags {
    /** Optional boolean column on the returns the event study reads: true on a day to leave out of every estimation. */
    public static final String LEFT_OUT = "left_out_of_estimation";

    private EstimationFlags() {}

    /**
     * The returns with {@link #LEFT_OUT} set on the days a warning of one of {@code checks} flags (none when empty).
     *
     * @param returns  market, symbol, trade_date, ...
     * @param warnings quality_warnings: check, market, symbol, trade_date, ...
     */
    public static Dataset<Row> markLeftOut(Dataset<Row> returns, Dataset<Row> warnings, List<String> checks) {
        require(returns, "market", "symbol", "trade_date");
        require(warnings, "check", "market", "symbol", "trade_date");
        Dataset<Row> flagged = warnings.filter(checks.isEmpty() ? lit(false) : col("check").isin(checks.toArray()))
                .select("market", "symbol", "trade_date").distinct().withColumn(LEFT_OUT, lit(true));
        return returns.join(flagged, keys("market", "symbol", "trade_date"), "left")
                .withColumn(LEFT_OUT, coalesce(col(LEFT_OUT), lit(false)));
    }

    /**
     * es_estimation_flags: every warning on a studied security's day inside that study's estimation or event window.
     *
     * @param warnings  quality_warnings
     * @param eventDays event_days (the window dates per event and market)
     * @param studied   event_id, market, symbol of every study (es_security_windows)
     * @param checks    the checks left out of estimation by the config
     */
    public static Dataset<Row> flags(Dataset<Row> warnings, Dataset<Row> eventDays, Dataset<Row> studied, List<String> checks) {
        require(warnings, "check", "market", "symbol", "trade_date", "observed", "threshold", "message");
        require(eventDays, "event_id", "market", "estimation_start_date", "estimation_end_date", "event_start_date", "event_end_date");
        require(studied, "event_id", "market", "symbol");
        Dataset<Row> windows = studied.select("event_id", "market", "symbol").distinct()
                .join(eventDays.select("event_id", "market", "estimation_start_date", "estimation_end_date", "event_start_date", "event_end_date"),
                        keys("event_id", "market"), "inner");
        Column inEstimation = col("trade_date").between(col("estimation_start_date"), col("estimation_end_date"));
        Column inEvent = col("trade_date").between(col("event_start_date"), col("event_end_date"));
        Column leftOut = inEstimation.and(checks.isEmpty() ? lit(false) : col("check").isin(checks.toArray()));
        return warnings.join(windows, keys("market", "symbol"), "inner").where(inEstimation.or(inEvent))
                .select(col("event_id"), col("market"), col("symbol"), col("trade_date"),
                        when(inEstimation, lit("estimation")).otherwise(lit("event")).as("window"),
                        col("check"), col("observed"), col("threshold"), col("message"), leftOut.as("left_out_of_estimation"));
    }
}
