package org.cybermarket.eventstudy;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.EventStudySettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;

/**
 * The event-study engine (definitions: docs/methodology.md, after ../shared/METHODOLOGY.md). Every step is a
 * join on unique keys or an aggregation: one (security, event) pair never multiplies into more rows than its
 * trading days in the windows, so a firm in two events is two independent studies.
 */
public final class EventStudy {
    public static final String ALL = "ALL";
    /** Groups above this size get no pairwise correlation (KP's rbar is O(N^2)); KP is then null and says why. */
    public static final int KP_PAIRWISE_LIMIT = 1000;
    /** At most this many (event, security) parameter rows are broadcast to the panel join (about 150 MB). */
    public static final long BROADCAST_PARAMETERS = 1_000_000;

    private EventStudy() {}

    /** The outputs. */
    public record Result(Dataset<Row> securityDays, Dataset<Row> securityWindows, Dataset<Row> groupDays,
                         Dataset<Row> groupWindows, Dataset<Row> exclusions) {}

    /** Factor columns a model needs, besides the security's own return. */
    static List<String> regressors(String model) {
        return switch (model) {
            case "market_model" -> List.of("market_return");
            case "ff3" -> List.of("mkt_rf", "smb", "hml");
            case "carhart4" -> List.of("mkt_rf", "smb", "hml", "mom");
            default -> List.of();
        };
    }

    static boolean factorModel(String model) {
        return model.equals("ff3") || model.equals("carhart4");
    }

    /**
     * @param returns    market, symbol, trade_date, day_index, on_calendar, simple_return
     * @param securities symbol, market, region, industry, kind
     * @param eventDays  event_id, market, day0_index (events with a day 0 on that market)
     * @param benchmarks market, benchmark_symbol
     * @param factors    region, trade_date, mkt_rf, smb, hml, rf, mom (may be empty)
     */
    public static Result run(SparkSession spark, Dataset<Row> returns, Dataset<Row> securities, Dataset<Row> eventDays,
                             Dataset<Row> benchmarks, Dataset<Row> factors, EventStudySettings s) {
        // Each step names its Spark jobs ("event study: estimation") in the UI and the event log; per thread.
        String previous = spark.sparkContext().getLocalProperty("spark.job.description");
        try {
            return study(spark, returns, securities, eventDays, benchmarks, factors, s);
        } finally {
            spark.sparkContext().setJobDescription(previous);
        }
    }

    private static void step(SparkSession spark, String name) {
        spark.sparkContext().setJobDescription("event study: " + name);
    }

