package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.EventStudySettings;
import org.cybermarket.testing.SparkTest;

import java.util.List;

/**
 * Small input frames for the engine's hand-worked tests, in the schemas {@link EventStudy#run} reads, without a
 * benchmark or factors (the mean-adjusted model needs neither).
 */
final class EventStudyInputs {
    private EventStudyInputs() {}

    /** Rows (market, symbol, kind, trade_date, day_index, on_calendar, simple_return). */
    static Dataset<Row> returns(List<Row> rows) {
        return SparkTest.spark().createDataFrame(rows, new StructType().add("market", DataTypes.StringType)
                .add("symbol", DataTypes.StringType).add("kind", DataTypes.StringType).add("trade_date", DataTypes.DateType)
                .add("day_index", DataTypes.IntegerType).add("on_calendar", DataTypes.BooleanType).add("simple_return", DataTypes.DoubleType));
    }

    /** Rows (symbol, market, region, industry, kind). */
    static Dataset<Row> securities(List<Row> rows) {
        return SparkTest.spark().createDataFrame(rows, new StructType().add("symbol", DataTypes.StringType)
                .add("market", DataTypes.StringType).add("region", DataTypes.StringType).add("industry", DataTypes.StringType).add("kind", DataTypes.StringType));
    }

    /** Rows (event_id, market, day0_index). */
    static Dataset<Row> eventDays(List<Row> rows) {
        return SparkTest.spark().createDataFrame(rows, new StructType()
                .add("event_id", DataTypes.StringType).add("market", DataTypes.StringType).add("day0_index", DataTypes.IntegerType));
    }

    /** The study of these frames with no benchmark and no factors. */
    static EventStudy.Result run(Dataset<Row> returns, Dataset<Row> securities, Dataset<Row> eventDays, EventStudySettings settings) {
        var spark = SparkTest.spark();
        Dataset<Row> noBenchmarks = spark.createDataFrame(List.of(), new StructType().add("market", DataTypes.StringType)
                .add("benchmark_symbol", DataTypes.StringType));
        Dataset<Row> noFactors = spark.createDataFrame(List.of(), new StructType().add("region", DataTypes.StringType)
                .add("trade_date", DataTypes.DateType).add("mkt_rf", DataTypes.DoubleType).add("smb", DataTypes.DoubleType)
                .add("hml", DataTypes.DoubleType).add("rf", DataTypes.DoubleType).add("mom", DataTypes.DoubleType));
        return EventStudy.run(spark, returns, securities, eventDays, noBenchmarks, noFactors, settings);
    }
}
