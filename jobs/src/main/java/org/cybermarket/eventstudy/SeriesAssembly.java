package org.cybermarket.eventstudy;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings each security's return rows and requests together once. Map side, each task groups its rows by security
 * into one chunk (a few chunks per security instead of a row per day); after one shuffle by security, each
 * security's chunks become one {@link SecuritySeries}.
 */
final class SeriesAssembly {
    private SeriesAssembly() {}

    /** A chunk: a security's return days from one task (day_index, trade_date, simple_return), or its requests. */
    static final StructType CHUNK = new StructType().add("_sid", DataTypes.IntegerType)
            .add("market", DataTypes.StringType).add("symbol", DataTypes.StringType)
            .add("region", DataTypes.StringType).add("industry", DataTypes.StringType)
            .add("day_index", DataTypes.BinaryType).add("trade_date", DataTypes.BinaryType).add("simple_return", DataTypes.BinaryType)
            .add("event_id", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("day0_index", DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add("left_out", DataTypes.BinaryType); // day indices left out of estimation (Packed ints), return chunks only

    /**
     * Return rows (_sid: an integer per requested security, day_index, trade_date as days since 1970-01-01,
     * simple_return, left_out_of_estimation) to one chunk per security. Integers only: no string is built per row.
     */
    static final class ReturnChunks implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Map<Integer, Days> bySecurity = new LinkedHashMap<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                bySecurity.computeIfAbsent(r.getInt(0), Days::new).add(r.getInt(1), r.getInt(2), r.getDouble(3), r.getBoolean(4));
            }
            return bySecurity.values().stream().map(Days::row).iterator();
        }
    }

    private static final class Days {
        final int sid;
        int[] day = new int[64], date = new int[64];
        double[] r = new double[64];
        int n;
        int[] leftOut = new int[0];
        int nLeftOut;

        Days(int sid) {
            this.sid = sid;
        }

        void add(int d, int dt, double v, boolean leftOutOfEstimation) {
            if (leftOutOfEstimation) {
                if (nLeftOut == leftOut.length) leftOut = Arrays.copyOf(leftOut, Math.max(4, 2 * nLeftOut));
                leftOut[nLeftOut++] = d;
            }
            if (n == day.length) {
                day = Arrays.copyOf(day, 2 * n);
                date = Arrays.copyOf(date, 2 * n);
                r = Arrays.copyOf(r, 2 * n);
            }
            day[n] = d;
            date[n] = dt;
            r[n++] = v;
        }

        Row row() {
            return RowFactory.create(sid, null, null, null, null, Packed.ints(day, n), Packed.ints(date, n), Packed.doubles(r, n), null, null,
                    Packed.ints(leftOut, nLeftOut));
        }
    }

    /** Request rows (_sid, event_id, market, symbol, day0_index, region, industry) to one chunk per security. */
    @SuppressWarnings("unchecked")
    static final class RequestChunks implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Map<Integer, Object[]> bySecurity = new LinkedHashMap<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                Object[] c = bySecurity.computeIfAbsent(r.getInt(0), k -> new Object[]{k, r.getString(2), r.getString(3),
                        r.getString(5), r.getString(6), null, null, null, new ArrayList<String>(), new ArrayList<Integer>(), null});
                ((List<String>) c[8]).add(r.getString(1));
                ((List<Integer>) c[9]).add(r.getInt(4));
            }
            return bySecurity.values().stream().map(c -> {
                c[8] = ((List<String>) c[8]).toArray(String[]::new);
                c[9] = ((List<Integer>) c[9]).toArray(Integer[]::new);
                return RowFactory.create(c);
            }).iterator();
        }
    }

    /** After the shuffle by security: each requested security's chunks as one {@link SecuritySeries} row. */
    static final class Merge implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Map<Integer, List<Row>> bySecurity = new HashMap<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                bySecurity.computeIfAbsent(r.getInt(0), k -> new ArrayList<>()).add(r);
            }
            List<Integer> keys = new ArrayList<>(bySecurity.keySet());
            keys.sort(Comparator.naturalOrder()); // ids follow (market, symbol)
            Iterator<Integer> it = keys.iterator();
            return new Iterator<>() {
                Row next = advance();

                private Row advance() {
                    while (it.hasNext()) {
                        SecuritySeries s = series(bySecurity.remove(it.next()));
                        if (s != null) return s.toRow();
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Row next() {
                    Row r = next;
                    next = advance();
                    return r;
                }
            };
        }

        /** One security's chunks; null when nothing is requested of it. */
        static SecuritySeries series(List<Row> chunks) {
            String market = null, symbol = null, region = null, industry = null;
            List<String[]> requests = new ArrayList<>(); // event_id, day0
            int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
            List<int[]> days = new ArrayList<>(), dates = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            List<Integer> leftOut = new ArrayList<>();
            for (Row c : chunks) {
                if (c.isNullAt(5)) {
                    market = c.getString(1);
                    symbol = c.getString(2);
                    region = c.getString(3);
                    industry = c.getString(4);
                    List<String> ev = c.getList(8);
                    List<Integer> d0 = c.getList(9);
                    for (int i = 0; i < ev.size(); i++) requests.add(new String[]{ev.get(i), Integer.toString(d0.get(i))});
                } else {
                    int[] d = Packed.ints((byte[]) c.get(5));
                    for (int x : d) {
                        lo = Math.min(lo, x);
                        hi = Math.max(hi, x);
                    }
                    days.add(d);
                    dates.add(Packed.ints((byte[]) c.get(6)));
                    values.add(Packed.doubles((byte[]) c.get(7)));
                    for (int left : Packed.ints((byte[]) c.get(10))) leftOut.add(left);
                }
            }
            if (requests.isEmpty()) return null;
            requests.sort(Comparator.comparing(q -> q[0]));
            int span = days.isEmpty() ? 0 : hi - lo + 1;
            double[] returns = new double[span];
            int[] date = new int[span];
            Arrays.fill(returns, Double.NaN);
            for (int k = 0; k < days.size(); k++) {
                for (int i = 0; i < days.get(k).length; i++) {
                    returns[days.get(k)[i] - lo] = values.get(k)[i];
                    date[days.get(k)[i] - lo] = dates.get(k)[i];
                }
            }
            BitSet left = new BitSet();
            for (int d : leftOut) left.set(d - lo);
            return new SecuritySeries(market, symbol, region, industry, days.isEmpty() ? 0 : lo, returns, date,
                    requests.stream().map(q -> q[0]).toArray(String[]::new), requests.stream().mapToInt(q -> Integer.parseInt(q[1])).toArray(),
                    left);
        }
    }
}
