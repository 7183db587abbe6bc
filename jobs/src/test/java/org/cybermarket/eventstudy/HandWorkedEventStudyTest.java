package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.cybermarket.config.EventStudySettings;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The mean-adjusted model on numbers small enough to do by hand: two securities, estimation offsets [-6, -2]
 * (5 days), event day 0 only.
 *
 * <pre>
 * A: estimation returns 0.01, 0.02, 0.00, 0.03, -0.01 -> mean 0.01; ARs 0, 0.01, -0.01, 0.02, -0.02;
 *    s_A^2 = (0 + 1 + 1 + 4 + 4) e-4 / 4 = 2.5e-4; day-0 return 0.06 -> AR_A = 0.05; C = 1 + 1/L = 1.2 (the mean's own
 *    estimation error), SAR_A = 0.05 / (sqrt(2.5e-4) sqrt(1.2)) = 3.16228 / sqrt(1.2)
 * B: estimation returns 0.00, 0.00, 0.02, 0.02, 0.01 -> mean 0.01; ARs -0.01, -0.01, 0.01, 0.01, 0;
 *    s_B^2 = (1 + 1 + 1 + 1 + 0) e-4 / 4 = 1e-4; day-0 return 0.04 -> AR_B = 0.03, SAR_B = 0.03 / 0.01 / sqrt(1.2) = 3 / sqrt(1.2)
 * AAR_0 = (0.05 + 0.03) / 2 = 0.04; sd_cs(AR) = sqrt(((0.01)^2 + (0.01)^2) / 1) = 0.0141421
 * cross-sectional t = 0.04 / (0.0141421 / sqrt 2) = 4
 * Brown-Warner 1980 = 0.04 / (sqrt(2.5e-4 + 1e-4) / 2) = 0.04 / 0.0093541 = 4.27618
 * Patell: nu = L - 1 = 4 (one parameter, the mean), nu/(nu - 2) = 2 per security:
 *    (3.16228 + 3) / sqrt(1.2) / sqrt(2 + 2) = 6.16228 / sqrt(4.8) = 2.81268
 * sign: N_pos = 2 -> (2 - 1) / sqrt(0.5) = 1.41421
 * </pre>
 */
class HandWorkedEventStudyTest {
    @Test
    void meanAdjustedStatisticsMatchTheArithmetic() {
        double[] a = {0.01, 0.02, 0.00, 0.03, -0.01, 0.06};
        double[] b = {0.00, 0.00, 0.02, 0.02, 0.01, 0.04};
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            LocalDate d = LocalDate.of(2024, 7, 10).plusDays(t);
            rows.add(RowFactory.create("X", "A", "stock", d, t + 10, true, a[t]));
            rows.add(RowFactory.create("X", "B", "stock", d, t + 10, true, b[t]));
        }
        // offsets -6..-2 are indices 10..14; index 15 is unused (gap), day 0 is index 16.
        rows.removeIf(r -> r.getInt(4) == 15);
        rows.add(RowFactory.create("X", "A", "stock", LocalDate.of(2024, 7, 16), 16, true, 0.06));
        rows.add(RowFactory.create("X", "B", "stock", LocalDate.of(2024, 7, 16), 16, true, 0.04));
        Dataset<Row> securities = EventStudyInputs.securities(List.of(RowFactory.create("A", "X", "R", "Cyber", "stock"),
                RowFactory.create("B", "X", "R", "Cyber", "stock")));
        var settings = new EventStudySettings("mean_adjusted", List.of(-6, -2), List.of(0, 0), Map.of("d0", List.of(0, 0)), 5, null, null);
        Row r = EventStudyInputs.run(EventStudyInputs.returns(rows), securities, EventStudyInputs.eventDays(List.<Row>of(RowFactory.create("E", "X", 16))),
                        settings).groupDays()
                .where("group_market = 'ALL' and group_industry = 'ALL' and event_day_offset = 0").first();
        assertEquals(0.04, r.<Double>getAs("aar"), 1e-15);
        assertEquals(4.0, r.<Double>getAs("t_cs"), 1e-12);
        assertEquals(0.04 / (Math.sqrt(2.5e-4 + 1e-4) / 2), r.<Double>getAs("bw1980"), 1e-12);
        assertEquals(4.27618, r.<Double>getAs("bw1980"), 1e-5);
        assertEquals(2.81268, r.<Double>getAs("patell"), 1e-5);
        assertEquals(Math.sqrt(2), r.<Double>getAs("sign_z"), 1e-12);
        assertEquals(3.0, r.<Double>getAs("wilcoxon_w_plus"), 0, "ranks 1 and 2 of |AR|, both positive");
    }
}
