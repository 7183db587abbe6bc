package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Flagged days (quality warnings) in the windows of a study: listed in es_estimation_flags, and with
 * event_study.exclude_from_estimation left out of the fit exactly as if the security had no return that day.
 * Fixture: EventStudyTest's market (E1 day 0 at index 30, estimation [-25, -6] = indices 5..24, event [-3, 3]).
 */
class EstimationFlagsTest {
    static Dataset<Row> warnings;

    @BeforeAll
    static void fixture() {
        if (EventStudyTest.inputs == null) EventStudyTest.run();
        StructType schema = new StructType().add("check", DataTypes.StringType).add("severity", DataTypes.StringType)
                .add("market", DataTypes.StringType).add("symbol", DataTypes.StringType).add("trade_date", DataTypes.DateType)
                .add("observed", DataTypes.DoubleType).add("threshold", DataTypes.DoubleType).add("message", DataTypes.StringType);
        warnings = SparkTest.spark().createDataFrame(List.of(
                RowFactory.create("JUMP_BEYOND_LIMIT", "WARNING", "XTST", "S4", EventStudyTest.date(15), -0.33, 0.10, "bonus shares?"),
                RowFactory.create("STALE_PRICE", "WARNING", "XTST", "S1", EventStudyTest.date(20), 12.0, 5.0, "stale"),
                RowFactory.create("JUMP_BEYOND_LIMIT", "WARNING", "XTST", "S1", EventStudyTest.date(31), 0.12, 0.10, "in the event window"),
                RowFactory.create("JUMP_BEYOND_LIMIT", "WARNING", "XTST", "S4", EventStudyTest.date(2), 0.5, 0.10, "before every window")),
                schema);
    }

    @Test
    void aFlaggedEstimationDayIsLeftOutExactlyAsIfTheSecurityHadNoReturnThatDay() {
        List<Dataset<Row>> in = EventStudyTest.inputs;
        Dataset<Row> returns = in.get(0);
        Dataset<Row> marked = EstimationFlags.markLeftOut(returns, warnings, List.of("JUMP_BEYOND_LIMIT"));
        Dataset<Row> gap = returns.where(col("symbol").notEqual("S4").or(col("day_index").notEqual(15)));
        var spark = SparkTest.spark();
        EventStudy.Result left = EventStudy.run(spark, marked, in.get(1), in.get(2), in.get(3), in.get(4), EventStudyTest.SETTINGS);
        EventStudy.Result missing = EventStudy.run(spark, gap, in.get(1), in.get(2), in.get(3), in.get(4), EventStudyTest.SETTINGS);
        Outputs.assertSameRows(missing.securityWindows(), left.securityWindows(), "es_security_windows");
        Outputs.assertSameRows(missing.securityDays(), left.securityDays(), "es_security_days");
        Outputs.assertSameRows(missing.groupDays(), left.groupDays(), "es_group_days");
        Outputs.assertSameRows(missing.groupWindows(), left.groupWindows(), "es_group_windows");
        Outputs.assertSameRows(missing.exclusions(), left.exclusions(), "es_exclusions");

        // The event-window jump of S1 (index 31) is a jump the study is about: never left out, and the default uses every day.
        EventStudy.Result all = EventStudy.run(spark, returns, in.get(1), in.get(2), in.get(3), in.get(4), EventStudyTest.SETTINGS);
        long l = left.securityWindows().where("symbol = 'S4' and event_id = 'E1'").first().getAs("estimation_days");
        long a = all.securityWindows().where("symbol = 'S4' and event_id = 'E1'").first().getAs("estimation_days");
        assertEquals(a - 1, l, "one estimation day fewer for S4 in E1");
        Outputs.assertSameRows(all.securityWindows().where("symbol = 'S1'"), left.securityWindows().where("symbol = 'S1'"), "S1 untouched");
    }

    @Test
    void everyWarningInsideAStudysWindowsIsListedWithWhetherTheFitLeftItOut() {
        List<Dataset<Row>> in = EventStudyTest.inputs;
        Dataset<Row> eventDays = SparkTest.spark().createDataFrame(List.of(
                        RowFactory.create("E1", "XTST", EventStudyTest.date(5), EventStudyTest.date(24), EventStudyTest.date(27), EventStudyTest.date(33)),
                        RowFactory.create("E2", "XTST", EventStudyTest.date(8), EventStudyTest.date(27), EventStudyTest.date(30), EventStudyTest.date(36))),
                new StructType().add("event_id", DataTypes.StringType).add("market", DataTypes.StringType)
                        .add("estimation_start_date", DataTypes.DateType).add("estimation_end_date", DataTypes.DateType)
                        .add("event_start_date", DataTypes.DateType).add("event_end_date", DataTypes.DateType));
        Dataset<Row> studied = EventStudyTest.result.securityWindows().select("event_id", "market", "symbol");
        Dataset<Row> flags = EstimationFlags.flags(warnings, eventDays, studied, List.of("JUMP_BEYOND_LIMIT"));
        // S4's jump (day 15) is in both estimation windows; S1's stale day 20 too, but STALE_PRICE is not left out;
        // S1's jump on day 31 is in both event windows; S4's day 2 is before every window.
        List<String> got = flags.orderBy("event_id", "symbol", "trade_date").collectAsList().stream()
                .map(r -> r.getAs("event_id") + " " + r.getAs("symbol") + " " + r.getAs("trade_date") + " " + r.getAs("window") + " "
                        + r.getAs("check") + " " + r.getAs("left_out_of_estimation")).toList();
        assertEquals(List.of(
                "E1 S1 2024-01-21 estimation STALE_PRICE false",
                "E1 S1 2024-02-01 event JUMP_BEYOND_LIMIT false",
                "E1 S4 2024-01-16 estimation JUMP_BEYOND_LIMIT true",
                "E2 S1 2024-01-21 estimation STALE_PRICE false",
                "E2 S1 2024-02-01 event JUMP_BEYOND_LIMIT false",
                "E2 S4 2024-01-16 estimation JUMP_BEYOND_LIMIT true"), got);
    }
}
