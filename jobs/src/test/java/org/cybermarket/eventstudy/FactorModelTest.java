package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.EventStudySettings;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FF3 and Carhart 4 against an independent OLS: the engine solves slopes from covariances; this test solves the
 * uncentered normal equations [1 F]'[1 F] b = [1 F]'(R - RF) by Gauss-Jordan, then checks alpha, every loading,
 * s_i and the day-0 abnormal return R - RF - alpha - b'F.
 */
class FactorModelTest {
    static final int DAYS = 60, DAY0 = 50;

    static double[] ols(double[][] x, double[] y) {
        int k = x[0].length;
        double[][] a = new double[k][k + 1];
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) a[i][j] += x[t][i] * x[t][j];
                a[i][k] += x[t][i] * y[t];
            }
        }
        for (int c = 0; c < k; c++) {
            double p = a[c][c];
            for (int j = c; j <= k; j++) a[c][j] /= p;
            for (int r = 0; r < k; r++) {
                if (r == c) continue;
                double f = a[r][c];
                for (int j = c; j <= k; j++) a[r][j] -= f * a[c][j];
            }
        }
        double[] b = new double[k];
        for (int i = 0; i < k; i++) b[i] = a[i][k];
        return b;
    }

    void check(String model, int factors) {
        Random rnd = new Random(11);
        double[][] f = new double[DAYS][4];
        double[] rf = new double[DAYS], r = new double[DAYS];
        for (int t = 0; t < DAYS; t++) {
            for (int i = 0; i < 4; i++) f[t][i] = 0.01 * rnd.nextGaussian();
            rf[t] = 0.0002;
            r[t] = rf[t] + 0.0005 + 1.1 * f[t][0] + 0.4 * f[t][1] - 0.3 * f[t][2] + 0.2 * f[t][3] + 0.005 * rnd.nextGaussian();
        }
        List<Row> ret = new ArrayList<>(), fac = new ArrayList<>();
        for (int t = 0; t < DAYS; t++) {
            LocalDate d = LocalDate.of(2024, 1, 1).plusDays(t);
            ret.add(RowFactory.create("XNYS", "S", "stock", d, t, true, r[t]));
            fac.add(RowFactory.create("US", d, f[t][0], f[t][1], f[t][2], rf[t], factors == 4 ? f[t][3] : null));
        }
        var spark = SparkTest.spark();
        Dataset<Row> returns = spark.createDataFrame(ret, new StructType().add("market", DataTypes.StringType).add("symbol", DataTypes.StringType)
                .add("kind", DataTypes.StringType).add("trade_date", DataTypes.DateType).add("day_index", DataTypes.IntegerType)
                .add("on_calendar", DataTypes.BooleanType).add("simple_return", DataTypes.DoubleType));
        Dataset<Row> factorsDf = spark.createDataFrame(fac, new StructType().add("region", DataTypes.StringType).add("trade_date", DataTypes.DateType)
                .add("mkt_rf", DataTypes.DoubleType).add("smb", DataTypes.DoubleType).add("hml", DataTypes.DoubleType)
                .add("rf", DataTypes.DoubleType).add("mom", DataTypes.DoubleType));
        Dataset<Row> securities = spark.createDataFrame(List.of(RowFactory.create("S", "XNYS", "US", "Cybersecurity", "stock")),
                new StructType().add("symbol", DataTypes.StringType).add("market", DataTypes.StringType).add("region", DataTypes.StringType)
                        .add("industry", DataTypes.StringType).add("kind", DataTypes.StringType));
        Dataset<Row> eventDays = spark.createDataFrame(List.<Row>of(RowFactory.create("E", "XNYS", DAY0)), new StructType()
                .add("event_id", DataTypes.StringType).add("market", DataTypes.StringType).add("day0_index", DataTypes.IntegerType));
        Dataset<Row> benchmarks = spark.createDataFrame(List.of(), new StructType().add("market", DataTypes.StringType).add("benchmark_symbol", DataTypes.StringType));
        var settings = new EventStudySettings(model, List.of(-45, -6), List.of(-2, 2), Map.of("d0", List.of(0, 0)), 30, null, null);
        EventStudy.Result res = EventStudy.run(spark, returns, securities, eventDays, benchmarks, factorsDf, settings);

        // Independent fit over estimation offsets -45..-6 = indices 5..44.
        int n = 40;
        double[][] x = new double[n][factors + 1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int t = DAY0 - 45 + i;
            x[i][0] = 1;
            for (int j = 0; j < factors; j++) x[i][j + 1] = f[t][j];
            y[i] = r[t] - rf[t];
        }
        double[] b = ols(x, y);
        double ssr = 0, mean = 0;
        double[] resid = new double[n];
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int j = 0; j <= factors; j++) fit += b[j] * x[i][j];
            resid[i] = y[i] - fit;
            mean += resid[i] / n;
        }
        for (double e : resid) ssr += (e - mean) * (e - mean);
        double s = Math.sqrt(ssr / (n - 1));
        double ar0 = r[DAY0] - rf[DAY0] - b[0];
        for (int j = 0; j < factors; j++) ar0 -= b[j + 1] * f[DAY0][j];

        Row w = res.securityWindows().first();
        assertEquals(40L, ((Number) w.getAs("estimation_days")).longValue());
        assertEquals(b[0], w.<Double>getAs("alpha"), 1e-12, model + " alpha");
        assertEquals(b[1], w.<Double>getAs("beta"), 1e-10, model + " Mkt-RF loading");
        assertEquals(b[2], w.<Double>getAs("beta_smb"), 1e-10, model + " SMB loading");
        assertEquals(b[3], w.<Double>getAs("beta_hml"), 1e-10, model + " HML loading");
        if (factors == 4) assertEquals(b[4], w.<Double>getAs("beta_mom"), 1e-10, model + " MOM loading");
        assertEquals(s, w.<Double>getAs("residual_sd"), 1e-12, model + " s_i");
        assertEquals(ar0, w.<Double>getAs("car"), 1e-12, model + " day-0 AR");

        // The model's own prediction-error factor 1 + 1/L + d'S^-1 d, its SAR, Patell with nu = L - (factors + 1) and
        // Lamb, against ReferenceStatistics' 1 + x'(X'X)^-1 x on the excess returns.
        Map<Integer, Double> excess = new TreeMap<>();
        Map<Integer, double[]> regressors = new TreeMap<>();
        for (int t = 0; t < DAYS; t++) {
            excess.put(t - DAY0, r[t] - rf[t]);
            regressors.put(t - DAY0, Arrays.copyOf(f[t], factors));
        }
        ReferenceStatistics ref = new ReferenceStatistics(ReferenceStatistics.Model.REGRESSION, -45, -6, -2, 2);
        ReferenceStatistics.Fit fit = ref.fit(new ReferenceStatistics.Security("S", "XNYS", excess, regressors));
        assertEquals(factors + 1, fit.k);
        for (Row d : res.securityDays().collectAsList()) {
            int t = d.getInt(d.fieldIndex("event_day_offset"));
            assertEquals(fit.c.get(t), d.<Double>getAs("prediction_error_factor"), 1e-10, model + " C on day " + t);
            assertEquals(fit.sar.get(t), d.<Double>getAs("standardized_ar"), 1e-10, model + " SAR on day " + t);
        }
        Row g = res.groupDays().where("group_market = 'ALL' and group_industry = 'ALL' and event_day_offset = 0").first();
        EventStudyTest.assertColumns(ref.group(List.of(fit)).day(0), g, List.of("patell", "p_patell", "lamb", "p_lamb", "bw1985", "p_bw1985"), model);
    }

    @Test
    void famaFrenchThreeFactorMatchesAnIndependentOls() {
        check("ff3", 3);
    }

    @Test
    void carhartFourFactorMatchesAnIndependentOls() {
        check("carhart4", 4);
    }
}
