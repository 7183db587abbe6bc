package org.cybermarket.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Shared ingest transforms over the per-line frames of {@link org.cybermarket.io.LineReader}:
 * duplicate handling, the row status, the rejects and the per-file reconciliation.
 */
public final class RowStatus {
    public static final String KEPT = "kept";
    public static final String REJECTED = "rejected";
    public static final String DUPLICATE = "duplicate";

    private RowStatus() {}

    /**
     * Adds {@code row_status} to DATA lines. Among rows without a reason that share {@code keys}: if their
     * {@code values} all agree, the first by (source_file, line_number) is kept and the others are exact
     * duplicates; if they disagree, every one is rejected as DUPLICATE_CONFLICT (nobody can say which is right).
     */
    public static Dataset<Row> withRowStatus(Dataset<Row> dataLines, List<String> keys, List<String> values) {
        Column[] keyCols = keys.stream().map(functions::col).toArray(Column[]::new);
        WindowSpec byKey = Window.partitionBy(keyCols);
        Column signature = to_json(struct(values.stream().map(functions::col).toArray(Column[]::new)));
        Dataset<Row> good = dataLines.filter(col("reason_code").isNull())
                .withColumn("_sig_count", size(collect_set(signature).over(byKey)))
                .withColumn("_ordinal", row_number().over(byKey.orderBy(col("source_file"), col("line_number"))));
        Dataset<Row> classified = good
                .withColumn("reason_code", when(col("_sig_count").gt(1), lit("DUPLICATE_CONFLICT")))
                .withColumn("reject_detail", when(col("_sig_count").gt(1),
                        concat(lit("conflicting values for the same "), lit(String.join("+", keys)),
                                lit(" in "), col("_sig_count").cast("string"), lit(" versions"))))
                .withColumn("row_status", when(col("_sig_count").gt(1), lit(REJECTED))
                        .when(col("_ordinal").gt(1), lit(DUPLICATE)).otherwise(lit(KEPT)))
                .drop("_sig_count", "_ordinal");
        Dataset<Row> bad = dataLines.filter(col("reason_code").isNotNull()).withColumn("row_status", lit(REJECTED));
        return classified.unionByName(bad);
    }

    /** Rejected rows in the rejects contract. */
    public static Dataset<Row> rejects(Dataset<Row> classified, String dataset) {
        return classified.filter(col("row_status").equalTo(REJECTED))
                .select(lit(dataset).as("dataset"), col("source_file"), col("line_number"), col("raw_line"),
                        col("reason_code"), col("reject_detail"));
    }

    /**
     * One row per file: every physical line is counted once, and rows read = kept + rejected + duplicates.
     *
     * @param allLines   every line of the files (all kinds)
     * @param classified the DATA lines with {@code row_status}
     */
    public static Dataset<Row> reconciliation(Dataset<Row> allLines, Dataset<Row> classified, String dataset) {
        Dataset<Row> lines = allLines.groupBy("source_file").agg(
                count(lit(1)).as("lines_total"),
                kindCount("PREAMBLE", "preamble_lines"), kindCount("HEADER", "header_lines"),
                kindCount("BLANK", "blank_lines"), kindCount("FOOTER", "footer_lines"), kindCount("DATA", "rows_read"));
        Dataset<Row> status = classified.groupBy("source_file").agg(
                statusCount(KEPT, "rows_kept"), statusCount(REJECTED, "rows_rejected"), statusCount(DUPLICATE, "rows_duplicate"));
        return lines.join(status, lines.col("source_file").equalTo(status.col("source_file")), "left")
                .select(lit(dataset).as("dataset"), lines.col("source_file"), col("lines_total"), col("preamble_lines"),
                        col("header_lines"), col("blank_lines"), col("footer_lines"), col("rows_read"),
                        coalesce(col("rows_kept"), lit(0L)).as("rows_kept"),
                        coalesce(col("rows_rejected"), lit(0L)).as("rows_rejected"),
                        coalesce(col("rows_duplicate"), lit(0L)).as("rows_duplicate"))
                .withColumn("balanced", col("rows_read").equalTo(col("rows_kept").plus(col("rows_rejected")).plus(col("rows_duplicate")))
                        .and(col("lines_total").equalTo(col("rows_read").plus(col("preamble_lines")).plus(col("header_lines"))
                                .plus(col("blank_lines")).plus(col("footer_lines")))));
    }

    private static Column kindCount(String kind, String name) {
        return sum(when(col("line_kind").equalTo(kind), 1L).otherwise(0L)).as(name);
    }

    private static Column statusCount(String status, String name) {
        return sum(when(col("row_status").equalTo(status), 1L).otherwise(0L)).as(name);
    }

    /** A row-level check: rows where {@code failsWhen} holds are rejected with {@code reason} and {@code detail}. */
    public record Check(Column failsWhen, String reason, Column detail) {}

    /**
     * Sets reason_code and reject_detail on DATA lines from the first failing check, keeping a reason the parser
     * already gave. One flat coalesce: each check is evaluated independently of the others.
     */
    public static Dataset<Row> withChecks(Dataset<Row> lines, List<Check> checks) {
        Column data = col("line_kind").equalTo("DATA");
        Column[] reasons = new Column[checks.size() + 1];
        Column[] details = new Column[checks.size() + 1];
        reasons[0] = col("reason_code");
        details[0] = when(col("reason_code").isNotNull(), col("reject_detail"));
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            Column fails = data.and(coalesce(c.failsWhen(), lit(false)));
            reasons[i + 1] = when(fails, lit(c.reason()));
            details[i + 1] = when(fails, c.detail());
        }
        return lines.withColumn("reject_detail", coalesce(details)).withColumn("reason_code", coalesce(reasons));
    }
}