    private static Result study(SparkSession spark, Dataset<Row> returns, Dataset<Row> securities, Dataset<Row> eventDays,
                                Dataset<Row> benchmarks, Dataset<Row> factors, EventStudySettings s) {
        String model = s.model();
        step(spark, "members");

        // Small tables, broadcast to every join: securities (one row each), benchmark and factor days.
        // Each member also gets a small integer key, _sid, for the estimation's aggregation and sort (numbers
        // hash and compare several times faster than (market, symbol) strings). Numbered once, kept in memory:
        // sorted into one partition, whose row ids are 0, 1, 2, ... (a window without partitions would do the same
        // and make Spark warn about moving all data to one partition).
        Dataset<Row> members = broadcast(securities.filter(col("kind").notEqual("index"))
                .select("symbol", "market", "region", "industry")
                .orderBy("market", "symbol").coalesce(1)
                .withColumn("_sid", monotonically_increasing_id().cast("int"))
                .localCheckpoint());
        Dataset<Row> candidates = members.join(eventDays.select("event_id", "market", "day0_index"), keys("market"), "inner");
        Dataset<Row> marketReturns = broadcast(returns.join(broadcast(benchmarks), keys("market"), "inner")
                .filter(col("symbol").equalTo(col("benchmark_symbol")).and(col("on_calendar")))
                .select(col("market"), col("day_index"), col("simple_return").as("market_return")));

        // One row per member and trading day with a return, with its regressors and whether the model can use it.
        // Not materialised: a scan and a few broadcast joins cost less to redo than to store millions of rows.
        Dataset<Row> returnDays = returns.filter(col("on_calendar").and(col("simple_return").isNotNull()))
                .select("market", "symbol", "trade_date", "day_index", "simple_return");
        Dataset<Row> daily = withRegressors(returnDays, members, marketReturns, factors, model);

        step(spark, "estimation");
        Dataset<Row> estimated = Estimation.parameters(daily, candidates, eventDays, model, s.estimation().get(0), s.estimation().get(1)).localCheckpoint();
        // Up to BROADCAST_PARAMETERS (event, security) pairs the parameters go to every task (about 150 bytes a pair),
        // so the panel of window days is never shuffled to meet them; above that, a sort-merge join.
        Dataset<Row> params = estimated.count() <= BROADCAST_PARAMETERS ? broadcast(estimated) : estimated;
        // The window's days are picked before the joins that add regressors: 5.5 of 13 million rows at 5,000 x 100.
        step(spark, "event-window panel");
        Dataset<Row> eventPanel = withAbnormalReturns(withRegressors(inWindow(returnDays, eventDays, s.event(), "event"),
                members, marketReturns, factors, model), params, model).localCheckpoint();
        // One aggregation per (event, security) over its event window gives both the exclusion facts and the sums of
        // every CAR window; joined to the candidates and their parameters, it says which pairs are in and why not.
        step(spark, "exclusions and windows per pair");
        Dataset<Row> status = pairStatus(candidates, eventPanel, params, s).localCheckpoint();
        Dataset<Row> exclusions = exclusions(status, s).localCheckpoint();
        Dataset<Row> securityWindows = securityWindows(status, s);
        // Exclusions are at most one row per (event, security): broadcast, so the anti-joins need no shuffle.
        Dataset<Row> excluded = broadcast(exclusions.select("event_id", "symbol"));
        Dataset<Row> includedEvent = eventPanel.join(excluded, keys("event_id", "symbol"), "left_anti");

        WindowSpec toDate = Window.partitionBy("event_id", "symbol").orderBy("event_day_offset")
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        // Hash-partitioned by event before the running CAR: the window needs no shuffle of its own, and its sort
        // (event, symbol, day) is the order the partitioned write needs, so each event is written by one task.
        Dataset<Row> securityDays = includedEvent.repartition(col("event_id"))
                .withColumn("car_to_date", sum(coalesce(col("abnormal_return"), lit(0.0))).over(toDate))
                .select(col("event_id"), col("market"), col("region"), col("industry"), col("symbol"), col("event_day_offset"),
                        col("trade_date"), col("simple_return"), col("market_return"), col("expected_return"), col("abnormal_return"),
                        col("prediction_error_factor"), col("standardized_ar"), col("car_to_date"));
        Dataset<Row> moments;
        Dataset<Row> corrado;
        if (s.allTests()) {
            // Only these statistics need the AR of every estimation day: one row per (event, security, day).
            step(spark, "estimation-day panel (every test)");
            Dataset<Row> included = withAbnormalReturns(withRegressors(inWindow(returnDays, eventDays, s.estimation(), "estimation"),
                            members, marketReturns, factors, model), params, model)
                    .join(excluded, keys("event_id", "symbol"), "left_anti")
                    .unionByName(includedEvent).localCheckpoint();
            step(spark, "estimation-window statistics (every test)");
            moments = GroupTests.estimationMoments(included).localCheckpoint();
            corrado = GroupTests.corrado(included);
        } else {
            moments = GroupTests.noEstimationMoments(spark);
            corrado = GroupTests.noCorrado(spark);
        }
        Dataset<Row> groupDays = GroupTests.days(includedEvent, moments, corrado, model, s.allTests());
        Dataset<Row> groupWindows = GroupTests.windows(securityWindows, moments, s);
        return new Result(securityDays, securityWindows, groupDays, groupWindows, exclusions);
    }

