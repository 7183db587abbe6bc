package org.cybermarket.input;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.Layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited files into one row per physical line, in parallel on the executors: each file is parsed
 * whole by {@link DelimitedFileParser} (vendor files are per symbol or per day and small), so line numbers
 * are exact. Columns: {@code source_file, line_number, line_kind, raw_line, reason_code, reject_detail}
 * followed by the target schema's typed fields.
 */
public final class LineReader {
    private LineReader() {}

    public static StructType schema(TargetSchema target) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("source_file", DataTypes.StringType, false),
                DataTypes.createStructField("line_number", DataTypes.LongType, true),
                DataTypes.createStructField("line_kind", DataTypes.StringType, false),
                DataTypes.createStructField("raw_line", DataTypes.StringType, true),
                DataTypes.createStructField("reason_code", DataTypes.StringType, true),
                DataTypes.createStructField("reject_detail", DataTypes.StringType, true)));
        target.fields().forEach((name, type) -> fields.add(DataTypes.createStructField(name, sparkType(type), true)));
        return DataTypes.createStructType(fields);
    }

    static DataType sparkType(FieldType t) {
        return switch (t) {
            case STRING -> DataTypes.StringType;
            case DATE -> DataTypes.DateType;
            case DOUBLE -> DataTypes.DoubleType;
        };
    }

    public static Dataset<Row> read(SparkSession spark, String glob, Layout layout, TargetSchema target) {
        List<String> files = InputPaths.list(spark, glob);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parallelism = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
        // Parsing is row-by-row Java by nature (quotes, aliases, line numbers): it runs once per file, not per query.
        JavaRDD<Row> rows = jsc.binaryFiles(String.join(",", files), parallelism).flatMap(entry -> {
            String file = displayName(entry._1());
            byte[] bytes = entry._2().toArray();
            List<ParsedLine> lines = new DelimitedFileParser(layout, target).parse(file, bytes);
            List<Row> out = new ArrayList<>(lines.size());
            for (ParsedLine l : lines) out.add(toRow(file, l, target.fields().size()));
            return out.iterator();
        });
        return spark.createDataFrame(rows, schema(target));
    }

    public static Row toRow(String file, ParsedLine l, int width) {
        Object[] cells = new Object[6 + width];
        cells[0] = file;
        cells[1] = l.lineNumber();
        cells[2] = l.kind().name();
        cells[3] = l.raw();
        cells[4] = l.reason() == null ? null : l.reason().name();
        cells[5] = l.detail();
        if (l.values() != null) System.arraycopy(l.values(), 0, cells, 6, width);
        return RowFactory.create(cells);
    }

    /** file:/a/b.csv -> /a/b.csv; other schemes keep their URI. */
    public static String displayName(String uri) {
        return uri.startsWith("file:") ? uri.substring("file:".length()).replaceFirst("^//", "") : uri;
    }
}
