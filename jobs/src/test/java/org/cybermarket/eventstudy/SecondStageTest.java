package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The second-stage regression against an independent computation: the normal equations solved by Gauss-Jordan
 * elimination here, HC3 from each observation's leverage {@code h_ii = x_i' (X'X)^-1 x_i}, and the event-clustered
 * sandwich with Stata's small-sample factor, written out loop by loop.
 */
class SecondStageTest {
    static final StructType WINDOWS = new StructType().add("event_id", DataTypes.StringType).add("role", DataTypes.StringType)
            .add("market", DataTypes.StringType).add("industry", DataTypes.StringType).add("car_window", DataTypes.StringType)
            .add("window_start", DataTypes.IntegerType).add("window_end", DataTypes.IntegerType).add("car", DataTypes.DoubleType)
            .add("beta", DataTypes.DoubleType).add("residual_sd", DataTypes.DoubleType);

    /** {event, role, market, car, beta, residual_sd}; one industry (so no industry term), two markets, two roles. */
    static final Object[][] OBS = {
            {"A", "target", "XNYS", -0.081, 1.20, 0.031}, {"A", "peer", "XNYS", 0.012, 1.05, 0.022}, {"A", "peer", "XNAS", 0.027, 0.90, 0.025},
            {"B", "target", "XNAS", -0.022, 1.45, 0.040}, {"B", "peer", "XNYS", 0.004, 0.80, 0.018}, {"B", "peer", "XNYS", -0.011, 1.10, 0.021},
            {"B", "peer", "XNAS", 0.019, 1.30, 0.027},
            {"C", "target", "XNYS", -0.052, 0.95, 0.028}, {"C", "peer", "XNAS", -0.003, 1.15, 0.024}, {"C", "peer", "XNYS", 0.013, 0.85, 0.019},
            {"D", "target", "XNYS", 0.011, 1.00, 0.020}, {"D", "peer", "XNAS", 0.006, 1.25, 0.033}, {"D", "peer", "XNYS", 0.008, 0.70, 0.017},
            {"E", "target", "XNAS", -0.034, 1.35, 0.036}, {"E", "peer", "XNYS", 0.016, 0.95, 0.023}, {"E", "peer", "XNAS", -0.001, 1.05, 0.026}};

    static Dataset<Row> windows() {
        List<Row> rows = new ArrayList<>();
        for (Object[] o : OBS) rows.add(RowFactory.create(o[0], o[1], o[2], "Cybersecurity", "car_0_1", 0, 1, o[3], o[4], o[5]));
        rows.add(RowFactory.create("Z", "peer", "XNYS", "Cybersecurity", "car_0_1", 0, 1, 0.5, 1.0, 0.02)); // not in the pool
        return SparkTest.spark().createDataFrame(rows, WINDOWS);
    }

    static Dataset<Row> members() {
        List<Row> rows = new ArrayList<>();
        for (String e : List.of("A", "B", "C", "D", "E")) rows.add(RowFactory.create("all", e));
        return SparkTest.spark().createDataFrame(rows, CrossEvent.MEMBERS);
    }

    /** Design rows: intercept, role=target (reference peer, the most common), market=XNAS (reference XNYS), beta, residual_sd. */
    static double[][] design() {
        double[][] x = new double[OBS.length][];
        for (int i = 0; i < OBS.length; i++) {
            Object[] o = OBS[i];
            x[i] = new double[]{1, o[1].equals("target") ? 1 : 0, o[2].equals("XNAS") ? 1 : 0, (double) o[4], (double) o[5]};
        }
        return x;
    }

    static double[][] inverse(double[][] a) {
        int k = a.length;
        double[][] m = new double[k][2 * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a[i], 0, m[i], 0, k);
            m[i][k + i] = 1;
        }
        for (int c = 0; c < k; c++) {
            int p = c;
            for (int r = c + 1; r < k; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double d = m[c][c];
            for (int j = 0; j < 2 * k; j++) m[c][j] /= d;
            for (int r = 0; r < k; r++) {
                if (r == c) continue;
                double f = m[r][c];
                for (int j = 0; j < 2 * k; j++) m[r][j] -= f * m[c][j];
            }
        }
        double[][] inv = new double[k][k];
        for (int i = 0; i < k; i++) System.arraycopy(m[i], k, inv[i], 0, k);
        return inv;
    }

    /** b, se_hc3, se_cluster from the formulas, loop by loop. */
    static double[][] reference() {
        double[][] x = design();
        int n = x.length, k = x[0].length;
        double[][] xtx = new double[k][k];
        double[] xty = new double[k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                xty[a] += x[i][a] * (double) OBS[i][3];
                for (int b = 0; b < k; b++) xtx[a][b] += x[i][a] * x[i][b];
            }
        }
        double[][] inv = inverse(xtx);
        double[] beta = new double[k];
        for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) beta[a] += inv[a][b] * xty[b];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = (double) OBS[i][3];
            for (int a = 0; a < k; a++) e[i] -= x[i][a] * beta[a];
        }
        double[][] meatH = new double[k][k], meatC = new double[k][k];
        for (int i = 0; i < n; i++) {
            double h = 0;
            for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) h += x[i][a] * inv[a][b] * x[i][b];
            double w = e[i] * e[i] / ((1 - h) * (1 - h));
            for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) meatH[a][b] += w * x[i][a] * x[i][b];
        }
        for (String g : List.of("A", "B", "C", "D", "E")) {
            double[] s = new double[k];
            for (int i = 0; i < n; i++) if (OBS[i][0].equals(g)) for (int a = 0; a < k; a++) s[a] += x[i][a] * e[i];
            for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) meatC[a][b] += s[a] * s[b];
        }
        double[] seH = new double[k], seC = new double[k];
        double factor = 5.0 / 4 * (n - 1.0) / (n - k);
        for (int j = 0; j < k; j++) {
            double vh = 0, vc = 0;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    vh += inv[j][a] * meatH[a][b] * inv[b][j];
                    vc += inv[j][a] * meatC[a][b] * inv[b][j];
                }
            }
            seH[j] = Math.sqrt(vh);
            seC[j] = Math.sqrt(vc * factor);
        }
        return new double[][]{beta, seH, seC};
    }

    @Test
    void coefficientsAndRobustAndClusteredErrorsMatchTheFormulasWorkedOutByHand() {
        List<Row> rows = SecondStage.regressions(windows(), members()).orderBy("term").collectAsList();
        List<String> terms = List.of("intercept", "role=target", "market=XNAS", "beta", "residual_sd");
        assertEquals(terms.stream().sorted().toList(), rows.stream().map(r -> r.<String>getAs("term")).toList(), "industry is constant: no term");
        double[][] ref = reference();
        int n = OBS.length, k = terms.size();
        for (Row r : rows) {
            int j = terms.indexOf(r.<String>getAs("term"));
            String t = r.getAs("term");
            assertEquals(ref[0][j], r.<Double>getAs("coefficient"), 1e-10, t);
            assertEquals(ref[1][j], r.<Double>getAs("se_hc3"), 1e-10, t);
            assertEquals(ref[2][j], r.<Double>getAs("se_cluster"), 1e-10, t);
            assertEquals(ref[0][j] / ref[1][j], r.<Double>getAs("t_hc3"), 1e-8, t);
            assertEquals(2 * new org.apache.commons.math3.distribution.TDistribution(n - k).cumulativeProbability(-Math.abs(ref[0][j] / ref[1][j])),
                    r.<Double>getAs("p_hc3"), 1e-10, t + ": Student t with N - K df");
            assertEquals(2 * new org.apache.commons.math3.distribution.TDistribution(4).cumulativeProbability(-Math.abs(ref[0][j] / ref[2][j])),
                    r.<Double>getAs("p_cluster"), 1e-10, t + ": Student t with G - 1 df");
            assertEquals((long) n, r.<Long>getAs("n_observations"));
            assertEquals(5L, r.<Long>getAs("n_clusters"));
            assertEquals(k, r.<Integer>getAs("n_terms"));
        }
        assertEquals("role=peer", rows.get(terms.stream().sorted().toList().indexOf("role=target")).getAs("reference"));
    }

    @Test
    void aRegressorThatIsALinearCombinationOfOthersIsLeftOut() {
        List<SecondStage.Observation> obs = new ArrayList<>();
        for (Object[] o : OBS) {
            // Every target on XNAS and every peer on XNYS: the market dummy repeats the role dummy.
            String market = o[1].equals("target") ? "XNAS" : "XNYS";
            obs.add(new SecondStage.Observation((String) o[0], (String) o[1], market, "Cybersecurity", (double) o[4], (double) o[5], (double) o[3]));
        }
        assertEquals(List.of("intercept", "role=target", "beta", "residual_sd"), SecondStage.fit(obs).stream().map(SecondStage.Term::name).toList());
    }
}
