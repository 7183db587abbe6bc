package org.cybermarket.calendar;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.config.MarketSpec;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.cybermarket.testing.Frames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The calendar rule: benchmark days, plus days on which at least half of the listed securities trade; holidays and weekends out. */
class CalendarsTest {
    static final MarketSpec NYSE = new MarketSpec("XNYS", "US", "America/New_York", "16:00", "USD", "SPY", List.of(LocalDate.parse("2024-07-04")));

    @Test
    void aDayTheBenchmarkFileLacksStaysATradingDayWhenTheMembersTrade() {
        // SPY lacks Friday 2024-07-19 (its rows were rejected, say); A, B and C all have a price that day.
        Dataset<Row> prices = frame(PRICES,
                price("XNYS", "SPY", "2024-07-18", 539.88, "etf"), price("XNYS", "SPY", "2024-07-22", 541.82, "etf"),
                price("XNYS", "A", "2024-07-18", 10, "stock"), price("XNYS", "A", "2024-07-19", 11, "stock"), price("XNYS", "A", "2024-07-22", 12, "stock"),
                price("XNYS", "B", "2024-07-18", 20, "stock"), price("XNYS", "B", "2024-07-19", 21, "stock"), price("XNYS", "B", "2024-07-22", 22, "stock"));
        Dataset<Row> calendar = Calendars.derive(SparkTest.spark(), prices, List.of(NYSE));
        assertEquals(List.of(
                        List.of("XNYS", LocalDate.parse("2024-07-18"), 0, "benchmark"),
                        List.of("XNYS", LocalDate.parse("2024-07-19"), 1, "members"),
                        List.of("XNYS", LocalDate.parse("2024-07-22"), 2, "benchmark")),
                rows(calendar, "market", "trade_date", "day_index", "source"));
    }

    @Test
    void aMinorityOfListedSecuritiesTradingIsNotATradingDayButLateListingsDoNotThinEarlyDays() {
        // No benchmark prices at all. C lists only from Wednesday the 17th, so on the 15th and 16th A and B are all that is
        // listed; on Thursday the 18th only A has a (stray) price: 1 of 3 listed. The 4th of July is a configured holiday.
        Dataset<Row> prices = frame(PRICES,
                price("XNYS", "A", "2024-07-04", 9, "stock"), price("XNYS", "B", "2024-07-04", 9, "stock"),
                price("XNYS", "A", "2024-07-15", 10, "stock"), price("XNYS", "B", "2024-07-15", 20, "stock"),
                price("XNYS", "A", "2024-07-16", 10, "stock"), price("XNYS", "B", "2024-07-16", 20, "stock"),
                price("XNYS", "A", "2024-07-17", 10, "stock"), price("XNYS", "B", "2024-07-17", 20, "stock"), price("XNYS", "C", "2024-07-17", 5, "stock"),
                price("XNYS", "A", "2024-07-18", 10, "stock"),
                price("XNYS", "A", "2024-07-19", 10, "stock"), price("XNYS", "B", "2024-07-19", 20, "stock"), price("XNYS", "C", "2024-07-19", 5, "stock"),
                price("XNYS", "A", "2024-07-20", 10, "stock"), price("XNYS", "B", "2024-07-20", 20, "stock")); // a Saturday
        Dataset<Row> calendar = Calendars.derive(SparkTest.spark(), prices, List.of(NYSE));
        assertEquals(List.of(
                        List.of(LocalDate.parse("2024-07-15"), 0, "members"), List.of(LocalDate.parse("2024-07-16"), 1, "members"),
                        List.of(LocalDate.parse("2024-07-17"), 2, "members"), List.of(LocalDate.parse("2024-07-19"), 3, "members")),
                rows(calendar, "trade_date", "day_index", "source"));
    }
}
