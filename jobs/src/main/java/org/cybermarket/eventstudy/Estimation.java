package org.cybermarket.eventstudy;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;

/**
 * Normal-return model parameters per (event, security) at constant cost per pair, however many events there are.
 * Each security's days are first summed per segment ({@link Segments}: the days between two consecutive window
 * boundaries of any event), a hash aggregation with no sort of the daily rows. The segment rows are then read in
 * order, keeping running sums of every moment the model needs (n, sum y, sum y^2, sum x_k, sum x_k y,
 * sum x_j x_k over usable days). Two marker rows per (event, security) sit in that order just after the segment
 * of day {@code day0 + start - 1} and the segment of day {@code day0 + end}; the running sums at the second minus
 * those at the first are the sums over the estimation window, from which the OLS parameters and the residual
 * variance follow in closed form. Missing days need no care: a marker simply sees the sums of the segments before
 * it. No (event, security, estimation day) row is ever built, and the sorted rows are at most 2E + 1 per security
 * for E events instead of one per day.
 *
 * <p>Accuracy: the window sums are differences of running sums over the security's history. For daily
 * returns (|r| well below 1, a few thousand days) the rounding error is near 1e-15 in the sums; the engine is
 * checked against a direct, row-by-row reference to 1e-10 (EventStudyTest, FactorModelTest).
 */
final class Estimation {
    private Estimation() {}

