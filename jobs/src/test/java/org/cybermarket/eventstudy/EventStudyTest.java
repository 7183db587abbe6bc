package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.config.EventStudySettings;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Spark engine against {@link ReferenceEventStudy} on a frame small enough to read: one market, 40 trading
 * days, benchmark IDX, five securities, two events (E1 day 0 at index 30, E2 at index 33) so that every firm is
 * in two events at once. S2 is suspended on day 12; S5 starts trading on day 20 (too short a history for E1);
 * S3 has no price on E2's day 0.
 */
class EventStudyTest {
    static final int DAYS = 40;
    static final List<String> SYMBOLS = List.of("S1", "S2", "S3", "S4", "S5");
    static final Map<String, Map<Integer, Double>> RI = new LinkedHashMap<>();
    static final Map<Integer, Double> RM = new HashMap<>();
    static EventStudy.Result result;
    static final EventStudySettings SETTINGS = new EventStudySettings("market_model", List.of(-25, -6), List.of(-3, 3),
            Map.of("w_m1_1", List.of(-1, 1), "w_m3_3", List.of(-3, 3)), 10, null, null);

    @BeforeAll
    static void run() {
        Random rnd = new Random(7);
        for (int t = 1; t < DAYS; t++) RM.put(t, 0.01 * Math.sin(t * 1.3) + 0.004 * rnd.nextGaussian());
        double[] beta = {0.8, 1.2, 1.0, 0.5, 1.5};
        for (int i = 0; i < SYMBOLS.size(); i++) {
            Map<Integer, Double> r = new HashMap<>();
            for (int t = 1; t < DAYS; t++) r.put(t, 0.001 * i + beta[i] * RM.get(t) + 0.01 * rnd.nextGaussian());
            RI.put(SYMBOLS.get(i), r);
        }
        RI.get("S1").put(30, RI.get("S1").get(30) + 0.05); // an event-day jump
        RI.get("S2").remove(12);                              // suspended
        RI.get("S3").remove(33);                              // no price on E2's day 0
        for (int t = 1; t < 20; t++) RI.get("S5").remove(t); // listed on day 20

        StructType returnsSchema = new StructType().add("market", DataTypes.StringType).add("symbol", DataTypes.StringType)
                .add("kind", DataTypes.StringType).add("trade_date", DataTypes.DateType).add("day_index", DataTypes.IntegerType)
                .add("on_calendar", DataTypes.BooleanType).add("simple_return", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int t = 1; t < DAYS; t++) rows.add(RowFactory.create("XTST", "IDX", "index", date(t), t, true, RM.get(t)));
        RI.forEach((s, r) -> r.forEach((t, v) -> rows.add(RowFactory.create("XTST", s, "stock", date(t), t, true, v))));
        var spark = SparkTest.spark();
        Dataset<Row> returns = spark.createDataFrame(rows, returnsSchema);
        Dataset<Row> securities = spark.createDataFrame(List.of(
                        sec("S1", "Cybersecurity"), sec("S2", "Cybersecurity"), sec("S3", "Cybersecurity"), sec("S4", "Banks"),
                        sec("S5", "Cybersecurity"), RowFactory.create("IDX", "XTST", "T", "Index", "index")),
                new StructType().add("symbol", DataTypes.StringType).add("market", DataTypes.StringType).add("region", DataTypes.StringType)
                        .add("industry", DataTypes.StringType).add("kind", DataTypes.StringType));
        Dataset<Row> eventDays = spark.createDataFrame(List.of(RowFactory.create("E1", "XTST", 30), RowFactory.create("E2", "XTST", 33)),
                new StructType().add("event_id", DataTypes.StringType).add("market", DataTypes.StringType).add("day0_index", DataTypes.IntegerType));
        Dataset<Row> benchmarks = spark.createDataFrame(List.<Row>of(RowFactory.create("XTST", "IDX")),
                new StructType().add("market", DataTypes.StringType).add("benchmark_symbol", DataTypes.StringType));
        Dataset<Row> factors = spark.createDataFrame(List.of(), new StructType().add("region", DataTypes.StringType)
                .add("trade_date", DataTypes.DateType).add("mkt_rf", DataTypes.DoubleType).add("smb", DataTypes.DoubleType)
                .add("hml", DataTypes.DoubleType).add("rf", DataTypes.DoubleType).add("mom", DataTypes.DoubleType));
        inputs = List.of(returns, securities, eventDays, benchmarks, factors);
        result = run(SETTINGS);
    }