    /**
     * Return days of members only, with the security's region, industry and _sid, the benchmark's return, the
     * factors (factor models only) and {@code usable}: whether the model can use the day.
     */
    static Dataset<Row> withRegressors(Dataset<Row> returnDays, Dataset<Row> members, Dataset<Row> marketReturns,
                                       Dataset<Row> factors, String model) {
        Dataset<Row> days = returnDays.join(members, keys("market", "symbol"), "inner")
                .join(marketReturns, keys("market", "day_index"), "left");
        if (factorModel(model)) days = days.join(broadcast(factors), keys("region", "trade_date"), "left");
        Column usable = col("simple_return").isNotNull();
        for (String r : regressors(model)) usable = usable.and(col(r).isNotNull());
        if (model.equals("market_adjusted")) usable = usable.and(col("market_return").isNotNull());
        if (factorModel(model)) usable = usable.and(col("rf").isNotNull());
        return days.withColumn("usable", usable);
    }

    /** The daily rows inside one window of each event, with the trading-day offset from the market's day 0. */
    static Dataset<Row> inWindow(Dataset<Row> daily, Dataset<Row> eventDays, List<Integer> window, String phase) {
        Dataset<Row> offsets = eventDays.select(col("event_id"), col("market"), col("day0_index"),
                        explode(sequence(lit(window.get(0)), lit(window.get(1)))).as("event_day_offset"))
                .withColumn("day_index", col("day0_index").plus(col("event_day_offset")))
                .withColumn("phase", lit(phase))
                .drop("day0_index");
        return daily.join(broadcast(offsets), keys("market", "day_index"), "inner");
    }

    /**
     * The columns kept for each (event, security, day) of a window: what the outputs, the exclusions and the group
     * statistics read. The panel is held in memory (5.5 million rows at 5,000 x 100), so the parameters, factors and
     * keys only the joins needed are dropped.
     */
    static final List<String> PANEL = List.of("event_id", "market", "region", "industry", "symbol", "phase", "event_day_offset",
            "trade_date", "usable", "simple_return", "market_return", "expected_return", "abnormal_return", "prediction_error_factor",
            "standardized_ar", "residual_sd", "estimation_days");

    /** Expected return, AR, the prediction-error factor C_it and SAR, from each (event, security)'s parameters: {@link #PANEL}. */
    static Dataset<Row> withAbnormalReturns(Dataset<Row> panel, Dataset<Row> params, String model) {
        return panel.join(params, keys("event_id", "symbol"), "inner")
                .withColumn("expected_return", expected(model))
                .withColumn("abnormal_return", when(col("usable"), col("simple_return").minus(col("expected_return"))))
                .withColumn("prediction_error_factor", model.equals("market_model")
                        ? lit(1.0).plus(lit(1.0).divide(col("estimation_days")))
                        .plus(pow(col("market_return").minus(col("mean_market_return")), 2).divide(col("market_sxx")))
                        : lit(1.0))
                .withColumn("standardized_ar", col("abnormal_return").divide(col("residual_sd").multiply(sqrt(col("prediction_error_factor")))))
                .select(PANEL.stream().map(c -> col(c)).toArray(Column[]::new));
    }

