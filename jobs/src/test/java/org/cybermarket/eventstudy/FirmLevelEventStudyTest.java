package org.cybermarket.eventstudy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.input.InputFileException;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Firm-level events: the catalogue's form (issue 23), the requests it gives (targets, industry peers, market-wide
 * members), exclusions for what cannot be studied, and role as a group dimension, on the frame of
 * {@link EventStudyTest} (market XTST: S1, S2, S3, S5 Cybersecurity, S4 Banks; S5 listed on day 20).
 */
class FirmLevelEventStudyTest {
    /** The issue's example, verbatim, then a peers-none entry naming a peer, a market-wide one and one naming an unknown firm. */
    static final String CATALOGUE = """
            {"events": [
             {"id": "okta-2022-03-22", "name": "Okta discloses the LAPSUS$ breach", "instant": "2022-03-22T13:00:00Z",
              "securities": [{"symbol": "OKTA", "market": "XNYS", "role": "target"}],
              "peers": "industry", "sources": ["..."]},
             {"id": "F1", "name": "S1 breached", "instant": "2024-01-31T12:00:00Z",
              "securities": [{"symbol": "S1", "market": "XTST", "role": "target"}], "peers": "industry", "tags": ["firm-level"]},
             {"id": "F2", "name": "S4 breached, S2 its rival", "instant": "2024-01-31T12:00:00Z",
              "securities": [{"symbol": "s4", "market": "XTST", "role": "target"}, {"symbol": "S2", "market": "XTST", "role": "peer"}],
              "peers": "none"},
             {"id": "M1", "name": "market-wide", "instant": "2024-01-31T12:00:00Z", "markets": ["XTST"], "peers": "none"},
             {"id": "U1", "name": "a firm not in the data", "instant": "2024-01-31T12:00:00Z",
              "securities": [{"symbol": "ZZZ", "market": "XTST", "role": "target"}], "peers": "industry"}
            ]}""";

    static List<Event> events;
    static Dataset<Row> named;

    @BeforeAll
    static void setUp() {
        EventStudyTest.run(); // the market, returns and securities of EventStudyTest
        events = EventCatalogue.parse("incidents.json", CATALOGUE.getBytes(StandardCharsets.UTF_8));
        named = Requests.named(SparkTest.spark(), events.subList(1, events.size()));
    }

