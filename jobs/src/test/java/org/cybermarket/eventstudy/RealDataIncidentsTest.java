package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.RealData;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The incident catalogue on the committed real extract (issue 23's done-when): Okta's 2022 disclosure of the LAPSUS$
 * breach gives OKTA's market-model AR on day 0 (estimation [-250, -11] against SPY) and its industry peers' AAR with
 * tests, role-tagged. The numbers are checked against a fit worked out here from the extract's CSV files alone (the
 * closes of OKTA, its peers and SPY; SPY's dates as the New York trading days) and pinned to their printed precision.
 */
class RealDataIncidentsTest {
    static final String OKTA = "okta-2022-03-22";

    static Dataset<Row> read(String name) throws Exception {
        return SparkTest.spark().read().parquet(Outputs.dataset(RealData.incidentsOutput(), name));
    }

    /** Date -> close of one extract file (Date,Close: closes adjusted for later splits and dividends). */
    static TreeMap<String, Double> closes(String symbol) throws Exception {
        TreeMap<String, Double> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(RealData.extract().resolve("us_daily/" + symbol + ".csv"));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            out.put(f[0], Double.parseDouble(f[1]));
        }
        return out;
    }

    /** Simple returns on the trading days (dates) from the previous trading day with a close. */
    static Map<String, Double> returns(TreeMap<String, Double> close, List<String> days) {
        Map<String, Double> out = new TreeMap<>();
        Double prev = null;
        for (String d : days) {
            Double c = close.get(d);
            if (c == null) continue;
            if (prev != null) out.put(d, c / prev - 1);
            prev = c;
        }
        return out;
    }

    /** The market-model AR on day 0 (2022-03-22) with estimation [-250, -11]: {AR, L, beta}. */
    static double[] ar0(String symbol, List<String> days, Map<String, Double> rm) throws Exception {
        Map<String, Double> r = returns(closes(symbol), days);
        int day0 = days.indexOf("2022-03-22");
        List<double[]> xy = new ArrayList<>();
        for (int i = day0 - 250; i <= day0 - 11; i++) {
            String d = days.get(i);
            if (r.containsKey(d) && rm.containsKey(d)) xy.add(new double[]{rm.get(d), r.get(d)});
        }
        double mx = 0, my = 0;
        for (double[] p : xy) {
            mx += p[0] / xy.size();
            my += p[1] / xy.size();
        }
        double sxx = 0, sxy = 0;
        for (double[] p : xy) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        double beta = sxy / sxx, alpha = my - beta * mx;
        String d0 = days.get(day0);
        return new double[]{r.get(d0) - alpha - beta * rm.get(d0), xy.size(), beta};
    }

    static List<String> tradingDays() throws Exception {
        return new ArrayList<>(closes("SPY").keySet());
    }

    @Test
    void oktasMarketModelAbnormalReturnOnDayZeroIsAnIndependentFitsToTenDigits() throws Exception {
        List<String> days = tradingDays();
        double[] ref = ar0("OKTA", days, returns(closes("SPY"), days));
        Row r = read("es_security_days").where("event_id = '" + OKTA + "' and symbol = 'OKTA' and event_day_offset = 0").first();
        assertEquals("target", r.getAs("role"));
        assertEquals("2022-03-22", r.getAs("trade_date").toString(), "09:00 New York time, before the close: day 0 is that Tuesday");
        assertEquals(ref[0], r.<Double>getAs("abnormal_return"), 1e-10, "OKTA's AR on day 0 against the plain-Java fit");
        // Pinned (this test's fit on data/real, 240 estimation days, beta 1.558): OKTA fell 3.42% more than the market model says.
        assertEquals(-0.0342, r.<Double>getAs("abnormal_return"), 0.00005);
        assertEquals(240, (int) ref[1]);
        Row w = read("es_security_windows").where("event_id = '" + OKTA + "' and symbol = 'OKTA' and car_window = 'car_0_0'").first();
        assertEquals(ref[2], w.<Double>getAs("beta"), 1e-10);
        assertEquals(240L, w.<Long>getAs("estimation_days"));
    }

    @Test
    void oktasIndustryPeersAverageARWithItsTestsMatchesTheIndependentFits() throws Exception {
        List<String> days = tradingDays();
        Map<String, Double> rm = returns(closes("SPY"), days);
        List<String> peers = List.of("AKAM", "CHKP", "CRWD", "FTNT", "GEN", "NET", "PANW", "QLYS", "RPD", "S", "TENB", "VRNS", "ZS");
        double[] ar = new double[peers.size()];
        for (int i = 0; i < ar.length; i++) ar[i] = ar0(peers.get(i), days, rm)[0];
        double mean = org.apache.commons.math3.stat.StatUtils.mean(ar);
        double tcs = new org.apache.commons.math3.stat.inference.TTest().t(0, ar);

        List<String> tagged = new ArrayList<>();
        for (Row s : read("es_security_days").where("event_id = '" + OKTA + "' and event_day_offset = 0").orderBy("symbol").collectAsList()) {
            tagged.add(s.getAs("symbol") + ":" + s.getAs("role"));
        }
        List<String> expected = new ArrayList<>();
        for (String p : peers) expected.add(p + ":peer");
        expected.add("OKTA:target");
        expected.sort(String::compareTo);
        assertEquals(expected, tagged, "OKTA as target and every other Cybersecurity stock of XNYS as peer (the ETFs are another industry)");

        Row g = read("es_group_days").where("event_id = '" + OKTA + "' and group_role = 'peer' and group_market = 'ALL'"
                + " and group_industry = 'ALL' and event_day_offset = 0").first();
        assertEquals(13L, g.<Long>getAs("n_securities"));
        assertEquals(mean, g.<Double>getAs("aar"), 1e-10);
        assertEquals(tcs, g.<Double>getAs("t_cs"), 1e-8);
        // Pinned (independent fits above on data/real): the 13 peers rose 2.38% more than expected that day, t = 4.00.
        assertEquals(0.0238, g.<Double>getAs("aar"), 0.00005);
        assertEquals(4.00, g.<Double>getAs("t_cs"), 0.005);
        assertTrue(g.<Double>getAs("p_t_cs") < 0.01, "p of the cross-sectional t: " + g.getAs("p_t_cs"));
    }

    @Test
    void thePooledTargetsAreTheMeanOfEachFirmLevelIncidentsTargetCar() throws Exception {
        List<Row> perEvent = read("es_group_windows").where("group_role = 'target' and group_market = 'ALL' and group_industry = 'ALL'"
                + " and car_window = 'car_0_1'").collectAsList();
        double mean = perEvent.stream().mapToDouble(r -> r.<Double>getAs("caar")).average().orElseThrow();
        Row pooled = read("es_pooled_windows").where("pool = 'firm_level' and role = 'target' and car_window = 'car_0_1'").first();
        assertEquals(perEvent.size(), pooled.<Long>getAs("n_events"));
        assertEquals(mean, pooled.<Double>getAs("mean_caar"), 1e-12);
        assertTrue(pooled.<Long>getAs("n_clusters") < pooled.<Long>getAs("n_events"), "some incidents overlap in time (MSFT 2024-01-19, NET 2024-02-01)");
    }

    @Test
    void theReportSaysWhatThePooledResultShows() throws Exception {
        String html = Files.readString(Outputs.report(RealData.incidentsOutput()).resolve("index.html"));
        // The numbers of es_pooled_windows (firm_level, car_0_1) on data/real, as the report prints them.
        assertTrue(html.contains("Across 13 incidents (pool <code>firm_level</code>), over [0, +1]: peers lost 0.03% (t = -0.04, p = 0.969; "
                + "9 events in 9 clusters); targets lost 4.96% (t = -2.09, p = 0.060; 13 events in 12 clusters).</p>"), html);
        assertTrue(html.contains("<td>okta-2022-03-22</td><td>Okta discloses the LAPSUS$ breach</td>"), "one row per incident");
    }
}