    /** FF3 / Carhart slopes per (event, security) from the aggregated covariances (one small row each). */
    static Dataset<Row> solveFactorModel(Dataset<Row> agg, int k) {
        StructType schema = agg.schema().add("alpha", DataTypes.DoubleType).add("beta", DataTypes.DoubleType)
                .add("beta_smb", DataTypes.DoubleType).add("beta_hml", DataTypes.DoubleType).add("beta_mom", DataTypes.DoubleType);
        MapFunction<Row, Row> solve = r -> {
            Object[] cells = new Object[r.size() + 5];
            for (int i = 0; i < r.size(); i++) cells[i] = r.get(i);
            double[][] cxx = new double[k][k];
            double[] cxy = new double[k];
            boolean ok = !r.isNullAt(r.fieldIndex("_mean_y"));
            for (int i = 0; i < k && ok; i++) {
                ok = !r.isNullAt(r.fieldIndex("_cxy_" + i));
                if (ok) cxy[i] = r.getDouble(r.fieldIndex("_cxy_" + i));
                for (int j = i; j < k && ok; j++) {
                    ok = !r.isNullAt(r.fieldIndex("_cxx_" + i + "_" + j));
                    if (ok) cxx[i][j] = cxx[j][i] = r.getDouble(r.fieldIndex("_cxx_" + i + "_" + j));
                }
            }
            double[] b = ok ? Ols.slopes(cxx, cxy) : null;
            if (b != null) {
                double alpha = r.getDouble(r.fieldIndex("_mean_y"));
                for (int i = 0; i < k; i++) alpha -= b[i] * r.getDouble(r.fieldIndex("_mean_" + i));
                cells[r.size()] = alpha;
                for (int i = 0; i < k; i++) cells[r.size() + 1 + i] = b[i];
            }
            return RowFactory.create(cells);
        };
        // A Java map on the aggregated rows only: solving k x k normal equations has no Spark SQL equivalent.
        return agg.map(solve, Encoders.row(schema));
    }

    static Column expected(String model) {
        return switch (model) {
            case "mean_adjusted" -> col("mean_return");
            case "market_adjusted" -> col("market_return");
            case "market_model" -> col("alpha").plus(col("beta").multiply(col("market_return")));
            case "ff3" -> col("rf").plus(col("alpha")).plus(col("beta").multiply(col("mkt_rf")))
                    .plus(col("beta_smb").multiply(col("smb"))).plus(col("beta_hml").multiply(col("hml")));
            case "carhart4" -> col("rf").plus(col("alpha")).plus(col("beta").multiply(col("mkt_rf")))
                    .plus(col("beta_smb").multiply(col("smb"))).plus(col("beta_hml").multiply(col("hml")))
                    .plus(col("beta_mom").multiply(col("mom")));
            default -> throw new IllegalArgumentException(model);
        };
    }

    /**
     * Every candidate (event, security) with its parameters, what its event window holds and {@code reason_code}, the
     * first reason that leaves it out (null when it is in). One aggregation of the event-window panel per pair gives
     * the exclusion facts (rows, day 0) and, for each CAR window, the days, dates and sums the windows need
     * ({@code _w<i>_*}), so neither the exclusions nor the windows read the panel again.
     */
    static Dataset<Row> pairStatus(Dataset<Row> candidates, Dataset<Row> panel, Dataset<Row> params, EventStudySettings s) {
        Column day0 = col("event_day_offset").equalTo(0);
        List<Column> aggs = new ArrayList<>(List.of(max(when(day0, lit(true))).as("_has_day0"), max(when(day0, col("usable"))).as("_usable_day0"),
                max(when(day0, col("market_return").isNotNull())).as("_market_day0")));
        int i = 0;
        for (List<Integer> w : s.carWindows().values()) {
            Column in = col("event_day_offset").between(w.get(0), w.get(1)).and(col("abnormal_return").isNotNull());
            String p = "_w" + i++ + "_";
            aggs.addAll(List.of(count(when(in, lit(1))).as(p + "days"), min(when(in, col("trade_date"))).as(p + "first"),
                    max(when(in, col("trade_date"))).as(p + "last"), sum(when(in, col("abnormal_return"))).as(p + "car"),
                    sum(when(in, col("standardized_ar"))).as(p + "sum_sar"), count(when(in, col("standardized_ar"))).as(p + "n_sar"),
                    sum(when(in, log1p(col("simple_return")))).as(p + "log_r"), sum(when(in, log1p(col("expected_return")))).as(p + "log_e")));
        }
        Dataset<Row> eventRows = panel.groupBy("event_id", "symbol").agg(count(lit(1)).as("_event_rows"), aggs.toArray(Column[]::new));
        Column l = coalesce(col("estimation_days"), lit(0L));
        Column noRows = coalesce(col("_event_rows"), lit(0L)).plus(coalesce(col("estimation_rows"), lit(0L))).equalTo(0);
        boolean needsMarket = s.model().equals("market_model") || s.model().equals("market_adjusted");
        Column reason = when(noRows, lit("NO_RETURNS_IN_WINDOWS"))
                .when(l.lt(s.minEstimationDays()), lit("TOO_FEW_ESTIMATION_DAYS"))
                .when(col("_has_day0").isNull(), lit("NO_PRICE_AT_DAY0"))
                .when(lit(needsMarket).and(not(col("_market_day0"))), lit("NO_MARKET_RETURN"))
                .when(not(col("_usable_day0")), lit("NO_FACTOR_DATA"))
                .when(col("beta").isNull().and(lit(!s.model().endsWith("adjusted"))), lit("MODEL_NOT_ESTIMABLE"));
        return candidates.join(eventRows, keys("event_id", "symbol"), "left")
                .join(params, keys("event_id", "symbol"), "left")
                .withColumn("reason_code", reason);
    }

