package org.cybermarket.eventstudy;

import org.cybermarket.testing.Outputs;
import org.apache.spark.sql.Row;
import org.cybermarket.testing.RealData;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The outage study on the public files, end to end: US names against SPY, SSE names against the CSI 300. */
class RealDataEventStudyTest {
    /**
     * The README's and the report's headline: the SSE-listed cybersecurity names against the CSI 300, on day 0 (Friday
     * 2024-07-19) and day +1 (Monday 2024-07-22). Pinned to the precision the report prints (AAR to 0.01 point, the
     * statistics to 0.01), as this pipeline computes them on data/real (market model, estimation [-250, -11]).
     */
    @Test
    void sseCybersecurityHasALargeSignificantAbnormalReturnOnFriday20240719AndMonday20240722() throws Exception {
        Path out = RealData.pipelineOutput();
        var days = SparkTest.spark().read().parquet(Outputs.dataset(out, "es_group_days"))
                .where("event_id = 'crowdstrike-2024-07-19' and group_market = 'XSHG' and group_industry = 'Cybersecurity'");
        Row d0 = days.where("first_date = '2024-07-19'").first();
        Row d1 = days.where("first_date = '2024-07-22'").first();
        assertEquals(0, d0.<Integer>getAs("event_day_offset"), "day 0 in Shanghai is Friday 2024-07-19 (the update came before the close)");
        assertEquals(1, d1.<Integer>getAs("event_day_offset"));
        assertEquals(9L, d1.<Long>getAs("n_securities"), "the 9 SSE-listed cybersecurity names");
        assertEquals(0.0446, d0.<Double>getAs("aar"), 0.00005, "+4.46%");
        assertEquals(3.88, d0.<Double>getAs("patell"), 0.005);
        assertEquals(4.63, d0.<Double>getAs("bmp"), 0.005);
        assertEquals(0.0669, d1.<Double>getAs("aar"), 0.00005, "+6.69%");
        assertEquals(6.35, d1.<Double>getAs("patell"), 0.005);
        assertEquals(9.38, d1.<Double>getAs("bmp"), 0.005);
        assertTrue(d1.<Double>getAs("p_bmp") < 0.001 && d1.<Double>getAs("p_patell") < 0.001, "both significant at 0.1%");
    }

    @Test
    void szseNamesAreExcludedFromTheModelButStayInRawReturns() throws Exception {
        Path out = RealData.pipelineOutput();
        var spark = SparkTest.spark();
        List<Row> excluded = spark.read().parquet(Outputs.dataset(out, "es_exclusions")).where("market = 'XSHE'").collectAsList();
        assertEquals(7, excluded.size());
        for (Row r : excluded) assertEquals("TOO_FEW_ESTIMATION_DAYS", r.getAs("reason_code"));
        assertEquals(7L, spark.read().parquet(Outputs.dataset(out, "returns"))
                .where("market = 'XSHE' and trade_date = '2024-07-22' and kind = 'stock' and simple_return is not null").count());
    }

    @Test
    void windowsAreListedInDatesAsWellAsOffsets() throws Exception {
        Path out = RealData.pipelineOutput();
        Row us = SparkTest.spark().read().parquet(Outputs.dataset(out, "event_days")).where("market = 'XNYS'").first();
        assertEquals("2024-07-19", us.getAs("day0_date").toString());
        assertEquals("2024-07-12", us.getAs("event_start_date").toString());
        assertEquals("2024-07-26", us.getAs("event_end_date").toString());
        assertEquals(-250, us.<Integer>getAs("estimation_start_offset"));
        assertNotNull(us.getAs("estimation_start_date"));
        Row crwd = SparkTest.spark().read().parquet(Outputs.dataset(out, "es_security_days"))
                .where("symbol = 'CRWD' and event_day_offset = 0").first();
        assertTrue(crwd.<Double>getAs("abnormal_return") < -0.09, "CRWD's own abnormal return on the day: " + crwd.getAs("abnormal_return"));
    }
}
