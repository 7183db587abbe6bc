package org.cybermarket.eventstudy;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RRQRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
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
 * the estimation-window ARs). OLS by Commons Math; standard errors HC3 (MacKinnon and White 1985) and clustered by
 * event. A regressor that is constant or a linear combination of earlier ones in the pool (one industry only, say)
 * is left out rather than making the fit singular. No size regressor: the real data has no shares outstanding.
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

    /** A column of the design matrix. */
    private record Column(String name, String reference, double[] x) {}

    /** The regression of CAR on the characteristics of {@code obs}; empty when there are no more observations than terms. */
    static List<Term> fit(List<Observation> obs) {
        int n = obs.size();
        List<Column> columns = design(obs);
        long clusters = obs.stream().map(Observation::eventId).distinct().count();
        int k = columns.size();
        List<Term> out = new ArrayList<>();
        if (n <= k) return out;
        double[][] x = new double[n][k];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = obs.get(i).car();
            for (int j = 0; j < k; j++) x[i][j] = columns.get(j).x[i];
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true); // the intercept is the design's first column
        ols.newSampleData(y, x);
        double[] b = ols.estimateRegressionParameters();
        double[] e = ols.estimateResiduals();
        RealMatrix bread = new Array2DRowRealMatrix(ols.estimateRegressionParametersVariance(), false); // (X'X)^-1
        RealMatrix hat = ols.calculateHat();
        RealMatrix xm = new Array2DRowRealMatrix(x, false);

        // HC3: (X'X)^-1 X' diag(e_i^2 / (1 - h_ii)^2) X (X'X)^-1.
        RealMatrix meatHc3 = new Array2DRowRealMatrix(k, k);
        boolean fullLeverage = false;
        for (int i = 0; i < n; i++) {
            double oneMinusH = 1 - hat.getEntry(i, i);
            if (oneMinusH < 1e-12) fullLeverage = true;
            double w = e[i] * e[i] / (oneMinusH * oneMinusH);
            RealMatrix xi = xm.getRowMatrix(i);
            meatHc3 = meatHc3.add(xi.transpose().multiply(xi).scalarMultiply(w));
        }
        RealMatrix vHc3 = bread.multiply(meatHc3).multiply(bread);

        // Clustered by event: (G/(G-1)) ((N-1)/(N-K)) (X'X)^-1 sum_g (X_g' e_g)(X_g' e_g)' (X'X)^-1.
        Map<String, double[]> scores = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            double[] s = scores.computeIfAbsent(obs.get(i).eventId(), g -> new double[k]);
            for (int j = 0; j < k; j++) s[j] += x[i][j] * e[i];
        }
        RealMatrix meatCl = new Array2DRowRealMatrix(k, k);
        for (double[] s : scores.values()) {
            RealMatrix sm = new Array2DRowRealMatrix(s);
            meatCl = meatCl.add(sm.multiply(sm.transpose()));
        }
        double g = clusters;
        RealMatrix vCl = bread.multiply(meatCl).multiply(bread).scalarMultiply(g / (g - 1) * (n - 1.0) / (n - k));

        double rSquared = ols.calculateRSquared();
        for (int j = 0; j < k; j++) {
            Double seH = fullLeverage ? null : Math.sqrt(vHc3.getEntry(j, j));
            Double seC = clusters >= 2 ? Math.sqrt(vCl.getEntry(j, j)) : null;
            Double tH = ratio(b[j], seH), tC = ratio(b[j], seC);
            out.add(new Term(columns.get(j).name, columns.get(j).reference, b[j], seH, tH, tH == null ? null : PValues.studentTwoSided(tH, n - k),
                    seC, tC, tC == null ? null : PValues.studentTwoSided(tC, g - 1), n, clusters, k, rSquared));
        }
        return out;
    }

    private static Double ratio(double b, Double se) {
        return se == null || se == 0 || Double.isNaN(se) ? null : b / se;
    }

    /**
     * The design: intercept, the dummies of every categorical's levels except its most common one (ties: the first by
     * name), then the numeric ones; a column is kept only if it raises the rank of those kept before it.
     */
    static List<Column> design(List<Observation> obs) {
        int n = obs.size();
        List<Column> candidates = new ArrayList<>();
        double[] one = new double[n];
        java.util.Arrays.fill(one, 1);
        candidates.add(new Column("intercept", null, one));
        for (Categorical c : CATEGORICAL) {
            Map<String, Integer> counts = new TreeMap<>();
            for (Observation o : obs) counts.merge(c.level().apply(o), 1, Integer::sum);
            String reference = counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
            for (String level : counts.keySet()) {
                if (level.equals(reference)) continue;
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = level.equals(c.level().apply(obs.get(i))) ? 1 : 0;
                candidates.add(new Column(c.name() + "=" + level, c.name() + "=" + reference, d));
            }
        }
        for (Numeric v : NUMERIC) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = v.value().apply(obs.get(i));
            candidates.add(new Column(v.name(), null, d));
        }
        List<Column> kept = new ArrayList<>();
        for (Column c : candidates) {
            List<Column> trial = new ArrayList<>(kept);
            trial.add(c);
            if (rank(trial, n) == trial.size()) kept.add(c);
        }
        return kept;
    }

    private static int rank(List<Column> columns, int n) {
        if (n < columns.size()) return -1;
        double[][] m = new double[n][columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            // Scaled to unit length so that the rank threshold does not depend on a regressor's units.
            double norm = 0;
            for (double v : columns.get(j).x) norm += v * v;
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) m[i][j] = norm == 0 ? 0 : columns.get(j).x[i] / norm;
        }
        return new RRQRDecomposition(new Array2DRowRealMatrix(m, false), 1e-10).getRank(1e-9);
    }
}