    static List<Dataset<Row>> inputs;

    static EventStudy.Result run(EventStudySettings settings) {
        EventStudy.Result r = EventStudy.run(SparkTest.spark(), inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), inputs.get(4), settings);
        return new EventStudy.Result(r.securityDays().cache(), r.securityWindows().cache(), r.groupDays().cache(),
                r.groupWindows().cache(), r.exclusions().cache());
    }

    static LocalDate date(int t) {
        return LocalDate.of(2024, 1, 1).plusDays(t);
    }

    static Row sec(String s, String industry) {
        return RowFactory.create(s, "XTST", "T", industry, "stock");
    }

    /** Reference fits of the securities in a group for an event with day 0 at d0 (indices shifted to offsets). */
    static List<ReferenceEventStudy.Fit> fits(ReferenceEventStudy ref, int d0, List<String> members, List<Map<Integer, Double>> riOut) {
        List<ReferenceEventStudy.Fit> out = new ArrayList<>();
        Map<Integer, Double> rm = shift(RM, d0);
        for (String s : members) {
            Map<Integer, Double> ri = shift(RI.get(s), d0);
            out.add(ref.fit(ri, rm));
            if (riOut != null) riOut.add(ri);
        }
        return out;
    }

    static Map<Integer, Double> shift(Map<Integer, Double> byIndex, int d0) {
        Map<Integer, Double> out = new HashMap<>();
        byIndex.forEach((t, v) -> out.put(t - d0, v));
        return out;
    }

    static final String[] DAY_STATS = {"aar", "t_cs", "bw1980", "bw1985", "patell", "bmp", "rbar", "kp", "sign_z", "gen_sign_z",
            "corrado", "wilcoxon_w_plus", "wilcoxon_z", "n_securities", "n_positive"};

    void checkGroupDays(String event, int d0, String market, String industry, List<String> members) {
        ReferenceEventStudy ref = new ReferenceEventStudy(-25, -6, -3, 3);
        List<ReferenceEventStudy.Fit> fits = fits(ref, d0, members, null);
        List<Row> rows = result.groupDays().where("event_id = '" + event + "' and group_market = '" + market
                + "' and group_industry = '" + industry + "'").orderBy("event_day_offset").collectAsList();
        assertEquals(7, rows.size(), "one row per event day");
        for (Row r : rows) {
            int t = r.getInt(r.fieldIndex("event_day_offset"));
            Map<String, Double> expected = ref.groupDay(fits, t);
            for (String stat : DAY_STATS) {
                double actual = ((Number) r.getAs(stat)).doubleValue();
                assertEquals(expected.get(stat), actual, 1e-10 * Math.max(1, Math.abs(expected.get(stat))),
                        event + " " + market + "/" + industry + " day " + t + " " + stat);
            }
        }
    }

    @Test
    void groupDayStatisticsMatchTheReferenceForEveryDayAndGroup() {
        checkGroupDays("E1", 30, "ALL", "ALL", List.of("S1", "S2", "S3", "S4"));
        checkGroupDays("E1", 30, "XTST", "Cybersecurity", List.of("S1", "S2", "S3"));
        checkGroupDays("E2", 33, "ALL", "ALL", List.of("S1", "S2", "S4")); // S3 and S5 are excluded from E2
    }

    /** The statistics of docs/methodology.md "Test statistics" that {@link ReferenceStatistics} computes, per day. */
    static final List<String> NEW_DAY_STATS = List.of("bw1980", "p_bw1980", "mean_estimation_days", "bw1985", "p_bw1985",
            "days_aar_estimation", "lamb", "p_lamb", "patell", "p_patell", "bmp", "p_bmp", "cz_sign", "p_cz_sign", "modified_rank",
            "p_modified_rank", "wilcoxon_n", "wilcoxon_w_plus", "wilcoxon_z", "p_wilcoxon");

    /** ... and per CAR window. */
    static final List<String> NEW_WINDOW_STATS = List.of("n_securities", "days", "caar", "bw1985", "p_bw1985", "lamb", "p_lamb",
            "car_rank", "p_car_rank");

    /** The reference group of an event's members (S5 and, for E2, S3 fall out by the sample rule). */
    static ReferenceStatistics.Group referenceGroup(int d0, List<String> members) {
        ReferenceStatistics ref = new ReferenceStatistics(ReferenceStatistics.Model.REGRESSION, -25, -6, -3, 3);
        Map<Integer, double[]> x = new HashMap<>();
        shift(RM, d0).forEach((t, v) -> x.put(t, new double[]{v}));
        List<ReferenceStatistics.Security> securities = new ArrayList<>();
        for (String s : members) securities.add(new ReferenceStatistics.Security(s, "XTST", shift(RI.get(s), d0), x));
        return ref.group(ReferenceStatistics.included(ref.fitAll(securities), SETTINGS.minEstimationDays()));
    }

    /** Every key of {@code expected} equals the row's column to 1e-10 (relative above 1); null where the reference has none. */
    static void assertColumns(Map<String, Double> expected, Row r, List<String> columns, String what) {
        for (String c : columns) {
            Double e = expected.get(c);
            Object a = r.getAs(c);
            if (e == null) {
                assertNull(a, what + " " + c);
                continue;
            }
            assertNotNull(a, what + " " + c);
            assertEquals(e, ((Number) a).doubleValue(), 1e-10 * Math.max(1, Math.abs(e)), what + " " + c);
        }
    }

    @Test
    void lambRankSignWilcoxonAndTDistributedPValuesMatchTheStatisticsReferenceEveryDay() {
        for (Object[] g : new Object[][]{{"E1", 30}, {"E2", 33}}) {
            ReferenceStatistics.Group ref = referenceGroup((int) g[1], SYMBOLS);
            List<Row> rows = result.groupDays().where("event_id = '" + g[0] + "' and group_market = 'ALL' and group_industry = 'ALL'")
                    .orderBy("event_day_offset").collectAsList();
            assertEquals(7, rows.size());
            for (Row r : rows) {
                int t = r.getInt(r.fieldIndex("event_day_offset"));
                assertColumns(ref.day(t), r, NEW_DAY_STATS, g[0] + " day " + t);
            }
        }
    }

    @Test
    void lambBrownWarnerAndCarRankOnEveryWindowMatchTheStatisticsReference() {
        for (Object[] g : new Object[][]{{"E1", 30}, {"E2", 33}}) {
            ReferenceStatistics.Group ref = referenceGroup((int) g[1], SYMBOLS);
            for (Object[] w : new Object[][]{{"w_m1_1", -1, 1}, {"w_m3_3", -3, 3}}) {
                Row r = result.groupWindows().where("event_id = '" + g[0] + "' and group_market = 'ALL' and group_industry = 'ALL' and car_window = '"
                        + w[0] + "'").first();
                assertColumns(ref.window((int) w[1], (int) w[2]), r, NEW_WINDOW_STATS, g[0] + " " + w[0]);
            }
        }
    }

    @Test
    void carScarAndBharPerSecurityMatchTheReference() {
        ReferenceEventStudy ref = new ReferenceEventStudy(-25, -6, -3, 3);
        List<String> members = List.of("S1", "S2", "S3", "S4");
        List<Map<Integer, Double>> ri = new ArrayList<>();
        List<ReferenceEventStudy.Fit> fits = fits(ref, 30, members, ri);
        for (int i = 0; i < members.size(); i++) {
            for (Object[] w : new Object[][]{{"w_m1_1", -1, 1}, {"w_m3_3", -3, 3}}) {
                double[] e = ReferenceEventStudy.window(fits.get(i), ri.get(i), (int) w[1], (int) w[2]);
                Row r = result.securityWindows().where("event_id = 'E1' and symbol = '" + members.get(i) + "' and car_window = '" + w[0] + "'").first();
                String what = members.get(i) + " " + w[0];
                assertEquals(e[0], r.<Double>getAs("car"), 1e-12, what + " car");
                assertEquals(e[1], r.<Double>getAs("scar"), 1e-10, what + " scar");
                assertEquals(e[2], r.<Double>getAs("bhar"), 1e-12, what + " bhar");
                assertEquals((long) e[3], r.<Long>getAs("days"), what + " days");
                assertEquals(fits.get(i).beta, r.<Double>getAs("beta"), 1e-12, what + " beta");
                assertEquals(fits.get(i).alpha, r.<Double>getAs("alpha"), 1e-12, what + " alpha");
                assertEquals(fits.get(i).s, r.<Double>getAs("residual_sd"), 1e-12, what + " s_i");
                assertEquals(fits.get(i).l, ((Number) r.getAs("estimation_days")).intValue(), what + " L_i");
            }
        }
    }

    @Test
    void groupWindowStatisticsMatchTheReference() {
        ReferenceEventStudy ref = new ReferenceEventStudy(-25, -6, -3, 3);
        List<Map<Integer, Double>> ri = new ArrayList<>();
        List<ReferenceEventStudy.Fit> fits = fits(ref, 30, List.of("S1", "S2", "S3", "S4"), ri);
        Map<String, Double> e = ref.groupWindow(fits, ri, -1, 1);
        Row r = result.groupWindows().where("event_id = 'E1' and group_market = 'ALL' and group_industry = 'ALL' and car_window = 'w_m1_1'").first();
        for (String stat : List.of("caar", "t_cs", "patell", "bmp", "kp", "bw1985")) {
            assertEquals(e.get(stat), r.<Double>getAs(stat), 1e-10 * Math.max(1, Math.abs(e.get(stat))), stat);
        }
        assertEquals(4L, r.<Long>getAs("n_securities"));
    }

    @Test
    void securitiesOfOneEventMayHaveDifferentDayZeros() {
        // One event, three securities, each with its own day 0 (as firm-level events will have): each is studied
        // on its own windows, and the group's day t holds every security's own day t.
        Map<String, Integer> day0 = Map.of("S1", 30, "S2", 31, "S4", 29);
        List<Row> requests = new ArrayList<>();
        day0.forEach((s, d) -> requests.add(RowFactory.create("F", "XTST", s, d, "member")));
        Dataset<Row> requestFrame = SparkTest.spark().createDataFrame(requests, new StructType().add("event_id", DataTypes.StringType)
                .add("market", DataTypes.StringType).add("symbol", DataTypes.StringType).add("day0_index", DataTypes.IntegerType)
                .add("role", DataTypes.StringType));
        EventStudy.Result r = EventStudy.runRequests(SparkTest.spark(), inputs.get(0), inputs.get(1), requestFrame, inputs.get(3), inputs.get(4), SETTINGS);
        ReferenceEventStudy ref = new ReferenceEventStudy(-25, -6, -3, 3);
        List<ReferenceEventStudy.Fit> fits = new ArrayList<>();
        for (String s : List.of("S1", "S2", "S4")) {
            List<Map<Integer, Double>> ri = new ArrayList<>();
            ReferenceEventStudy.Fit f = fits(ref, day0.get(s), List.of(s), ri).get(0);
            fits.add(f);
            double[] e = ReferenceEventStudy.window(f, ri.get(0), -1, 1);
            Row w = r.securityWindows().where("symbol = '" + s + "' and car_window = 'w_m1_1'").first();
            assertEquals(e[0], w.<Double>getAs("car"), 1e-12, s + " car");
            assertEquals(e[1], w.<Double>getAs("scar"), 1e-10, s + " scar");
            assertEquals(f.beta, w.<Double>getAs("beta"), 1e-12, s + " beta");
            Row d = r.securityDays().where("symbol = '" + s + "' and event_day_offset = 0").first();
            assertEquals(date(day0.get(s)), d.getAs("trade_date"), s + " day 0 is its own");
        }
        Row g = r.groupDays().where("group_market = 'ALL' and group_industry = 'ALL' and event_day_offset = 0").first();
        double aar = 0;
        for (ReferenceEventStudy.Fit f : fits) aar += f.ar.get(0) / 3;
        assertEquals(aar, g.<Double>getAs("aar"), 1e-12, "AAR of day 0 over three different dates");
        assertEquals(date(29), g.getAs("first_date"));
        assertEquals(date(31), g.getAs("last_date"));
    }

    @Test
    void exclusionsAreWrittenWithTheirReasonAndOnlyForTheirEvent() {
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : result.exclusions().orderBy("event_id", "symbol").collectAsList()) {
            rows.add(List.of(r.getAs("event_id"), r.getAs("symbol"), r.getAs("reason_code")));
        }
        // S5: 5 usable estimation days for E1 (indices 20..24) < 10; for E2 (8..27) it has 8 -> also excluded.
        assertEquals(List.of(List.of("E1", "S5", "TOO_FEW_ESTIMATION_DAYS"), List.of("E2", "S3", "NO_PRICE_AT_DAY0"),
                List.of("E2", "S5", "TOO_FEW_ESTIMATION_DAYS")), rows);
    }

    @Test
    void aFirmInTwoEventsCountsOncePerEvent() {
        // E1 and E2 overlap in time; each security-day appears once per event, never multiplied by the other.
        assertEquals(0, result.securityDays().groupBy("event_id", "symbol", "event_day_offset").count().where("count > 1").count());
        long e1 = result.securityDays().where("event_id = 'E1'").count();
        long expected = 0;
        for (String s : List.of("S1", "S2", "S3", "S4")) for (int t = 27; t <= 33; t++) if (RI.get(s).containsKey(t)) expected++;
        assertEquals(expected, e1);
        assertEquals(4L, result.groupDays().where("event_id = 'E1' and group_market = 'ALL' and group_industry = 'ALL' and event_day_offset = 0")
                .first().<Long>getAs("n_securities"));
    }

    @Test
    void pValuesAreTwoSidedWithTheRightReference() {
        assertEquals(0.04999579, PValues.normalTwoSided(1.96), 1e-8);   // standard normal table
        assertEquals(0.07338803, PValues.studentTwoSided(2.0, 10), 1e-8); // Student t, 10 df
        Row r = result.groupDays().where("event_id = 'E1' and group_market = 'ALL' and group_industry = 'ALL' and event_day_offset = 0").first();
        assertEquals(PValues.studentTwoSided(r.getAs("t_cs"), 3), r.<Double>getAs("p_t_cs"), 1e-15, "t with N - 1 = 3 df");
        assertEquals(PValues.normalTwoSided(r.getAs("patell")), r.<Double>getAs("p_patell"), 1e-15);
    }

    @Test
    void parametricTestsAloneGiveTheSameNumbersAndLeaveTheOthersNull() {
        EventStudy.Result p = run(SETTINGS.withTests("parametric"));
        String where = "event_id = 'E1' and group_market = 'ALL' and group_industry = 'ALL' and event_day_offset = 0";
        Row all = result.groupDays().where(where).first();
        Row par = p.groupDays().where(where).first();
        for (String stat : List.of("aar", "caar_to_date", "t_cs", "p_t_cs", "bw1980", "patell", "bmp", "p_bmp", "sign_z")) {
            assertEquals(all.<Double>getAs(stat), par.<Double>getAs(stat), 1e-15, stat);
        }
        for (String stat : List.of("bw1985", "p_bw1985", "gen_sign_z", "rbar", "kp", "corrado", "wilcoxon_w_plus", "wilcoxon_z",
                "wilcoxon_n", "p_wilcoxon", "lamb", "p_lamb", "cz_sign", "p_cz_sign", "modified_rank", "p_modified_rank", "days_aar_estimation")) {
            assertNull(par.getAs(stat), stat + " needs every estimation-day AR or ranks: null in parametric mode");
        }
        Row window = p.groupWindows().where("event_id = 'E1' and group_market = 'ALL' and group_industry = 'ALL' and car_window = 'w_m1_1'").first();
        for (String stat : List.of("lamb", "car_rank", "p_car_rank")) assertNull(window.getAs(stat), stat + " on a window");
        assertEquals(3L, window.<Long>getAs("days"), "the window's day count needs no estimation ARs");
        assertEquals(result.securityDays().count(), p.securityDays().count());
        assertEquals(result.exclusions().count(), p.exclusions().count());
    }

    @Test
    void marketAdjustedModelSubtractsTheBenchmarkAndUsesTheSdOfTheDifference() {
        EventStudy.Result m = run(new EventStudySettings("market_adjusted", SETTINGS.estimation(), SETTINGS.event(),
                SETTINGS.carWindows(), SETTINGS.minEstimationDays(), null, null));
        // By hand for S4 and E1 (day 0 = index 30): AR_t = R_it - R_mt; s_i = sample sd (L - 1) of R_i - R_m over
        // indices 5..24; SAR = AR / s_i (C = 1); CAR(-1, 1) = sum of the three ARs.
        double sum = 0, sumSq = 0;
        int l = 0;
        for (int t = 5; t <= 24; t++) {
            double d = RI.get("S4").get(t) - RM.get(t);
            sum += d;
            sumSq += d * d;
            l++;
        }
        double s = Math.sqrt((sumSq - sum * sum / l) / (l - 1));
        Row day0 = m.securityDays().where("event_id = 'E1' and symbol = 'S4' and event_day_offset = 0").first();
        double ar0 = RI.get("S4").get(30) - RM.get(30);
        assertEquals(RM.get(30), day0.<Double>getAs("expected_return"), 1e-15);
        assertEquals(ar0, day0.<Double>getAs("abnormal_return"), 1e-15);
        assertEquals(ar0 / s, day0.<Double>getAs("standardized_ar"), 1e-9);
        Row w = m.securityWindows().where("event_id = 'E1' and symbol = 'S4' and car_window = 'w_m1_1'").first();
        double car = 0;
        for (int t = 29; t <= 31; t++) car += RI.get("S4").get(t) - RM.get(t);
        assertEquals(car, w.<Double>getAs("car"), 1e-15);
        assertEquals(s, w.<Double>getAs("residual_sd"), 1e-12);
        assertEquals(20L, ((Number) w.getAs("estimation_days")).longValue());
        assertNull(w.getAs("beta"), "no parameters are estimated");
        assertEquals(1.0, day0.<Double>getAs("prediction_error_factor"), 0, "nothing is estimated: C = 1");
        Row g = m.groupDays().where("event_id = 'E1' and group_market = 'ALL' and group_industry = 'ALL' and event_day_offset = 0").first();
        assertEquals(g.<Double>getAs("bw1985"), g.<Double>getAs("lamb"), 1e-15, "C_p = 1: Lamb is Brown-Warner 1985");
        ReferenceStatistics ref = new ReferenceStatistics(ReferenceStatistics.Model.MARKET_ADJUSTED, -25, -6, -3, 3);
        Map<Integer, double[]> x = new HashMap<>();
        shift(RM, 30).forEach((t, v) -> x.put(t, new double[]{v}));
        List<ReferenceStatistics.Security> members = new ArrayList<>();
        for (String sym : SYMBOLS) members.add(new ReferenceStatistics.Security(sym, "XTST", shift(RI.get(sym), 30), x));
        assertColumns(ref.group(ReferenceStatistics.included(ref.fitAll(members), SETTINGS.minEstimationDays())).day(0), g, NEW_DAY_STATS,
                "market-adjusted (Patell with nu = L - 1)");
    }

    @Test
    void rbarOfAGroupWithTheSameDaysForEveryMemberIsTheMeanPairwiseCorrelation() {
        // Four securities with ARs on the same 12 estimation days: the one-pass formula must equal the mean of the
        // six pairwise Pearson correlations worked out directly.
        Random rnd = new Random(11);
        int n = 4, days = 12;
        double[][] ar = new double[n][days];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < days; t++) ar[i][t] = 0.01 * rnd.nextGaussian() + (i % 2 == 0 ? 0.004 : -0.002) * Math.sin(t);
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++, pairs++) sum += pearson(ar[i], ar[j]);
        GroupFacts onePass = facts(ar);
        assertEquals(sum / pairs, onePass.rbar, 1e-12, "the one-pass formula");
        assertEquals(6L, onePass.rbarPairs);
        assertEquals(sum / pairs, GroupFacts.pairwise(estimation(ar))[0], 1e-12, "every pair, as for members with different days");

        // One missing day: the members no longer share their days, so every pair over its common days.
        ar[0][3] = Double.NaN;
        double gapSum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                List<Double> x = new ArrayList<>(), y = new ArrayList<>();
                for (int t = 0; t < days; t++) if (!Double.isNaN(ar[i][t]) && !Double.isNaN(ar[j][t])) { x.add(ar[i][t]); y.add(ar[j][t]); }
                gapSum += pearson(x.stream().mapToDouble(d -> d).toArray(), y.stream().mapToDouble(d -> d).toArray());
            }
        }
        GroupFacts withGap = facts(ar);
        assertEquals(gapSum / pairs, withGap.rbar, 1e-12, "pairwise over common days");
        assertEquals(6L, withGap.rbarPairs);
    }

    /** A group of securities with these estimation ARs (and no event-window days). */
    static GroupSums.Estimation estimation(double[][] ar) {
        GroupSums.Estimation e = new GroupSums.Estimation(ar[0].length, ar[0].length + 1, 1);
        for (int i = 0; i < ar.length; i++) e.add("B" + i, ar[i].clone(), new SecurityKernel.Scores(ar[0].length + 1));
        return e;
    }

    static GroupFacts facts(double[][] ar) {
        GroupSums.Cell cell = new GroupSums.Cell(1, 0, ar[0].length, ar[0].length + 1, true);
        cell.estimation.merge(estimation(ar));
        return new GroupFacts(cell, ar[0].length, NormalReturnModel.named("market_model"));
    }

    static double pearson(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int t = 0; t < x.length; t++) { mx += x[t] / x.length; my += y[t] / y.length; }
        double sxy = 0, sxx = 0, syy = 0;
        for (int t = 0; t < x.length; t++) {
            sxy += (x[t] - mx) * (y[t] - my);
            sxx += (x[t] - mx) * (x[t] - mx);
            syy += (y[t] - my) * (y[t] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
