package org.cybermarket.sectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.calendar.Calendars;
import org.cybermarket.config.MarketSpec;
import org.cybermarket.returns.Returns;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.cybermarket.testing.Frames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Sector returns on a week small enough to check by hand (2024-07-15 Mon to 07-19 Fri):
 * CN has a holiday on Wed 17th, US on Thu 18th; D (Steel, the only member) is suspended on the 16th;
 * A has a stray price on the CN holiday; on the 19th Cybersecurity and Banks tie. Industries need two members
 * to be ranked, so Steel and the US (one member each) are listed unranked.
 */
class SectorReturnsTest {
    static Dataset<Row> returns;
    static Dataset<Row> sectors;

    @BeforeAll
    static void build() {
        List<MarketSpec> markets = List.of(
                new MarketSpec("XSHG", "CN", "Asia/Shanghai", "15:00", "CNY", "IDXC", null),
                new MarketSpec("XNYS", "US", "America/New_York", "16:00", "USD", "IDXU", null));
        Dataset<Row> prices = frame(PRICES,
                price("XSHG", "IDXC", "2024-07-15", 100, "index"), price("XSHG", "IDXC", "2024-07-16", 101, "index"),
                price("XSHG", "IDXC", "2024-07-18", 102, "index"), price("XSHG", "IDXC", "2024-07-19", 101, "index"),
                price("XSHG", "A", "2024-07-15", 10, "stock"), price("XSHG", "A", "2024-07-16", 11, "stock"),
                price("XSHG", "A", "2024-07-17", 10.5, "stock"), // on the CN holiday: off calendar
                price("XSHG", "A", "2024-07-18", 12.1, "stock"), price("XSHG", "A", "2024-07-19", 12.1, "stock"),
                price("XSHG", "B", "2024-07-15", 20, "stock"), price("XSHG", "B", "2024-07-16", 20, "stock"),
                price("XSHG", "B", "2024-07-18", 21, "stock"), price("XSHG", "B", "2024-07-19", 21, "stock"),
                price("XSHG", "C", "2024-07-15", 5, "stock"), price("XSHG", "C", "2024-07-16", 5.5, "stock"),
                price("XSHG", "C", "2024-07-18", 5.5, "stock"), price("XSHG", "C", "2024-07-19", 5.5, "stock"),
                price("XSHG", "E", "2024-07-15", 4, "stock"), price("XSHG", "E", "2024-07-16", 4.4, "stock"),
                price("XSHG", "E", "2024-07-18", 4.4, "stock"), price("XSHG", "E", "2024-07-19", 4.4, "stock"),
                price("XSHG", "D", "2024-07-15", 8, "stock"), price("XSHG", "D", "2024-07-18", 8.8, "stock"),
                price("XNYS", "IDXU", "2024-07-15", 50, "index"), price("XNYS", "IDXU", "2024-07-16", 50.5, "index"),
                price("XNYS", "IDXU", "2024-07-17", 51, "index"), price("XNYS", "IDXU", "2024-07-19", 50, "index"),
                price("XNYS", "U1", "2024-07-15", 100, "stock"), price("XNYS", "U1", "2024-07-16", 101, "stock"),
                price("XNYS", "U1", "2024-07-17", 102, "stock"), price("XNYS", "U1", "2024-07-19", 96.9, "stock"));
        Dataset<Row> securities = frame(SECURITIES,
                security("A", "XSHG", "CN", "Cybersecurity", 100.0), security("B", "XSHG", "CN", "Cybersecurity", 300.0),
                security("C", "XSHG", "CN", "Banks", 50.0), security("E", "XSHG", "CN", "Banks", null),
                security("D", "XSHG", "CN", "Steel", null), security("U1", "XNYS", "US", "Cybersecurity", 10.0));
        Dataset<Row> calendar = Calendars.derive(SparkTest.spark(), prices, markets);
        returns = Returns.withDailyReturn(prices, calendar).cache();
        Dataset<Row> spec = SparkTest.spark().createDataFrame(List.of(RowFactory.create("CN", "XSHG", "IDXC"), RowFactory.create("US", "XNYS", "IDXU")),
                new StructType().add("region", DataTypes.StringType).add("market", DataTypes.StringType).add("benchmark_symbol", DataTypes.StringType));
        sectors = SectorReturns.daily(SectorReturns.withMembership(returns, securities), SectorReturns.benchmarkReturns(returns, spec), 2).cache();
    }

    @Test
    void eachMarketKeepsItsOwnHolidays() {
        assertRows(List.of(
                List.of("XNYS", "2024-07-15", 0), List.of("XNYS", "2024-07-16", 1), List.of("XNYS", "2024-07-17", 2), List.of("XNYS", "2024-07-19", 3),
                List.of("XSHG", "2024-07-15", 0), List.of("XSHG", "2024-07-16", 1), List.of("XSHG", "2024-07-18", 2), List.of("XSHG", "2024-07-19", 3)),
                rows(Calendars.derive(SparkTest.spark(), returns.selectExpr("market", "symbol", "trade_date", "kind"),
                        List.of(new MarketSpec("XSHG", "CN", "Asia/Shanghai", "15:00", "CNY", "IDXC", null),
                                new MarketSpec("XNYS", "US", "America/New_York", "16:00", "USD", "IDXU", null))),
                        "market", "cast(trade_date as string)", "day_index"), 0);
    }

