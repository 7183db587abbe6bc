package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.config.EventStudySettings;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.RealData;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The China files are unadjusted: bonus issues of 688244 (2024-06-17) and 688201 (2023-07-10) show as one-day
 * drops of about a third, inside the estimation window of the XSHG Cybersecurity study of the CrowdStrike outage.
 * The outputs say so (es_estimation_flags), and event_study.exclude_from_estimation leaves them out of the fit.
 */
class RealDataCorporateActionsTest {
    static final String EVENT = "crowdstrike-2024-07-19";

    @Test
    void theBonusShareDropsInsideTheXshgEstimationWindowAreListedAndUsedByDefault() throws Exception {
        Path out = RealData.pipelineOutput();
        List<Row> jumps = SparkTest.spark().read().parquet(Outputs.dataset(out, "es_estimation_flags"))
                .where("event_id = '" + EVENT + "' and check = 'JUMP_BEYOND_LIMIT' and symbol in ('688244', '688201')")
                .orderBy("trade_date").collectAsList();
        assertEquals(2, jumps.size(), jumps.toString());
        // The day's close over the previous close in data/real/cn_daily (unadjusted): 688201 and 688244.
        assertEquals("688201 2023-07-10 estimation", jumps.get(0).getAs("symbol") + " " + jumps.get(0).getAs("trade_date") + " " + jumps.get(0).getAs("window"));
        assertEquals(-0.321, jumps.get(0).<Double>getAs("observed"), 0.0005);
        assertEquals("688244 2024-06-17 estimation", jumps.get(1).getAs("symbol") + " " + jumps.get(1).getAs("trade_date") + " " + jumps.get(1).getAs("window"));
        assertEquals(-0.332, jumps.get(1).<Double>getAs("observed"), 0.0005);
        for (Row r : jumps) assertFalse(r.<Boolean>getAs("left_out_of_estimation"), "the default config uses every day");
    }

    /** With the option, 688244's fit equals an independent fit of its returns without the flagged days. */
    @Test
    void leftOutOfTheEstimationTheFitEqualsAnIndependentFitWithoutThoseDays() throws Exception {
        Path out = RealData.pipelineOutput();
        var spark = SparkTest.spark();
        Dataset<Row> returns = spark.read().parquet(Outputs.dataset(out, "returns"));
        Dataset<Row> warnings = spark.read().parquet(Outputs.dataset(out, "quality_warnings"));
        Dataset<Row> securities = spark.read().parquet(Outputs.dataset(out, "securities")).where("market = 'XSHG'");
        Dataset<Row> eventDays = spark.read().parquet(Outputs.dataset(out, "event_days"))
                .where("event_id = '" + EVENT + "' and market = 'XSHG'").select("event_id", "market", "day0_index");
        Dataset<Row> benchmarks = spark.sql("select 'XSHG' as market, '000300.SH' as benchmark_symbol");
        Dataset<Row> factors = spark.read().parquet(Outputs.dataset(out, "factors"));
        EventStudySettings settings = new EventStudySettings("market_model", List.of(-250, -11), List.of(-5, 5), null, 100, null, "all",
                List.of("JUMP_BEYOND_LIMIT"));
        EventStudy.Result r = EventStudy.run(spark, EstimationFlags.markLeftOut(returns, warnings, settings.excludeFromEstimation()),
                securities, eventDays, benchmarks, factors, settings);
        Row engine = r.securityWindows().where("symbol = '688244' and car_window = 'car_0_0'").first();

        int day0 = eventDays.first().getInt(2);
        Map<Integer, Double> ri = byOffset(returns.where("market = 'XSHG' and symbol = '688244'"), day0);
        Map<Integer, Double> rm = byOffset(returns.where("market = 'XSHG' and symbol = '000300.SH'"), day0);
        int flagged = 0;
        for (Row w : warnings.where("symbol = '688244' and market = 'XSHG' and check = 'JUMP_BEYOND_LIMIT'").collectAsList()) {
            Row at = returns.where(col("market").equalTo("XSHG").and(col("symbol").equalTo("688244")).and(col("trade_date").equalTo(w.getAs("trade_date")))).first();
            int offset = at.<Integer>getAs("day_index") - day0;
            if (offset >= -250 && offset <= -11 && ri.remove(offset) != null) flagged++;
        }
        assertEquals(1, flagged, "2024-06-17 is the one flagged day of 688244 in its estimation window");
        ReferenceEventStudy.Fit ref = new ReferenceEventStudy(-250, -11, -5, 5).fit(ri, rm);
        assertEquals(ref.l, engine.<Long>getAs("estimation_days"));
        assertEquals(ref.beta, engine.<Double>getAs("beta"), 1e-12);
        assertEquals(ref.s, engine.<Double>getAs("residual_sd"), 1e-13);

        Row byDefault = spark.read().parquet(Outputs.dataset(out, "es_security_windows"))
                .where("event_id = '" + EVENT + "' and symbol = '688244' and car_window = 'car_0_0'").first();
        assertEquals(byDefault.<Long>getAs("estimation_days") - 1, engine.<Long>getAs("estimation_days"));
        assertTrue(engine.<Double>getAs("residual_sd") < byDefault.<Double>getAs("residual_sd"),
                "without the -33% day the residual sd shrinks: " + engine.getAs("residual_sd") + " < " + byDefault.getAs("residual_sd"));
    }

    private static Map<Integer, Double> byOffset(Dataset<Row> rows, int day0) {
        Map<Integer, Double> out = new HashMap<>();
        for (Row r : rows.where("on_calendar and simple_return is not null").select("day_index", "simple_return").collectAsList()) {
            out.put(r.getInt(0) - day0, r.getDouble(1));
        }
        return out;
    }
}
