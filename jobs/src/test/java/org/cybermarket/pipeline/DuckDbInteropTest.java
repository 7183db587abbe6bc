package org.cybermarket.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.store.Snapshot;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every output dataset read by DuckDB (JDBC) gives the same rows as Spark: the Parquet is plain, portable Parquet. */
class DuckDbInteropTest {
    @Test
    void duckDbReadsEveryDatasetWithTheSameRowsAsSpark() throws Exception {
        var out = SampleRun.output();
        Snapshot store = Snapshot.current(SparkTest.spark(), out.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String name : store.datasets()) {
                Dataset<Row> df = store.read(name);
                String[] cols = df.columns().clone();
                java.util.Arrays.sort(cols);
                String list = String.join(", ", java.util.Arrays.stream(cols).map(x -> "\"" + x + "\"").toList());
                List<String> duck = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select " + list + " from read_parquet('" + Outputs.dataset(out, name) + "/**/*.parquet', hive_partitioning = true)")) {
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= cols.length; i++) b.append(cell(rs.getObject(i))).append('|');
                        duck.add(b.toString());
                    }
                }
                List<String> spark = new ArrayList<>();
                for (Row r : df.selectExpr(cols).collectAsList()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < r.size(); i++) b.append(cell(r.get(i))).append('|');
                    spark.add(b.toString());
                }
                duck.sort(String::compareTo);
                spark.sort(String::compareTo);
                assertEquals(spark, duck, name);
            }
        }
    }

    /** One textual form for both engines: numbers exactly (as doubles), dates ISO, lists and text as they are. */
    static String cell(Object o) {
        if (o == null) return "null";
        if (o instanceof Number n) return n instanceof Double || n instanceof Float ? Double.toString(n.doubleValue()) : Long.toString(n.longValue());
        if (o instanceof java.sql.Timestamp t) return t.toInstant().toString();
        if (o instanceof java.time.OffsetDateTime t) return t.toInstant().toString();
        if (o instanceof java.time.Instant t) return t.toString();
        if (o instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (o instanceof java.sql.Array a) {
            try {
                return java.util.Arrays.toString((Object[]) a.getArray());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (o instanceof scala.collection.Seq<?> s) return scala.collection.JavaConverters.seqAsJavaList(s).toString();
        return o.toString();
    }
}