    @Test
    void returnsSpanSuspensionsAndSkipPricesOffTheCalendar() {
        assertRows(List.of(
                        List.of("A", "2024-07-15", true), List.of("A", "2024-07-16", true, 1, 0.1),
                        List.of("A", "2024-07-17", false), List.of("A", "2024-07-18", true, 1, 0.1), List.of("A", "2024-07-19", true, 1, 0.0),
                        List.of("D", "2024-07-15", true), List.of("D", "2024-07-18", true, 2, 0.1),
                        List.of("U1", "2024-07-19", true, 1, -0.05)),
                rows(returns.where("symbol in ('A', 'D') or (symbol = 'U1' and trade_date = '2024-07-19')"),
                        "symbol", "cast(trade_date as string)", "on_calendar", "gap_days", "simple_return").stream()
                        .map(r -> r.stream().filter(java.util.Objects::nonNull).toList()).toList(), 1e-12);
    }

    @Test
    void sectorReturnsWeightsBreadthAndRanksMatchTheHandWorkedWeek() {
        double cw16 = (0.1 * 10 * 100) / (10 * 100 + 20 * 300);          // previous-day caps: A 1000, B 6000
        double cw18 = (0.1 * 11 * 100 + 0.05 * 20 * 300) / (11 * 100 + 20 * 300);
        assertRows(List.of(
                        List.of("CN", "2024-07-16", "Banks", 2, 0.10, 0.10, 1, 1.0, true, 1, 2, 0.09),
                        List.of("CN", "2024-07-16", "Cybersecurity", 2, 0.05, cw16, 2, 0.5, true, 2, 2, 0.04),
                        List.of("CN", "2024-07-18", "Banks", 2, 0.0, 0.0, 1, 0.0, true, 2, 2, 0.0 - (102.0 / 101 - 1)),
                        List.of("CN", "2024-07-18", "Cybersecurity", 2, 0.075, cw18, 2, 1.0, true, 1, 2, 0.075 - (102.0 / 101 - 1)),
                        List.of("CN", "2024-07-19", "Banks", 2, 0.0, 0.0, 1, 0.0, true, 1, 2, 0.0 - (101.0 / 102 - 1)),
                        List.of("CN", "2024-07-19", "Cybersecurity", 2, 0.0, 0.0, 2, 0.0, true, 1, 2, 0.0 - (101.0 / 102 - 1)),
                        Arrays.asList("US", "2024-07-16", "Cybersecurity", 1, 0.01, 0.01, 1, 1.0, false, null, 0, 0.0),
                        Arrays.asList("US", "2024-07-17", "Cybersecurity", 1, 102.0 / 101 - 1, 102.0 / 101 - 1, 1, 1.0, false, null, 0, (102.0 / 101 - 1) - (51 / 50.5 - 1)),
                        Arrays.asList("US", "2024-07-19", "Cybersecurity", 1, -0.05, -0.05, 1, 0.0, false, null, 0, -0.05 - (50 / 51.0 - 1))),
                rows(sectors.where("industry <> 'Steel'"), "region", "cast(trade_date as string)", "industry", "member_count", "ew_return",
                        "cw_return", "cw_member_count", "up_share", "ranked", "rank_ew", "industries_ranked", "excess_ew_return"), 1e-12);
    }

    @Test
    void aOneMemberIndustryIsListedUnrankedAndHasNoCapWeightWithoutShares() {
        Row steel = sectors.where("industry = 'Steel'").first();
        assertEquals("2024-07-18", steel.getAs("trade_date").toString());
        assertEquals(1L, ((Number) steel.getAs("member_count")).longValue());
        assertEquals(0.1, steel.<Double>getAs("ew_return"), 1e-12);
        assertNull(steel.getAs("cw_return"));
        assertEquals(false, steel.getAs("ranked"), "one member, two needed");
        assertNull(steel.getAs("rank_ew"));
        assertEquals(2L, ((Number) steel.getAs("industries_ranked")).longValue(), "Banks (0.0) and Cybersecurity (+7.5%) are ranked; Steel's +10% is not among them");
        assertEquals(2, (int) steel.<Integer>getAs("max_gap_days"), "its return spans the suspension");
    }

    @Test
    void windowReturnsCompoundDailyReturnsOverAnyRange() {
        // A: +10% on the 16th and +10% on the 18th -> 1.1 * 1.1 - 1 = 0.21; D: one return (+10%, spanning its suspension).
        assertRows(List.of(List.of("A", 0.21, 2), List.of("D", 0.1, 1)),
                rows(Returns.windowReturns(returns, java.time.LocalDate.parse("2024-07-16"), java.time.LocalDate.parse("2024-07-18"))
                        .where("symbol in ('A', 'D')"), "symbol", "window_return", "return_days"), 1e-12);
        // CN industries 16th-19th: Cybersecurity 1.05 * 1.075 * 1.0 - 1 = 0.12875; Banks 1.1 * 1 * 1 - 1 = 0.1; Steel 0.1 (one day).
        assertRows(List.of(List.of("Banks", 0.1, 3, 2), List.of("Cybersecurity", 0.12875, 3, 1), List.of("Steel", 0.1, 1, 2)),
                rows(SectorReturns.windowReturns(sectors, java.time.LocalDate.parse("2024-07-16"), java.time.LocalDate.parse("2024-07-19"))
                        .where("region = 'CN'"), "industry", "ew_window_return", "days", "rank_ew"), 1e-12);
    }
}
