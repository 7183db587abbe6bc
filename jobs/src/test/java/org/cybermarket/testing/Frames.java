package org.cybermarket.testing;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Builds small frames in the production schemas and compares frames row by row with a tolerance. */
public final class Frames {
    private Frames() {}

    public static final StructType PRICES = new StructType()
            .add("market", DataTypes.StringType).add("symbol", DataTypes.StringType).add("trade_date", DataTypes.DateType)
            .add("open_price", DataTypes.DoubleType).add("high_price", DataTypes.DoubleType).add("low_price", DataTypes.DoubleType)
            .add("close_price", DataTypes.DoubleType).add("adj_close_price", DataTypes.DoubleType)
            .add("volume", DataTypes.DoubleType).add("turnover", DataTypes.DoubleType).add("currency", DataTypes.StringType)
            .add("kind", DataTypes.StringType).add("source_file", DataTypes.StringType).add("line_number", DataTypes.LongType);

    public static final StructType SECURITIES = new StructType()
            .add("symbol", DataTypes.StringType).add("market", DataTypes.StringType).add("region", DataTypes.StringType)
            .add("name", DataTypes.StringType).add("industry", DataTypes.StringType).add("kind", DataTypes.StringType)
            .add("board", DataTypes.StringType).add("shares_outstanding", DataTypes.DoubleType);

    /** A close-only price row. */
    public static Row price(String market, String symbol, String date, double close, String kind) {
        return RowFactory.create(market, symbol, LocalDate.parse(date), null, null, null, close, null, null, null, "XXX", kind, "test", 0L);
    }

    public static Row security(String symbol, String market, String region, String industry, Double shares) {
        return RowFactory.create(symbol, market, region, symbol, industry, "stock", "Main", shares);
    }

    public static Dataset<Row> frame(StructType schema, Row... rows) {
        return SparkTest.spark().createDataFrame(Arrays.asList(rows), schema);
    }

    /** Sorted rows of the selected columns, as lists, for whole-frame comparison. */
    public static List<List<Object>> rows(Dataset<Row> df, String... columns) {
        Dataset<Row> sel = df.selectExpr(columns);
        List<List<Object>> out = new ArrayList<>();
        for (Row r : sel.collectAsList()) {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) cells.add(r.get(i));
            out.add(cells);
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    /** Compares two lists of rows; doubles within {@code tol}. */
    public static void assertRows(List<List<Object>> expected, List<List<Object>> actual, double tol) {
        assertEquals(expected.size(), actual.size(), "row count; actual: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            List<Object> e = expected.get(i);
            List<Object> a = actual.get(i);
            assertEquals(e.size(), a.size(), "row " + i + " width");
            for (int j = 0; j < e.size(); j++) {
                Object ev = e.get(j);
                Object av = a.get(j);
                if (ev instanceof Double ed && av instanceof Number an) {
                    assertEquals(ed, an.doubleValue(), tol, "row " + i + " column " + j + ": expected " + e + " got " + a);
                } else if (ev instanceof Integer ei && av instanceof Number an) {
                    assertEquals(ei.longValue(), an.longValue(), "row " + i + " column " + j + ": expected " + e + " got " + a);
                } else {
                    assertEquals(ev, av, "row " + i + " column " + j + ": expected " + e + " got " + a);
                }
            }
        }
    }
}
