package org.cybermarket.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Shared ingest transforms over the per-line frames of {@link org.cybermarket.input.LineReader}:
 * duplicate handling, the row status, the rejects and the per-file reconciliation.
 */
public final class RowStatus {
    public static final String KEPT = "kept";
    public static final String REJECTED = "rejected";
    public static final String DUPLICATE = "duplicate";
    public static final String SUPERSEDED = "superseded";
    public static final String BEFORE_MIN_DATE = "before_min_date";
    public static final String AFTER_AS_OF = "after_as_of";

    /** Columns every line frame carries for the row status: which configured input a line came from, and its priority. */
    public static final String SOURCE_INPUT = "source_input";
    public static final String SOURCE_PRIORITY = "source_priority";

    private RowStatus() {}

    /**
     * Adds {@code row_status} to the DATA lines of a line frame (other lines keep a null status), so that one frame,
     * cached once, gives the kept rows, the rejects and the reconciliation.
     * <ul>
     * <li>Rows outside the date scope ({@code scope} gives BEFORE_MIN_DATE or AFTER_AS_OF, null inside) are not read
     *     further: they are counted, not rejected, and take no part in duplicate handling.</li>
     * <li>Rows with a reason are REJECTED.</li>
     * <li>Among the other rows that share {@code keys}: identical values everywhere -> the first (best priority,
     *     then file and line) is kept and the others are exact duplicates.</li>
     * <li>Different values, every row with a priority, and the best priority held by one input: that input wins; the
     *     other inputs' rows are SUPERSEDED (listed with the winning file and line), or duplicates where they agree with
     *     it. Inside the winning input, rows that disagree are all DUPLICATE_CONFLICT (one source contradicting itself).</li>
     * <li>Different values otherwise: every one is rejected as DUPLICATE_CONFLICT (nobody can say which is right).</li>
     * </ul>
     * Two window passes over the rows of a key, as before priorities existed: one unordered (every aggregate in one
     * select, so that they share it) and one ordered by (priority, file, line) for the first row.
     */
    public static Dataset<Row> withRowStatus(Dataset<Row> lines, List<String> keys, List<String> values, Column scope) {
        Column[] keyCols = keys.stream().map(functions::col).toArray(Column[]::new);
        WindowSpec byKey = Window.partitionBy(keyCols);
        Column priority = col(SOURCE_PRIORITY);
        WindowSpec ordered = byKey.orderBy(priority.asc_nulls_last(), col("source_file"), col("line_number"));
        Column isData = col("line_kind").equalTo("DATA");
        Dataset<Row> scoped = lines.withColumn("row_status", when(isData, scope));
        Column candidate = isData.and(col("row_status").isNull()).and(col("reason_code").isNull());
        Dataset<Row> others = scoped.filter(not(candidate))
                .withColumn("row_status", when(isData.and(col("row_status").isNull()), lit(REJECTED)).otherwise(col("row_status")));
        Dataset<Row> good = scoped.filter(candidate)
                .withColumn("_sig", to_json(struct(values.stream().map(functions::col).toArray(Column[]::new))))
                .select(col("*"),
                        size(collect_set("_sig").over(byKey)).as("_sigs"),
                        size(collect_set(SOURCE_INPUT).over(byKey)).as("_inputs"),
                        min(priority).over(byKey).as("_best"),
                        max(when(priority.isNull(), 1).otherwise(0)).over(byKey).as("_unranked"),
                        // the lowest and the highest input holding the best priority: one input when they agree
                        min(struct(priority.as("p"), col(SOURCE_INPUT).as("i"))).over(byKey).as("_low"),
                        max(struct(negate(priority).as("p"), col(SOURCE_INPUT).as("i"))).over(byKey).as("_high"),
                        collect_set(struct(priority.as("p"), col("_sig").as("s"))).over(byKey).as("_versions"),
                        row_number().over(ordered).as("_ordinal"),
                        first(struct(priority.as("p"), col("source_file").as("f"), col("line_number").as("l"), col("_sig").as("s")))
                                .over(ordered).as("_winner"));
        Column isBest = coalesce(priority.equalTo(col("_best")), lit(false));
        Column identical = col("_sigs").equalTo(1);
        Column resolvable = col("_unranked").equalTo(0).and(col("_low.i").equalTo(col("_high.i")));
        Column winnerAgrees = expr("size(filter(_versions, v -> v.p = _best))").equalTo(1);
        Column conflict = not(identical).and(not(resolvable).or(isBest.and(not(winnerAgrees))));
        Column superseded = not(identical).and(resolvable).and(not(isBest))
                .and(not(winnerAgrees).or(col("_sig").notEqual(col("_winner.s"))));
        String keyNames = String.join("+", keys);
        Dataset<Row> classified = good
                .withColumn("reason_code", when(conflict, lit("DUPLICATE_CONFLICT")).when(superseded, lit("SUPERSEDED")))
                .withColumn("reject_detail", when(conflict, concat(lit("conflicting values for the same " + keyNames + " in "),
                                col("_sigs").cast("string"), lit(" versions"),
                                when(col("_inputs").gt(1).and(not(resolvable)), concat(lit(" from "), col("_inputs").cast("string"),
                                        lit(" inputs, and no 'priority' on them says which wins"))).otherwise(lit("")),
                                when(isBest.and(resolvable), lit(" within the winning input")).otherwise(lit(""))))
                        .when(superseded, concat(lit("superseded by "), col("_winner.f"), lit(" line "),
                                coalesce(col("_winner.l").cast("string"), lit("-")), lit(" (priority "), col("_winner.p").cast("string"),
                                lit(" over "), priority.cast("string"), lit(")"))))
                .withColumn("row_status", when(conflict, lit(REJECTED)).when(superseded, lit(SUPERSEDED))
                        .when(col("_ordinal").gt(1), lit(DUPLICATE)).otherwise(lit(KEPT)))
                .drop("_sig", "_sigs", "_inputs", "_best", "_unranked", "_low", "_high", "_versions", "_ordinal", "_winner");
        return classified.unionByName(others);
    }