    static Dataset<Row> eventDays(Object[]... rows) {
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) out.add(RowFactory.create(r));
        return SparkTest.spark().createDataFrame(out, new StructType().add("event_id", DataTypes.StringType).add("market", DataTypes.StringType)
                .add("day0_index", DataTypes.IntegerType).add("problem", DataTypes.StringType));
    }

    static List<String> rows(Dataset<Row> df, String... columns) {
        List<String> out = new ArrayList<>();
        for (Row r : df.selectExpr(columns).collectAsList()) out.add(r.mkString("|"));
        out.sort(String::compareTo);
        return out;
    }

    @Test
    void theIssuesFormReadsAsATargetWithIndustryPeers() {
        Event okta = events.get(0);
        assertEquals(List.of(new Event.NamedSecurity("OKTA", "XNYS", Role.TARGET)), okta.securities());
        assertEquals(Peers.INDUSTRY, okta.peers());
        assertTrue(okta.firmLevel());
        assertEquals(List.of("XNYS"), okta.marketsStudied(List.of("XSHG", "XNYS")), "studied on its target's market only");
        assertEquals(List.of("XTST"), events.get(3).marketsStudied(List.of("XSHG", "XNYS")), "market-wide: the markets it lists");
        assertFalse(events.get(3).firmLevel());
    }

    @Test
    void catalogueMistakesNameTheEventAndTheProblem() {
        String both = "{\"events\": [{\"id\": \"x\", \"instant\": \"2024-01-31T12:00:00Z\", \"markets\": [\"XTST\"],"
                + " \"securities\": [{\"symbol\": \"S1\", \"market\": \"XTST\", \"role\": \"target\"}]}]}";
        String peersAlone = "{\"events\": [{\"id\": \"y\", \"instant\": \"2024-01-31T12:00:00Z\", \"peers\": \"industry\"}]}";
        String badRole = "{\"events\": [{\"id\": \"z\", \"instant\": \"2024-01-31T12:00:00Z\","
                + " \"securities\": [{\"symbol\": \"S1\", \"market\": \"XTST\", \"role\": \"victim\"}]}]}";
        String noTarget = "{\"events\": [{\"id\": \"w\", \"instant\": \"2024-01-31T12:00:00Z\","
                + " \"securities\": [{\"symbol\": \"S1\", \"market\": \"XTST\", \"role\": \"peer\"}]}]}";
        String badPeers = "{\"events\": [{\"id\": \"v\", \"instant\": \"2024-01-31T12:00:00Z\", \"peers\": \"sector\","
                + " \"securities\": [{\"symbol\": \"S1\", \"market\": \"XTST\", \"role\": \"target\"}]}]}";
        Map<String, String> expected = Map.of(both, "'x': an event lists either 'securities'", peersAlone, "'y': 'peers': 'industry' needs 'securities'",
                badRole, "'z': role 'victim' is not one of [target, peer]", noTarget, "'w': 'securities' names no target",
                badPeers, "'v': 'peers': 'sector' is not one of [industry, none]");
        expected.forEach((json, message) -> {
            var e = assertThrows(InputFileException.class, () -> EventCatalogue.parse("incidents.json", json.getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().startsWith("incidents.json") && e.getMessage().contains(message), e.getMessage());
        });
    }

    @Test
    void targetsNamedPeersIndustryPeersAndMembersBecomeRequestsWithTheirDayZero() {
        Dataset<Row> requests = Requests.all(named, eventDays(new Object[]{"F1", "XTST", 30, null}, new Object[]{"F2", "XTST", 33, null},
                new Object[]{"M1", "XTST", 30, null}, new Object[]{"U1", "XTST", 30, null}), EventStudyTest.inputs.get(1));
        assertEquals(List.of(
                // F1: S1 and the other Cybersecurity names of XTST (S4 is a bank; the index IDX is never studied)
                "F1|S1|target|30", "F1|S2|peer|30", "F1|S3|peer|30", "F1|S5|peer|30",
                // F2: peers none, so the named ones only (the symbol upper-cased as in the master)
                "F2|S2|peer|33", "F2|S4|target|33",
                "M1|S1|member|30", "M1|S2|member|30", "M1|S3|member|30", "M1|S4|member|30", "M1|S5|member|30"),
                rows(requests, "event_id", "symbol", "role", "day0_index"));
    }

    @Test
    void withoutADayZeroOrOutsideTheMasterARequestIsAnExclusionWithItsReason() {
        Dataset<Row> requests = Requests.all(named, eventDays(new Object[]{"F1", "XTST", null, "no trading day of XTST on or after 2025-01-01"},
                new Object[]{"F2", "XTST", 33, null}, new Object[]{"M1", "XTST", 30, null}, new Object[]{"U1", "XTST", 30, null}),
                EventStudyTest.inputs.get(1));
        assertEquals(List.of(
                "F1|S1|target|Cybersecurity|NO_DAY0|no trading day of XTST on or after 2025-01-01",
                "F1|S2|peer|Cybersecurity|NO_DAY0|no trading day of XTST on or after 2025-01-01",
                "F1|S3|peer|Cybersecurity|NO_DAY0|no trading day of XTST on or after 2025-01-01",
                "F1|S5|peer|Cybersecurity|NO_DAY0|no trading day of XTST on or after 2025-01-01",
                "U1|ZZZ|target|null|UNKNOWN_SECURITY|not a member of its market in the security master (indexes are benchmarks, not studied)"),
                rows(Requests.exclusions(requests, named, EventStudyTest.inputs.get(1)), "event_id", "symbol", "role", "industry", "reason_code", "detail"));
        assertEquals(List.of("F2|S2", "F2|S4", "M1|S1", "M1|S2", "M1|S3", "M1|S4", "M1|S5"), rows(Requests.withDay0(requests), "event_id", "symbol"));
    }

    @Test
    void aMarketsOwnBenchmarkIsNotStudiedAgainstItselfAndSaysSo() {
        // As SPY on XNYS in the real data: a listed fund that is also the event study's benchmark of its market.
        Dataset<Row> benchmarks = SparkTest.spark().createDataFrame(List.<Row>of(org.apache.spark.sql.RowFactory.create("XTST", "S4")),
                new org.apache.spark.sql.types.StructType().add("market", org.apache.spark.sql.types.DataTypes.StringType)
                        .add("benchmark_symbol", org.apache.spark.sql.types.DataTypes.StringType));
        Dataset<Row> requests = Requests.all(named, eventDays(new Object[]{"F1", "XTST", 30, null}, new Object[]{"F2", "XTST", 33, null},
                new Object[]{"M1", "XTST", 30, null}, new Object[]{"U1", "XTST", 30, null}), EventStudyTest.inputs.get(1), benchmarks);
        assertEquals(List.of("F1|S1", "F1|S2", "F1|S3", "F1|S5", "F2|S2", "M1|S1", "M1|S2", "M1|S3", "M1|S5"),
                rows(Requests.withDay0(requests), "event_id", "symbol"));
        // Named as a target or a member alike: the benchmark is never studied against itself.
        assertEquals(List.of("F2|S4|target|Banks|IS_BENCHMARK|the market's benchmark in the event study: against itself its abnormal return is zero by construction",
                        "M1|S4|member|Banks|IS_BENCHMARK|the market's benchmark in the event study: against itself its abnormal return is zero by construction",
                        "U1|ZZZ|target|null|UNKNOWN_SECURITY|not a member of its market in the security master (indexes are benchmarks, not studied)"),
                rows(Requests.exclusions(requests, named, EventStudyTest.inputs.get(1)), "event_id", "symbol", "role", "industry", "reason_code", "detail"));
    }

    @Test
    void eachRoleIsAGroupOfItsOwnAndRoleIsNeverAll() {
        Dataset<Row> requests = Requests.withDay0(Requests.all(named, eventDays(new Object[]{"F1", "XTST", 30, null},
                new Object[]{"M1", "XTST", 30, null}), EventStudyTest.inputs.get(1)));
        EventStudy.Result r = EventStudy.runRequests(SparkTest.spark(), EventStudyTest.inputs.get(0), EventStudyTest.inputs.get(1), requests,
                EventStudyTest.inputs.get(3), EventStudyTest.inputs.get(4), EventStudyTest.SETTINGS);
        // S5 (5 estimation days) is excluded, as a peer in F1 and as a member in M1.
        assertEquals(List.of("F1|S5|peer|TOO_FEW_ESTIMATION_DAYS", "M1|S5|member|TOO_FEW_ESTIMATION_DAYS"),
                rows(r.exclusions(), "event_id", "symbol", "role", "reason_code"));
        assertEquals(List.of("F1|ALL|ALL|peer", "F1|ALL|ALL|target", "F1|ALL|Cybersecurity|peer", "F1|ALL|Cybersecurity|target",
                        "F1|XTST|ALL|peer", "F1|XTST|ALL|target", "F1|XTST|Cybersecurity|peer", "F1|XTST|Cybersecurity|target",
                        "M1|ALL|ALL|member", "M1|ALL|Banks|member", "M1|ALL|Cybersecurity|member", "M1|XTST|ALL|member",
                        "M1|XTST|Banks|member", "M1|XTST|Cybersecurity|member"),
                rows(r.groupWindows().where("car_window = 'w_m1_1'"), "event_id", "group_market", "group_industry", "group_role"));

        // The target's group is the target alone; the peers' AAR is the mean of S2's and S3's ARs (reference fits).
        ReferenceEventStudy ref = new ReferenceEventStudy(-25, -6, -3, 3);
        List<ReferenceEventStudy.Fit> fits = EventStudyTest.fits(ref, 30, List.of("S1", "S2", "S3"), null);
        Row target = r.groupDays().where("event_id = 'F1' and group_role = 'target' and group_market = 'ALL' and group_industry = 'ALL'"
                + " and event_day_offset = 0").first();
        assertEquals(1L, target.<Long>getAs("n_securities"));
        assertEquals(fits.get(0).ar.get(0), target.<Double>getAs("aar"), 1e-12, "the target's AR");
        Row peers = r.groupDays().where("event_id = 'F1' and group_role = 'peer' and group_market = 'ALL' and group_industry = 'ALL'"
                + " and event_day_offset = 0").first();
        Map<String, Double> expected = ref.groupDay(fits.subList(1, 3), 0);
        assertEquals(2L, peers.<Long>getAs("n_securities"));
        for (String stat : List.of("aar", "t_cs", "patell", "bmp")) {
            assertEquals(expected.get(stat), peers.<Double>getAs(stat), 1e-10 * Math.max(1, Math.abs(expected.get(stat))), "peers' " + stat);
        }
        // Per-security rows carry the role; the market-wide members' rows are those of EventStudyTest's E1 with role member.
        assertEquals(List.of("S1|target", "S2|peer", "S3|peer"),
                rows(r.securityWindows().where("event_id = 'F1' and car_window = 'w_m1_1'"), "symbol", "role"));
        assertEquals(rows(EventStudyTest.result.securityWindows().where("event_id = 'E1'").drop("event_id", "role"), "*"),
                rows(r.securityWindows().where("event_id = 'M1'").drop("event_id", "role"), "*"));
    }

    @Test
    void aMarketWideEventsGroupsAreTodaysGroupsWithRoleMember() {
        // EventStudyTest's events are market-wide: every group row has role member and each (market, industry) once.
        Dataset<Row> days = EventStudyTest.result.groupDays();
        assertEquals(List.of("member"), rows(days.select("group_role").distinct(), "group_role"));
        assertEquals(days.count(), days.select("event_id", "group_market", "group_industry", "event_day_offset").distinct().count());
    }
}