    /**
     * @param daily      market, _sid (an integer per security), day_index, usable, simple_return and the model's regressors (plus rf for factor models)
     * @param candidates event_id, market, symbol, _sid, day0_index: every (event, security) to estimate
     * @param eventDays  event_id, market, day0_index: the events' day 0 per market (small)
     * @return event_id, symbol, estimation_days (L_i), estimation_rows (days with any return in the window),
     *         mean_return, mean_market_return, market_sxx, alpha, beta, beta_smb, beta_hml, beta_mom, residual_sd (s_i),
     *         r_squared
     */
    static Dataset<Row> parameters(Dataset<Row> daily, Dataset<Row> candidates, Dataset<Row> eventDays, String model, int start, int end) {
        boolean factor = EventStudy.factorModel(model);
        boolean market = model.equals("market_model") || model.equals("market_adjusted");
        List<String> x = factor ? EventStudy.regressors(model) : market ? List.of("market_return") : List.of();
        Column y = factor ? col("simple_return").minus(col("rf")) : col("simple_return");

        Map<String, Column> moments = new LinkedHashMap<>();
        moments.put("rows", lit(1L));
        moments.put("n", when(col("usable"), lit(1L)));
        moments.put("sy", when(col("usable"), y));
        moments.put("syy", when(col("usable"), y.multiply(y)));
        for (int i = 0; i < x.size(); i++) {
            moments.put("sx_" + i, when(col("usable"), col(x.get(i))));
            moments.put("sxy_" + i, when(col("usable"), col(x.get(i)).multiply(y)));
            for (int j = i; j < x.size(); j++) moments.put("sxx_" + i + "_" + j, when(col("usable"), col(x.get(i)).multiply(col(x.get(j)))));
        }

        // Each security's days are first summed per segment: the trading days between two consecutive window
        // boundaries of any event. Every estimation window is a run of whole segments, so the running sums need
        // one row per (security, segment) instead of one per day: a hash aggregation, no sort of the daily rows.
        Segments seg = Segments.of(eventDays, start, end);
        SparkSession spark = daily.sparkSession();
        List<Column> segmentSums = new ArrayList<>();
        for (Map.Entry<String, Column> m : moments.entrySet()) segmentSums.add(sum(m.getValue()).as(m.getKey()));
        Dataset<Row> bySegment = daily.join(broadcast(seg.days(spark)), keys("market", "day_index"), "inner")
                .groupBy("_sid", "_seg").agg(segmentSums.get(0), segmentSums.subList(1, segmentSums.size()).toArray(Column[]::new));

        List<Column> dataCols = new ArrayList<>(List.of(col("_sid"), lit(null).cast("string").as("symbol"), col("_seg"), lit(0).as("_marker"),
                lit(null).cast("string").as("event_id"), lit(0).as("_sign")));
        List<Column> markerCols = new ArrayList<>(List.of(col("_sid"), col("symbol"), col("_m.seg").as("_seg"),
                lit(1).as("_marker"), col("event_id"), col("_m.sign").as("_sign")));
        for (String m : moments.keySet()) {
            dataCols.add(col(m));
            markerCols.add(lit(null).cast(m.equals("rows") || m.equals("n") ? "bigint" : "double").as(m));
        }
        Dataset<Row> markers = candidates.join(broadcast(seg.events(spark)), keys("event_id", "market"), "inner")
                .withColumn("_m", explode(array(struct(col("_before_seg").as("seg"), lit(-1).as("sign")),
                        struct(col("_last_seg").as("seg"), lit(1).as("sign")))))
                .select(markerCols.toArray(Column[]::new));
        Dataset<Row> stream = bySegment.select(dataCols.toArray(Column[]::new)).unionByName(markers);

        // Data rows sort before the markers of the same segment, so a marker's running sums include that segment.
        WindowSpec soFar = Window.partitionBy("_sid").orderBy("_seg", "_marker")
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        List<Column> running = new ArrayList<>(List.of(col("event_id"), col("symbol"), col("_marker"), col("_sign")));
        for (String m : moments.keySet()) running.add(sum(m).over(soFar).as(m));
        List<Column> windowSums = new ArrayList<>();
        for (String m : moments.keySet()) windowSums.add(sum(col("_sign").multiply(coalesce(col(m), lit(0)))).as(m));
        Dataset<Row> s = stream.select(running.toArray(Column[]::new)).filter(col("_marker").equalTo(1))
                .groupBy("event_id", "symbol").agg(windowSums.get(0), windowSums.subList(1, windowSums.size()).toArray(Column[]::new));

        // Centred sums: C_ab = S_ab - S_a S_b / n.
        Column n = col("n");
        Column cyy = col("syy").minus(col("sy").multiply(col("sy")).divide(n));
        s = s.withColumn("estimation_days", n).withColumn("estimation_rows", col("rows"))
                .withColumn("mean_return", col("sy").divide(n)).withColumn("_cyy", cyy);
        for (int i = 0; i < x.size(); i++) {
            s = s.withColumn("_cxy_sum_" + i, col("sxy_" + i).minus(col("sx_" + i).multiply(col("sy")).divide(n)));
            for (int j = i; j < x.size(); j++) {
                s = s.withColumn("_cxx_sum_" + i + "_" + j, col("sxx_" + i + "_" + j).minus(col("sx_" + i).multiply(col("sx_" + j)).divide(n)));
            }
        }
        Column ssr;
        if (factor) {
            for (int i = 0; i < x.size(); i++) {
                s = s.withColumn("_mean_" + i, col("sx_" + i).divide(n)).withColumn("_cxy_" + i, col("_cxy_sum_" + i).divide(n.minus(1)));
                for (int j = i; j < x.size(); j++) s = s.withColumn("_cxx_" + i + "_" + j, col("_cxx_sum_" + i + "_" + j).divide(n.minus(1)));
            }
            s = EventStudy.solveFactorModel(s.withColumn("_mean_y", col("sy").divide(n)), x.size());
            ssr = cyy;
            String[] betas = {"beta", "beta_smb", "beta_hml", "beta_mom"};
            for (int i = 0; i < x.size(); i++) ssr = ssr.minus(col(betas[i]).multiply(col("_cxy_sum_" + i)));
        } else if (model.equals("market_model")) {
            s = s.withColumn("beta", col("_cxy_sum_0").divide(col("_cxx_sum_0_0")))
                    .withColumn("alpha", col("mean_return").minus(col("beta").multiply(col("sx_0").divide(n))));
            ssr = cyy.minus(col("beta").multiply(col("_cxy_sum_0")));
        } else {
            s = s.withColumn("beta", lit(null).cast("double")).withColumn("alpha", lit(null).cast("double"));
            // market-adjusted: AR = y - x, so SSR = C_yy - 2 C_xy + C_xx; mean-adjusted: AR = y - mean(y).
            ssr = market ? cyy.minus(col("_cxy_sum_0").multiply(2)).plus(col("_cxx_sum_0_0")) : cyy;
        }
        for (String b : List.of("beta_smb", "beta_hml", "beta_mom")) if (!hasColumn(s, b)) s = s.withColumn(b, lit(null).cast("double"));
        boolean regression = factor || model.equals("market_model");
        return s.withColumn("_ssr", greatest(ssr, lit(0.0)))
                .withColumn("mean_market_return", market ? col("sx_0").divide(n) : lit(null).cast("double"))
                .withColumn("market_sxx", market ? col("_cxx_sum_0_0") : lit(null).cast("double"))
                .withColumn("residual_sd", sqrt(col("_ssr").divide(n.minus(1))))
                .withColumn("r_squared", regression ? lit(1.0).minus(col("_ssr").divide(col("_cyy"))) : lit(null).cast("double"))
                .select("event_id", "symbol", "estimation_days", "estimation_rows", "mean_return", "mean_market_return", "market_sxx",
                        "alpha", "beta", "beta_smb", "beta_hml", "beta_mom", "residual_sd", "r_squared");
    }

    private static boolean hasColumn(Dataset<Row> df, String name) {
        return List.of(df.columns()).contains(name);
    }
}
