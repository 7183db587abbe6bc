package org.cybermarket.eventstudy;

import org.cybermarket.calendar.TradingCalendar;
import org.cybermarket.config.MarketSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DayZeroTest {
    static final MarketSpec SHANGHAI = new MarketSpec("XSHG", "CN", "Asia/Shanghai", "15:00", "CNY", null, null);
    static final MarketSpec NEW_YORK = new MarketSpec("XNYS", "US", "America/New_York", "16:00", "USD", null, null);
    static final TradingCalendar DAYS = new TradingCalendar("any", List.of(LocalDate.parse("2024-07-18"), LocalDate.parse("2024-07-19"),
            LocalDate.parse("2024-07-22"), LocalDate.parse("2024-07-23")));

    static Event at(String instant, Map<String, LocalDate> overrides) {
        return new Event("e", "e", Instant.parse(instant), null, null, overrides, null);
    }

    @Test
    void theOutageCameBeforeBothClosesSoDayZeroIsFridayOnBothMarkets() {
        // 04:09Z = 12:09 in Shanghai (lunch break, before the 15:00 close) and 00:09 in New York (before the open).
        Event outage = at("2024-07-19T04:09:00Z", null);
        assertEquals(LocalDate.parse("2024-07-19"), DayZero.of(outage, SHANGHAI, DAYS).day0());
        assertEquals(LocalDate.parse("2024-07-19"), DayZero.of(outage, NEW_YORK, DAYS).day0());
    }

    @Test
    void anEventAfterTheCloseMovesToTheNextTradingDay() {
        Event late = at("2024-07-19T07:30:00Z", null); // 15:30 in Shanghai, 03:30 in New York
        assertEquals(LocalDate.parse("2024-07-22"), DayZero.of(late, SHANGHAI, DAYS).day0());
        assertEquals(LocalDate.parse("2024-07-19"), DayZero.of(late, NEW_YORK, DAYS).day0());
        assertEquals("after close: next trading day", DayZero.of(late, SHANGHAI, DAYS).rule());
    }

    @Test
    void anEventOnANonTradingDayMovesToTheNextTradingDay() {
        Event weekend = at("2024-07-20T10:00:00Z", null);
        assertEquals(LocalDate.parse("2024-07-22"), DayZero.of(weekend, SHANGHAI, DAYS).day0());
        assertEquals("non-trading day: next trading day", DayZero.of(weekend, SHANGHAI, DAYS).rule());
    }

    @Test
    void anOverrideWinsButMustBeATradingDay() {
        assertEquals(LocalDate.parse("2024-07-22"),
                DayZero.of(at("2024-07-19T04:09:00Z", Map.of("XSHG", LocalDate.parse("2024-07-22"))), SHANGHAI, DAYS).day0());
        DayZero.Result bad = DayZero.of(at("2024-07-19T04:09:00Z", Map.of("XSHG", LocalDate.parse("2024-07-21"))), SHANGHAI, DAYS);
        assertNull(bad.day0());
        assertTrue(bad.problem().contains("not a trading day"), bad.problem());
    }

    @Test
    void anEventPastTheDataHasNoDayZeroAndSaysWhy() {
        // Tuesday 2024-07-23 17:00 in Shanghai: after the close of the last day of data.
        DayZero.Result r = DayZero.of(at("2024-07-23T09:00:00Z", null), SHANGHAI, DAYS);
        assertEquals(new DayZero.Result(null, "after the data", "day 0 (after close: next trading day from 2024-07-23 in Asia/Shanghai) "
                + "would be after the last trading day of XSHG in the data (2024-07-23)"), r);
    }

    @Test
    void anEventBeforeTheDataHasNoDayZeroInsteadOfTheFirstDayOfData() {
        DayZero.Result r = DayZero.of(at("1990-03-05T14:00:00Z", null), NEW_YORK, DAYS);
        assertEquals(new DayZero.Result(null, "before the data", "the event (1990-03-05 in America/New_York) is before the first "
                + "trading day of XNYS in the data (2024-07-18)"), r);
    }

    @Test
    void theCatalogueRejectsAnInstantWithoutAZoneNamingTheEvent() {
        String json = "{\"events\": [{\"id\": \"ok\", \"instant\": \"2024-07-19T04:09:00Z\"}, {\"id\": \"naive\", \"instant\": \"2024-07-19T04:09\"}]}";
        var e = assertThrows(org.cybermarket.input.InputFileException.class, () -> EventCatalogue.parse("events.json", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("events.json: event #2 'naive': instant '2024-07-19T04:09' has no zone or offset (write 2024-07-19T04:09:00Z)", e.getMessage());
    }

    @Test
    void theCatalogueRejectsIdsThatCouldEscapeTheOutputFolder() {
        String json = "{\"events\": [{\"id\": \"../../etc\", \"instant\": \"2024-07-19T04:09:00Z\"}]}";
        var e = assertThrows(org.cybermarket.input.InputFileException.class, () -> EventCatalogue.parse("events.json", json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("must be 1-80 letters, digits"), e.getMessage());
    }

    @Test
    void zonedInstantsAreAccepted() {
        String json = "{\"events\": [{\"id\": \"z\", \"instant\": \"2024-07-19T12:09:00+08:00[Asia/Shanghai]\"}]}";
        assertEquals(Instant.parse("2024-07-19T04:09:00Z"), EventCatalogue.parse("e.json", json.getBytes(StandardCharsets.UTF_8)).get(0).instant());
    }
}
