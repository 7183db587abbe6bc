package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.RealData;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's test statistics on the real data (the pipeline on the data/real extract with the default config, real.yaml: market
 * model, estimation [-250, -11], event [-5, +5], the default CAR windows) against {@link ReferenceStatistics} fed
 * from the same run's published returns: every day and window of the CrowdStrike event for the Shanghai names
 * (against the CSI 300) and the US names (against SPY), at 1e-10.
 */
class RealDataStatisticsTest {
    static final String EVENT = "crowdstrike-2024-07-19";

    /** The reference group of a market's included securities (of one industry, or all), offsets from its day 0. */
    static ReferenceStatistics.Group reference(Path out, String market, String industry, String benchmark) {
        var spark = SparkTest.spark();
        int day0 = spark.read().parquet(Outputs.dataset(out, "event_days"))
                .where(col("event_id").equalTo(EVENT).and(col("market").equalTo(market))).first().<Integer>getAs("day0_index");
        List<String> members = spark.read().parquet(Outputs.dataset(out, "es_security_windows"))
                .where(col("event_id").equalTo(EVENT).and(col("market").equalTo(market))
                        .and(industry.equals("ALL") ? col("industry").isNotNull() : col("industry").equalTo(industry))).select("symbol").distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        Dataset<Row> returns = spark.read().parquet(Outputs.dataset(out, "returns"))
                .where(col("on_calendar").and(col("simple_return").isNotNull()).and(col("day_index").between(day0 - 250, day0 + 5)));
        Map<Integer, double[]> x = new HashMap<>();
        for (Row r : returns.where(col("symbol").equalTo(benchmark)).collectAsList()) {
            x.put(r.<Integer>getAs("day_index") - day0, new double[]{r.getAs("simple_return")});
        }
        Map<String, Map<Integer, Double>> byName = new TreeMap<>();
        for (Row r : returns.where(col("market").equalTo(market).and(col("symbol").isin(members.toArray()))).collectAsList()) {
            byName.computeIfAbsent(r.getAs("symbol"), s -> new TreeMap<>()).put(r.<Integer>getAs("day_index") - day0, r.getAs("simple_return"));
        }
        List<ReferenceStatistics.Security> securities = new ArrayList<>();
        byName.forEach((s, r) -> securities.add(new ReferenceStatistics.Security(s, market, r, x)));
        ReferenceStatistics ref = new ReferenceStatistics(ReferenceStatistics.Model.REGRESSION, -250, -11, -5, 5);
        List<ReferenceStatistics.Fit> fits = ReferenceStatistics.included(ref.fitAll(securities), 100);
        assertEquals(members.size(), fits.size(), market + ": the reference includes the securities the engine studied");
        return ref.group(fits);
    }

    void check(String market, String industry, String benchmark, long members) throws Exception {
        Path out = RealData.pipelineOutput();
        ReferenceStatistics.Group ref = reference(out, market, industry, benchmark);
        var spark = SparkTest.spark();
        String group = "event_id = '" + EVENT + "' and group_market = '" + market + "' and group_industry = '" + industry + "'";
        List<Row> days = spark.read().parquet(Outputs.dataset(out, "es_group_days")).where(group).collectAsList();
        assertEquals(11, days.size(), market + ": one row per event day");
        for (Row r : days) {
            int t = r.getInt(r.fieldIndex("event_day_offset"));
            EventStudyTest.assertColumns(ref.day(t), r, EventStudyTest.NEW_DAY_STATS, market + " day " + t);
        }
        List<Row> windows = spark.read().parquet(Outputs.dataset(out, "es_group_windows")).where(group).collectAsList();
        assertEquals(4, windows.size(), market + ": the default CAR windows");
        for (Row r : windows) {
            EventStudyTest.assertColumns(ref.window(r.getAs("window_start"), r.getAs("window_end")), r, EventStudyTest.NEW_WINDOW_STATS,
                    market + " " + r.getAs("car_window"));
        }
        Row day0 = days.stream().filter(r -> r.<Integer>getAs("event_day_offset") == 0).findFirst().orElseThrow();
        assertEquals(members, day0.<Long>getAs("n_securities"), market + " members on day 0");
        assertTrue(day0.getAs("lamb") != null, market + ": one market and one day 0, so Lamb is defined");
    }

    @Test
    void shanghaiNamesAgainstTheCsi300MatchTheStatisticsReference() throws Exception {
        check("XSHG", "ALL", "000300.SH", 46); // the 46 SSE names of cn_securities.csv, each with 100 estimation days
    }

    /**
     * The US cybersecurity names against SPY. Not XNYS/ALL: SPY itself is a member there, regressed on itself, so its
     * residuals and SAR are rounding noise that no two implementations share.
     */
    @Test
    void usCybersecurityNamesAgainstSpyMatchTheStatisticsReference() throws Exception {
        check("XNYS", "Cybersecurity", "SPY", 14); // the 14 US names of industry Cybersecurity in us_securities.csv
    }
}
