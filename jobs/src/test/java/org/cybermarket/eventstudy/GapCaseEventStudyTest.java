package org.cybermarket.eventstudy;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.cybermarket.config.EventStudySettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.cybermarket.eventstudy.HandWorkedTestStatisticsTest.S_U;
import static org.cybermarket.eventstudy.HandWorkedTestStatisticsTest.U;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hand-worked gap case of {@link HandWorkedTestStatisticsTest} (mean-adjusted; estimation [-8, -3], event
 * [-1, +1]; B suspended on -6, -5 and +1, C without a day-0 return, D with an AR of exactly zero on day 0, tied
 * |AR|s) run through the Spark engine: every statistic the reference gives, day and window, at 1e-10, and the
 * missing-data conventions one by one with their hand-worked values. Day 0 is day index 20.
 */
class GapCaseEventStudyTest {
    static EventStudy.Result result;
    static final EventStudySettings SETTINGS = new EventStudySettings("mean_adjusted", List.of(-8, -3), List.of(-1, 1),
            Map.of("w_m1_1", List.of(-1, 1), "w_0_0", List.of(0, 0)), 4, null, null);

    @BeforeAll
    static void run() {
        List<Row> rows = new ArrayList<>();
        for (ReferenceStatistics.Security s : HandWorkedTestStatisticsTest.gapSecurities()) {
            s.r().forEach((t, r) -> rows.add(RowFactory.create("XSHG", s.name(), "stock", LocalDate.of(2024, 7, 1).plusDays(t + 20), t + 20, true, r)));
        }
        List<Row> securities = new ArrayList<>();
        for (String s : List.of("A", "B", "C", "D", "E")) securities.add(RowFactory.create(s, "XSHG", "CN", "Cybersecurity", "stock"));
        EventStudy.Result r = EventStudyInputs.run(EventStudyInputs.returns(rows), EventStudyInputs.securities(securities),
                EventStudyInputs.eventDays(List.<Row>of(RowFactory.create("G", "XSHG", 20))), SETTINGS);
        result = new EventStudy.Result(r.securityDays().cache(), r.securityWindows().cache(), r.groupDays().cache(),
                r.groupWindows().cache(), r.exclusions().cache());
    }

    static Row day(int t) {
        return result.groupDays().where("group_market = 'XSHG' and group_industry = 'ALL' and event_day_offset = " + t).first();
    }

    static Row window(String name) {
        return result.groupWindows().where("group_market = 'XSHG' and group_industry = 'ALL' and car_window = '" + name + "'").first();
    }

    static double d(Row r, String column) {
        return ((Number) r.getAs(column)).doubleValue();
    }

    @Test
    void everyDayStatisticEqualsTheReference() {
        ReferenceStatistics.Group ref = HandWorkedTestStatisticsTest.gapGroup();
        for (int t = -1; t <= 1; t++) {
            Map<String, Double> expected = ref.day(t);
            EventStudyTest.assertColumns(expected, day(t), new ArrayList<>(expected.keySet()), "day " + t);
        }
    }

    @Test
    void everyWindowStatisticEqualsTheReference() {
        ReferenceStatistics.Group ref = HandWorkedTestStatisticsTest.gapGroup();
        for (Object[] w : new Object[][]{{"w_m1_1", -1, 1}, {"w_0_0", 0, 0}}) {
            Map<String, Double> expected = ref.window((int) w[1], (int) w[2]);
            EventStudyTest.assertColumns(expected, window((String) w[0]), new ArrayList<>(expected.keySet()), (String) w[0]);
        }
    }

    @Test
    void aSecurityMissingDay0IsExcludedFromTheWholeEvent() {
        List<Row> excluded = result.exclusions().collectAsList();
        assertEquals(1, excluded.size());
        assertEquals("C", excluded.get(0).getAs("symbol"));
        assertEquals("NO_PRICE_AT_DAY0", excluded.get(0).getAs("reason_code"));
        assertEquals(4L, day(-1).<Long>getAs("n_securities"), "C has a return on day -1 but is not in the event");
    }

    @Test
    void aSuspendedSecurityIsAbsentOnItsDaysNotZero() {
        Row d1 = day(1);
        assertEquals(3L, d1.<Long>getAs("n_securities"), "B is suspended on day +1");
        assertEquals((-1 - 2 + 2) / 3.0 * U, d1.<Double>getAs("aar"), 1e-15);
        assertEquals(6.0, d(d1, "mean_estimation_days"), 0, "A, D and E: L = 6");
        assertEquals(5.5, d(day(0), "mean_estimation_days"), 0, "B's L is 4: (6 + 4 + 6 + 6) / 4");
        assertEquals(6L, day(0).<Long>getAs("days_aar_estimation"), "every estimation day has at least one AR");
        Row w = window("w_m1_1");
        assertEquals(3L, w.<Long>getAs("days"));
        assertEquals(0.75 * U, w.<Double>getAs("caar"), 1e-15, "CARs on each security's own days: A 4, B 1 (two days), D 0, E -2");
    }

    @Test
    void aZeroArIsDroppedFromTheWilcoxonTestAndTiesShareTheirRank() {
        Row d0 = day(0);
        assertEquals(4L, d0.<Long>getAs("n_securities"));
        assertEquals(3L, d0.<Long>getAs("wilcoxon_n"), "D's AR is exactly 0");
        assertEquals(4.5, d(d0, "wilcoxon_w_plus"), 0);
        assertEquals(Math.sqrt(2 / 3.0), d(d0, "wilcoxon_z"), 1e-12);
        assertEquals(0.75, d(d0, "p_wilcoxon"), 1e-12, "exact: P(W+ >= 4.5) = 3/8 over the 8 sign patterns");
    }

    @Test
    void theMeanAdjustedModelHasItsOwnPredictionErrorFactorAndPatellTerm() {
        Row a = result.securityDays().where("symbol = 'A' and event_day_offset = 0").first();
        Row b = result.securityDays().where("symbol = 'B' and event_day_offset = 0").first();
        assertEquals(1 + 1 / 6.0, d(a, "prediction_error_factor"), 1e-15);
        assertEquals(1 + 1 / 4.0, d(b, "prediction_error_factor"), 1e-15, "B: L = 4");
        assertEquals(3 / Math.sqrt(10 / 3.0), d(b, "standardized_ar"), 1e-12);
        double sum = 2 * Math.sqrt(30) / 7 + 3 * Math.sqrt(0.3) - 3 * Math.sqrt(3 / 7.0);
        assertEquals(sum / Math.sqrt(8), d(day(0), "patell"), 1e-12, "nu/(nu - 2) with nu = L - 1: 5/3 for A, D, E and 3 for B");
    }

    @Test
    void lambSignAndRankTestsHaveTheirHandWorkedValues() {
        Row d0 = day(0);
        assertEquals(72 / Math.sqrt(3619), d(d0, "lamb"), 1e-12, "C_p = 1 + 1/L_p = 7/6");
        assertEquals(0.5 * Math.sqrt(27 / 11.0), d(d0, "cz_sign"), 1e-12);
        assertEquals((5 / 28.0) / S_U, d(d0, "modified_rank"), 1e-12);
        double carRank = (-1 / 56.0 + 5 / 28.0 - 0.15 / Math.sqrt(3)) / (Math.sqrt(3) * S_U);
        assertEquals(carRank, d(window("w_m1_1"), "car_rank"), 1e-12);
        assertEquals(d(d0, "modified_rank"), d(window("w_0_0"), "car_rank"), 1e-12, "a one-day window is its day's modified rank");
    }
}
