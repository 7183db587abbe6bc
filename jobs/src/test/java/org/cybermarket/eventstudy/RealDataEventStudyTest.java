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
    @Test
    void sseCybersecurityHasALargeSignificantAbnormalReturnOnMonday20240722() throws Exception {
        Path out = RealData.pipelineOutput();
        Row r = SparkTest.spark().read().parquet(Outputs.dataset(out, "es_group_days"))
                .where("event_id = 'crowdstrike-2024-07-19' and group_market = 'XSHG' and group_industry = 'Cybersecurity' and first_date = '2024-07-22'")
                .first();
        assertEquals(1, r.<Integer>getAs("event_day_offset"), "day 0 in Shanghai is Friday 2024-07-19 (the update came before the close)");
        assertEquals(9L, r.<Long>getAs("n_securities"), "the 9 SSE-listed cybersecurity names");
        assertTrue(r.<Double>getAs("aar") > 0.04, "large positive AAR: " + r.getAs("aar"));
        assertTrue(r.<Double>getAs("p_bmp") < 0.01, "BMP significant: " + r.getAs("p_bmp"));
        assertTrue(r.<Double>getAs("p_patell") < 0.01, "Patell significant: " + r.getAs("p_patell"));
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
