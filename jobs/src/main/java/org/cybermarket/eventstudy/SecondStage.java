package org.cybermarket.eventstudy;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.cybermarket.returns.Returns.require;
import static org.cybermarket.schema.Cols.keys;

/**
 * The second-stage regression (docs/methodology.md): per pool of events and CAR window, each studied security's CAR
 * on its characteristics: an intercept, dummies for role, market and industry (each against its most common level,
 * named in {@code reference}), the estimation beta and the pre-event volatility {@code residual_sd} (s_i, the sd of
 * the estimation-window ARs). OLS from the QR of [X y] built one observation at a time ({@link RowQr}); standard errors
 * HC3 (MacKinnon and White 1985) and clustered by event. A regressor that is constant or a linear combination of
 * earlier ones in the pool (one industry only, say) is left out rather than making the fit singular. No size
 * regressor: the real data has no shares outstanding. Memory grows linearly with the observations: no N x N (hat)
 * or N x K matrix is built.
 */
public final class SecondStage {
    private SecondStage() {}

    public static final StructType SCHEMA = new StructType()
            .add("pool", DataTypes.StringType, false).add("car_window", DataTypes.StringType, false)
            .add("window_start", DataTypes.IntegerType, false).add("window_end", DataTypes.IntegerType, false)
            .add("term", DataTypes.StringType, false).add("reference", DataTypes.StringType)
            .add("coefficient", DataTypes.DoubleType).add("se_hc3", DataTypes.DoubleType).add("t_hc3", DataTypes.DoubleType)
            .add("p_hc3", DataTypes.DoubleType).add("se_cluster", DataTypes.DoubleType).add("t_cluster", DataTypes.DoubleType)
            .add("p_cluster", DataTypes.DoubleType).add("n_observations", DataTypes.LongType, false)
            .add("n_clusters", DataTypes.LongType, false).add("n_terms", DataTypes.IntegerType, false).add("r_squared", DataTypes.DoubleType);

    /** A categorical characteristic: its name and a security's level. */
    record Categorical(String name, Function<Observation, String> level) {}

    /** A numeric characteristic: its name and a security's value. */
    record Numeric(String name, Function<Observation, Double> value) {}

    /** One security in one event: its CAR, the event it belongs to (the cluster) and its characteristics. */
    record Observation(String eventId, String role, String market, String industry, double beta, double residualSd, double car) {}

    static final List<Categorical> CATEGORICAL = List.of(new Categorical("role", Observation::role),
            new Categorical("market", Observation::market), new Categorical("industry", Observation::industry));
    static final List<Numeric> NUMERIC = List.of(new Numeric("beta", Observation::beta), new Numeric("residual_sd", Observation::residualSd));

    /**
     * es_regression: one row per (pool, CAR window, term).
     *
     * @param securityWindows event_id, role, market, industry, car_window, window_start, window_end, car, beta, residual_sd
     * @param members         pool, event_id
     */
    public static Dataset<Row> regressions(Dataset<Row> securityWindows, Dataset<Row> members) {
        require(securityWindows, "event_id", "role", "market", "industry", "car_window", "window_start", "window_end", "car", "beta", "residual_sd");
        require(members, "pool", "event_id");
        return securityWindows.filter(col("car").isNotNull().and(col("beta").isNotNull()).and(col("residual_sd").isNotNull()))
                .join(members, keys("event_id"), "inner")
                .groupBy("pool", "car_window", "window_start", "window_end")
                .agg(collect_list(struct("event_id", "role", "market", "industry", "beta", "residual_sd", "car")).as("obs"))
                .flatMap(new Rows(), Encoders.row(SCHEMA))
                .selectExpr(SCHEMA.fieldNames());
    }

