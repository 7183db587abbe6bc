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

    /**
     * The design against an independent rank computation: a candidate is kept when the smallest singular value of the
     * unit-length columns kept so far plus it exceeds 1e-8 (Commons Math's SVD). Pools with many single-member
     * industries and a market dummy that repeats the role dummy: exactly the columns that raise the rank are kept, and
     * the fit never fails on a singular matrix.
     */
    @Test
    void theDesignKeepsExactlyTheColumnsThatRaiseTheRank() {
        java.util.Random r = new java.util.Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 5 + r.nextInt(60), industries = 1 + r.nextInt(8);
            boolean repeat = r.nextBoolean();
            List<SecondStage.Observation> obs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String role = r.nextInt(5) == 0 ? "target" : "peer";
                String market = repeat ? (role.equals("target") ? "XNAS" : "XNYS") : "M" + r.nextInt(3);
                obs.add(new SecondStage.Observation("E" + r.nextInt(6), role, market, "I" + (int) Math.floor(Math.abs(r.nextGaussian()) * industries),
                        r.nextInt(4) == 0 ? 1.0 : 0.5 + r.nextDouble(), 0.01 + 0.03 * r.nextDouble(), 0.05 * r.nextGaussian()));
            }
            List<String> expected = rankRaising(obs);
            assertEquals(expected, SecondStage.design(obs).stream().map(SecondStage.Column::name).toList(), "pool " + trial);
            List<SecondStage.Term> fit = SecondStage.fit(obs);
            assertEquals(n > expected.size() ? expected : List.of(), fit.stream().map(SecondStage.Term::name).toList(), "pool " + trial);
        }
    }

    /** The candidates in the design's order (written out again here), each kept if it raises the SVD rank. */
    static List<String> rankRaising(List<SecondStage.Observation> obs) {
        int n = obs.size();
        List<String> names = new ArrayList<>(List.of("intercept"));
        List<double[]> columns = new ArrayList<>();
        columns.add(java.util.stream.DoubleStream.generate(() -> 1).limit(n).toArray());
        List<java.util.function.Function<SecondStage.Observation, String>> levels = List.of(SecondStage.Observation::role,
                SecondStage.Observation::market, SecondStage.Observation::industry);
        List<String> categoricals = List.of("role", "market", "industry");
        for (int c = 0; c < 3; c++) {
            java.util.TreeMap<String, Integer> counts = new java.util.TreeMap<>();
            for (SecondStage.Observation o : obs) counts.merge(levels.get(c).apply(o), 1, Integer::sum);
            int most = java.util.Collections.max(counts.values());
            String reference = counts.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey();
            for (String level : counts.keySet()) {
                if (level.equals(reference)) continue;
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = level.equals(levels.get(c).apply(obs.get(i))) ? 1 : 0;
                names.add(categoricals.get(c) + "=" + level);
                columns.add(d);
            }
        }
        names.add("beta");
        columns.add(obs.stream().mapToDouble(SecondStage.Observation::beta).toArray());
        names.add("residual_sd");
        columns.add(obs.stream().mapToDouble(SecondStage.Observation::residualSd).toArray());
        List<String> kept = new ArrayList<>();
        List<double[]> keptColumns = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            List<double[]> trial = new ArrayList<>(keptColumns);
            trial.add(columns.get(j));
            if (trial.size() > n) continue;
            double[][] m = new double[n][trial.size()];
            for (int c = 0; c < trial.size(); c++) {
                double norm = Math.sqrt(java.util.Arrays.stream(trial.get(c)).map(v -> v * v).sum());
                for (int i = 0; i < n; i++) m[i][c] = trial.get(c)[i] / norm;
            }
            double[] sv = new org.apache.commons.math3.linear.SingularValueDecomposition(new org.apache.commons.math3.linear.Array2DRowRealMatrix(m))
                    .getSingularValues();
            if (sv[sv.length - 1] > 1e-8) {
                kept.add(names.get(j));
                keptColumns.add(columns.get(j));
            }
        }
        return kept;
    }

    /**
     * Memory linear in N: 40,000 observations in a JVM with a 64 MB heap, where one N x N matrix of doubles (a hat
     * matrix) would take 12.8 GB. The fit must finish and print its terms.
     */
    @Test
    void aFitOverManyObservationsNeedsNoNByNMatrix(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path log = dir.resolve("probe.log");
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), SecondStageProbe.class.getName(), "40000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = org.cybermarket.testing.Cli.await(p);
        String out = java.nio.file.Files.readString(log);
        assertEquals(0, code, out);
        assertTrue(out.contains("terms 17 n 40000"), out);
    }
}