    /** Every candidate (event, security) left out, with the first reason that applies. */
    static Dataset<Row> exclusions(Dataset<Row> status, EventStudySettings s) {
        Column l = coalesce(col("estimation_days"), lit(0L));
        Column detail = when(col("reason_code").equalTo("NO_RETURNS_IN_WINDOWS"), lit("no return in the estimation or event window"))
                .when(col("reason_code").equalTo("TOO_FEW_ESTIMATION_DAYS"), concat(lit("estimation days "), l.cast("string"),
                        lit(" < minimum " + s.minEstimationDays())))
                .when(col("reason_code").equalTo("NO_PRICE_AT_DAY0"), lit("no return on day 0 (suspended or not yet listed)"))
                .when(col("reason_code").equalTo("NO_MARKET_RETURN"), lit("the benchmark has no return on day 0"))
                .when(col("reason_code").equalTo("NO_FACTOR_DATA"), lit("factor data missing on day 0"))
                .otherwise(lit("regressors are collinear or constant over the estimation window"));
        return status.filter(col("reason_code").isNotNull())
                .select(col("event_id"), col("market"), col("region"), col("industry"), col("symbol"), col("reason_code"),
                        detail.as("detail"), l.as("estimation_days"));
    }

    /**
     * CAR, SCAR and BHAR per included security and named window (only windows with at least one AR), with the
     * model parameters: one row per window out of each pair's sums.
     */
    static Dataset<Row> securityWindows(Dataset<Row> status, EventStudySettings s) {
        List<Column> windows = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Integer>> w : s.carWindows().entrySet()) {
            String p = "_w" + i++ + "_";
            windows.add(struct(lit(w.getKey()).as("car_window"), lit(w.getValue().get(0)).as("window_start"),
                    lit(w.getValue().get(1)).as("window_end"), col(p + "days").as("days"), col(p + "first").as("first_date"),
                    col(p + "last").as("last_date"), col(p + "car").as("car"),
                    col(p + "sum_sar").divide(sqrt(col(p + "n_sar"))).as("scar"),
                    exp(col(p + "log_r")).minus(exp(col(p + "log_e"))).as("bhar")));
        }
        return status.filter(col("reason_code").isNull())
                .withColumn("_w", explode(array(windows.toArray(Column[]::new))))
                .filter(col("_w.days").gt(0))
                .select(col("event_id"), col("market"), col("region"), col("industry"), col("symbol"), col("_w.car_window"),
                        col("_w.window_start"), col("_w.window_end"), col("_w.days"), col("_w.first_date"), col("_w.last_date"),
                        col("_w.car"), col("_w.scar"), col("_w.bhar"), col("estimation_days"), col("alpha"), col("beta"),
                        col("beta_smb"), col("beta_hml"), col("beta_mom"), col("residual_sd"), col("r_squared"));
    }
}