    private static final class Rows implements FlatMapFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Row g) {
            List<Observation> obs = new ArrayList<>();
            for (Row o : g.<Row>getList(4)) {
                obs.add(new Observation(o.getString(0), o.getString(1), o.getString(2), o.getString(3), o.getDouble(4), o.getDouble(5), o.getDouble(6)));
            }
            // Same order whatever order collect_list gave: results do not depend on partitioning.
            obs.sort(java.util.Comparator.comparing(Observation::eventId).thenComparing(Observation::market).thenComparing(Observation::role)
                    .thenComparingDouble(Observation::car).thenComparingDouble(Observation::beta));
            List<Row> out = new ArrayList<>();
            for (Term t : fit(obs)) {
                out.add(RowFactory.create(g.getString(0), g.getString(1), g.getInt(2), g.getInt(3), t.name, t.reference, t.coefficient,
                        t.seHc3, t.tHc3, t.pHc3, t.seCluster, t.tCluster, t.pCluster, t.n, t.clusters, t.terms, t.rSquared));
            }
            return out.iterator();
        }
    }

    /** One fitted term; statistics null where they are not defined (a leverage of 1, fewer than 2 clusters). */
    record Term(String name, String reference, Double coefficient, Double seHc3, Double tHc3, Double pHc3, Double seCluster,
                Double tCluster, Double pCluster, long n, long clusters, int terms, Double rSquared) {}

    /** A candidate column of the design matrix: its name and, for a dummy, the level it is measured against. */
    record Column(String name, String reference) {}

    /**
     * The candidate columns of a pool's design: the intercept, the dummies of every categorical's levels except its most
     * common one (ties: the first by name), then the numeric ones. An observation's row is filled from its levels by
     * lookup, so no column of length N is ever held.
     */
    static final class Design {
        final List<Column> columns = new ArrayList<>();
        private final List<Map<String, Integer>> dummies = new ArrayList<>();

        Design(List<Observation> obs) {
            columns.add(new Column("intercept", null));
            for (Categorical c : CATEGORICAL) {
                Map<String, Integer> counts = new TreeMap<>();
                for (Observation o : obs) counts.merge(c.level().apply(o), 1, Integer::sum);
                String reference = counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
                Map<String, Integer> index = new java.util.HashMap<>();
                for (String level : counts.keySet()) {
                    if (level.equals(reference)) continue;
                    index.put(level, columns.size());
                    columns.add(new Column(c.name() + "=" + level, c.name() + "=" + reference));
                }
                dummies.add(index);
            }
            for (Numeric v : NUMERIC) columns.add(new Column(v.name(), null));
        }

        int size() {
            return columns.size();
        }

        /** Fills {@code row} (length {@link #size()}) with the observation's candidate regressors. */
        void fill(Observation o, double[] row) {
            java.util.Arrays.fill(row, 0);
            row[0] = 1;
            for (int c = 0; c < CATEGORICAL.size(); c++) {
                Integer j = dummies.get(c).get(CATEGORICAL.get(c).level().apply(o));
                if (j != null) row[j] = 1;
            }
            int j = columns.size() - NUMERIC.size();
            for (Numeric v : NUMERIC) row[j++] = v.value().apply(o);
        }

        /**
         * The columns kept: each candidate whose distance from the span of the candidates before it exceeds
         * {@link #RANK_TOLERANCE} of its length (the diagonal of R in a QR of the unit-length columns, in order), so a
         * constant regressor or a linear combination of earlier ones (one industry only, say) is left out rather than
         * making the fit singular. One pass over the observations, O(K^2) memory.
         */
        int[] kept(List<Observation> obs) {
            int k = size();
            double[] row = new double[k], norm = new double[k];
            for (Observation o : obs) {
                fill(o, row);
                for (int j = 0; j < k; j++) norm[j] += row[j] * row[j];
            }
            for (int j = 0; j < k; j++) norm[j] = Math.sqrt(norm[j]);
            RowQr qr = new RowQr(k);
            for (Observation o : obs) {
                fill(o, row);
                for (int j = 0; j < k; j++) row[j] = norm[j] == 0 ? 0 : row[j] / norm[j];
                qr.add(row);
            }
            // The first column closer than the tolerance to the span of those before it is dropped and R refactored
            // without it (from R itself, not the observations), until every pivot is a true distance above the tolerance.
            List<Integer> kept = new ArrayList<>(java.util.stream.IntStream.range(0, k).boxed().toList());
            for (int p = 0; p < kept.size(); p++) {
                if (qr.diagonal(p) > RANK_TOLERANCE) continue;
                qr = qr.withoutColumn(p);
                kept.remove(p--);
            }
            return kept.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** A unit-length column closer than this to the span of the columns before it adds no rank. */
    static final double RANK_TOLERANCE = 1e-9;

    /** The columns of the design that {@link #fit} keeps, in order. */
    static List<Column> design(List<Observation> obs) {
        Design d = new Design(obs);
        return java.util.Arrays.stream(d.kept(obs)).mapToObj(d.columns::get).toList();
    }

    /**
     * The regression of CAR on the characteristics of {@code obs}; empty when there are no more observations than terms.
     * Memory O(N + G K + K^2) for N observations, G clusters and K terms: X is never built, only R of its QR (one row at
     * a time), and each observation's leverage is {@code h_ii = x_i' (X'X)^-1 x_i = |R^-T x_i|^2}.
     */
    static List<Term> fit(List<Observation> obs) {
        int n = obs.size();
        Design design = new Design(obs);
        int[] kept = design.kept(obs);
        int k = kept.length;
        long clusters = obs.stream().map(Observation::eventId).distinct().count();
        List<Term> out = new ArrayList<>();
        if (n <= k) return out;
        double[] candidate = new double[design.size()], x = new double[k], xy = new double[k + 1];

        // OLS from the QR of [X y]: R b = Q'y.
        RowQr qr = new RowQr(k + 1);
        double sumYSquared = 0;
        for (Observation o : obs) {
            row(design, kept, o, candidate, x);
            System.arraycopy(x, 0, xy, 0, k);
            xy[k] = o.car();
            sumYSquared += o.car() * o.car();
            qr.add(xy);
        }
        double[][] rInv = qr.inverse(k);
        double[] b = new double[k];
        for (int j = 0; j < k; j++) for (int l = j; l < k; l++) b[j] += rInv[j][l] * qr.get(l, k);
        double[][] bread = new double[k][k]; // (X'X)^-1 = R^-1 R^-T
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) for (int l = Math.max(i, j); l < k; l++) bread[i][j] += rInv[i][l] * rInv[j][l];

        // HC3 meat sum_i e_i^2/(1 - h_ii)^2 x_i x_i' and the clustered one sum_g (X_g'e_g)(X_g'e_g)', in one pass.
        double[][] meatHc3 = new double[k][k];
        Map<String, double[]> scores = new TreeMap<>();
        double[] z = new double[k];
        double ssr = 0;
        boolean fullLeverage = false;
        for (Observation o : obs) {
            row(design, kept, o, candidate, x);
            double e = o.car();
            for (int j = 0; j < k; j++) e -= x[j] * b[j];
            ssr += e * e;
            double h = 0;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int l = 0; l <= j; l++) s += rInv[l][j] * x[l];
                z[j] = s;
                h += s * s;
            }
            double oneMinusH = 1 - h;
            if (oneMinusH < 1e-12) fullLeverage = true;
            double w = e * e / (oneMinusH * oneMinusH);
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) meatHc3[i][j] += w * x[i] * x[j];
            double[] s = scores.computeIfAbsent(o.eventId(), g -> new double[k]);
            for (int j = 0; j < k; j++) s[j] += x[j] * e;
        }
        double[][] meatCl = new double[k][k];
        for (double[] s : scores.values()) for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) meatCl[i][j] += s[i] * s[j];
        double[][] vHc3 = sandwich(bread, meatHc3);
        double[][] vCl = sandwich(bread, meatCl);
        // Clustered by event: (G/(G-1)) ((N-1)/(N-K)) (X'X)^-1 sum_g (X_g' e_g)(X_g' e_g)' (X'X)^-1.
        double g = clusters;
        double clusterFactor = g / (g - 1) * (n - 1.0) / (n - k);

        double rSquared = 1 - ssr / sumYSquared;
        for (int j = 0; j < k; j++) {
            Double seH = fullLeverage ? null : Math.sqrt(vHc3[j][j]);
            Double seC = clusters >= 2 ? Math.sqrt(vCl[j][j] * clusterFactor) : null;
            Double tH = ratio(b[j], seH), tC = ratio(b[j], seC);
            Column c = design.columns.get(kept[j]);
            out.add(new Term(c.name(), c.reference(), b[j], seH, tH, tH == null ? null : PValues.studentTwoSided(tH, n - k),
                    seC, tC, tC == null ? null : PValues.studentTwoSided(tC, g - 1), n, clusters, k, rSquared));
        }
        return out;
    }

    /** The kept regressors of one observation, into {@code x}. */
    private static void row(Design design, int[] kept, Observation o, double[] candidate, double[] x) {
        design.fill(o, candidate);
        for (int j = 0; j < kept.length; j++) x[j] = candidate[kept[j]];
    }

    /** bread meat bread, all k x k. */
    private static double[][] sandwich(double[][] bread, double[][] meat) {
        int k = bread.length;
        double[][] bm = new double[k][k], v = new double[k][k];
        for (int i = 0; i < k; i++) for (int l = 0; l < k; l++) for (int j = 0; j < k; j++) bm[i][j] += bread[i][l] * meat[l][j];
        for (int i = 0; i < k; i++) for (int l = 0; l < k; l++) for (int j = 0; j < k; j++) v[i][j] += bm[i][l] * bread[l][j];
        return v;
    }

    private static Double ratio(double b, Double se) {
        return se == null || se == 0 || Double.isNaN(se) ? null : b / se;
    }
}
