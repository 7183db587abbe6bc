package org.cybermarket.eventstudy;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;

/**
 * Normal-return model parameters per (event, security) at constant cost per pair, however many events there are.
 * Each security's days are first summed per segment ({@link Segments}: the days between two consecutive window
 * boundaries of any event), a hash aggregation with no sort of the daily rows, giving every moment the model needs
 * (n, sum y, sum y^2, sum x_k, sum x_k y, sum x_j x_k over usable days). Every estimation window is a run of whole
 * segments, so a security's segment rows (at most 2E + 1 for E events), read in order in one task
 * ({@link WindowSums}), give each event's window sums by adding the segments between the window's two boundaries;
 * the OLS parameters and the residual variance follow in closed form. Missing days need no care: a segment holds
 * whatever days the security has. No (event, security, estimation day) row is ever built.
 *
 * <p>Accuracy: each window's sums are added directly from its segments (no difference of running sums over the
 * whole history); the engine is checked against a direct, row-by-row reference to 1e-10 (EventStudyTest,
 * FactorModelTest).
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
        // boundaries of any event. Every estimation window is a run of whole segments, so the window sums need
        // one row per (security, segment) instead of one per day: a hash aggregation, no sort of the daily rows.
        Segments seg = Segments.of(eventDays, start, end);
        SparkSession spark = daily.sparkSession();
        List<Column> segmentSums = new ArrayList<>();
        for (Map.Entry<String, Column> m : moments.entrySet()) segmentSums.add(sum(m.getValue()).as(m.getKey()));
        Dataset<Row> bySegment = daily.join(broadcast(seg.days(spark)), keys("market", "day_index"), "inner")
                .groupBy("_sid", "_seg").agg(segmentSums.get(0), segmentSums.subList(1, segmentSums.size()).toArray(Column[]::new));

        // Each security's segments, in order, in one task (at most 2E + 1 rows each): every event's window is the
        // run of segments after _before_seg up to _last_seg, summed directly. Each candidate security's rows start
        // with a header row (segment -1, before every window) naming its symbol and market, so a candidate with no
        // day in any estimation window still gets a row with zero days per event, as the exclusions expect.
        List<String> names = new ArrayList<>(moments.keySet());
        List<Column> header = new ArrayList<>(List.of(col("_sid"), lit(WindowSums.HEADER).as("_seg"), col("symbol"), col("market")));
        List<Column> data = new ArrayList<>(List.of(col("_sid"), col("_seg"), lit(null).cast("string").as("symbol"), lit(null).cast("string").as("market")));
        for (String m : names) {
            header.add(lit(null).cast(m.equals("rows") || m.equals("n") ? "bigint" : "double").as(m));
            data.add(col(m));
        }
        Dataset<Row> s = bySegment.select(data.toArray(Column[]::new))
                .union(candidates.select("_sid", "symbol", "market").distinct().select(header.toArray(Column[]::new)))
                .repartition(col("_sid")).sortWithinPartitions("_sid", "_seg")
                .mapPartitions(new WindowSums(seg, names.size()), Encoders.row(WindowSums.schema(names)));
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

    /**
     * The estimation-window sums of every (event, security) pair from one security's segment rows at a time
     * ({@code _sid, _seg, symbol, market, rows, n, <doubles>...}, sorted by _sid and _seg; a candidate's first row is
     * its header, segment {@link #HEADER}, with its symbol and market): for each event of the security's market,
     * the sum of the rows whose segment is after {@code _before_seg} and at most {@code _last_seg}. A Java function on
     * the aggregated segments (about 2E + 1 rows per security, not the daily rows): picking each window's run of
     * segments in SQL needs marker rows, running sums and a second sort (the previous design).
     */
    static final class WindowSums implements MapPartitionsFunction<Row, Row> {
        static final int HEADER = -1;
        private static final int FIRST_MOMENT = 4;
        private final Map<String, List<Object[]>> events = new HashMap<>(); // market -> (event_id, before, last)
        private final int moments;

        WindowSums(Segments seg, int moments) {
            for (Row r : seg.eventRows()) events.computeIfAbsent(r.getString(1), m -> new ArrayList<>()).add(new Object[] {r.getString(0), r.getInt(2), r.getInt(3)});
            this.moments = moments;
        }

        /** event_id, symbol, then the moments: rows and n as counts, the others as doubles. */
        static StructType schema(List<String> names) {
            StructType t = new StructType().add("event_id", DataTypes.StringType).add("symbol", DataTypes.StringType);
            for (String m : names) t = t.add(m, m.equals("rows") || m.equals("n") ? DataTypes.LongType : DataTypes.DoubleType);
            return t;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            BufferedIterator<Row> in = new BufferedIterator<>(input);
            List<Row> out = new ArrayList<>();
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    while (next == out.size() && in.hasNext()) {
                        out.clear();
                        next = 0;
                        security(in, out);
                    }
                    return next < out.size();
                }

                @Override
                public Row next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    return out.get(next++);
                }
            };
        }

        /** Reads one security's segment rows and adds a row per event of its market. */
        private void security(BufferedIterator<Row> in, List<Row> out) {
            Row first = in.peek();
            int sid = first.getInt(0);
            boolean candidate = first.getInt(1) == HEADER;
            String symbol = candidate ? first.getString(2) : null, market = candidate ? first.getString(3) : null;
            List<Integer> segs = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            while (in.hasNext() && in.peek().getInt(0) == sid) {
                Row r = in.next();
                if (r.getInt(1) == HEADER) continue;
                double[] v = new double[moments];
                for (int i = 0; i < moments; i++) {
                    if (r.isNullAt(FIRST_MOMENT + i)) continue;
                    v[i] = i < 2 ? r.getLong(FIRST_MOMENT + i) : r.getDouble(FIRST_MOMENT + i);
                }
                segs.add(r.getInt(1));
                values.add(v);
            }
            if (!candidate) return;
            for (Object[] e : events.getOrDefault(market, List.of())) {
                int before = (int) e[1], last = (int) e[2];
                double[] sum = new double[moments];
                long rows = 0, n = 0;
                for (int k = 0; k < segs.size() && segs.get(k) <= last; k++) {
                    if (segs.get(k) <= before) continue;
                    double[] v = values.get(k);
                    rows += (long) v[0];
                    n += (long) v[1];
                    for (int i = 2; i < moments; i++) sum[i] += v[i];
                }
                Object[] cells = new Object[2 + moments];
                cells[0] = e[0];
                cells[1] = symbol;
                cells[2] = rows;
                cells[3] = n;
                for (int i = 2; i < moments; i++) cells[2 + i] = sum[i];
                out.add(RowFactory.create(cells));
            }
        }
    }

    /** An iterator that can look at its next element without taking it. */
    static final class BufferedIterator<T> implements Iterator<T> {
        private final Iterator<T> it;
        private T head;
        private boolean has;

        BufferedIterator(Iterator<T> it) {
            this.it = it;
        }

        T peek() {
            if (!has) {
                head = it.next();
                has = true;
            }
            return head;
        }

        @Override
        public boolean hasNext() {
            return has || it.hasNext();
        }

        @Override
        public T next() {
            T t = peek();
            has = false;
            return t;
        }
    }

    private static boolean hasColumn(Dataset<Row> df, String name) {
        return List.of(df.columns()).contains(name);
    }
}