    /** The date scope of dated inputs: rows before {@code minDate} or after {@code asOf} (up to {@code today}) are out of it. */
    public static Column dateScope(LocalDate minDate, LocalDate asOf, LocalDate today) {
        Column d = col("trade_date");
        return when(d.lt(lit(minDate)), lit(BEFORE_MIN_DATE)).when(d.gt(lit(asOf)).and(d.leq(lit(today))), lit(AFTER_AS_OF));
    }

    /** Rows not kept that users look for: rejected rows and rows another source superseded, in the rejects contract. */
    public static Dataset<Row> rejects(Dataset<Row> classified, String dataset) {
        return classified.filter(col("row_status").isin(REJECTED, SUPERSEDED))
                .select(lit(dataset).as("dataset"), col("source_file"), col("line_number"), col("raw_line"),
                        col("reason_code"), col("reject_detail"));
    }

    /**
     * One row per file: every physical line is counted once, and rows read = kept + rejected + duplicates + superseded +
     * before the minimum date + after the as-of date. One aggregation over the frame of {@link #withRowStatus}.
     */
    public static Dataset<Row> reconciliation(Dataset<Row> classified, String dataset) {
        List<String> statuses = List.of(KEPT, REJECTED, DUPLICATE, SUPERSEDED, BEFORE_MIN_DATE, AFTER_AS_OF);
        List<String> names = List.of("rows_kept", "rows_rejected", "rows_duplicate", "rows_superseded", "rows_before_min_date", "rows_after_as_of");
        List<Column> aggs = new java.util.ArrayList<>(List.of(kindCount("PREAMBLE", "preamble_lines"), kindCount("HEADER", "header_lines"),
                kindCount("BLANK", "blank_lines"), kindCount("FOOTER", "footer_lines"), kindCount("DATA", "rows_read")));
        for (int i = 0; i < statuses.size(); i++) aggs.add(statusCount(statuses.get(i), names.get(i)));
        Column accounted = lit(0L);
        for (String n : names) accounted = accounted.plus(col(n));
        List<Column> out = new java.util.ArrayList<>(List.of(lit(dataset).as("dataset"), col("source_file"), col("lines_total"),
                col("preamble_lines"), col("header_lines"), col("blank_lines"), col("footer_lines"), col("rows_read")));
        for (String n : names) out.add(col(n));
        out.add(col("rows_read").equalTo(accounted)
                .and(col("lines_total").equalTo(col("rows_read").plus(col("preamble_lines")).plus(col("header_lines"))
                        .plus(col("blank_lines")).plus(col("footer_lines")))).as("balanced"));
        return classified.groupBy("source_file").agg(count(lit(1)).as("lines_total"), aggs.toArray(Column[]::new))
                .select(out.toArray(Column[]::new));
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
